"""Sessions: the idle and absolute limits, and ending a user's sessions wherever the session store keeps them.

- A session ends ``SESSION_IDLE_TIMEOUT`` minutes after its last request (to within a minute: the time of the last
  request is stored at most once a minute), and ``SESSION_COOKIE_AGE`` after sign-in whatever happens. Wagtail's
  editing-session pings keep a session alive only while the page being edited has unsaved changes (someone is
  typing); an edit screen left open without changes does not.
- Every signed-in session is registered (``UserSession``) by its key, so that deactivating a user or their leaving
  an agency ends all their sessions, with the database or the cache as the store (``SESSION_ENGINE``).
- A password change ends the user's other sessions through Django's session verification: each session holds a
  hash of the password it signed in with, and a session whose hash no longer matches is flushed at its next request,
  whatever the store. The browser that changed the password keeps its session (``update_session_auth_hash``)."""

import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from accounts import audit
from accounts.models import UserSession

SIGNED_IN_AT = "prongsai_signed_in_at"
SEEN_AT = "prongsai_seen_at"
REGISTERED_KEY = "prongsai_session_key"
SEEN_GRANULARITY_SECONDS = 60


def session_start(request, user):
    """At sign-in: the session's clocks start and the session is registered to ``user``."""
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    # Forget this user's registrations of sessions that have expired since.
    cutoff = timezone.now() - timezone.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    UserSession.objects.filter(user=user, created_at__lt=cutoff).delete()
    session_register(request, user.pk)


def session_register(request, user_id):
    """Register the session under its current key (new at sign-in, and again when Django cycles the key, as after a
    password change or the second step)."""
    key = request.session.session_key
    if key and request.session.get(REGISTERED_KEY) != key:
        UserSession.objects.update_or_create(session_key=key, defaults={"user_id": user_id})
        request.session[REGISTERED_KEY] = key


def session_forget(request):
    """At sign-out: the session is no longer registered."""
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        UserSession.objects.filter(session_key=session.session_key).delete()


def session_register_current(request):
    """After a request: register the session if its key changed (or it predates the registry)."""
    session = getattr(request, "session", None)
    if session is None or not session.session_key:
        return
    user_id = session.get(SESSION_KEY)
    if user_id:
        session_register(request, user_id)


def session_limit_reached(request, *, active: bool) -> str | None:
    """ "idle" or "absolute" when this signed-in session has run out (the caller signs it out); None otherwise,
    after noting the request as activity when ``active``."""
    session = request.session
    now = time.time()
    signed_in = session.get(SIGNED_IN_AT)
    seen = session.get(SEEN_AT)
    if signed_in is None:  # a session from before the limits: they start now
        session[SIGNED_IN_AT] = signed_in = now
    if now - signed_in > settings.SESSION_COOKIE_AGE:
        return "absolute"
    idle = settings.SESSION_IDLE_TIMEOUT * 60
    if idle > 0 and seen is not None and now - seen > idle:
        return "idle"
    if active and (seen is None or now - seen >= SEEN_GRANULARITY_SECONDS):
        session[SEEN_AT] = now
    return None


def sessions_end(user, *, reason: str, by=None, request=None, **data) -> int:
    """End every session of ``user`` in the session store, and record it with ``reason``. Returns how many
    registered sessions there were."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    registered = UserSession.objects.filter(user=user)
    keys = list(registered.values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    registered.delete()
    audit.user_log(user, "prongsai.sessions_ended", by=by, request=request, reason=reason, sessions=len(keys), **data)
    return len(keys)
