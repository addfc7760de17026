"""Sign-in events in Wagtail's audit log (Wagtail logs none of them by itself): sign-ins, sign-outs and failed
attempts, lockouts and unlocks, the second step, and sessions ended. Each entry is about the account (a
``ModelLogEntry`` of the user); an attempt on a name that is no account, or a lockout of a client address, is
recorded against the user model with that name as its label, so that it is in the same log."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.functional import LazyObject

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from core.client_address import client_address

# (action, label, message): registered with Wagtail in wagtail_hooks.py, so its history and reports name them.
LOG_ACTIONS = [
    ("prongsai.login", "เข้าสู่ระบบ", "เข้าสู่ระบบ"),
    ("prongsai.logout", "ออกจากระบบ", "ออกจากระบบ"),
    ("prongsai.login_failed", "เข้าสู่ระบบไม่สำเร็จ", "พยายามเข้าสู่ระบบแต่ไม่สำเร็จ"),
    ("prongsai.session_expired", "หมดเวลาการใช้งาน", "ออกจากระบบอัตโนมัติเมื่อหมดเวลาการใช้งาน"),
    ("prongsai.lockout", "ระงับการเข้าสู่ระบบชั่วคราว", "ระงับการเข้าสู่ระบบชั่วคราวหลังเข้าสู่ระบบไม่สำเร็จหลายครั้ง"),
    ("prongsai.unlock", "ปลดล็อกการเข้าสู่ระบบ", "ผู้ดูแลระบบปลดล็อกการเข้าสู่ระบบ"),
    ("prongsai.otp_verified", "ยืนยันตัวตนขั้นที่สองสำเร็จ", "ยืนยันตัวตนขั้นที่สองด้วยรหัสจากแอป"),
    ("prongsai.otp_recovery_used", "ใช้รหัสกู้คืน", "ยืนยันตัวตนขั้นที่สองด้วยรหัสกู้คืน"),
    ("prongsai.otp_failed", "ยืนยันตัวตนขั้นที่สองไม่สำเร็จ", "ใส่รหัสยืนยันตัวตนขั้นที่สองไม่ถูกต้อง"),
    ("prongsai.otp_enrolled", "เปิดใช้การยืนยันตัวตนสองขั้นตอน", "เปิดใช้การยืนยันตัวตนสองขั้นตอน"),
    ("prongsai.otp_codes_renewed", "สร้างรหัสกู้คืนชุดใหม่", "สร้างรหัสกู้คืนชุดใหม่ รหัสชุดเดิมใช้ไม่ได้แล้ว"),
    ("prongsai.otp_disabled", "ปิดการยืนยันตัวตนสองขั้นตอน", "ปิดการยืนยันตัวตนสองขั้นตอน"),
    ("prongsai.otp_reset", "ยกเลิกอุปกรณ์ยืนยันตัวตน", "ผู้ดูแลระบบยกเลิกอุปกรณ์ยืนยันตัวตนของผู้ใช้"),
    ("prongsai.sessions_ended", "ยุติการเข้าสู่ระบบทุกเครื่อง", "ยุติการเข้าสู่ระบบของผู้ใช้ทุกเครื่อง"),
]


def client_data(request) -> dict:
    """Where a request came from: the client's address (behind a trusted proxy, the one it forwarded) and browser."""
    if request is None:
        return {}
    return {"ip": client_address(request), "user_agent": request.META.get("HTTP_USER_AGENT", "")[:255]}


def _unwrapped(user):
    """The user itself for ``request.user``, a lazy object (django-otp's middleware wraps it): Wagtail's log
    registry looks an instance's class up, and a lazy object's is not the user model."""
    if user is not None and isinstance(user, LazyObject):
        user.pk  # noqa: B018 - evaluates the lazy object
        return user._wrapped
    return user


def user_log(user, action: str, *, by=None, request=None, **data):
    """An entry about ``user``'s account. ``by`` is who acted; None: the user of Wagtail's log context (the admin
    view's user), or nobody."""
    return log(instance=_unwrapped(user), action=action, user=_unwrapped(by), data={**client_data(request), **data})


NO_ACCOUNT = "0"


def name_log(name: str, action: str, *, by=None, request=None, **data):
    """An entry about a name that is no account: a username that does not exist, or a client address."""
    User = get_user_model()
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        # No such account. Not a number would break Wagtail's reports, which read every entry's object by its id
        # (``with_instances``: ``in_bulk``); no account has the id 0.
        object_id=NO_ACCOUNT,
        label=(name or "-")[:255],
        timestamp=timezone.now(),
        action=action,
        user=_unwrapped(by),
        data={**client_data(request), **data},
    )


def account_log(name: str, action: str, *, by=None, request=None, **data):
    """An entry about the account called ``name`` when there is one, else about the name."""
    User = get_user_model()
    user = User.objects.filter(**{User.USERNAME_FIELD: name}).first() if name else None
    if user is not None:
        return user_log(user, action, by=by, request=request, **data)
    return name_log(name, action, by=by, request=request, **data)
