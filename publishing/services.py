"""Writes of the publishing procedure (R3): who may do what in which agency's tree."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from publishing.models import AgencyGroup, AgencyRole

# Page permissions each role holds on its own agency's tree only (R2.2, R3).
ROLE_PAGE_PERMISSIONS = {
    # Editors add and change; they can never publish, schedule or unpublish.
    AgencyRole.EDITORS: ["add_page", "change_page"],
    # The working group reviews and may correct a draft or its information class before approving.
    AgencyRole.WORKING_GROUP: ["change_page"],
    AgencyRole.ADMINISTRATORS: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
    AgencyRole.EXECUTIVES: [],
}

ROLE_COLLECTION_PERMISSIONS = {
    AgencyRole.EDITORS: [
        "add_document",
        "change_document",
        "choose_document",
        "add_image",
        "change_image",
        "choose_image",
    ],
    AgencyRole.WORKING_GROUP: ["choose_document", "choose_image"],
    AgencyRole.ADMINISTRATORS: [
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
        "add_image",
        "change_image",
        "choose_image",
        "delete_image",
    ],
    AgencyRole.EXECUTIVES: [],
}


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _permission_for(codename: str) -> Permission:
    app_label = {"document": "wagtaildocs", "image": "wagtailimages", "page": "wagtailcore"}[codename.rsplit("_", 1)[1]]
    return _permission(app_label, codename)


@transaction.atomic
def agency_groups_ensure(site: Site, agency_name: str, collection: Collection) -> dict[str, Group]:
    """Create, or bring back in line, the agency's four groups with permissions scoped to its own tree.

    Idempotent: run again, it adds what is missing and removes page or collection permissions that a role should
    not have on this agency's tree, and never touches another agency's groups.
    """
    home: Page = site.root_page
    access_admin = _permission("wagtailadmin", "access_admin")
    groups = {}
    for role in AgencyRole:
        link = AgencyGroup.objects.filter(site=site, role=role).select_related("group").first()
        name = f"{role.label} — {agency_name}"
        if link is None:
            group, _ = Group.objects.get_or_create(name=name)
            AgencyGroup.objects.create(site=site, role=role, group=group)
        else:
            group = link.group
            if group.name != name:
                group.name = name
                group.save(update_fields=["name"])
        group.permissions.add(access_admin)

        wanted_pages = {_permission_for(c).pk for c in ROLE_PAGE_PERMISSIONS[role]}
        GroupPagePermission.objects.filter(group=group, page=home).exclude(permission_id__in=wanted_pages).delete()
        for permission_id in wanted_pages:
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission_id=permission_id)

        wanted_collections = {_permission_for(c).pk for c in ROLE_COLLECTION_PERMISSIONS[role]}
        GroupCollectionPermission.objects.filter(group=group, collection=collection).exclude(
            permission_id__in=wanted_collections
        ).delete()
        for permission_id in wanted_collections:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission_id=permission_id
            )
        groups[role.value] = group
    return groups
