"""Setting up an agency: its site, home page and skeleton, collection, groups, workflow and ITA permissions."""

from django.apps import apps
from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Collection, Page, Site

from agencies.skeleton import IN_MENU, SKELETON
from core.models import AgencySettings, agency_data_publish
from oversight.services import ita_registry_permissions_grant
from publishing.services import agency_groups_ensure, agency_workflow_ensure


def _remove_wagtail_welcome_page() -> None:
    """Drop the 'Welcome to your new Wagtail site!' page and its Site that Wagtail's first migration creates."""
    for page in Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore"):
        if not page.get_children().exists():
            Site.objects.filter(root_page=page).delete()
            page.delete()


def _remove_wagtail_default_procedure() -> None:
    """Drop what Wagtail's migrations make for a generic site and an agency never uses: the English groups
    "Editors" and "Moderators" (only while nobody is in them) and the "Moderators approval" workflow and task on the
    tree's root (only while nothing ever went through them). Each agency has its own four groups and workflow."""
    from django.contrib.auth.models import Group

    from wagtail.models import Task, TaskState, Workflow, WorkflowState

    workflow = Workflow.objects.filter(name="Moderators approval").first()
    if workflow is not None and not WorkflowState.objects.filter(workflow=workflow).exists():
        tasks = [task.pk for task in workflow.tasks.all()]
        workflow.delete()
        for task in Task.objects.filter(pk__in=tasks, name="Moderators approval"):
            if not TaskState.objects.filter(task=task).exists() and not task.workflow_tasks.exists():
                task.delete()
    for name in ("Editors", "Moderators"):
        group = Group.objects.filter(name=name).first()
        if group is not None and not group.user_set.exists():
            group.delete()


@transaction.atomic
def agency_setup(name_th: str, name_en: str, hostname: str, port: int = 80, default: bool | None = None) -> Site:
    """Create, or complete, an agency's site: home page, the skeleton of every category, collection, groups and
    the publishing workflow on its tree.

    Idempotent: the Site is found by hostname and port; pages are found by slug under its home page, and only
    the missing ones are created, so editors' changes survive a second run. ``default`` makes the site the one
    served for unknown host names (the first agency gets it when no other site has it).
    """
    from home.models import HomePage

    _remove_wagtail_welcome_page()
    _remove_wagtail_default_procedure()
    site = Site.objects.filter(hostname=hostname, port=port).select_related("root_page").first()
    if site is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title=name_th, slug=_unique_root_slug(name_en or hostname)))
        home.save_revision().publish()
        is_default = default if default is not None else not Site.objects.filter(is_default_site=True).exists()
        if is_default:
            Site.objects.filter(is_default_site=True).update(is_default_site=False)
        site = Site.objects.create(
            hostname=hostname, port=port, root_page=home, site_name=name_th, is_default_site=is_default
        )
    else:
        home = site.root_page.specific
        if default and not site.is_default_site:
            Site.objects.filter(is_default_site=True).update(is_default_site=False)
            site.is_default_site = True
            site.save(update_fields=["is_default_site"])

    # The agency's details change through its workflow; set-up only makes the first, live version.
    settings = AgencySettings.objects.filter(site=site).first()
    if settings is None:
        settings = AgencySettings(site=site, name_th=name_th, name_en=name_en)
    if settings.latest_revision_id is None:
        agency_data_publish(settings)

    existing = set(home.get_children().values_list("slug", flat=True))
    for spec in SKELETON:
        if spec["slug"] in existing:
            continue
        model = apps.get_model(spec["model"])
        fields = {key: value for key, value in spec.items() if key not in ("model", "slug", "title")}
        page = model(title=spec["title"], slug=spec["slug"], show_in_menus=spec["slug"] in IN_MENU, **fields)
        home.add_child(instance=page)
        page.save_revision().publish()

    if settings.collection_id is None:
        # Not part of the details the workflow reviews: revisions never change it (AgencySettings.with_content_json).
        settings.collection = Collection.get_first_root_node().add_child(name=name_th)
        settings.save(update_fields=["collection"])
    groups = agency_groups_ensure(site, name_th, settings.collection)
    ita_registry_permissions_grant(groups["administrators"])
    agency_workflow_ensure(site, name_th, groups)
    return site


def _unique_root_slug(name: str) -> str:
    base = slugify(name) or "agency"
    slug, n = base, 2
    while Page.objects.filter(depth=2, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
