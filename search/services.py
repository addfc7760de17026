"""Writes of the search app: the query log."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from search.models import SearchQueryDay
from search.selectors import log_query_string


def search_log(site, query: str, found: bool) -> None:
    """Count one search of ``query`` on ``site`` today (and one that found nothing, unless ``found``): one UPDATE,
    or one INSERT for the day's first."""
    query_string = log_query_string(query)
    if not query_string or site is None:
        return
    day = timezone.localdate()
    increments = {"hits": F("hits") + 1}
    if not found:
        increments["no_result_hits"] = F("no_result_hits") + 1
    rows = SearchQueryDay.objects.filter(site=site, query_string=query_string, day=day)
    if rows.update(**increments):
        return
    try:
        with transaction.atomic():
            SearchQueryDay.objects.create(
                site=site, query_string=query_string, day=day, hits=1, no_result_hits=0 if found else 1
            )
    except IntegrityError:
        # Another request created the day's row first.
        rows.update(**increments)
