"""Data shared by every worker through Django's cache (``CACHES["default"]``: a folder on ``make run``, Redis in
production), kept exact by generations.

A value is stored under a key that names the generations it was built from (``versioned``). A change bumps the
generation (``bump``): readers then look for a new key and build it again from the database; the old value is never
read again. A bump happens at once and again when the transaction commits, so a worker that read the database before
the commit cannot leave an old value where readers look after it.

Within one request (``request_scope``, opened by ``core.page_cache.PageCacheMiddleware``) a generation and a value
are read from the cache once.
"""

import contextvars
import fcntl
import os
import threading
import time
import uuid
from contextlib import contextmanager

from django.core.cache import cache
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction

_scope: contextvars.ContextVar[dict | None] = contextvars.ContextVar("prongsai_request_scope", default=None)

# Values that change only through the admin: an hour is a bound on memory, never on freshness.
DATA_TIMEOUT = 60 * 60


@contextmanager
def request_scope():
    """Memoise generations and values for the length of one request."""
    token = _scope.set({})
    try:
        yield
    finally:
        _scope.reset(token)


def memo(key, build):
    """``build()`` once per request scope (every time outside one)."""
    scope = _scope.get()
    if scope is None:
        return build()
    if key not in scope:
        scope[key] = build()
    return scope[key]


def forget(key):
    scope = _scope.get()
    if scope is not None:
        scope.pop(key, None)


def generation(name: str) -> str:
    """The current generation of ``name`` (made on first use)."""

    def read():
        key = f"gen:{name}"
        value = cache.get(key)
        if value is None:
            cache.add(key, uuid.uuid4().hex, timeout=None)
            value = cache.get(key)
        # A cache that does not answer (core.cache fails open) keeps nothing: a generation of this request alone,
        # so what is built from it is built from the database and never read back.
        return value or uuid.uuid4().hex

    return memo(("gen", name), read)


def bump(*names: str) -> None:
    """Make every value built from these generations unreachable: now, and again once the transaction commits."""

    def do():
        for name in names:
            cache.set(f"gen:{name}", uuid.uuid4().hex, timeout=None)
            forget(("gen", name))

    do()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(do)


def versioned(name: str, generations: tuple[str, ...], build, timeout=DATA_TIMEOUT):
    """The value ``build()`` made from the current ``generations``, read from the shared cache when it is there."""
    key = ":".join(["data", name, *(generation(g) for g in generations)])

    def read():
        value = cache.get(key)
        if value is None:
            value = build()
            cache.set(key, value, timeout)
        return value

    return memo(("data", key), read)


_thread_lock = threading.Lock()


@contextmanager
def shared_lock(name: str, timeout: float = 10.0):
    """A lock every worker process honours: ``flock`` on a file beside the file cache, else an atomic ``add`` in
    the cache (Redis, Memcached, local memory). Held for milliseconds (filling or purging the page cache's index)."""
    with _thread_lock:
        if isinstance(cache, FileBasedCache):
            os.makedirs(cache._dir, exist_ok=True)
            with open(os.path.join(cache._dir, f"{name}.lock"), "a") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
            return
        key, token = f"lock:{name}", uuid.uuid4().hex
        deadline = time.monotonic() + timeout
        # A holder that died leaves the key for at most ``timeout`` seconds. A cache that refuses the key while
        # nobody holds it, twice running, does not answer (core.cache fails open): nothing it would guard is kept.
        unheld = 0
        while not cache.add(key, token, timeout=int(timeout) + 1):
            unheld = unheld + 1 if cache.get(key) is None else 0
            if unheld >= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.002)
        try:
            yield
        finally:
            if cache.get(key) == token:
                cache.delete(key)
