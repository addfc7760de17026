"""Sign-in throttling (django-axes): lockouts per username and per client address, the same Thai message for every
name, the client's address behind the proxy, unlocking by an administrator, and the audit log of it all."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup

from accounts.tests.utils import sign_in, signed_in
from publishing.tests.utils import client_for, team_make

LOCKED = "ระงับการเข้าสู่ระบบชั่วคราว เนื่องจากเข้าสู่ระบบไม่สำเร็จหลายครั้ง กรุณาลองใหม่อีกครั้งใน 15 นาที"
LOCKED_FULL = LOCKED + " หรือติดต่อผู้ดูแลระบบเว็บไซต์ของหน่วยงานเพื่อปลดล็อก"


@pytest.fixture
def team(agency_site):
    return team_make(agency_site)


def _fail_five_times(username, addresses=None):
    """Five wrong passwords for ``username``, each from its own address unless ``addresses`` says otherwise: the
    login page's usual error four times, then the lockout (the fifth failure starts it)."""
    for attempt in range(5):
        address = addresses[attempt] if addresses else f"192.0.2.{attempt + 10}"
        _, response = sign_in(username, "wrong-password", REMOTE_ADDR=address)
        assert response.status_code == (429 if attempt == 4 else 200)


def _messages(html):
    return [
        item.get_text(" ", strip=True)
        for item in BeautifulSoup(html, "html.parser").select(".messages li:not(template li)")
    ]


def _actions(label):
    return list(ModelLogEntry.objects.filter(label=label).order_by("pk").values_list("action", flat=True))


def test_sign_ins_sign_outs_and_failures_are_in_the_audit_log(team):
    client = Client()
    sign_in("editor", "wrong-password", client=client)
    sign_in("nobody", "wrong-password", client=client)
    sign_in("editor", client=client)
    client.post(reverse("wagtailadmin_logout"))
    entries = ModelLogEntry.objects.filter(action__startswith="prongsai.").order_by("pk")
    entries = list(entries.values_list("action", "label", "data"))
    assert [(action, label) for action, label, _ in entries] == [
        ("prongsai.login_failed", "editor"),
        ("prongsai.login_failed", "nobody"),
        ("prongsai.login", "editor"),
        ("prongsai.logout", "editor"),
    ]
    assert entries[1][2]["username"] == "nobody"
    assert entries[2][2]["ip"] == "127.0.0.1"


def test_a_username_is_locked_after_five_failures_with_one_message_for_real_and_unknown_names(team):
    _fail_five_times("editor")
    _fail_five_times("nobody")
    # The right password, from yet another address: still refused while the username is locked.
    client, response = sign_in("editor", REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 429
    assert not signed_in(client)
    locked_real = response.content.decode()
    _, response = sign_in("nobody", "any-password", REMOTE_ADDR="192.0.2.98")
    assert response.status_code == 429
    locked_unknown = response.content.decode()
    for html in (locked_real, locked_unknown):
        assert LOCKED in html
        assert 'name="password"' in html  # Wagtail's login page, with the message
    # Nothing on the page tells the two apart.
    assert _messages(locked_real) == _messages(locked_unknown) == [LOCKED_FULL]

    # In the audit log like any sign-in: the fifth failure, the lock it started, then the refused attempt.
    expected = ["prongsai.login_failed"] * 5 + ["prongsai.lockout", "prongsai.login_failed"]
    assert _actions("editor") == _actions("nobody") == expected
    assert ModelLogEntry.objects.filter(action="prongsai.lockout").count() == 2

    # The lock lifts by itself after the cool-off (15 minutes after the last failure).
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=16))
    client, response = sign_in("editor", REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 302 and signed_in(client)


def test_a_client_address_is_locked_after_five_failures_and_is_read_behind_the_proxy(team, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    behind_proxy = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "10.9.9.9, 203.0.113.7"}
    for name in ("a1", "a2", "a3", "a4", "a5"):
        sign_in(name, "wrong-password", **behind_proxy)
    # The address nginx added is the one counted, never the proxy's nor what the client wrote first.
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    client, response = sign_in("editor", **behind_proxy)
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert ModelLogEntry.objects.filter(action="prongsai.lockout", label="203.0.113.7").count() == 1
    # Another client behind the same proxy signs in.
    client, response = sign_in("editor", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert response.status_code == 302 and signed_in(client)
    # A client that is not a trusted proxy cannot choose its address by the header.
    sign_in("a6", "wrong-password", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert AccessAttempt.objects.filter(username="a6").get().ip_address == "198.51.100.9"


def test_a_website_administrator_unlocks_a_member_of_their_agency(agency_site, second_agency_site, team):
    other = team_make(second_agency_site, prefix="town-")
    url = reverse("accounts:security")
    # An editor has no such screen (signing in first: a sign-in clears the member's own failed attempts).
    assert client_for(team["editor"]).get(url).status_code in (302, 403)
    _fail_five_times("editor")
    _fail_five_times("nobody")

    # Another agency's administrator neither sees nor lifts it.
    html = client_for(other["admin"]).get(url).content.decode()
    assert "ไม่มีการเข้าสู่ระบบที่ถูกระงับอยู่ขณะนี้" in html
    response = client_for(other["admin"]).post(url, {"action": "unlock", "kind": "username", "value": "editor"})
    assert response.status_code == 302
    assert sign_in("editor", REMOTE_ADDR="192.0.2.99")[1].status_code == 429

    # The agency's website administrator sees their member (not the unknown name, not addresses) and unlocks.
    admin = client_for(team["admin"])
    html = admin.get(url).content.decode()
    assert "ความปลอดภัยการเข้าสู่ระบบ" in html and "ชื่อผู้ใช้ <code>editor</code>" in html
    assert "nobody" not in html and "192.0.2." not in html
    response = admin.post(url, {"action": "unlock", "kind": "username", "value": "editor"}, follow=True)
    assert _messages(response.content.decode()) == ["ปลดล็อกการเข้าสู่ระบบของ “editor” แล้ว"]
    client, response = sign_in("editor", REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 302 and signed_in(client)
    unlock = ModelLogEntry.objects.get(action="prongsai.unlock")
    assert unlock.label == "editor" and unlock.user == team["admin"]
    # Nonsense is refused with a message, never a 500.
    response = admin.post(url, {"action": "reset_two_factor", "user": "x'; --"}, follow=True)
    assert "ไม่พบผู้ใช้นี้ในหน่วยงานของคุณ" in response.content.decode()

    # A superuser sees unknown names and addresses, and lifts them.
    root = get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-123456")
    _fail_five_times("ghost", addresses=["192.0.2.200"] * 5)
    html = client_for(root).get(url).content.decode()
    assert "ชื่อผู้ใช้ <code>nobody</code>" in html and "ที่อยู่ไอพี <code>192.0.2.200</code>" in html
    client_for(root).post(url, {"action": "unlock", "kind": "ip_address", "value": "192.0.2.200"})
    assert sign_in("editor", REMOTE_ADDR="192.0.2.200")[1].status_code == 302


def test_a_very_long_username_is_refused_without_an_error(team):
    client, response = sign_in("x" * 5000, "wrong-password")
    assert response.status_code == 200 and not signed_in(client)
