"""The agencies' website administrators read the successions of ITA items (which item of a new year takes over which
of the last), as they read the rest of the national registry; only superusers change them
(``oversight.services.ita_registry_permissions_grant``, which ``setup_agency`` runs for new agencies)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def forwards(apps, schema_editor):
    # The model's permissions are made after the whole migration run; an upgrade needs them now.
    app_config = apps.get_app_config("oversight")
    app_config.models_module = True  # the migration state's app config has none: create_permissions skips it then
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    AgencyGroup = apps.get_model("publishing", "AgencyGroup")
    view = Permission.objects.filter(content_type__app_label="oversight", codename="view_itaitemsuccessor")
    for link in AgencyGroup.objects.filter(role="administrators").select_related("group"):
        link.group.permissions.add(*view)


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0011_ship_oit_2568_2569"),
        ("publishing", "0006_checklist_task_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
