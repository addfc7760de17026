"""A member who is deactivated, or who leaves an agency (removed from the last of its groups), is out at once:

- every session they have ends (``accounts.sessions.sessions_end``), so no open browser keeps working;
- the locks they hold are released (pages, and the agency's people, units and details), each release in the
  audit log as Wagtail's own "unlocked", so that the others can edit again;
- what they submitted stays in the workflow: the request goes on to the working group and the administrators as
  before, and the record still names them as the requester. Tasks are given to groups, never to a person, so none
  is stranded; out of the groups they can no longer act on any (Wagtail checks the group at each action), and
  deactivated they can no longer sign in or receive mail."""

from django.apps import apps
from django.db import transaction

from wagtail.log_actions import log
from wagtail.models import LockableMixin, Page

from accounts.sessions import sessions_end
from publishing.models import AgencyGroup


def _lockable_models():
    return [model for model in apps.get_models() if issubclass(model, LockableMixin) and not issubclass(model, Page)]


def locks_release(user, site=None) -> int:
    """Release the locks ``user`` holds: on ``site``'s pages and objects, or everywhere when ``site`` is None.
    Returns how many."""
    released = 0
    pages = Page.objects.filter(locked=True, locked_by=user)
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    querysets = [pages]
    for model in _lockable_models():
        objects = model.objects.filter(locked=True, locked_by=user)
        if site is not None:
            if not any(field.name == "site" for field in model._meta.get_fields()):
                continue  # not an agency's object
            objects = objects.filter(site=site)
        querysets.append(objects)
    with transaction.atomic():
        for objects in querysets:
            for obj in list(objects):
                type(obj).objects.filter(pk=obj.pk).update(locked=False, locked_by=None, locked_at=None)
                log(instance=obj, action="wagtail.unlock", data={"released_from": user.get_username()})
                released += 1
    return released


def member_deactivated(user):
    """``user`` was deactivated: their sessions end and all their locks are released."""
    sessions_end(user, reason="deactivated")
    locks_release(user)


def member_groups_removed(user, group_ids):
    """``user`` was removed from the groups ``group_ids``: for each agency whose last group they left, their
    sessions end (once) and their locks on that agency's pages and objects are released."""
    left = [
        agency_group.site
        for agency_group in AgencyGroup.objects.filter(group_id__in=group_ids).select_related("site", "site__root_page")
        if not AgencyGroup.objects.filter(site=agency_group.site, group__user=user).exists()
    ]
    sites = {site.pk: site for site in left}.values()
    if not sites:
        return
    sessions_end(user, reason="left_agency", agencies=[site.site_name or site.hostname for site in sites])
    for site in sites:
        locks_release(user, site)
