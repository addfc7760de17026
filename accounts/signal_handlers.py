"""Sign-in events into the audit log and the session registry; lockouts; members deactivated or leaving an
agency."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save

from accounts import audit, leaving, sessions


def on_logged_in(sender, request, user, **kwargs):
    audit.user_log(user, "prongsai.login", by=user, request=request)
    if request is not None and hasattr(request, "session"):
        sessions.session_start(request, user)


def on_logged_out(sender, request, user, **kwargs):
    if request is not None:
        sessions.session_forget(request)
    if user is not None and user.pk:
        reason = getattr(request, "prongsai_logout_reason", None)
        if reason:
            audit.user_log(user, "prongsai.session_expired", by=user, request=request, reason=reason)
        else:
            audit.user_log(user, "prongsai.logout", by=user, request=request)


def on_login_failed(sender, credentials, request=None, **kwargs):
    User = get_user_model()
    username = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")[:150]
    audit.account_log(username, "prongsai.login_failed", request=request, username=username)


def on_locked_out(sender, request, username, ip_address, **kwargs):
    from accounts import lockouts

    lockouts.lockout_record(request, username, ip_address)


def on_user_pre_save(sender, instance, **kwargs):
    """Note a deactivation (active before this save, inactive after), for ``on_user_saved``."""
    instance._prongsai_deactivated = bool(
        instance.pk and not instance.is_active and sender.objects.filter(pk=instance.pk, is_active=True).exists()
    )


def on_user_saved(sender, instance, created, **kwargs):
    if getattr(instance, "_prongsai_deactivated", False):
        instance._prongsai_deactivated = False
        leaving.member_deactivated(instance)


def on_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A user removed from groups, from either side (``user.groups.remove``/``set``/``clear``, or
    ``group.user_set...``): what they left is checked after the change; ``clear`` is noted before it."""
    User = get_user_model()
    if action == "pre_clear":
        if reverse:
            instance._prongsai_cleared = set(instance.user_set.values_list("pk", flat=True))
        else:
            instance._prongsai_cleared = set(instance.groups.values_list("pk", flat=True))
        return
    if action == "post_clear":
        pk_set = getattr(instance, "_prongsai_cleared", set())
    elif action != "post_remove":
        return
    if not pk_set:
        return
    if reverse:  # instance is a group, pk_set the users
        for user in User.objects.filter(pk__in=pk_set):
            leaving.member_groups_removed(user, [instance.pk])
    else:
        leaving.member_groups_removed(instance, pk_set)


def register():
    User = get_user_model()
    user_logged_in.connect(on_logged_in, dispatch_uid="prongsai_login")
    user_logged_out.connect(on_logged_out, dispatch_uid="prongsai_logout")
    # Before django-axes' own receivers (connected when axes.signals is first imported, below): a failed sign-in is
    # logged before the lockout it starts.
    user_login_failed.connect(on_login_failed, dispatch_uid="prongsai_login_failed")
    from axes.signals import user_locked_out

    user_locked_out.connect(on_locked_out, dispatch_uid="prongsai_locked_out")
    pre_save.connect(on_user_pre_save, sender=User, dispatch_uid="prongsai_user_pre_save")
    post_save.connect(on_user_saved, sender=User, dispatch_uid="prongsai_user_saved")
    m2m_changed.connect(on_groups_changed, sender=User.groups.through, dispatch_uid="prongsai_groups_changed")
