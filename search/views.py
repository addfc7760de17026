"""The public search page (/search/) and its type-ahead suggestions (/search/suggest/)."""

import unicodedata

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from wagtail.models import Site

from search import selectors, services, throttle
from search.backend import QUERY_MAX_CHARS
from search.forms import SearchForm

PER_PAGE = 10
# Pages beyond the results are not an error: the last page is shown. Page numbers longer than this are nonsense.
MAX_PAGE_DIGITS = 6
SUGGESTIONS = 8
ROBOTS = "noindex, nofollow"


def _clean_query(raw: str) -> str:
    """The query as typed, control characters removed, at most a few times QUERY_MAX_CHARS (the backend reads
    only QUERY_MAX_CHARS of it)."""
    raw = raw[: QUERY_MAX_CHARS * 4]
    return " ".join("".join(" " if unicodedata.category(char)[0] == "C" else char for char in raw).split())


def _page_number(raw: str) -> int:
    return int(raw) if raw.isdigit() and 0 < len(raw) <= MAX_PAGE_DIGITS and int(raw) > 0 else 1


def _site(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def _throttled(request, scope: str, per_minute: int):
    """The 429 answer when this client has searched too often this minute, else None."""
    wait = throttle.seconds_to_wait(request, scope, per_minute)
    if not wait:
        return None
    if scope == "suggest":
        response = JsonResponse({"suggestions": [], "error": "มีการค้นหาถี่เกินไป กรุณารอสักครู่"}, status=429)
    else:
        response = render(request, "search/throttled.html", {"retry_after": wait}, status=429)
    response["Retry-After"] = str(wait)
    response["X-Robots-Tag"] = ROBOTS
    return response


@require_safe
def search(request):
    site = _site(request)
    if throttled := _throttled(request, "search", settings.SEARCH_RATE_PER_MINUTE):
        return throttled
    form = SearchForm(request.GET, selectors.search_categories(site), selectors.search_fiscal_years(site))
    query = _clean_query(request.GET.get("q", ""))
    category_id = form.value("category")
    filters = selectors.SearchFilters(
        category=form.categories.get(category_id) if category_id else None,
        kind=form.value("kind") or "",
        fiscal_year=form.value("year"),
    )
    context = {
        "form": form,
        "query": query,
        "filters": filters,
        "popular": selectors.popular_searches(site),
        "page_obj": None,
        "outcome": None,
        "promotions": [],
    }
    if query:
        outcome = selectors.site_search(site, query, filters)
        number = _page_number(request.GET.get("page", ""))
        paginator = Paginator(outcome.hits, PER_PAGE)
        page_obj = paginator.get_page(number)
        selectors.hits_describe(list(page_obj.object_list), outcome.terms)
        if number == 1 and not filters.active and outcome.terms:
            services.search_log(site, query, found=bool(outcome.hits))
        context.update(
            outcome=outcome,
            page_obj=page_obj,
            promotions=selectors.search_promotions(site, query) if page_obj.number == 1 else [],
            beyond_last_page=number > paginator.num_pages and paginator.count > 0,
            too_long=outcome.truncated,
            max_chars=QUERY_MAX_CHARS,
        )
    response = render(request, "search/search.html", context)
    response["X-Robots-Tag"] = ROBOTS
    return response


@require_safe
def suggest(request):
    """Up to SUGGESTIONS titles of live public pages and public documents that start with the (partial) words typed,
    as JSON ``{"suggestions": [{"title", "url"}]}``."""
    site = _site(request)
    if throttled := _throttled(request, "suggest", settings.SUGGEST_RATE_PER_MINUTE):
        return throttled
    query = _clean_query(request.GET.get("q", ""))[:QUERY_MAX_CHARS]
    suggestions = [{"title": title, "url": url} for title, url in selectors.suggestions(site, query, SUGGESTIONS)]
    response = JsonResponse({"suggestions": suggestions})
    response["X-Robots-Tag"] = ROBOTS
    return response
