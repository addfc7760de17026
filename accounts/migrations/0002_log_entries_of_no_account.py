"""Audit-log entries about a user name that is no account (a failed sign-in with an unknown name) were written with
the object id "-", which Wagtail's site history report read as a user's id and failed on (a 500 for the superuser):
they now carry "0", which no account has."""

from django.db import migrations


def renumber(apps, schema_editor):
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ModelLogEntry.objects.filter(object_id="-").update(object_id="0")


def back(apps, schema_editor):
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ModelLogEntry.objects.filter(object_id="0").update(object_id="-")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_user_sessions"), ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes")]

    operations = [migrations.RunPython(renumber, back)]
