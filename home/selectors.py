"""Reads for the home page: urgent notices, latest news and the latest disclosure updates of one agency's site."""

import datetime

from django.apps import apps
from django.db.models import Q

from wagtail.models import Page


def urgent_notices(home: Page, on: datetime.date, limit: int = 5):
    """Live, public news marked urgent under ``home`` whose urgency has not ended by ``on``; newest first."""
    from home.models import NewsPage

    return (
        NewsPage.objects.live()
        .public()
        .descendant_of(home)
        .filter(urgent=True)
        .filter(Q(urgent_until__isnull=True) | Q(urgent_until__gte=on))
        .order_by("-date", "-first_published_at")[:limit]
    )


def latest_news(home: Page, exclude_ids=(), limit: int = 5):
    """Live, public news under ``home``, newest first, leaving out ``exclude_ids`` (already shown as urgent)."""
    from home.models import NewsPage

    return (
        NewsPage.objects.live()
        .public()
        .descendant_of(home)
        .exclude(pk__in=list(exclude_ids))
        .order_by("-date", "-first_published_at")[:limit]
    )


def disclosure_page_models() -> list[type[Page]]:
    """Every concrete page type built on ``core.models.DisclosurePage``, whichever app defines it."""
    from core.models import DisclosurePage

    return [
        model
        for model in apps.get_models()
        if issubclass(model, DisclosurePage) and not model._meta.abstract and not model._meta.proxy
    ]


def latest_updates(home: Page, limit: int = 8) -> list[tuple[Page, str]]:
    """The most recently published disclosure pages under ``home``, across types, as ``(page, type label)``.

    Pages are not made specific: the label comes from the content type cache, so the query count is fixed."""
    models = disclosure_page_models()
    if not models:
        return []
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(home)
        .type(*models)
        .filter(last_published_at__isnull=False)
        .order_by("-last_published_at", "-pk")[:limit]
    )
    return [(page, page.specific_class._meta.verbose_name) for page in pages]
