"""Warm a freshly loaded application before gunicorn forks its workers (``deploy/gunicorn.conf.py: when_ready``).

With ``preload_app`` every worker, the first ones and each one recycled after ``max_requests``, is a fork of the
master. What the master has loaded, they have without paying for it: here the Thai word segmenter's dictionary (about
2 s to build, needed by every search and every page save) and, by answering the home page once, the templates,
the URL resolvers and the modules Django and Wagtail import on first use (about 0.4 s on a worker's first page).
Nothing here may stop the server from starting: a failure is logged and the workers warm up by themselves."""

import logging

logger = logging.getLogger(__name__)


def warm_up(application) -> int | None:
    """Warm ``application`` (the WSGI handler); the home page's HTTP status, or None when it was not answered."""
    from django.db import connections

    try:
        from search.segmentation import words

        words("การเผยแพร่ข้อมูลข่าวสารของราชการ")
        return _home_page(application)
    except Exception:  # noqa: BLE001 - a cold worker is slower, not broken
        logger.warning("warm-up before forking the workers failed", exc_info=True)
        return None
    finally:
        # Each worker opens its own connections: none may be shared across the fork.
        connections.close_all()


def _home_page(application) -> int | None:
    from django.test import RequestFactory

    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    # As the proxy in front passes a visitor's request on (HTTPS, so no redirect to it).
    request = RequestFactory().get("/", HTTP_HOST=host, secure=True, HTTP_X_FORWARDED_PROTO="https")
    response = application(request.environ, lambda status, headers, exc_info=None: None)
    for _ in response:  # consumed and closed, as a server would
        pass
    response.close()
    status = getattr(response, "status_code", None)
    if status not in (200, 301, 302, 304):
        logger.info("warm-up: the home page answered %s", status)
    return status
