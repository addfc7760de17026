"""Logins, logouts and failed logins in Wagtail's audit log (Wagtail does not log them by itself)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry


def _client(request) -> dict:
    if request is None:
        return {}
    return {
        "ip": request.META.get("REMOTE_ADDR", ""),
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:255],
    }


def on_logged_in(sender, request, user, **kwargs):
    log(instance=user, action="prongsai.login", user=user, data=_client(request))


def on_logged_out(sender, request, user, **kwargs):
    if user is not None and user.pk:
        log(instance=user, action="prongsai.logout", user=user, data=_client(request))


def on_login_failed(sender, credentials, request=None, **kwargs):
    User = get_user_model()
    username = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")[:150]
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    data = {"username": username, **_client(request)}
    if user is not None:
        log(instance=user, action="prongsai.login_failed", data=data)
    else:
        # No such account: still recorded, against the user model, with the name that was tried.
        ModelLogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(User),
            object_id="-",  # no such account
            label=username or "-",
            timestamp=timezone.now(),
            action="prongsai.login_failed",
            data=data,
        )


def register():
    user_logged_in.connect(on_logged_in, dispatch_uid="prongsai_login")
    user_logged_out.connect(on_logged_out, dispatch_uid="prongsai_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="prongsai_login_failed")
