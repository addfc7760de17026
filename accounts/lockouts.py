"""Sign-in lockouts (django-axes' counts): what is locked, who may unlock what, and unlocking.

A username is locked after ``LOGIN_FAILURE_LIMIT`` failed sign-ins within ``LOGIN_COOLOFF_MINUTES``, and so is a
client address; the lock lifts by itself that long after the last failure (never, when the cool-off is 0) or when
an administrator unlocks it. Unknown usernames are counted and locked like real ones, so the lockout says nothing
about whether an account exists."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max, Sum
from django.utils import timezone

from axes.models import AccessAttempt
from axes.utils import reset

from accounts import audit
from accounts.members import members_managed_by


@dataclass
class Lockout:
    kind: str  # "username" or "ip_address"
    value: str
    failures: int
    last_failure: datetime
    user: object = None  # the account, for a username that is one

    @property
    def until(self) -> datetime | None:
        """When the lock lifts by itself; None: only an administrator lifts it."""
        if settings.AXES_COOLOFF_TIME is None:
            return None
        return self.last_failure + settings.AXES_COOLOFF_TIME


def _recent_attempts():
    attempts = AccessAttempt.objects.all()
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return attempts


def failures_count(*, username: str | None = None, ip_address: str | None = None) -> int:
    """Failed sign-ins counted against ``username`` (or ``ip_address``) within the cool-off."""
    attempts = _recent_attempts()
    attempts = attempts.filter(username=username) if username is not None else attempts.filter(ip_address=ip_address)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def _locked(field: str) -> list[tuple[str, int, datetime]]:
    rows = (
        _recent_attempts()
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(total=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(total__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
    return [(row[field], row["total"], row["last"]) for row in rows]


def lockouts_visible_to(user) -> list[Lockout]:
    """The lockouts ``user`` may see and lift: every username and address for a superuser; for an agency's
    website administrator, the usernames of the members of their agencies (never an address: the names tried from
    it may be other agencies' members, and an address is personal data)."""
    User = get_user_model()
    locked_names = _locked("username")
    accounts = User.objects.filter(**{f"{User.USERNAME_FIELD}__in": [name for name, _, _ in locked_names]})
    if not user.is_superuser:
        accounts = accounts.filter(pk__in=members_managed_by(user).values("pk"))
    accounts = {account.get_username(): account for account in accounts}
    lockouts = [
        Lockout("username", name, total, last, accounts.get(name))
        for name, total, last in locked_names
        if user.is_superuser or name in accounts
    ]
    if user.is_superuser:
        lockouts += [Lockout("ip_address", address, total, last) for address, total, last in _locked("ip_address")]
    return lockouts


def lockout_release(actor, *, kind: str, value: str, request=None) -> bool:
    """Lift the lock on a username or a client address, if ``actor`` may see it (``lockouts_visible_to``), and
    record who did it. Lifting a username forgets its failed attempts, from whichever address, so that an address
    locked only by that member's mistakes is free again too. False when there was nothing ``actor`` may lift."""
    if not any(lockout.kind == kind and lockout.value == value for lockout in lockouts_visible_to(actor)):
        return False
    if kind == "username":
        reset(username=value)
        audit.account_log(value, "prongsai.unlock", by=actor, request=request, username=value)
    else:
        reset(ip=value)
        audit.name_log(value, "prongsai.unlock", by=actor, request=request, ip_address=value)
    return True


def lockout_record(request, username: str | None, ip_address: str | None):
    """In the audit log, the lock that this failed sign-in has just started: on its username, its address, or
    both (each once, when its count reaches the limit)."""
    if getattr(request, "axes_failures_since_start", None) is None:
        return  # a refused attempt during a lockout: already locked, already logged as a failed sign-in
    limit = settings.AXES_FAILURE_LIMIT
    data = {"failures": limit, "username": username or "", "locked_ip": ip_address or ""}
    if username and failures_count(username=username) == limit:
        audit.account_log(username, "prongsai.lockout", request=request, locked="username", **data)
    if ip_address and failures_count(ip_address=ip_address) == limit:
        audit.name_log(ip_address, "prongsai.lockout", request=request, locked="ip_address", **data)
