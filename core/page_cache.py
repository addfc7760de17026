"""The page cache: anonymous visitors' pages from the cache shared by every worker, purged exactly when what a page
shows changes.

**What is cached.** A GET or HEAD of a live, public Wagtail page by a visitor without a session cookie, whose
response is a 200 that sets no cookie; the query string may hold only the listings' own parameters (``page``,
``category``, ``type``, ``unit``). Never: logged-in users (a session cookie), previews (served by the admin, never
through ``before_serve_page``), pages under a view restriction (private or password), search, documents, the admin.

**What a page depends on.** While a page renders, every page, person, unit, document and reference row that is
loaded from the database is recorded (``track``: Django's ``post_init``) as a dependency key such as ``page:42``
or ``core.organisationunit:7``; listings add the collection they read (``depends_on("children:12")``), since a page
published tomorrow is not loaded today. The chrome (navigation, footer, agency details) comes from
``core.site_data`` and is not recorded: it belongs to every page of the site, which a change to it purges whole.

**Purging.** ``purge_on_commit`` deletes every entry that depends on one of the given keys (or belongs to a site,
or lies under a page), at once and again when the transaction commits, and then sends ``page_cache_purged`` with
the URLs: the front cache (``wagtail.contrib.frontend_cache``) purges the same URLs. The triggers are in
``core.page_cache_triggers`` (pages, agency data, view restrictions, sites) and in the apps that know a collection
(home's latest updates, oversight's ITA evidence, documents' privacy).

**Exact under concurrency.** The index (entry → URL, site, page path, dependencies) is changed under one lock
shared by all workers. A render that began before a purge is not stored (the purge changed ``SEQUENCE``).
"""

import datetime
import hashlib
import logging
import pickle
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_init
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils import timezone

from core import shared_cache

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
# Listings' own parameters; any other query string is rendered without the cache.
QUERY_PARAMETERS = frozenset({"page", "category", "type", "unit"})
MAX_PARAMETER_LENGTH = 40
SKIPPED_PREFIXES = ("/admin/", "/search/", "/documents/", "/media/", "/static/", "/healthz", "/sitemap.xml")

ENTRY = "pc:e:"
INDEX = "pc:index"
SEQUENCE = "pc:seq"
LOCK = "page-cache"

# Sent after a purge has been committed, with the absolute URLs it removed (the front cache purges them too).
page_cache_purged = Signal()

_deps: ContextVar[set | None] = ContextVar("prongsai_page_cache_deps", default=None)


@dataclass
class Render:
    """A page render that may be stored: its site, its page's ``url_path`` and what it depends on."""

    site_id: int
    url_path: str
    deps: set = field(default_factory=set)


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def depends_on(*keys: str) -> None:
    """Record dependency keys for the page being rendered (nothing when no cacheable page is rendering)."""
    deps = _deps.get()
    if deps is not None:
        deps.update(keys)


@contextmanager
def untracked():
    """Loads inside are not dependencies (routing, breadcrumbs: covered by the page's own and the site's purge)."""
    token = _deps.set(None)
    try:
        yield
    finally:
        _deps.reset(token)


def rendering_started(request, page, site_id: int) -> None:
    """Called before a cacheable page is served: dependencies are recorded from here on."""
    render = Render(site_id=site_id, url_path=page.url_path, deps={f"page:{page.pk}"})
    request._page_cache_render = render
    _deps.set(render.deps)


def track(model, key) -> None:
    """Record ``key(instance)`` whenever an instance of ``model`` (exactly that class) is loaded during a render."""

    def receiver(sender, instance, **kwargs):
        deps = _deps.get()
        if deps is not None and instance.pk is not None:
            deps.add(key(instance))

    post_init.connect(receiver, sender=model, weak=False, dispatch_uid=f"page_cache_track_{model._meta.label}")


# --- the index -------------------------------------------------------------------------------------------------


class _DictIndex:
    """One dict in the cache, read and written under the shared lock (file and local-memory caches)."""

    def items(self) -> dict:
        return cache.get(INDEX) or {}

    def add(self, key, meta):
        index = self.items()
        index[key] = meta
        cache.set(INDEX, index, timeout=None)

    def remove(self, keys):
        index = self.items()
        for key in keys:
            index.pop(key, None)
        cache.set(INDEX, index, timeout=None)


class _RedisIndex:
    """A Redis hash: adding an entry costs the same whatever the number of entries. It talks to Redis's own client,
    so it fails open here as the cache does (``core.cache``): with Redis down a page is served uncached and a purge
    is logged, never an error."""

    def _call(self, operation, fallback=None):
        from redis.exceptions import RedisError

        try:
            return operation(cache._cache.get_client(INDEX, write=True), cache.make_and_validate_key(INDEX))
        except RedisError as error:
            logger.warning("Page cache index unavailable (%s: %s)", type(error).__name__, error)
            return fallback

    def items(self) -> dict:
        return self._call(
            lambda client, name: {key.decode(): pickle.loads(value) for key, value in client.hgetall(name).items()},
            {},
        )

    def add(self, key, meta):
        self._call(lambda client, name: client.hset(name, key, pickle.dumps(meta)))

    def remove(self, keys):
        if keys:
            self._call(lambda client, name: client.hdel(name, *keys))


def _index():
    from django.core.cache.backends.redis import RedisCache

    return _RedisIndex() if isinstance(cache, RedisCache) else _DictIndex()


# --- reading and storing ------------------------------------------------------------------------------------------


def entry_key(request) -> str | None:
    """The cache key of this request, or None when it is never served from the cache."""
    if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    path = request.path
    if path.startswith(SKIPPED_PREFIXES):
        return None
    parameters = []
    for name, values in request.GET.lists():
        if name not in QUERY_PARAMETERS or len(values) != 1 or len(values[0]) > MAX_PARAMETER_LENGTH:
            return None
        parameters.append((name, values[0]))
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    raw = f"{host}\n{path}\n{urlencode(sorted(parameters))}"
    return hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


def timeout() -> int:
    """Until the next local midnight at most: urgent notices end, review dates pass and listings say "today"."""
    now = timezone.localtime()
    midnight = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time(), now.tzinfo)
    return max(1, min(settings.PAGE_CACHE_SECONDS, int((midnight - now).total_seconds())))


def _sequence():
    return cache.get(SEQUENCE)


def storable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        and (user is None or not user.is_authenticated)
    )


def store(key: str, url: str, render: Render, sequence, response) -> bool:
    """Keep the response unless a purge happened since the render began. Returns whether it was stored."""
    headers = [(name, value) for name, value in response.items() if name.lower() not in ("set-cookie", "x-page-cache")]
    entry = (response.status_code, headers, response.content)
    meta = (url, render.site_id, render.url_path, frozenset(render.deps))
    with shared_cache.shared_lock(LOCK):
        if _sequence() != sequence:
            return False
        cache.set(ENTRY + key, entry, timeout())
        _index().add(key, meta)
    return True


def cached_response(request, entry) -> HttpResponse:
    status, headers, content = entry
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response[name] = value
    response[HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Serves anonymous visitors' pages from the shared cache and stores the ones a page render marked cacheable.
    Placed right after WhiteNoise: a hit runs no other middleware and no query. Also opens the request scope of
    ``core.shared_cache`` for every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from core.site_data import site_for_request

        with shared_cache.request_scope():
            key = entry_key(request) if enabled() else None
            entry = cache.get(ENTRY + key) if key is not None else None
            if entry is not None:
                return cached_response(request, entry)
            if not request.path.startswith(("/admin/", "/healthz", "/static/", "/media/")):
                site_for_request(request)
            if key is None:
                return self.get_response(request)
            sequence = _sequence()
            request._page_cache_candidate = True
            token = _deps.set(None)
            try:
                response = self.get_response(request)
            finally:
                _deps.reset(token)
            render = getattr(request, "_page_cache_render", None)
            if render is not None and storable(request, response):
                store(key, request.build_absolute_uri(), render, sequence, response)
                response[HEADER] = "miss"
            return response


# --- fragments -----------------------------------------------------------------------------------------------------

FRAGMENT = "fragment:"


def fragment(name: str, site_id: int, url_path: str, compute):
    """What ``compute()`` returns, kept in the shared cache with the dependencies its loads recorded, and purged with
    them exactly as a page is (an entry of the index without a URL, under ``url_path`` of ``site_id``). For what a
    page computes from many others (the home page's lists): a render that is not served from the page cache (a
    logged-in editor, a query string, the first visitor after a purge elsewhere) does not compute it again. The
    dependencies also go to the page being rendered, so its own entry is purged with the fragment."""
    if not enabled():
        return compute()
    key = FRAGMENT + hashlib.sha1(f"{site_id}\n{name}".encode(), usedforsecurity=False).hexdigest()
    hit = cache.get(ENTRY + key)
    if hit is not None:
        value, deps = hit
        depends_on(*deps)
        return value
    sequence = _sequence()
    deps = set()
    token = _deps.set(deps)
    try:
        value = compute()
    finally:
        _deps.reset(token)
    depends_on(*deps)
    with shared_cache.shared_lock(LOCK):
        if _sequence() == sequence:  # no purge since it began: what it read is still what it keeps
            cache.set(ENTRY + key, (value, frozenset(deps)), timeout())
            _index().add(key, ("", site_id, url_path, frozenset(deps)))
    return value


# --- purging --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Purge:
    """What to purge: entries depending on one of ``deps``, every entry of ``sites``, the entries of pages under
    ``subtrees`` ((site id, url_path) pairs), or everything."""

    deps: frozenset = frozenset()
    sites: frozenset = frozenset()
    subtrees: frozenset = frozenset()
    everything: bool = False

    def matches(self, meta) -> bool:
        _url, site_id, url_path, deps = meta
        return (
            self.everything
            or site_id in self.sites
            or not self.deps.isdisjoint(deps)
            or any(site_id == s and url_path.startswith(prefix) for s, prefix in self.subtrees)
        )

    def __bool__(self):
        return bool(self.deps or self.sites or self.subtrees or self.everything)


def purge(what: Purge) -> list[str]:
    """Delete the matching entries now; returns their URLs (sorted)."""
    if not what:
        return []
    with shared_cache.shared_lock(LOCK):
        cache.set(SEQUENCE, uuid.uuid4().hex, timeout=None)
        index = _index()
        matched = {key: meta[0] for key, meta in index.items().items() if what.matches(meta)}
        if matched:
            cache.delete_many([ENTRY + key for key in matched])
            index.remove(list(matched))
    return sorted({url for url in matched.values() if url})


def purge_on_commit(deps=(), sites=(), subtrees=(), everything=False) -> None:
    """Purge now (a worker must not serve the old page while the change commits) and again once the transaction
    commits (a worker may have stored the old page meanwhile); then tell ``page_cache_purged`` every URL removed."""
    what = Purge(frozenset(deps), frozenset(sites), frozenset(subtrees), everything)
    if not what:
        return
    urls = purge(what)

    def after_commit():
        removed = sorted(set(urls) | set(purge(what)))
        if removed:
            page_cache_purged.send(sender=Purge, urls=removed, purge=what)

    transaction.on_commit(after_commit)


def front_cache_purge(sender, urls, **kwargs):
    """The front cache (CloudFront, nginx, Varnish: ``WAGTAILFRONTENDCACHE``) purges what the page cache purged. A
    failure is logged, never shown to the editor whose publication caused it."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(urls)
    except Exception:  # noqa: BLE001 - a front cache that fails must not fail the publication
        logger.exception("Front cache purge failed for %d URL(s)", len(urls))
