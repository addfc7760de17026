"""Give every person and unit its agency, and make the agency's data live with a first revision.

A person goes to the agency whose pages name them; a unit to the agency whose pages (or inline rows) use it, else
its parent's; anything unused to the default site. A row used by two agencies is copied so that each agency has its
own, and that agency's references are repointed to its copy. A unit whose parent belongs to another agency gets
that agency's copy of the parent. Every person, unit and agency-settings row without a revision gets a first,
published one, so that its history, revisions and comparisons work.

References are found in the historical models (every foreign key to a unit or person, on a page or on a page's
inline rows), so page types of every app are covered. Draft page revisions are left as they are: a draft naming
another agency's person is refused by the page form when next edited. The reverse leaves the rows (and copies)
as they are.
"""

from django.db import migrations
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields

AGENCY_DATA = [("disclosure", "Person", "name"), ("core", "OrganisationUnit", "name"), ("core", "AgencySettings", "name_th")]


def _sites(apps):
    Site = apps.get_model("wagtailcore", "Site")
    sites = list(Site.objects.select_related("root_page").order_by("-is_default_site", "pk"))
    # The deepest root first, should one agency's tree ever sit inside another's.
    roots = sorted(((site.root_page.path, site.pk) for site in sites), key=lambda item: -len(item[0]))

    def site_for_path(path):
        return next((pk for root_path, pk in roots if path and path.startswith(root_path)), None)

    order = {site.pk: n for n, site in enumerate(sites)}
    return (sites[0].pk if sites else None), site_for_path, order


def _path_lookup(model):
    """How to reach the page path from a row of ``model``: the page itself, or the page its row belongs to."""
    names = {field.name for field in model._meta.get_fields()}
    if "path" in names and "depth" in names:
        return "path"
    for field in model._meta.concrete_fields:
        if field.many_to_one and field.related_model is not None:
            related_names = {f.name for f in field.related_model._meta.get_fields()}
            if "path" in related_names and "depth" in related_names:
                return f"{field.name}__path"
    return None


def _usage(apps, target, site_for_path):
    """``{target pk: {site pk: [(model, attname, row pk), ...]}}`` for every page or page row naming ``target``."""
    usage = {}
    for model in apps.get_models():
        lookup = _path_lookup(model)
        if lookup is None:
            continue
        for field in model._meta.concrete_fields:
            if not (field.many_to_one and field.related_model is target):
                continue
            rows = model._base_manager.filter(**{f"{field.attname}__isnull": False}).values_list(
                "pk", field.attname, lookup
            )
            for row_pk, target_pk, path in rows:
                site_id = site_for_path(path)
                if site_id is not None:
                    usage.setdefault(target_pk, {}).setdefault(site_id, []).append((model, field.attname, row_pk))
    return usage


def _repoint(refs, new_pk):
    for model, attname, row_pk in refs:
        model._base_manager.filter(pk=row_pk).update(**{attname: new_pk})


def people_to_agencies(apps, default, site_for_path, order):
    Person = apps.get_model("disclosure", "Person")
    usage = _usage(apps, Person, site_for_path)
    for person in Person.objects.filter(site__isnull=True).order_by("pk"):
        used = sorted(usage.get(person.pk, {}), key=order.get)
        person.site_id = used[0] if used else default
        person.save(update_fields=["site"])
        for site_id in used[1:]:
            copy = Person.objects.get(pk=person.pk)
            copy.pk = None
            copy.site_id = site_id
            copy.save()
            _repoint(usage[person.pk][site_id], copy.pk)


def units_to_agencies(apps, default, site_for_path, order):
    Unit = apps.get_model("core", "OrganisationUnit")
    usage = _usage(apps, Unit, site_for_path)
    units = {unit.pk: unit for unit in Unit.objects.filter(site__isnull=True).order_by("pk")}
    known = dict(Unit.objects.filter(site__isnull=False).values_list("pk", "site_id"))

    def primary(pk, seen=()):
        if pk in known:
            return known[pk]
        unit = units.get(pk)
        if unit is None:
            return default
        used = sorted(usage.get(pk, {}), key=order.get)
        if used:
            site_id = used[0]
        elif unit.parent_id and unit.parent_id not in seen:
            site_id = primary(unit.parent_id, (*seen, pk))
        else:
            site_id = default
        known[pk] = site_id
        return site_id

    for pk, unit in units.items():
        unit.site_id = primary(pk)
        unit.save(update_fields=["site"])

    copies = {}

    def unit_for_site(pk, site_id):
        """``pk`` itself when it is ``site_id``'s, else that agency's copy of it (made once, with its parents)."""
        if known.get(pk) == site_id:
            return pk
        if (pk, site_id) not in copies:
            copy = Unit.objects.get(pk=pk)
            parent_id = copy.parent_id
            copy.pk, copy.site_id, copy.parent_id = None, site_id, None
            copy.save()
            copies[(pk, site_id)] = copy.pk
            known[copy.pk] = site_id
            if parent_id:
                copy.parent_id = unit_for_site(parent_id, site_id)
                copy.save(update_fields=["parent"])
        return copies[(pk, site_id)]

    for pk, unit in units.items():
        for site_id in sorted(usage.get(pk, {}), key=order.get)[1:]:
            _repoint(usage[pk][site_id], unit_for_site(pk, site_id))
    for unit in Unit.objects.filter(pk__in=list(units)).exclude(parent__isnull=True):
        if known.get(unit.parent_id) != unit.site_id:
            unit.parent_id = unit_for_site(unit.parent_id, unit.site_id)
            unit.save(update_fields=["parent"])


def first_revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    now = timezone.now()
    for app_label, model_name, title_field in AGENCY_DATA:
        model = apps.get_model(app_label, model_name)
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name.lower())
        for obj in model.objects.filter(latest_revision__isnull=True):
            obj.live, obj.has_unpublished_changes = True, False
            obj.first_published_at = obj.first_published_at or now
            obj.last_published_at = obj.last_published_at or now
            revision = Revision.objects.create(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(obj.pk),
                created_at=now,
                object_str=getattr(obj, title_field) or "",
                content=get_serializable_data_for_fields(obj),
            )
            obj.latest_revision, obj.live_revision = revision, revision
            obj.save(
                update_fields=[
                    "live",
                    "has_unpublished_changes",
                    "first_published_at",
                    "last_published_at",
                    "latest_revision",
                    "live_revision",
                ]
            )


def forwards(apps, schema_editor):
    default, site_for_path, order = _sites(apps)
    Person = apps.get_model("disclosure", "Person")
    Unit = apps.get_model("core", "OrganisationUnit")
    if default is None and (Person.objects.exists() or Unit.objects.exists()):
        raise RuntimeError("People and units need an agency: create a Site (manage.py setup_agency) and migrate again.")
    people_to_agencies(apps, default, site_for_path, order)
    units_to_agencies(apps, default, site_for_path, order)
    first_revisions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_agency_data_under_workflow"),
        ("disclosure", "0005_person_under_agency_workflow"),
        ("home", "0002_news_urgent_until_map_url_length"),
        ("services", "0003_ita_items_replace_free_codes"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
