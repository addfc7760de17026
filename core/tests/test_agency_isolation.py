"""An editor of one agency can neither see nor touch another agency's pages (R2.2)."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from publishing.models import AgencyRole
from publishing.tests.utils import member_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_a(agency_site, second_agency_site):
    return member_make(agency_site, AgencyRole.EDITORS, "editor-a")


def test_editor_edits_own_agency_page(client, editor_a, agency_site):
    client.force_login(editor_a)
    own = agency_site.root_page.get_children().get(slug="laws")
    response = client.get(reverse("wagtailadmin_pages:edit", args=[own.pk]))
    assert response.status_code == 200
    assert own.title in response.content.decode()


def _assert_denied(response, secret):
    """Wagtail's admin denies a page it may not touch by sending the user back to the dashboard with an error
    (a plain 403 for XHR); either way the other agency's page is never shown."""
    if response.status_code == 302:
        assert response.url == reverse("wagtailadmin_home")
    else:
        assert response.status_code in (403, 404)
    assert secret not in response.content.decode()


def test_editor_is_denied_other_agency_pages(client, editor_a, second_agency_site):
    client.force_login(editor_a)
    other_home = second_agency_site.root_page
    other_child = other_home.get_children().get(slug="laws")
    urls = (
        reverse("wagtailadmin_pages:edit", args=[other_child.pk]),
        reverse("wagtailadmin_pages:edit", args=[other_home.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[other_home.pk]),
        reverse("wagtailadmin_pages:delete", args=[other_child.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[other_child.pk]),
    )
    for url in urls:
        _assert_denied(client.get(url), "เทศบาลเมืองเพชรบุรี")
        _assert_denied(client.get(url, headers={"x-requested-with": "XMLHttpRequest"}), "เทศบาลเมืองเพชรบุรี")
    followed = client.get(urls[0], follow=True)
    assert followed.status_code == 200
    assert [str(m) for m in followed.context["messages"]], "the editor is told why"
    response = client.post(urls[0], {"title": "แก้ไขโดยผู้ไม่มีสิทธิ์", "slug": "laws"})
    _assert_denied(response, "เทศบาลเมืองเพชรบุรี")
    other_child.refresh_from_db()
    assert other_child.title == "กฎหมาย ระเบียบ ข้อบังคับ"


def test_editor_explorer_does_not_list_other_agency(client, editor_a, agency_site, second_agency_site):
    client.force_login(editor_a)
    response = client.get(reverse("wagtailadmin_explore_root"), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/admin/pages/{agency_site.root_page_id}/" in html
    for page in second_agency_site.root_page.get_descendants(inclusive=True):
        assert f"/admin/pages/{page.pk}/" not in html


def test_editor_cannot_publish(client, editor_a, agency_site):
    client.force_login(editor_a)
    page = agency_site.root_page.get_children().get(slug="laws").specific
    data = nested_form_data(
        {
            "title": "กฎหมายฉบับแก้ไข",
            "slug": "laws",
            "intro": rich_text(""),
            "comments": inline_formset([]),
            "information_class": "on_change",
            "review_interval_days": "365",
            "ita_items": inline_formset([]),
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-publish": "publish"})
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.title == "กฎหมาย ระเบียบ ข้อบังคับ"
