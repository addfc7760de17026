"""Sessions as members and administrators meet them: the idle and absolute limits with a Thai message, a
deactivated member or one who leaves the agency is out at once (sessions, locks), and a password change ends the
other browsers' sessions."""

import time

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.urls import reverse

from wagtail.models import ModelLogEntry, Page, PageLogEntry

import pytest
from bs4 import BeautifulSoup

from accounts import sessions
from accounts.models import UserSession
from accounts.tests.utils import form_values, sign_in
from publishing.models import AgencyGroup, AgencyRole
from publishing.tests.utils import client_for, manual_draft, submit, team_make

HOME = "/admin/"
LOGIN = "/admin/login/"


@pytest.fixture
def team(agency_site):
    return team_make(agency_site)


def _set_clock(client, **values):
    session = client.session
    for name, value in values.items():
        session[name] = value
    session.save()


def _messages(response):
    return [
        li.get_text(" ", strip=True)
        for li in BeautifulSoup(response.content, "html.parser").select(".messages li:not(template li)")
    ]


def test_an_idle_session_ends_with_a_thai_message_and_activity_keeps_it(team, settings):
    assert settings.SESSION_IDLE_TIMEOUT == 30
    client = client_for(team["editor"])
    now = time.time()
    # 29 minutes without a request: still signed in, and this request counts as activity.
    _set_clock(client, **{sessions.SEEN_AT: now - 29 * 60})
    assert client.get(HOME).status_code == 200
    assert client.session[sessions.SEEN_AT] >= now
    # Wagtail's editing-session ping keeps it only while the form has unsaved changes.
    ping = reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", "1", 1])
    _set_clock(client, **{sessions.SEEN_AT: now - 10 * 60})
    client.post(ping, {})
    assert client.session[sessions.SEEN_AT] == now - 10 * 60
    client.post(ping, {"is_editing": "on"})
    assert client.session[sessions.SEEN_AT] >= now

    # 31 minutes: the next admin page is the login page, saying why.
    _set_clock(client, **{sessions.SEEN_AT: now - 31 * 60})
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"] == f"{LOGIN}?next=/admin/pages/"
    assert _messages(client.get(response["Location"])) == [
        "ออกจากระบบอัตโนมัติ เนื่องจากไม่มีการใช้งานเกิน 30 นาที กรุณาเข้าสู่ระบบอีกครั้ง"
    ]
    assert client.get(HOME).status_code == 302  # signed out
    assert not UserSession.objects.filter(user=team["editor"]).exists()
    expired = ModelLogEntry.objects.get(action="prongsai.session_expired")
    assert expired.label == "editor" and expired.data["reason"] == "idle"


def test_a_session_ends_eight_hours_after_sign_in_whatever_the_activity(team):
    client = client_for(team["editor"])
    _set_clock(client, **{sessions.SIGNED_IN_AT: time.time() - 8 * 3600 - 1, sessions.SEEN_AT: time.time()})
    response = client.get(HOME, follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert "ออกจากระบบอัตโนมัติ เนื่องจากเข้าสู่ระบบต่อเนื่องครบ 8 ชั่วโมง กรุณาเข้าสู่ระบบอีกครั้ง" in _messages(response)


def test_deactivating_a_member_ends_their_sessions_and_releases_their_locks(agency_site, team):
    reviewer = team["reviewer"]
    laptop, phone = client_for(reviewer), client_for(reviewer)
    assert laptop.get(HOME).status_code == phone.get(HOME).status_code == 200
    keys = [laptop.session.session_key, phone.session.session_key]
    assert set(UserSession.objects.filter(user=reviewer).values_list("session_key", flat=True)) == set(keys)
    # The reviewer holds a lock on a page that waits for the working group; the editor's request stays.
    page = manual_draft(agency_site, team["editor"])
    submit(page, team["editor"])
    Page.objects.filter(pk=page.pk).update(locked=True, locked_by=reviewer)

    # A superuser unticks "active" in Wagtail's user form.
    root = get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-123456")
    admin = client_for(root)
    edit = reverse("wagtailusers_users:edit", args=[reviewer.pk])
    values = form_values(admin.get(edit).content.decode(), "form[method=post i]")
    values.pop("is_active", None)
    values.update(first_name="สมศักดิ์", last_name="รอบคอบ")  # required by Wagtail's form
    response = admin.post(edit, values)
    assert response.status_code == 302, (
        [e.get_text(" ", strip=True) for e in BeautifulSoup(response.content, "html.parser").select(".error-message")]
        + _messages(response)
        + [str(values)]
    )
    reviewer.refresh_from_db()
    assert not reviewer.is_active

    assert not Session.objects.filter(session_key__in=keys).exists()
    assert not UserSession.objects.filter(user=reviewer).exists()
    for client in (laptop, phone):
        assert client.get(HOME)["Location"].startswith(LOGIN)
    page = Page.objects.get(pk=page.pk)
    assert not page.locked and page.locked_by is None
    unlock = PageLogEntry.objects.get(page=page, action="wagtail.unlock")
    assert unlock.user == root and unlock.data["released_from"] == "reviewer"
    assert page.specific.workflow_in_progress  # the editor's request goes on
    ended = ModelLogEntry.objects.get(action="prongsai.sessions_ended")
    assert ended.data["reason"] == "deactivated" and ended.data["sessions"] == 2 and ended.user == root


def test_leaving_the_agency_ends_the_sessions_and_another_group_does_not(agency_site, team):
    editor = team["editor"]
    client = client_for(editor)
    other_group = AgencyGroup.objects.get(site=agency_site, role=AgencyRole.EXECUTIVES).group
    editor.groups.add(other_group)
    editor.groups.remove(other_group)  # still an editor of the agency
    assert client.get(HOME).status_code == 200
    editors = AgencyGroup.objects.get(site=agency_site, role=AgencyRole.EDITORS).group
    editors.user_set.remove(editor)  # from the group's side, as Wagtail's group screen does
    assert client.get(HOME)["Location"].startswith(LOGIN)
    ended = ModelLogEntry.objects.get(action="prongsai.sessions_ended")
    assert ended.data["reason"] == "left_agency" and ended.data["agencies"] == ["จังหวัดเพชรบุรี"]


def test_a_password_change_ends_the_other_browsers_sessions(team):
    laptop, _ = sign_in("editor")
    phone, _ = sign_in("editor")
    assert laptop.get(HOME).status_code == phone.get(HOME).status_code == 200
    account = reverse("wagtailadmin_account")
    values = form_values(laptop.get(account).content.decode(), "form[method=post i]")
    values.update({name: "สมหญิง" for name in values if name.endswith(("first_name", "last_name"))})
    values.update(
        {
            "password-old_password": "x-secret-123456",
            "password-new_password1": "a-new-secret-98765",
            "password-new_password2": "a-new-secret-98765",
        }
    )
    response = laptop.post(account, values)
    assert response.status_code == 302, [
        e.get_text(" ", strip=True) for e in BeautifulSoup(response.content, "html.parser").select(".error-message")
    ] + [str(values)]
    assert laptop.get(HOME).status_code == 200  # the browser that changed it stays signed in
    assert phone.get(HOME)["Location"].startswith(LOGIN)  # the other one is out
