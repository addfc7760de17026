"""The ITA registry is national: agencies' groups keep reading it, and only superusers change it
(``oversight.services.ita_registry_permissions_grant``, which ``setup_agency`` runs)."""

from django.db import migrations

READ = ["view_itaframework", "view_itaitem"]
WRITE = [f"{action}_{model}" for action in ("add", "change", "delete") for model in ("itaframework", "itaitem")]


def forwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    AgencyGroup = apps.get_model("publishing", "AgencyGroup")
    registry = Permission.objects.filter(content_type__app_label="oversight")
    write, read = list(registry.filter(codename__in=WRITE)), list(registry.filter(codename__in=READ))
    for link in AgencyGroup.objects.select_related("group"):
        link.group.permissions.remove(*write)
        if link.role == "administrators":
            link.group.permissions.add(*read)


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    AgencyGroup = apps.get_model("publishing", "AgencyGroup")
    registry = Permission.objects.filter(
        content_type__app_label="oversight",
        codename__in=["add_itaframework", "change_itaframework", "add_itaitem", "change_itaitem"],
    )
    for link in AgencyGroup.objects.filter(role="administrators").select_related("group"):
        link.group.permissions.add(*registry)


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0006_classed_index_pages"),
        ("publishing", "0006_checklist_task_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
