"""The link checker: the laws' source links and every link of the ITA evidence, checked once a day.

External links are fetched over HTTP (``url_check``): a HEAD, then a GET when the HEAD is refused or fails (many
servers answer HEAD with 403, 404, 405 or 501 although a browser's GET works), a few redirects at most, short
timeouts, a polite User-Agent that names the agency's site, and at most ``WORKERS`` requests at once.

Internal links — the agency's own pages and documents — are checked in the database, never over HTTP: the database
says exactly what a visitor would get (a page is live and has no view restriction; a document is public and its
file is in the storage), whereas a request to our own address may not even reach us from the scheduler's host (a
proxy, a private DNS name, the page cache in front), and would count as a download. An absolute URL on one of our
sites' host names (a law's source link to the agency's own page) is resolved the same way, with Django's URL
resolver and the project's own page routing (``core.routing.route_below``), without a request.

What a run finds broken is kept in ``oversight.BrokenLink``, one agency at a time: the dashboard panel of its
website administrators and the compliance matrix read it (``broken_links_for_user``, ``rows_mark_broken_links``).
"""

import datetime
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils import timezone

from wagtail.models import Page, Site

import requests

from core.models import AgencySettings
from core.routing import route_below
from documents.models import LibraryDocument
from documents.selectors import document_visible_to
from documents.services import STORAGE_ERRORS
from oversight.models import BrokenLink, ItaEvidencePage, LinkError, LinkSource, PageItaItem
from publishing.models import SchedulerLock
from publishing.selectors import agency_sites_for_user
from publishing.services import scheduler_lock_acquire, scheduler_lock_release, scheduler_owner

logger = logging.getLogger(__name__)

TIMEOUT = 10.0  # seconds to connect, and to wait for the answer's headers
WORKERS = 8
MAX_REDIRECTS = 5
# One agency's run under its own lease: long enough for its links at WORKERS at a time, each within two timeouts.
LEASE = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Link:
    """A link and where the agency uses it: ``page`` shows it or is it, ``document`` is it."""

    url: str
    source: str
    page_id: int | None = None
    document_id: int | None = None


@dataclass(frozen=True)
class Outcome:
    error: str = ""
    status_code: int | None = None

    @property
    def broken(self) -> bool:
        return bool(self.error)


OK = Outcome()


def user_agent(site: Site) -> str:
    return f"Prongsai link checker (+{site.root_url}/)"


def _status_outcome(status_code: int) -> Outcome:
    if status_code < 400:
        return Outcome(status_code=status_code)
    if status_code in (404, 410):
        return Outcome(LinkError.NOT_FOUND, status_code)
    if status_code >= 500:
        return Outcome(LinkError.SERVER_ERROR, status_code)
    return Outcome(LinkError.HTTP_ERROR, status_code)


def url_check(url: str, agent: str, timeout: float = TIMEOUT) -> Outcome:
    """What a visitor following ``url`` gets: HEAD first, GET (headers only) when HEAD is refused or fails."""
    with requests.Session() as session:
        session.max_redirects = MAX_REDIRECTS
        session.headers["User-Agent"] = agent
        try:
            response = session.head(url, timeout=timeout, allow_redirects=True)
            response.close()
            if response.status_code >= 400:
                response = session.get(url, timeout=timeout, allow_redirects=True, stream=True)
                response.close()
        except requests.TooManyRedirects:
            return Outcome(LinkError.REDIRECT_LOOP)
        except requests.exceptions.SSLError:
            return Outcome(LinkError.TLS)
        except requests.Timeout:  # before ConnectionError: a connect timeout is both
            return Outcome(LinkError.TIMEOUT)
        except (requests.RequestException, ValueError):  # refused, unknown host, reset, not a URL
            return Outcome(LinkError.CONNECTION)
    return _status_outcome(response.status_code)


# Internal links -------------------------------------------------------------------------------------------------


def _public_page_ids(pages) -> set[int]:
    return set(Page.objects.filter(pk__in=[page.pk for page in pages]).public().values_list("pk", flat=True))


def _page_outcome(page: Page, public_ids: set[int]) -> Outcome:
    if not page.live:
        return Outcome(LinkError.NOT_LIVE)
    if page.pk not in public_ids:
        return Outcome(LinkError.NOT_PUBLIC)
    return OK


def _document_outcome(document: LibraryDocument) -> Outcome:
    """Public (and not in a collection with a view restriction), and its file is in the storage."""
    if not document_visible_to(document, AnonymousUser()) or document.collection.get_view_restrictions().exists():
        return Outcome(LinkError.NOT_PUBLIC)
    try:
        exists = document.file.storage.exists(document.file.name)
    except STORAGE_ERRORS:
        return Outcome(LinkError.CONNECTION)
    return OK if exists else Outcome(LinkError.NOT_FOUND, 404)


def _own_site(url: str, sites: list[Site]) -> Site | None:
    """The site of ours whose host name ``url`` names (its port when several share the name)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    named = [site for site in sites if site.hostname.lower() == parts.hostname.lower()]
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return next((site for site in named if site.port == port), named[0] if len(named) == 1 else None)


def own_url_outcome(url: str, site: Site) -> Outcome:
    """What a visitor gets at ``url`` on our ``site``, from the database: Django's URL resolver, the library's
    document view and the agency's page tree, without a request."""
    path = unquote(urlsplit(url).path) or "/"
    try:
        match = resolve(path)
    except Resolver404:
        if path.endswith("/"):
            return Outcome(LinkError.NOT_FOUND, 404)
        return own_url_outcome(urljoin(url, urlsplit(url).path + "/"), site)  # Django adds the slash (APPEND_SLASH)
    if match.url_name == "wagtail_serve":
        components = [component for component in path.split("/") if component]
        try:
            page = route_below(site.root_page, components) if components else site.root_page.specific
        except Http404:
            return Outcome(LinkError.NOT_FOUND, 404)
        return _page_outcome(page, _public_page_ids([page]))
    if "document_id" in match.kwargs:
        document = LibraryDocument.objects.filter(pk=match.kwargs["document_id"]).first()
        if document is None or document.object_name != match.kwargs.get("document_filename"):
            return Outcome(LinkError.NOT_FOUND, 404)
        return _document_outcome(document)
    return OK  # one of the site's own views (search, feeds, sitemap): it answers


class _Anchors(HTMLParser):
    """The links of a rich text as stored: ``href`` for an external one, ``linktype="page"`` and ``id`` for a page."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.page_ids = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag != "a":
            return
        if attrs.get("linktype") == "page" and (attrs.get("id") or "").isdigit():
            self.page_ids.append(int(attrs["id"]))
        elif attrs.get("href"):
            self.hrefs.append(attrs["href"])


# Collecting an agency's links ------------------------------------------------------------------------------------


def _full_url(site: Site, url: str) -> str:
    return url if urlsplit(url).scheme else urljoin(site.root_url + "/", url)


def site_links(site: Site) -> tuple[list[Link], dict[Link, Outcome]]:
    """The agency's links: those to fetch over HTTP, and the internal ones with what a visitor gets.

    - the source links (``source_url``) of its live laws;
    - its pages tagged with an ITA item — once published: a draft never published has no link yet, the compliance
      matrix counts its item as without evidence — and its documents tagged with an ITA item (they are the ITA
      evidence page's links, ``oversight.selectors.evidence_rows``);
    - the links in the introduction of its live ITA evidence pages."""
    from disclosure.models import LawPage

    sites = list(Site.objects.select_related("root_page"))
    external: list[Link] = []
    internal: dict[Link, Outcome] = {}

    def add_url(url, source, page_id):
        url = _full_url(site, url.strip())
        own = _own_site(url, sites)
        link = Link(url, source, page_id=page_id)
        if own is not None:
            internal[link] = own_url_outcome(url, own)
        elif urlsplit(url).scheme in ("http", "https"):
            external.append(link)

    tree = Page.objects.descendant_of(site.root_page, inclusive=True)
    for page_id, url in (
        LawPage.objects.live().descendant_of(site.root_page).exclude(source_url="").values_list("pk", "source_url")
    ):
        add_url(url, LinkSource.LAW_SOURCE, page_id)

    tagged = list(
        tree.filter(pk__in=PageItaItem.objects.values("page_id"), first_published_at__isnull=False).order_by("path")
    )
    intro_targets = {}
    evidence_pages = list(ItaEvidencePage.objects.live().descendant_of(site.root_page).only("pk", "intro"))
    for evidence_page in evidence_pages:
        anchors = _Anchors()
        anchors.feed(evidence_page.intro or "")
        for href in anchors.hrefs:
            if not href.startswith(("mailto:", "tel:", "#")):
                add_url(href, LinkSource.ITA_INTRO, evidence_page.pk)
        intro_targets[evidence_page.pk] = anchors.page_ids
    targets = {page.pk: page for page in Page.objects.filter(pk__in=[i for ids in intro_targets.values() for i in ids])}
    public_ids = _public_page_ids(tagged + list(targets.values()))
    for page in tagged:
        internal[Link(page.get_full_url() or page.url_path, LinkSource.ITA_PAGE, page_id=page.pk)] = _page_outcome(
            page, public_ids
        )
    for evidence_page_id, page_ids in intro_targets.items():
        for page_id in page_ids:
            target = targets.get(page_id)
            outcome = _page_outcome(target, public_ids) if target else Outcome(LinkError.NOT_FOUND, 404)
            url = (target.get_full_url() or target.url_path) if target else f"(หน้าที่ถูกลบ หมายเลข {page_id})"
            internal[Link(url, LinkSource.ITA_INTRO, page_id=evidence_page_id)] = outcome

    collection_id = AgencySettings.for_site(site).collection_id
    documents = (
        LibraryDocument.objects.filter(collection_id=collection_id, ita_items__isnull=False)
        .distinct()
        .select_related("collection")
        .order_by("title", "pk")
    )
    for document in documents:
        link = Link(_full_url(site, document.url), LinkSource.ITA_DOCUMENT, document_id=document.pk)
        internal[link] = _document_outcome(document)
    return external, internal


# Running a check -------------------------------------------------------------------------------------------------


def links_check(
    site: Site, timeout: float = TIMEOUT, workers: int = WORKERS, now: datetime.datetime | None = None
) -> list[BrokenLink]:
    """Check every link of ``site``'s agency and store what is broken: a link broken before keeps the time it was
    first found broken, a link that works again (or is no longer used) is removed. Each distinct external URL is
    fetched once, at most ``workers`` at a time. Returns the agency's broken links."""
    external, outcomes = site_links(site)
    urls = sorted({link.url for link in external})
    agent = user_agent(site)
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="link-check") as pool:
        fetched = dict(zip(urls, pool.map(lambda url: url_check(url, agent, timeout), urls), strict=True))
    outcomes.update({link: fetched[link.url] for link in external})
    return _broken_links_store(site, {link: outcome for link, outcome in outcomes.items() if outcome.broken}, now)


def _broken_links_store(site: Site, broken: dict[Link, Outcome], now=None) -> list[BrokenLink]:
    now = now or timezone.now()
    with transaction.atomic():
        existing = {(row.url, row.page_id, row.document_id): row for row in BrokenLink.objects.filter(site=site)}
        kept = []
        for link, outcome in broken.items():
            row = existing.pop((link.url, link.page_id, link.document_id), None)
            if row is None:
                row = BrokenLink(site=site, url=link.url, page_id=link.page_id, document_id=link.document_id)
                row.first_broken_at = now
            row.source, row.error, row.status_code, row.last_broken_at = (
                link.source,
                outcome.error,
                outcome.status_code,
                now,
            )
            row.save()
            kept.append(row)
        BrokenLink.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
    return kept


def lock_name(site: Site) -> str:
    return f"link-check:{site.pk}"


def links_check_locked(site: Site, owner: str | None = None, **options) -> list[BrokenLink] | None:
    """``links_check`` under the agency's own lease (not the scheduler's: publishing goes on meanwhile), which
    records when the agency was last checked. ``None`` when another run is checking the agency."""
    owner = owner or scheduler_owner()
    if not scheduler_lock_acquire(owner, name=lock_name(site), lease=LEASE):
        return None
    try:
        return links_check(site, **options)
    finally:
        scheduler_lock_release(owner, name=lock_name(site))


def agency_sites() -> list[Site]:
    return list(Site.objects.filter(agency_groups__isnull=False).distinct().select_related("root_page").order_by("pk"))


def last_checked(sites) -> dict[int, datetime.datetime]:
    """When each agency's links were last checked (its lease's last release)."""
    names = {lock_name(site): site.pk for site in sites}
    return {
        names[name]: when
        for name, when in SchedulerLock.objects.filter(name__in=names, last_run_at__isnull=False).values_list(
            "name", "last_run_at"
        )
    }


def links_check_due(owner: str, now: datetime.datetime | None = None) -> Site | None:
    """The scheduler's daily check (``settings.LINK_CHECK_HOURS``; 0 turns it off): the agency checked longest ago
    (never checked first), if its last check is older than that, is checked now. One agency per call, so that a
    run of the scheduler stays short; the next agencies follow in the next minutes. Returns the agency checked."""
    hours = settings.LINK_CHECK_HOURS
    if hours <= 0:
        return None
    now = now or timezone.now()
    sites = agency_sites()
    checked = last_checked(sites)
    floor = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    for site in sorted(sites, key=lambda site: (checked.get(site.pk, floor), site.pk)):
        if site.pk in checked and checked[site.pk] > now - datetime.timedelta(hours=hours):
            return None  # the oldest check is recent: so are all the others
        if links_check_locked(site, owner) is not None:
            return site
    return None


# Reads -------------------------------------------------------------------------------------------------------------

PANEL_LIMIT = 50


@dataclass
class AgencyBrokenLinks:
    site: Site
    links: list
    count: int
    checked_at: datetime.datetime | None


def broken_links_for_user(user) -> list[AgencyBrokenLinks]:
    """The broken links of the agencies where ``user`` is a website administrator (every agency for a superuser),
    oldest first, at most ``PANEL_LIMIT`` per agency, with when each agency was last checked. Another agency's
    links are never read. Three queries whatever the number of agencies and links."""
    sites = agency_sites_for_user(user, roles=("administrators",))
    if not sites:
        return []
    rows: dict[int, list] = {site.pk: [] for site in sites}
    for row in (
        BrokenLink.objects.filter(site__in=sites).select_related("page", "document").order_by("first_broken_at", "pk")
    ):
        rows[row.site_id].append(row)
    checked = last_checked(sites)
    return [
        AgencyBrokenLinks(site, rows[site.pk][:PANEL_LIMIT], len(rows[site.pk]), checked.get(site.pk)) for site in sites
    ]


def broken_link_counts(framework, site: Site) -> dict[int, int]:
    """For each item of ``framework``: how many of ``site``'s broken links are its evidence (a page tagged with it,
    a law among them, or a document tagged with it). Three queries."""
    broken = list(BrokenLink.objects.filter(site=site).values_list("page_id", "document_id"))
    if not broken:
        return {}
    counts: dict[int, int] = {}
    items_by_page: dict[int, list[int]] = {}
    for page_id, item_id in PageItaItem.objects.filter(
        item__framework=framework, page_id__in={page_id for page_id, _ in broken if page_id}
    ).values_list("page_id", "item_id"):
        items_by_page.setdefault(page_id, []).append(item_id)
    items_by_document: dict[int, list[int]] = {}
    for document_id, item_id in LibraryDocument.ita_items.through.objects.filter(
        itaitem__framework=framework, librarydocument_id__in={doc_id for _, doc_id in broken if doc_id}
    ).values_list("librarydocument_id", "itaitem_id"):
        items_by_document.setdefault(document_id, []).append(item_id)
    for page_id, document_id in broken:
        for item_id in items_by_page.get(page_id, []) + items_by_document.get(document_id, []):
            counts[item_id] = counts.get(item_id, 0) + 1
    return counts


def rows_mark_broken_links(rows, framework, site: Site) -> None:
    """Give each row of the compliance matrix (``oversight.selectors.evidence_rows``) ``broken_links``: how many
    of its evidence links the last check found broken."""
    counts = broken_link_counts(framework, site) if framework else {}
    for row in rows:
        row.broken_links = counts.get(row.item.pk, 0)
