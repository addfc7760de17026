"""A Redis cache that fails open: when Redis does not answer, the site keeps serving from the database.

Django's ``RedisCache`` raises on a connection error, which turns every page that touches the cache into a 500 while
Redis is down. Nothing the site keeps in the cache is needed to answer a request (counters and memoised values), so
here a Redis error reads as a miss and a write is dropped, with a warning in the log. After an error Redis is left
alone for ``RETRY_AFTER_SECONDS``, so that a Redis host that drops packets costs one connect timeout, not one per
cache call of every request.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0


def _fail_open(fallback):
    """Run the cache operation; on a Redis error (or while Redis is known down) return ``fallback(*args,
    **kwargs)`` instead."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
                logger.warning(
                    "Cache unavailable (%s: %s); serving without it for %.0f s",
                    type(error).__name__,
                    error,
                    RETRY_AFTER_SECONDS,
                )
                return fallback(*args, **kwargs)

        return wrapper

    return decorator


def _default(key, default=None, version=None):
    return default


def _false(*args, **kwargs):
    return False


def _none(*args, **kwargs):
    return None


def _empty(*args, **kwargs):
    return {}


def _not_set(data, *args, **kwargs):
    return list(data)


def _delta(key, delta=1, version=None):
    return delta


class FailOpenRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that never lets a Redis outage fail a request."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    get = _fail_open(_default)(RedisCache.get)
    add = _fail_open(_false)(RedisCache.add)
    set = _fail_open(_none)(RedisCache.set)
    touch = _fail_open(_false)(RedisCache.touch)
    delete = _fail_open(_false)(RedisCache.delete)
    get_many = _fail_open(_empty)(RedisCache.get_many)
    has_key = _fail_open(_false)(RedisCache.has_key)
    # A counter that cannot be read starts again: the search throttle lets the request through.
    incr = _fail_open(_delta)(RedisCache.incr)
    set_many = _fail_open(_not_set)(RedisCache.set_many)
    delete_many = _fail_open(_none)(RedisCache.delete_many)
    clear = _fail_open(_false)(RedisCache.clear)
