"""An editor of one agency can neither see nor touch another agency's pages (R2.2)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

from publishing.models import AgencyGroup, AgencyRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_a(agency_site, second_agency_site):
    user = get_user_model().objects.create_user("editor-a", password="x-secret-123")
    user.groups.add(AgencyGroup.objects.get(site=agency_site, role=AgencyRole.EDITORS).group)
    return user


def test_editor_edits_own_agency_page(client, editor_a, agency_site):
    client.force_login(editor_a)
    own = agency_site.root_page.get_children().get(slug="laws")
    response = client.get(reverse("wagtailadmin_pages:edit", args=[own.pk]))
    assert response.status_code == 200
    assert own.title in response.content.decode()


def test_editor_gets_403_or_404_on_other_agency_pages(client, editor_a, second_agency_site):
    client.force_login(editor_a)
    other_home = second_agency_site.root_page
    other_child = other_home.get_children().get(slug="laws")
    for url in (
        reverse("wagtailadmin_pages:edit", args=[other_child.pk]),
        reverse("wagtailadmin_pages:edit", args=[other_home.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[other_home.pk]),
        reverse("wagtailadmin_pages:delete", args=[other_child.pk]),
    ):
        assert client.get(url).status_code in (403, 404), url
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[other_child.pk]), {"title": "แก้ไขโดยผู้ไม่มีสิทธิ์", "slug": "laws"}
    )
    assert response.status_code in (403, 404)
    other_child.refresh_from_db()
    assert other_child.title == "กฎหมาย ระเบียบ ข้อบังคับ"


def test_editor_explorer_does_not_list_other_agency(client, editor_a, agency_site, second_agency_site):
    client.force_login(editor_a)
    response = client.get(reverse("wagtailadmin_explore_root"), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "เทศบาลเมืองเพชรบุรี" not in html


def test_editor_cannot_publish(client, editor_a, agency_site):
    client.force_login(editor_a)
    page = agency_site.root_page.get_children().get(slug="laws").specific
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {"title": "กฎหมายฉบับแก้ไข", "slug": "laws", "intro": "", "action-publish": "publish"},
    )
    assert response.status_code in (200, 302, 403)
    page.refresh_from_db()
    assert page.title == "กฎหมาย ระเบียบ ข้อบังคับ"
