from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from wagtail.models import Collection, GroupPagePermission, Page, Site

import pytest

from agencies.skeleton import SKELETON
from core.models import AgencySettings
from publishing.models import AgencyGroup, AgencyRole

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Site.objects.count(),
        Page.objects.count(),
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Collection.objects.count(),
        AgencyGroup.objects.count(),
    )


def test_setup_agency_builds_the_skeleton_and_is_idempotent():
    call_command("setup_agency", "จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
    first = _counts()
    call_command("setup_agency", "จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
    assert _counts() == first

    site = Site.objects.get(hostname="localhost")
    assert site.is_default_site
    assert site.site_name == "จังหวัดเพชรบุรี"
    home = site.root_page.specific
    assert type(home).__name__ == "HomePage"
    assert home.live
    children = {child.slug: child.specific for child in home.get_children()}
    assert list(children) == [spec["slug"] for spec in SKELETON]
    for spec in SKELETON:
        page = children[spec["slug"]]
        assert page._meta.label == spec["model"]
        assert page.live and page.title == spec["title"]
    assert AgencySettings.for_site(site).name_th == "จังหวัดเพชรบุรี"
    # Wagtail's own placeholder welcome page is gone.
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert {link.role for link in AgencyGroup.objects.filter(site=site)} == set(AgencyRole.values)


def test_second_run_keeps_an_editors_changes_and_restores_a_missing_page(agency_site):
    home = agency_site.root_page
    laws = home.get_children().get(slug="laws").specific
    laws.title = "กฎหมายที่เกี่ยวข้อง"
    laws.save_revision().publish()
    home.get_children().get(slug="contact").delete()

    call_command("setup_agency", "จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")

    assert home.get_children().get(slug="laws").title == "กฎหมายที่เกี่ยวข้อง"
    assert home.get_children().filter(slug="contact").count() == 1


def test_group_permissions_are_scoped_to_the_agency_tree(agency_site, second_agency_site):
    for site in (agency_site, second_agency_site):
        for link in AgencyGroup.objects.filter(site=site):
            pages = set(GroupPagePermission.objects.filter(group=link.group).values_list("page_id", flat=True))
            assert pages <= {site.root_page_id}
    editors = AgencyGroup.objects.get(site=agency_site, role=AgencyRole.EDITORS).group
    codenames = set(GroupPagePermission.objects.filter(group=editors).values_list("permission__codename", flat=True))
    assert codenames == {"add_page", "change_page"}
    admins = AgencyGroup.objects.get(site=agency_site, role=AgencyRole.ADMINISTRATORS).group
    assert GroupPagePermission.objects.filter(group=admins, permission__codename="publish_page").exists()
    executives = AgencyGroup.objects.get(site=agency_site, role=AgencyRole.EXECUTIVES).group
    assert not GroupPagePermission.objects.filter(group=executives).exists()
    assert executives.permissions.filter(codename="access_admin").exists()


def test_a_removed_permission_is_put_back_and_an_extra_one_taken_away(agency_site):
    editors = AgencyGroup.objects.get(site=agency_site, role=AgencyRole.EDITORS).group
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=editors, page=agency_site.root_page, permission=publish)
    GroupPagePermission.objects.filter(group=editors, permission__codename="change_page").delete()

    call_command("setup_agency", "จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")

    codenames = set(GroupPagePermission.objects.filter(group=editors).values_list("permission__codename", flat=True))
    assert codenames == {"add_page", "change_page"}


def test_two_agencies_get_two_sites_with_their_own_groups(agency_site, second_agency_site):
    assert Site.objects.count() == 2
    assert not second_agency_site.is_default_site
    assert agency_site.root_page_id != second_agency_site.root_page_id
    names = set(Group.objects.values_list("name", flat=True))
    assert "ผู้จัดทำข้อมูล — จังหวัดเพชรบุรี" in names
    assert "ผู้จัดทำข้อมูล — เทศบาลเมืองเพชรบุรี" in names


def test_wagtails_english_groups_and_workflow_go_unless_in_use(django_user_model):
    """Wagtail's migrations make "Editors", "Moderators" and the "Moderators approval" workflow; an agency uses its
    own four groups and workflow, so set-up removes them (a group somebody is in stays)."""
    from wagtail.models import Task, Workflow

    assert Workflow.objects.filter(name="Moderators approval").exists()
    Group.objects.get(name="Editors").user_set.add(django_user_model.objects.create_user("kept"))
    call_command("setup_agency", "จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert set(Group.objects.filter(name__in=["Editors", "Moderators"]).values_list("name", flat=True)) == {"Editors"}
