"""A per-client limit on searches: a flood of requests from one client is answered with a short Thai page (429,
``Retry-After``) instead of search work, while every other visitor searches as usual.

The client is ``core.client_address`` (behind a ``TRUSTED_PROXIES`` proxy, the address it added to
``X-Forwarded-For``), as for login lockouts. Counts live in the shared cache (``CACHE_URL``) per client and minute,
so every worker sees them.
"""

import time

from django.core.cache import cache

from core.client_address import client_address

WINDOW_SECONDS = 60


def seconds_to_wait(request, scope: str, per_minute: int, window: int = WINDOW_SECONDS) -> int:
    """0 when this client may make one more ``scope`` request this minute (and count it); else the seconds until
    the next minute. ``per_minute`` 0 or less: no limit. ``window`` (seconds) counts over a longer period instead
    (the Q&A form: ``per_minute`` questions an hour)."""
    if per_minute <= 0:
        return 0
    now = time.time()
    slot = int(now // window)
    key = f"throttle:{scope}:{client_address(request)}:{slot}"
    cache.add(key, 0, window * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window * 2)
        count = 1
    if count <= per_minute:
        return 0
    return max(1, int((slot + 1) * window - now))
