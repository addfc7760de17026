"""Every request of a signed-in user: the session's limits (idle, absolute), then the second step of sign-in."""

from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts import sessions, two_factor

EXPIRED_MESSAGES = {
    "idle": "ออกจากระบบอัตโนมัติ เนื่องจากไม่มีการใช้งานเกิน {minutes} นาที กรุณาเข้าสู่ระบบอีกครั้ง",
    "absolute": "ออกจากระบบอัตโนมัติ เนื่องจากเข้าสู่ระบบต่อเนื่องครบ {hours} ชั่วโมง กรุณาเข้าสู่ระบบอีกครั้ง",
}


def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def _background(request) -> bool:
    """Requests the admin's pages send by themselves: Wagtail's editing-session pings count as activity only while
    the form has unsaved changes; releasing an editing session never does."""
    path = request.path_info
    prefix = _admin_prefix() + "editing-sessions/"
    if not path.startswith(prefix):
        return False
    return not (path.startswith(prefix + "ping/") and request.POST.get("is_editing") in ("on", "1", "true"))


class SessionLimitsMiddleware:
    """Signs out a session that has been idle for ``SESSION_IDLE_TIMEOUT`` minutes or open for
    ``SESSION_COOKIE_AGE`` seconds; in the admin, the next page is the login page with a Thai message saying why.
    Registers each signed-in session by its key after the response (``accounts.sessions``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = sessions.session_limit_reached(request, active=not _background(request))
            if reason:
                request.prongsai_logout_reason = reason
                logout(request)
                if request.path_info.startswith(_admin_prefix()):
                    messages.warning(request, self._message(reason))
                    # A form posted after the limit cannot be replayed: back to the dashboard after signing in.
                    next_url = request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
                    return redirect_to_login(next_url, reverse("wagtailadmin_login"))
        response = self.get_response(request)
        sessions.session_register_current(request)
        return response

    @staticmethod
    def _message(reason: str) -> str:
        return EXPIRED_MESSAGES[reason].format(
            minutes=settings.SESSION_IDLE_TIMEOUT, hours=round(settings.SESSION_COOKIE_AGE / 3600)
        )


class TwoFactorMiddleware:
    """Until a signed-in user who must give a code (``two_factor.pending_step``) has given it: every admin page
    sends them to the code page (or to enrolment, when they must have a device and have none), and everywhere else
    they are treated as signed out (private documents, the userbar). The code and enrolment pages, signing out and
    what Wagtail serves without signing in (its icons, script catalogue, login and password reset) stay open."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def _open_paths(self) -> tuple[str, ...]:
        return (
            reverse("accounts:two_factor_verify"),
            reverse("accounts:two_factor_setup"),
            reverse("wagtailadmin_logout"),
            # What Wagtail serves without signing in: every admin page, the code page included, loads the icons
            # and the script catalogue.
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_sprite"),
            reverse("wagtailadmin_javascript_catalog"),
        )

    def _open(self, path: str) -> bool:
        return path in self._open_paths or path.startswith(reverse("wagtailadmin_password_reset"))

    def __call__(self, request):
        step = two_factor.pending_step(request)
        if step and not self._open(request.path_info):
            if not request.path_info.startswith(_admin_prefix()):
                request.user = AnonymousUser()
            elif request.headers.get("x-requested-with") == "XMLHttpRequest":
                return HttpResponseForbidden()
            else:
                target = "accounts:two_factor_verify" if step == "verify" else "accounts:two_factor_setup"
                next_url = request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
                return redirect(f"{reverse(target)}?{urlencode({'next': next_url})}")
        return self.get_response(request)
