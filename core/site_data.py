"""What every request of a site needs before it shows anything — the site itself, its view restrictions, its
navigation and footer, the agency's details — read from the database once and then from the shared cache
(``core.shared_cache``) until it changes (navigation, footer and agency settings are read once per request
or from a cache purged when they change).

Generations (bumped by ``core.page_cache_triggers``):
- ``sites``: any Site, or any site's home page moving or changing its slug;
- ``restrictions``: any page view restriction, or any page moving (restrictions are stored by tree path);
- ``site:<id>``: that site's agency details, or a page at depth 2 or 3 (its home page and the pages of the
  navigation and footer).
"""

from django.db.models import Q
from django.http.request import split_domain_port

from wagtail.models import PageViewRestriction, Site
from wagtail.query import PageQuerySet

from core import shared_cache


def restricted_subtrees() -> list[tuple[int, str, int]]:
    """``(restriction id, page path, page depth)`` of every page view restriction: a page is private when its path
    starts with one of them."""
    return shared_cache.versioned(
        "restrictions",
        ("restrictions",),
        lambda: list(PageViewRestriction.objects.order_by("pk").values_list("pk", "page__path", "page__depth")),
    )


def restriction_ids(page) -> list[int]:
    return [pk for pk, path, _depth in restricted_subtrees() if page.path.startswith(path)]


def _private_q(self):
    """Wagtail's ``PageQuerySet.private_q`` reads every restriction with one query per call (the home page called
    it six times); the same condition from the cached list."""
    q = Q()
    for _pk, path, depth in restricted_subtrees():
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def install():
    PageQuerySet.private_q = _private_q


def site_for_request(request):
    """Wagtail's ``Site.find_for_request`` from the shared cache: the Site, with its home page already specific
    (routing starts from it without a query). Sets ``request._wagtail_site``, where Wagtail looks first."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()

    def build():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site or False

    site = shared_cache.versioned(f"site-for:{hostname}:{port}", ("sites",), build) or None
    request._wagtail_site = site
    return site


def site_generations(site_id) -> tuple[str, ...]:
    return (f"site:{site_id}", "restrictions")
