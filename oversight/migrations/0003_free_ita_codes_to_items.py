"""The content model's free ITA codes ("O1, O3") become references to the items of OIT 2566 (the list the codes were
typed for). A code that OIT 2566 does not have is dropped; the page's free text is removed in the next migrations."""

from django.db import migrations


def codes_to_items(apps, schema_editor):
    ItaItem = apps.get_model("oversight", "ItaItem")
    PageItaItem = apps.get_model("oversight", "PageItaItem")
    items = {item.code: item.pk for item in ItaItem.objects.filter(framework__name="OIT 2566", framework__agency_type="")}
    for model in apps.get_models():
        if "ita_codes" not in {field.name for field in model._meta.get_fields()}:
            continue
        for page_id, codes in model.objects.exclude(ita_codes="").values_list("pk", "ita_codes"):
            for order, code in enumerate(code.strip().upper() for code in codes.split(",")):
                if code in items:
                    PageItaItem.objects.get_or_create(page_id=page_id, item_id=items[code], defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0002_seed_ita_frameworks"),
        ("disclosure", "0003_seed_official_info_categories"),
        ("services", "0002_citizens_manual"),
    ]

    operations = [migrations.RunPython(codes_to_items, migrations.RunPython.noop)]
