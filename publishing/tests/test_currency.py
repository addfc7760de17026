"""Currency (R2.3) and deadlines (R3.3): review dates, the "still current" action, late immediate items and the
dashboard panel."""

import datetime
from unittest import mock

from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from core.thai import format_thai_date
from publishing.selectors import immediate_items, immediate_items_late, pages_due_for_review
from publishing.services import page_still_current_confirm

from .utils import admin_approve, client_for, manual_draft, reload, submit, team_make, wg_approve

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(agency_site):
    return team_make(agency_site)


@pytest.fixture
def live_manual(agency_site, team):
    page = manual_draft(agency_site, team["editor"], review_interval_days=30)
    page.save_revision(user=team["editor"]).publish()
    return reload(page)


def test_next_review_date_follows_the_interval(live_manual):
    expected = (timezone.localtime(live_manual.last_published_at) + datetime.timedelta(days=30)).date()
    assert live_manual.next_review_date == expected


def test_pages_due_for_review_are_the_agencys_own(agency_site, second_agency_site, team, live_manual):
    other = team_make(second_agency_site, prefix="town-")
    town = manual_draft(second_agency_site, other["editor"], slug="town", review_interval_days=30)
    town.save_revision().publish()
    today = timezone.localdate()
    assert pages_due_for_review(agency_site, today) == []
    assert pages_due_for_review(agency_site, today + datetime.timedelta(days=30)) == [live_manual]
    assert pages_due_for_review(second_agency_site, today + datetime.timedelta(days=30)) == [reload(town)]


def test_still_current_resets_the_review_clock_without_a_new_revision(client, agency_site, team, live_manual):
    published = timezone.now() - datetime.timedelta(days=20)
    type(live_manual).objects.filter(pk=live_manual.pk).update(last_published_at=published)
    revisions = live_manual.revisions.count()
    # Later the same day (a session lasts eight hours); the clock restarts from this moment.
    later = timezone.now() + datetime.timedelta(hours=2)
    url = reverse("publishing:still_current", args=[live_manual.pk])
    client = client_for(team["reviewer"])
    assert "ยืนยันข้อมูลยังเป็นปัจจุบัน" in client.get(url).content.decode()
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.post(url, {"confirm": "on", "comment": "ตรวจกับประกาศฉบับล่าสุดแล้ว"})
    assert response.status_code == 302
    page = reload(live_manual)
    assert page.last_verified_at == later
    assert page.next_review_date == (timezone.localtime(later) + datetime.timedelta(days=30)).date()
    assert page.revisions.count() == revisions
    assert page.data_as_of == later
    entry = PageLogEntry.objects.get(page=page, action="prongsai.still_current")
    assert entry.user == team["reviewer"]
    assert entry.data["comment"] == "ตรวจกับประกาศฉบับล่าสุดแล้ว"
    # The public page shows the verification as the data's date.
    html = client.get(page.url).content.decode()
    assert f"ข้อมูล ณ วันที่ {format_thai_date(timezone.localtime(later))}" in html


def test_still_current_is_for_the_working_group_of_the_agency(agency_site, second_agency_site, team, live_manual):
    other = team_make(second_agency_site, prefix="town-")
    url = reverse("publishing:still_current", args=[live_manual.pk])
    for user in (team["editor"], team["admin"], team["executive"], other["reviewer"]):
        response = client_for(user).post(url, {"confirm": "on"})
        assert response.status_code in (302, 403)
        assert reload(live_manual).last_verified_at is None
    # The confirmation box must be ticked.
    client_for(team["reviewer"]).post(url, {})
    assert reload(live_manual).last_verified_at is None
    page_still_current_confirm(live_manual, team["reviewer"])
    assert reload(live_manual).last_verified_at is not None


def _immediate(site, team, slug):
    page = manual_draft(site, team["editor"], slug=slug, title=f"ประกาศด่วน {slug}", information_class="immediate")
    submit(page, team["editor"])
    wg_approve(team["reviewer"], page, information_class="immediate")
    return page


def test_time_from_approval_to_live_is_measured_and_late_items_flagged(agency_site, team, settings):
    settings.IMMEDIATE_PUBLISH_LIMIT_HOURS = 24
    quick = _immediate(agency_site, team, "quick")
    admin_approve(team["admin"], quick)
    slow = _immediate(agency_site, team, "slow")
    waiting = _immediate(agency_site, team, "waiting")
    later = timezone.now() + datetime.timedelta(hours=30)
    with mock.patch("django.utils.timezone.now", return_value=later):
        admin_approve(team["admin"], slow)
    items = {item.page.pk: item for item in immediate_items(agency_site, now=later)}
    assert not items[quick.pk].late and items[quick.pk].hours < 1
    assert items[slow.pk].late and items[slow.pk].hours >= 30
    assert items[waiting.pk].late and items[waiting.pk].pending
    assert {item.page.pk for item in immediate_items_late(agency_site, now=later)} == {slow.pk, waiting.pk}


def test_dashboard_panel_shows_the_users_agency_only(agency_site, second_agency_site, team, live_manual, settings):
    settings.IMMEDIATE_PUBLISH_LIMIT_HOURS = 0
    other = team_make(second_agency_site, prefix="town-")
    town = manual_draft(second_agency_site, other["editor"], title="คู่มือของเทศบาล", slug="town", review_interval_days=1)
    town.save_revision().publish()
    _immediate(agency_site, team, "urgent")
    live_manual.review_interval_days = 1
    live_manual.save_revision().publish()

    html = client_for(team["admin"]).get(reverse("wagtailadmin_home")).content.decode()
    assert "ความเป็นปัจจุบันของข้อมูล" in html
    assert live_manual.title in html
    assert "ประกาศด่วน urgent" in html and "ยังไม่เผยแพร่" in html
    assert "คู่มือของเทศบาล" not in html
    # The working group gets the "still current" button there; the administrators do not.
    assert reverse("publishing:still_current", args=[live_manual.pk]) not in html
    html = client_for(team["reviewer"]).get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("publishing:still_current", args=[live_manual.pk]) in html
