"""Two-factor sign-in as members use it: enrolment with a QR code and recovery codes, the code page after the
password, wrong and throttled codes, a recovery code once, who must use it, and an administrator's reset."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tests.utils import sign_in, totp_code, wrong_code
from accounts.views import ENROLMENT_KEY
from publishing.tests.utils import team_make

PAGES = "/admin/pages/"


@pytest.fixture
def team(agency_site):
    return team_make(agency_site)


@pytest.fixture
def required(settings):
    settings.PRONGSAI_REQUIRE_2FA = True


def _admin_open(client) -> bool:
    """Whether the page explorer opens (Wagtail sends a member on to their agency's root page)."""
    response = client.get(PAGES)
    return response.status_code == 200 or (response.status_code == 302 and response["Location"].startswith(PAGES))


def _verify_url(next_url=PAGES):
    return f"{reverse('accounts:two_factor_verify')}?next={next_url.replace('/', '%2F')}"


def _enrol(client):
    """Open the enrolment page and confirm with the app's current code; returns the key and the recovery codes."""
    html = client.get(reverse("accounts:two_factor_setup")).content.decode()
    key = client.session[ENROLMENT_KEY]
    response = client.post(
        reverse("accounts:two_factor_setup"), {"action": "confirm", "code": totp_code(key), "next": PAGES}
    )
    codes = [code.strip() for code in response.context["codes"]]
    return html, key, response, codes


def _code(client, code):
    return client.post(reverse("accounts:two_factor_verify"), {"code": code, "next": PAGES})


def _unthrottle(user):
    """What waiting out django-otp's delay after a wrong code does (1, 2, 4... seconds), without sleeping."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).exclude(throttling_failure_timestamp=None).update(
            throttling_failure_timestamp=timezone.now() - timedelta(hours=1)
        )


def test_the_working_group_enrols_then_signs_in_with_a_code_or_a_recovery_code(team, required):
    reviewer = team["reviewer"]
    client, response = sign_in("reviewer")
    # Required and not enrolled: every admin page leads to enrolment first.
    assert client.get(PAGES)["Location"].startswith(reverse("accounts:two_factor_setup"))

    html, key, response, codes = _enrol(client)
    assert "<svg" in html and "คิวอาร์โค้ด" in html and "ตั้งค่าการยืนยันตัวตนสองขั้นตอน" in html
    assert "data:" not in html and "<script>" not in html  # inline SVG, no inline script
    assert response["Cache-Control"].startswith("max-age=0") and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "รหัสกู้คืน" in page and "แสดงเพียงครั้งนี้ครั้งเดียว" in page
    assert len(codes) == 10 and len(set(codes)) == 10
    assert _admin_open(client)  # verified by enrolling

    # Next sign-in: the password, then the code page before any admin page.
    client.post(reverse("wagtailadmin_logout"))
    client, response = sign_in("reviewer")
    assert client.get(PAGES)["Location"] == _verify_url()
    html = client.get(_verify_url()).content.decode()
    assert "ยืนยันตัวตนขั้นที่สอง" in html and "รหัส 6 หลัก" in html
    # A wrong code: a Thai message, still not in.
    response = _code(client, wrong_code(key))
    assert response.status_code == 200
    assert "รหัสไม่ถูกต้องหรือถูกใช้ไปแล้ว" in response.content.decode()
    assert not _admin_open(client)
    # The right code at once: refused while django-otp's delay after a failure runs.
    response = _code(client, totp_code(key, 1))
    assert "กรอกรหัสผิดหลายครั้ง กรุณารอ" in response.content.decode()
    assert not _admin_open(client)
    _unthrottle(reviewer)
    response = _code(client, totp_code(key, 1))
    assert response.status_code == 302 and response["Location"] == PAGES
    assert _admin_open(client)

    # A recovery code works once.
    client.post(reverse("wagtailadmin_logout"))
    client, _ = sign_in("reviewer")
    response = _code(client, codes[0].upper())
    assert response.status_code == 302
    assert "เหลืออีก 9 รหัส" in client.get(PAGES, follow=True).content.decode()
    client.post(reverse("wagtailadmin_logout"))
    client, _ = sign_in("reviewer")
    assert "รหัสไม่ถูกต้องหรือถูกใช้ไปแล้ว" in _code(client, codes[0]).content.decode()
    assert not _admin_open(client)

    actions = set(ModelLogEntry.objects.filter(label="reviewer").values_list("action", flat=True))
    assert {"prongsai.otp_enrolled", "prongsai.otp_verified", "prongsai.otp_recovery_used"} <= actions
    assert {"prongsai.otp_failed", "prongsai.login"} <= actions


def test_who_must_use_it_and_what_waits_until_they_do(agency_site, team, required):
    # An editor without a device signs in with the password alone (and has the admin's bar on the site).
    client, _ = sign_in("editor")
    assert _admin_open(client)
    assert "wagtail-userbar" in client.get("/", HTTP_HOST="localhost").content.decode()
    # The working group, administrators and executives must enrol first; the enrolment page is in the admin.
    for role in ("reviewer", "admin", "executive"):
        client, _ = sign_in(team[role].username)
        response = client.get(PAGES)
        assert response.status_code == 302 and reverse("accounts:two_factor_setup") in response["Location"]
    # Someone enrolled but not verified in this session reaches no admin page and no admin XHR, is a visitor on the
    # site, and cannot enrol a new device with the password alone.
    client, _ = sign_in("reviewer")
    _enrol(client)
    client.post(reverse("wagtailadmin_logout"))
    client, _ = sign_in("reviewer")
    assert not _admin_open(client)
    assert client.get(PAGES, HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code == 403
    assert client.get(reverse("wagtailadmin_sprite")).status_code == 200  # the code page's own icons
    # Outside the admin they are a visitor: no admin bar (and no private document, by the same user).
    assert "wagtail-userbar" not in client.get("/", HTTP_HOST="localhost").content.decode()
    response = client.get(reverse("accounts:two_factor_setup"))
    assert response.status_code == 302 and reverse("accounts:two_factor_verify") in response["Location"]
    assert client.post(reverse("accounts:two_factor_setup"), {"action": "new_device"}).status_code == 302
    assert TOTPDevice.objects.filter(user=team["reviewer"]).count() == 1


def test_an_editor_opts_in_and_out(team):
    client, _ = sign_in("editor")
    _, key, _, _ = _enrol(client)
    client.post(reverse("wagtailadmin_logout"))
    client, _ = sign_in("editor")
    assert client.get(PAGES)["Location"] == _verify_url()  # enrolled: the code is asked even when not required
    assert _code(client, totp_code(key, 1)).status_code == 302
    html = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert "เปิดใช้งานแล้ว" in html and "รหัสกู้คืนที่ยังไม่ได้ใช้: 10 รหัส" in html
    response = client.post(reverse("accounts:two_factor_setup"), {"action": "disable"}, follow=True)
    assert "ปิดการยืนยันตัวตนสองขั้นตอนแล้ว" in response.content.decode()
    client.post(reverse("wagtailadmin_logout"))
    client, _ = sign_in("editor")
    assert _admin_open(client)


def test_a_website_administrator_resets_a_members_lost_phone(team, required):
    member, _ = sign_in("reviewer")
    _enrol(member)
    assert _admin_open(member)
    admin, _ = sign_in("webadmin")
    _enrol(admin)  # administrators must verify too
    html = admin.get(reverse("accounts:security")).content.decode()
    assert "การยืนยันตัวตนสองขั้นตอนของผู้ใช้" in html and "เปิดใช้แล้ว" in html
    response = admin.post(
        reverse("accounts:security"), {"action": "reset_two_factor", "user": team["reviewer"].pk}, follow=True
    )
    assert "ยกเลิกอุปกรณ์ยืนยันตัวตนของ “reviewer” แล้ว" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=team["reviewer"]).exists()
    assert not StaticDevice.objects.filter(user=team["reviewer"]).exists()
    # The member's open session ended; at the next sign-in they enrol a new phone.
    assert member.get(PAGES)["Location"].startswith(reverse("wagtailadmin_login"))
    member, _ = sign_in("reviewer")
    assert reverse("accounts:two_factor_setup") in member.get(PAGES)["Location"]
    reset = ModelLogEntry.objects.get(action="prongsai.otp_reset")
    assert reset.label == "reviewer" and reset.user == team["admin"]
