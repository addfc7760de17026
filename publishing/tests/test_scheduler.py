"""The scheduler (R3.1 fixed period, R3.3, R2.3): scheduled publishing and expiry in order and once, its lock,
and the review reminders."""

import datetime
import subprocess
import sys
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from publishing.models import ReviewReminder, SchedulerLock
from publishing.services import review_reminders_send, scheduler_lock_acquire, scheduler_owner, scheduler_run

from .utils import admin_approve, manual_draft, reload, submit, team_make, wg_approve

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(agency_site):
    return team_make(agency_site)


def _approved_schedule(site, team, slug, go_live_at, expire_at=None, information_class="on_change"):
    page = manual_draft(
        site,
        team["editor"],
        title=f"คู่มือ {slug}",
        slug=slug,
        go_live_at=go_live_at,
        expire_at=expire_at,
        information_class=information_class,
    )
    submit(page, team["editor"])
    wg_approve(team["reviewer"], page, information_class=information_class)
    admin_approve(team["admin"], page)
    return reload(page)


def _at(moment):
    """Pretend the clock says ``moment`` (Wagtail's publishing reads ``django.utils.timezone.now``)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_fixed_period_page_goes_live_and_is_unpublished_by_the_scheduler(agency_site, team):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)
    end = start + datetime.timedelta(days=2)
    page = _approved_schedule(agency_site, team, "fixed", start, end, information_class="fixed_period")
    assert not page.live

    call_command("run_scheduler", "--once")
    assert not reload(page).live

    with _at(start + datetime.timedelta(minutes=1)):
        call_command("run_scheduler", "--once")
    assert reload(page).live

    with _at(end + datetime.timedelta(minutes=1)):
        call_command("run_scheduler", "--once")
    page = reload(page)
    assert not page.live and page.expired
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish.scheduled").count() == 1


def test_catch_up_after_downtime_runs_in_order_and_once(agency_site, team):
    now = timezone.now().replace(microsecond=0)
    first = _approved_schedule(
        agency_site,
        team,
        "first",
        now + datetime.timedelta(hours=1),
        now + datetime.timedelta(hours=3),
        information_class="fixed_period",
    )
    second = _approved_schedule(agency_site, team, "second", now + datetime.timedelta(hours=2))

    # Down for five hours: at the next run, the first page went live, the second went live, the first ended.
    with _at(now + datetime.timedelta(hours=5)):
        result = scheduler_run()
        again = scheduler_run()
    actions = [(kind, obj) for kind, obj in result["published_or_expired"]]
    assert actions == [
        ("publish", first.get_latest_revision().pk),
        ("publish", second.get_latest_revision().pk),
        ("expire", first.pk),
    ]
    assert again["published_or_expired"] == []
    assert not reload(first).live and reload(second).live
    log = list(
        PageLogEntry.objects.filter(page__in=[first, second], action__endswith=".scheduled")
        .order_by("pk")
        .values_list("page_id", "action")
    )
    assert log == [
        (first.pk, "wagtail.publish.scheduled"),
        (second.pk, "wagtail.publish.scheduled"),
        (first.pk, "wagtail.unpublish.scheduled"),
    ]


def test_a_second_run_at_the_same_time_does_nothing(agency_site, team):
    now = timezone.now().replace(microsecond=0)
    page = _approved_schedule(agency_site, team, "locked", now + datetime.timedelta(minutes=30))
    with _at(now + datetime.timedelta(hours=1)):
        assert scheduler_lock_acquire("other-process")
        assert scheduler_run("this-process") is None
        assert not reload(page).live
        # The other process's lease lapses (it died): the next run takes over.
        SchedulerLock.objects.update(locked_until=now)
        assert scheduler_run("this-process")["published_or_expired"] == [("publish", page.get_latest_revision().pk)]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1
    assert SchedulerLock.objects.get().owner == ""


def test_only_one_of_two_processes_gets_the_lock():
    assert scheduler_lock_acquire("a")
    assert not scheduler_lock_acquire("b")


def test_a_lock_left_by_a_process_that_ended_on_this_host_is_taken_over_at_once():
    """A run killed mid-way (tests/test_faults.py kills a real one) must not stop the next for the whole lease."""
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    alive = scheduler_owner()
    host = alive.split(":")[0]
    assert scheduler_lock_acquire(f"{host}:{ended.pid}:dead0000")
    assert scheduler_lock_acquire(alive)
    assert SchedulerLock.objects.get().owner == alive
    # A process still running (this one), or one on another host, keeps the lock until its lease lapses.
    assert not scheduler_lock_acquire(scheduler_owner())
    SchedulerLock.objects.update(owner=f"another-host:{ended.pid}:dead0000")
    assert not scheduler_lock_acquire(scheduler_owner())


def test_review_reminders_go_once_to_the_right_people_of_the_right_agency(agency_site, second_agency_site, team):
    other = team_make(second_agency_site, prefix="town-")
    due = manual_draft(agency_site, team["editor"], title="คู่มือที่ถึงกำหนดทบทวน", slug="due", review_interval_days=10)
    due.save_revision(user=team["editor"]).publish()
    fresh = manual_draft(agency_site, team["editor"], title="คู่มือใหม่", slug="fresh")
    fresh.save_revision(user=team["editor"]).publish()
    town = manual_draft(second_agency_site, other["editor"], title="คู่มือเทศบาล", slug="town", review_interval_days=10)
    town.save_revision(user=other["editor"]).publish()

    sent = review_reminders_send(timezone.localdate())
    assert sent == 4
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert set(bodies) == {team["editor"].email, team["reviewer"].email, other["editor"].email, other["reviewer"].email}
    for person in (team["editor"], team["reviewer"]):
        assert "คู่มือที่ถึงกำหนดทบทวน" in bodies[person.email]
        assert "คู่มือใหม่" not in bodies[person.email] and "คู่มือเทศบาล" not in bodies[person.email]
    for person in (other["editor"], other["reviewer"]):
        assert "คู่มือเทศบาล" in bodies[person.email] and "คู่มือที่ถึงกำหนดทบทวน" not in bodies[person.email]
    assert set(ReviewReminder.objects.values_list("page_id", flat=True)) == {due.pk, town.pk}

    mail.outbox.clear()
    assert review_reminders_send(timezone.localdate()) == 0
    # Once it is overdue, one more reminder.
    assert review_reminders_send(timezone.localdate() + datetime.timedelta(days=11)) == 4
    assert all("เลยกำหนดทบทวน" in message.body for message in mail.outbox)
    assert review_reminders_send(timezone.localdate() + datetime.timedelta(days=12)) == 0
