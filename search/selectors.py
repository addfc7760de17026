"""Reads for the public search: results from pages and documents together, filters, snippets, promotions, the
popular and the unanswered searches."""

import datetime
import html
import re
from dataclasses import dataclass, field
from functools import cache

from django.core.cache import cache as django_cache
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from core import shared_cache
from core.models import AgencySettings, ClassifiedPageMixin, PageDocument
from documents.models import DocumentKind, LibraryDocument
from search import segmentation
from search.backend import QUERY_MAX_CHARS, index_scans, query_terms, query_words
from search.models import MAX_QUERY_LOG_CHARS, SearchQueryDay

# Bounded work: the most results read from each of pages and documents for one query.
MAX_RESULTS_PER_KIND = 200
SNIPPET_CHARS = 220
SNIPPET_SOURCE_CHARS = 20_000
CATEGORY_DEPTH = 3  # root (1) > agency home (2) > category (3)
POPULAR_DAYS = 30
# Past the first SIMILAR_RESULTS_FULL results of a group (pages under the same parent, documents of the same kind),
# each further one's score is multiplied by SIMILAR_RESULT_DECAY once more than the one before it: a series of
# near-identical items (twelve monthly procurement reports) does not push everything else off the first page.
SIMILAR_RESULTS_FULL = 2
SIMILAR_RESULT_DECAY = 0.5
VOCABULARY_CACHE_SECONDS = 15 * 60


@dataclass
class SearchFilters:
    category: Page | None = None
    kind: str = ""
    fiscal_year: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.category or self.kind or self.fiscal_year)


@dataclass
class SearchHit:
    """One result: a page or a document, with what the result list shows. A search ranks up to
    MAX_RESULTS_PER_KIND of each; only the results shown are read in full (``obj``, by ``hits_describe``)."""

    pk: int
    is_document: bool
    score: float
    # What ``diversified`` counts as similar results: ("page", the parent's path) or ("document", the kind).
    group: tuple = ()
    obj: object = None
    title: str = ""
    url: str = ""
    category: str = ""
    date: datetime.date | datetime.datetime | None = None
    date_label: str = ""
    snippet: SafeString = field(default_factory=lambda: mark_safe(""))
    file_type: str = ""
    kind_label: str = ""


@dataclass
class SearchOutcome:
    query: str
    terms: list[str]
    hits: list[SearchHit]
    # Set when no result had every word and the results shown have some of them.
    partial: bool = False
    # Set when nothing matched the words as typed and the results are for this corrected query.
    corrected_query: str = ""
    truncated: bool = False


# Bumped when a page is saved, moved or deleted and when a document changes (``search.apps``): the search form's
# sections and fiscal years are read again. Restrictions, sites and collections have generations of their own.
FACETS_GENERATION = "search-facets"


def _facets(name: str, site, build):
    generations = (FACETS_GENERATION, "restrictions", "collections", f"site:{site.pk}")
    return shared_cache.versioned(f"search-{name}:{site.pk}", generations, build)


def search_categories(site) -> list[Page]:
    """The site's top-level sections a search can be narrowed to: its live, public children of the home page that
    have children (the mandated categories and the news). From the shared cache until a page or a restriction
    changes."""

    def build():
        home = site.root_page
        return list(
            home.get_children()
            .live()
            .public()
            .filter(numchild__gt=0)
            .only("id", "title", "path", "depth")
            .order_by("path")
        )

    return _facets("categories", site, build)


def search_fiscal_years(site) -> list[int]:
    """Fiscal years that some live, public page of the site or some public document carries, newest first (one
    statement, whatever the number of page types with a fiscal year; building it costs more than the search itself,
    so it comes from the shared cache until a page, a document or a restriction changes)."""

    def build():
        live_public = Page.objects.live().public().descendant_of(site.root_page).values("pk")
        parts = [
            model.objects.filter(pk__in=live_public).exclude(fiscal_year=None).values_list("fiscal_year", flat=True)
            for model in _disclosure_models()
        ]
        parts.append(_site_documents(site).exclude(fiscal_year=None).values_list("fiscal_year", flat=True))
        parts = [part.order_by() for part in parts]
        return sorted(set(parts[0].union(*parts[1:])), reverse=True)

    return _facets("fiscal-years", site, build)


@cache
def _disclosure_models():
    from django.apps import apps

    return tuple(
        model
        for model in apps.get_models()
        if issubclass(model, ClassifiedPageMixin)
        and not model._meta.abstract
        and not model._meta.proxy
        # A subclass's rows are its parent's rows too: only the topmost concrete disclosure models.
        and not any(issubclass(parent, ClassifiedPageMixin) for parent in model._meta.get_parent_list())
    )


def _agency_collection_ids(site) -> list[int] | None:
    """The agency's collection and the collections under it, from the shared cache until the agency's details
    change; None when the agency has no collection."""

    def build():
        from wagtail.models import Collection

        collection = Collection.objects.filter(pk=AgencySettings.for_site(site).collection_id).first()
        if collection is None:
            return []
        return list(collection.get_descendants(inclusive=True).values_list("pk", flat=True))

    generations = (f"site:{site.pk}", "collections")
    return shared_cache.versioned(f"agency-collections:{site.pk}", generations, build) or None


def _site_documents(site):
    documents = LibraryDocument.objects.filter(is_public=True)
    collection_ids = _agency_collection_ids(site)
    if collection_ids:
        documents = documents.filter(collection__in=collection_ids)
    return documents


def _page_queryset(site, filters: SearchFilters):
    pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
    if filters.category is not None:
        pages = pages.descendant_of(filters.category, inclusive=True)
    if filters.fiscal_year:
        of_the_year = Q()
        for model in _disclosure_models():
            of_the_year |= Q(pk__in=model.objects.filter(fiscal_year=filters.fiscal_year).values("pk"))
        pages = pages.filter(of_the_year)
    return pages


def _document_queryset(site, filters: SearchFilters):
    documents = _site_documents(site)
    if filters.kind:
        documents = documents.filter(kind=filters.kind)
    if filters.fiscal_year:
        documents = documents.filter(fiscal_year=filters.fiscal_year)
    if filters.category is not None:
        published_here = PageDocument.objects.filter(
            page__path__startswith=filters.category.path, page__live=True
        ).values_list("document_id", flat=True)
        documents = documents.filter(id__in=sorted(set(published_here)))
    return documents


def _score_sign() -> int:
    # SQLite's bm25() is negative, lower is better; PostgreSQL's and the clusters' scores are higher-is-better.
    return -1 if getattr(get_search_backend(), "lower_score_is_better", False) else 1


# What the result list reads of a page (``hits_describe``); its text and date come from ``page_descriptions``.
PAGE_FIELDS = ("id", "title", "path", "depth", "url_path", "content_type_id", "last_published_at")


def _run(queryset, query: str, operator: str, limit: int) -> list[SearchHit]:
    """The best ``limit`` results of ``queryset`` for ``query``, with what ``diversified`` needs and no more: their
    ids and scores from the ranking statement, their groups in one more query, no objects built."""
    ranked = queryset.search(query, operator=operator)[:limit].ranked_ids()
    ids = [int(pk) for pk, _ in ranked]
    is_document = queryset.model is LibraryDocument
    if is_document:
        groups = {
            pk: ("document", kind) for pk, kind in queryset.model.objects.filter(pk__in=ids).values_list("pk", "kind")
        }
    else:
        groups = {
            pk: ("page", path[: -Page.steplen])
            for pk, path in Page.objects.filter(pk__in=ids).values_list("pk", "path")
        }
    sign = _score_sign()
    return [
        SearchHit(pk=pk, is_document=is_document, score=sign * float(score or 0.0), group=groups[pk])
        for pk, (_, score) in zip(ids, ranked, strict=True)
        if pk in groups  # else deleted between the two reads
    ]


def site_search(site, query: str, filters: SearchFilters | None = None) -> SearchOutcome:
    """Live public pages of ``site`` and its public documents that match ``query``, best first: for the query
    with its misspellings corrected from the site's own words when it has some (``corrected_query``); else every
    word must match; else (marked ``partial``) some words."""
    filters = filters or SearchFilters()
    truncated = len(query) > QUERY_MAX_CHARS
    terms = query_terms(query)
    outcome = SearchOutcome(query=query, terms=terms, hits=[], truncated=truncated)
    if not terms:
        return outcome
    suggestion = spelling_suggestion(query)
    if suggestion:
        hits = _search_both(site, suggestion, filters, "and")
        if hits:
            outcome.corrected_query = suggestion
            outcome.terms = query_terms(suggestion)
            outcome.hits = hits
            return outcome
    text = " ".join(terms)
    hits = _search_both(site, text, filters, "and")
    if not hits and len(terms) > 1:
        hits = _search_both(site, text, filters, "or")
        outcome.partial = bool(hits)
    outcome.hits = hits
    return outcome


def _search_both(site, text: str, filters: SearchFilters, operator: str) -> list[SearchHit]:
    hits = []
    with index_scans():  # one planner setting for both searches (PostgreSQL)
        if not filters.kind:
            hits += _run(_page_queryset(site, filters), text, operator, MAX_RESULTS_PER_KIND)
        hits += _run(_document_queryset(site, filters), text, operator, MAX_RESULTS_PER_KIND)
    return diversified(hits)


def diversified(hits: list[SearchHit]) -> list[SearchHit]:
    """``hits`` best first, where the n-th hit of a group (same parent page; same document kind), counted from 0,
    counts SIMILAR_RESULT_DECAY ** (n - SIMILAR_RESULTS_FULL + 1) of its score once n reaches SIMILAR_RESULTS_FULL."""
    hits = sorted(hits, key=lambda hit: hit.score, reverse=True)
    seen: dict[tuple, int] = {}
    ranked = []
    for position, hit in enumerate(hits):
        nth = seen.get(hit.group, 0)
        seen[hit.group] = nth + 1
        decay = SIMILAR_RESULT_DECAY ** max(0, nth - SIMILAR_RESULTS_FULL + 1)
        ranked.append((hit.score * decay, -position, hit))
    ranked.sort(key=lambda item: item[:2], reverse=True)
    return [hit for *_, hit in ranked]


def hits_describe(hits: list[SearchHit], terms: list[str]) -> list[SearchHit]:
    """Read in full the results of one page of results (``obj``) and fill in what the list shows: title, link,
    category, date and a highlighted snippet. A few queries for the whole page of results, whatever its length and
    its page types: a page's text and date come from the shared cache (``page_descriptions``). A result deleted
    since the search is left without ``obj`` (the list leaves it out)."""
    pages = Page.objects.only(*PAGE_FIELDS).in_bulk([hit.pk for hit in hits if not hit.is_document])
    documents = LibraryDocument.objects.in_bulk([hit.pk for hit in hits if hit.is_document])
    for hit in hits:
        hit.obj = (documents if hit.is_document else pages).get(hit.pk)
    hits = [hit for hit in hits if hit.obj is not None]
    page_hits = [hit for hit in hits if not hit.is_document]
    document_hits = [hit for hit in hits if hit.is_document]
    descriptions = page_descriptions([hit.obj for hit in page_hits])
    prefixes = {hit.obj.path[: Page.steplen * CATEGORY_DEPTH] for hit in page_hits}
    publishing = {}
    if document_hits:
        for link in (
            PageDocument.objects.filter(document_id__in=[hit.pk for hit in document_hits], page__live=True)
            .select_related("page")
            .order_by("sort_order")
        ):
            publishing.setdefault(link.document_id, link.page)
        prefixes |= {page.path[: Page.steplen * CATEGORY_DEPTH] for page in publishing.values()}
    categories = dict(Page.objects.filter(path__in=prefixes, depth=CATEGORY_DEPTH).values_list("path", "title"))
    for hit in page_hits:
        page = hit.obj
        text, date = descriptions[page.pk]
        hit.title = page.title
        hit.url = page.url or ""
        hit.category = categories.get(page.path[: Page.steplen * CATEGORY_DEPTH], "")
        hit.date = date or page.last_published_at
        hit.date_label = "ข้อมูล ณ วันที่"
        hit.snippet = snippet(text, terms)
    for hit in document_hits:
        document = hit.obj
        hit.title = document.title
        hit.url = document.url
        page = publishing.get(document.pk)
        hit.category = categories.get(page.path[: Page.steplen * CATEGORY_DEPTH], "") if page else ""
        hit.date = document.created_at
        hit.date_label = "วันที่นำเข้า"
        hit.snippet = snippet(" ".join([document.description, document.extracted_text]), terms)
        hit.file_type = document.file_type_label
        hit.kind_label = DocumentKind(document.kind).label if document.kind in DocumentKind.values else ""
    return hits


PAGE_TEXT_GENERATION = "page-text"


def page_text_key(page_id) -> str:
    return f"page-text:{page_id}"


def page_descriptions(pages) -> dict[int, tuple[str, object]]:
    """``{page id: (its searchable text as a visitor reads it, its own date or None)}`` for a result list: from the
    shared cache, else from the specific pages and their related rows (one query per page type and relation). A
    page's entry is dropped when it is saved, every entry when a person, unit, document or category changes
    (``search.apps``)."""
    generation = shared_cache.generation(PAGE_TEXT_GENERATION)
    keys = {page.pk: f"{page_text_key(page.pk)}:{generation}" for page in pages}
    found = django_cache.get_many(list(keys.values())) if keys else {}
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        specific = list(Page.objects.filter(pk__in=missing).specific())
        _prefetch_search_relations(specific)
        built = {keys[page.pk]: (page_text(page), _own_date(page)) for page in specific}
        django_cache.set_many(built, shared_cache.DATA_TIMEOUT)
        found.update(built)
    return {pk: found.get(key, ("", None)) for pk, key in keys.items()}


def _prefetch_search_relations(pages):
    """Read the related objects that ``page_text`` reads (a manual's steps, a structure's units and their people...)
    in one query per relation and page type, not one per result."""
    from django.db.models import prefetch_related_objects

    by_type: dict[type, list] = {}
    for page in pages:
        by_type.setdefault(type(page), []).append(page)
    for model, instances in by_type.items():
        for lookup in _related_lookups(model.get_search_fields()):
            prefetch_related_objects(instances, lookup)


def _related_lookups(fields, prefix: str = "") -> list[str]:
    from modelsearch.index import RelatedFields

    lookups = []
    for search_field in fields:
        if isinstance(search_field, RelatedFields):
            lookup = prefix + search_field.field_name
            lookups.append(lookup)
            lookups += _related_lookups(search_field.fields, lookup + "__")
    return lookups


def _own_date(page):
    for name in ("date", "info_date", "issued_date"):
        value = getattr(page, name, None)
        if isinstance(value, datetime.date):
            return value
    return None


def page_text(page) -> str:
    """The page's searchable text other than its title, as a visitor reads it (not segmented)."""
    from modelsearch.index import RelatedFields, SearchField

    texts = [page.search_description] if page.search_description else []

    def collect(obj, fields):
        for search_field in fields:
            if isinstance(search_field, SearchField) and search_field.field_name != "title":
                value = search_field.get_value(obj)
                if isinstance(value, list | tuple):
                    texts.extend(str(item) for item in value)
                elif value:
                    texts.append(str(value))
            elif isinstance(search_field, RelatedFields):
                related = search_field.get_value(obj)
                if related is None:
                    continue
                items = related.all() if hasattr(related, "all") else [related]
                for item in items:
                    collect(item, search_field.fields)

    collect(page, page.get_search_fields())
    return " ".join(texts)


def snippet(text: str, terms: list[str]) -> SafeString:
    """About SNIPPET_CHARS characters of ``text`` around the first matched word, every matched word in ``<mark>``;
    HTML-escaped."""
    # Cheap work on the whole text (C-speed translate and split); the Thai normalisation on the window only.
    text = " ".join(text[:SNIPPET_SOURCE_CHARS].translate(segmentation.THAI_DIGITS).split())
    if not text:
        return mark_safe("")
    words = sorted({term for term in terms if term}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE) if words else None
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > SNIPPET_CHARS // 3:
        start = first.start() - SNIPPET_CHARS // 3
        # Start at a space when there is one close by, so a word is not cut.
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 else start
    window = segmentation.normalise(text[start : start + SNIPPET_CHARS])
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + SNIPPET_CHARS < len(text) else ""
    if pattern is None:
        return mark_safe(prefix + html.escape(window) + suffix)
    parts, position = [], 0
    for match in pattern.finditer(window):
        parts.append(html.escape(window[position : match.start()]))
        parts.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    parts.append(html.escape(window[position:]))
    return mark_safe(prefix + "".join(parts) + suffix)


def suggestions(site, query: str, limit: int = 8) -> list[tuple[str, str]]:
    """(title, url) of up to ``limit`` live public pages, then public documents, whose titles have words starting
    with what was typed: type-ahead on partial Thai words (``สาธาร`` finds ``สาธารณะ``)."""
    if len(query.strip()) < 2 or not query_terms(query):
        return []
    pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True).autocomplete(query)
    found = [(page.title, page.url) for page in pages[:limit]]
    if len(found) < limit:
        documents = _site_documents(site).autocomplete(query)
        found += [(document.title, document.url) for document in documents[: limit - len(found)]]
    return found


def search_promotions(site, query: str) -> list:
    """The administrators' promoted results for this query (Wagtail's search promotions): external links, and
    pages of this site that are live and public."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    normalised = normalise_query_string(query)
    if not normalised:
        return []
    promotions = (
        SearchPromotion.objects.filter(query__query_string=normalised).select_related("page").order_by("sort_order")
    )
    visible_pages = set(
        Page.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .filter(pk__in=[p.page_id for p in promotions if p.page_id])
        .values_list("pk", flat=True)
    )
    return [p for p in promotions if (p.page_id in visible_pages) or (not p.page_id and p.external_link_url)]


def popular_searches(site, limit: int = 8, days: int = POPULAR_DAYS) -> list[str]:
    """The queries most searched on ``site`` in the last ``days`` days that found something, most searched first."""
    since = timezone.localdate() - datetime.timedelta(days=days)
    rows = (
        SearchQueryDay.objects.filter(site=site, day__gte=since)
        .values("query_string")
        .annotate(total=Sum("hits"), empty=Sum("no_result_hits"))
        .filter(total__gt=F("empty"), total__gte=2)
        .order_by("-total", "query_string")[:limit]
    )
    return [row["query_string"] for row in rows]


def searches_without_results(since: datetime.date | None = None, sites=None):
    """Per site and query, the searches that found nothing since ``since`` (default: 90 days) on ``sites`` (default:
    every site), most frequent first, with the last day each was made: what citizens could not find."""
    from django.db.models import Max

    since = since or timezone.localdate() - datetime.timedelta(days=90)
    days = SearchQueryDay.objects.filter(day__gte=since, no_result_hits__gt=0)
    if sites is not None:
        days = days.filter(site__in=sites)
    return (
        days.values("site__site_name", "site__hostname", "query_string")
        .annotate(total=Sum("no_result_hits"), last_day=Max("day"))
        .order_by("-total", "query_string")
    )


def log_query_string(query: str) -> str:
    return normalise_query_string(query)[:MAX_QUERY_LOG_CHARS]


# -- spelling -----------------------------------------------------------------------------------------------------


def spelling_suggestion(query: str) -> str:
    """The query with its misspelt Thai words corrected from the site's own words, or "" when nothing needs or can
    be corrected. A misspelt word falls apart into fragments when segmented (``เพชรบรี`` -> ``เพชร บ รี``): each
    fragment that is neither a dictionary word nor a word of the site is glued to its neighbours and looked up
    one edit away (a character missing, added or wrong)."""
    vocabulary, deletes = _vocabulary()

    def known(word):
        lowered = word.lower()
        return (
            not segmentation.THAI_CHAR.match(word)
            or lowered in vocabulary
            or (len(word) > 1 and segmentation.is_dictionary_word(word))
        )

    def lookup(text):
        text = text.lower()
        if len(text) < 3:
            return None
        if text in vocabulary:
            return text
        candidates = set(deletes.get(text, ()))
        for variant in _deletes(text):
            candidates.update(deletes.get(variant, ()))
            if variant in vocabulary:
                candidates.add(variant)
        return max(candidates, key=lambda c: (vocabulary[c], c)) if candidates else None

    corrected, changed = [], False
    for chunk in segmentation.normalise(query[:QUERY_MAX_CHARS]).split():
        words = query_words(chunk)
        # A whole unspaced chunk one edit away from a word of the site (ไข้เลือดอออก -> ไข้เลือดออก).
        if len(words) > 1 and segmentation.THAI_CHAR.match(chunk) and not known(chunk):
            candidate = lookup(chunk)
            if candidate:
                corrected.append(candidate)
                changed = True
                continue
        fixed, chunk_changed = _fragments_corrected(words, known, lookup)
        corrected += fixed
        changed = changed or chunk_changed
    return " ".join(corrected) if changed else ""


def _fragments_corrected(words, known, lookup):
    corrected, changed, i = [], False, 0
    while i < len(words):
        if known(words[i]):
            corrected.append(words[i])
            i += 1
            continue
        found = None
        for glue_previous in (True, False):
            if glue_previous and not corrected:
                continue
            for end in range(min(i + 2, len(words) - 1), i - 1, -1):
                merged = (corrected[-1] if glue_previous else "") + "".join(words[i : end + 1])
                candidate = lookup(merged)
                if candidate:
                    found = (glue_previous, end, candidate)
                    break
            if found:
                break
        if found is None:
            corrected.append(words[i])
            i += 1
            continue
        glue_previous, end, candidate = found
        if glue_previous:
            corrected.pop()
        corrected.append(candidate)
        changed = True
        i = end + 1
    return corrected, changed


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_VOCABULARY: dict = {}


def vocabulary_reset():
    """Forget the words of the site (tests, and after a full reindex)."""
    _VOCABULARY.clear()
    django_cache.delete("search:vocabulary-version")


def _vocabulary():
    """The words of every indexed title and autocomplete text, with their frequency, and a map from each word with
    one character deleted to the words it comes from; rebuilt at most every VOCABULARY_CACHE_SECONDS."""
    version = django_cache.get("search:vocabulary-version")
    if version is None:
        version = timezone.now().timestamp()
        django_cache.set("search:vocabulary-version", version, VOCABULARY_CACHE_SECONDS)
    if _VOCABULARY.get("version") == version:
        return _VOCABULARY["words"], _VOCABULARY["deletes"]
    from django.db import connection

    from modelsearch.conf import get_app_config

    index_entry = get_app_config().get_model("IndexEntry")
    column = "title_text" if connection.vendor == "postgresql" else "title"
    counts: dict[str, int] = {}
    for text in index_entry.objects.values_list(column, flat=True).iterator(chunk_size=2000):
        for word in (text or "").lower().split():
            if len(word) >= 3 and not word.isdigit():
                counts[word] = counts.get(word, 0) + 1
    deletes: dict[str, set] = {}
    for word in counts:
        for variant in _deletes(word):
            deletes.setdefault(variant, set()).add(word)
    _VOCABULARY.update(version=version, words=counts, deletes=deletes)
    return counts, deletes
