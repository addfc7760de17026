"""Two-factor sign-in: a time-based code from an authenticator app (TOTP, django-otp), with ten one-time recovery
codes (django-otp's static tokens) for a lost phone.

Who must use it: with ``PRONGSAI_REQUIRE_2FA`` on (production's default), superusers and the members of an agency's
working group, website administrators and executives; anyone else who enrolled (an editor may opt in). A session is
verified once its user has given a code after the password (``django_otp.login``); until then the admin sends
the user to the code page, or to enrolment when they must have a device and have none (accounts.middleware)."""

import re
import time
from base64 import b32encode
from binascii import unhexlify
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import transaction
from django.utils import timezone

import django_otp
import qrcode
import qrcode.image.svg
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from accounts import audit
from publishing.models import AgencyGroup, AgencyRole

ROLES_REQUIRING_2FA = (AgencyRole.WORKING_GROUP, AgencyRole.ADMINISTRATORS, AgencyRole.EXECUTIVES)
RECOVERY_CODE_COUNT = 10
TOTP_STEP = 30
TOTP_DIGITS = 6
APP_DEVICE_NAME = "แอปยืนยันตัวตน"
RECOVERY_DEVICE_NAME = "รหัสกู้คืน"


def two_factor_required(user) -> bool:
    """Whether ``user`` must sign in with a second step, whether they enrolled or not (``PRONGSAI_REQUIRE_2FA``)."""
    if not settings.PRONGSAI_REQUIRE_2FA or not user.is_authenticated:
        return False
    return user.is_superuser or AgencyGroup.objects.filter(group__user=user, role__in=ROLES_REQUIRING_2FA).exists()


def app_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def two_factor_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_step(request) -> str | None:
    """What this signed-in session still needs before the admin opens: "verify" (a code), "enrol" (a device first:
    the user must have one and has none), or None."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if two_factor_enrolled(user):
        return "verify"
    if two_factor_required(user):
        return "enrol"
    return None


# Enrolment -----------------------------------------------------------------------------------------------------


def enrolment_key_new() -> str:
    """A new secret (20 random bytes, hex), kept in the session until the user confirms it with a code."""
    return random_hex(20)


def enrolment_secret(key: str) -> str:
    """The secret as the authenticator app takes it typed in: base32, in groups of four."""
    secret = b32encode(unhexlify(key)).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def enrolment_url(user, key: str, issuer: str) -> str:
    """The ``otpauth://`` address the QR code carries: the agency's name and the username label the entry in the
    app."""
    issuer = issuer.replace(":", "")
    label = quote(f"{issuer}:{user.get_username()}")
    params = urlencode(
        {
            "secret": b32encode(unhexlify(key)).decode(),
            "algorithm": "SHA1",
            "digits": TOTP_DIGITS,
            "period": TOTP_STEP,
        }
    )
    return f"otpauth://totp/{label}?{params}&issuer={quote(issuer)}"


def enrolment_qr_svg(url: str) -> str:
    """The QR code of ``url`` as an SVG element to put inline in the page: drawn on the server, black on white
    (readable in the admin's dark theme too), nothing fetched from elsewhere."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathFillImage, border=4)
    svg = image.to_string(encoding="unicode")
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"', '<svg width="220" height="220"', svg, count=1)
    return svg.replace("<svg ", '<svg role="img" aria-label="คิวอาร์โค้ดสำหรับเพิ่มบัญชีในแอปยืนยันตัวตน" ', 1)


def _token_clean(token: str) -> str:
    return re.sub(r"[\s-]", "", token or "").lower()


def enrolment_confirm(user, key: str, token: str, request=None) -> list[str] | None:
    """Enrol ``user`` with the app holding ``key`` when ``token`` is its current code: the app becomes their
    device (replacing any earlier one), ten new recovery codes replace any earlier ones, and the codes are returned
    to be shown once. None when the code is wrong."""
    token = _token_clean(token)
    if not re.fullmatch(rf"\d{{{TOTP_DIGITS}}}", token):
        return None
    totp = TOTP(unhexlify(key), step=TOTP_STEP, digits=TOTP_DIGITS)
    totp.time = time.time()
    if not totp.verify(int(token), tolerance=1):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(
            user=user,
            name=APP_DEVICE_NAME,
            key=key,
            step=TOTP_STEP,
            digits=TOTP_DIGITS,
            confirmed=True,
            last_t=totp.t(),  # this code is used
            drift=totp.drift,
        )
        codes = _recovery_codes_replace(user)
    audit.user_log(user, "prongsai.otp_enrolled", by=user, request=request)
    if request is not None:
        session_verified(request, device)
    return codes


def _recovery_codes_replace(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_renew(user, request=None) -> list[str]:
    """Ten new recovery codes for ``user``; the earlier ones stop working. Returned to be shown once."""
    with transaction.atomic():
        codes = _recovery_codes_replace(user)
    audit.user_log(user, "prongsai.otp_codes_renewed", by=user, request=request)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def two_factor_remove(user, *, by, request=None):
    """Remove ``user``'s app and recovery codes: by the user (opting out, when not required) or by an
    administrator (a lost phone: the user enrols again at the next sign-in when required)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    action = "prongsai.otp_disabled" if by == user else "prongsai.otp_reset"
    audit.user_log(user, action, by=by, request=request)


# Verification --------------------------------------------------------------------------------------------------


def session_verified(request, device):
    """Mark this session as having passed the second step with ``device`` (a fresh session key: the session's
    privilege rose)."""
    request.session.cycle_key()
    django_otp.login(request, device)


def token_verify(request, token: str) -> tuple[object | None, int]:
    """Check a code from the app (six digits) or a recovery code (eight letters and digits) for the signed-in
    user; on success, verify the session. Returns ``(device, 0)`` on success, ``(None, seconds)`` while the device
    refuses attempts after failures (django-otp's throttle: 1, 2, 4, 8... seconds), ``(None, 0)`` for a wrong code.
    A recovery code works once."""
    user = request.user
    token = _token_clean(token)
    if re.fullmatch(rf"\d{{{TOTP_DIGITS}}}", token):
        device, action = app_device(user), "prongsai.otp_verified"
    else:
        device, action = StaticDevice.objects.filter(user=user, confirmed=True).first(), "prongsai.otp_recovery_used"
    if device is None or not token:
        audit.user_log(user, "prongsai.otp_failed", by=user, request=request)
        return None, 0
    allowed, info = device.verify_is_allowed()
    if not allowed:
        wait = (info or {}).get("locked_until")
        seconds = max(1, int((wait - timezone.now()).total_seconds()) + 1) if wait else 1
        audit.user_log(user, "prongsai.otp_failed", by=user, request=request, throttled=True)
        return None, seconds
    verified = django_otp.verify_token(user, device.persistent_id, token)
    if verified is None:
        audit.user_log(user, "prongsai.otp_failed", by=user, request=request)
        return None, 0
    session_verified(request, verified)
    data = {"recovery_codes_left": recovery_codes_left(user)} if action == "prongsai.otp_recovery_used" else {}
    audit.user_log(user, action, by=user, request=request, **data)
    return verified, 0
