"""The site's chrome: header navigation, breadcrumbs and footer links, with no query on most requests.

The navigation and footer come from the shared cache until a page at depth 2 or 3 changes (``core.site_data``
generations); breadcrumbs walk the parents that routing already loaded (``core.routing``)."""

from django import template

from wagtail.models import Page, Site

from core import page_cache, shared_cache
from core.site_data import site_generations

register = template.Library()


def _build_chrome(site) -> dict:
    from home.models import StandardPage

    home = Page.objects.only("id", "title", "slug", "url_path", "path", "depth", "content_type_id").get(
        pk=site.root_page_id
    )
    children = list(
        home.get_children()
        .live()
        .public()
        .only("id", "title", "slug", "url_path", "show_in_menus", "content_type_id", "path", "depth")
    )
    standard = {page.pk for page in children if page.specific_class is StandardPage}
    return {
        "home": home,
        "children": children,
        "menu": [child for child in children if child.show_in_menus],
        "policies": [child for child in children if child.pk in standard],
    }


def _site_chrome(request):
    """Home page, menu items and footer policy links of the request's site."""
    site = Site.find_for_request(request)
    if site is None:
        return {"home": None, "children": [], "menu": [], "policies": []}
    return shared_cache.versioned(f"chrome:{site.pk}", site_generations(site.pk), lambda: _build_chrome(site))


@register.inclusion_tag("components/site_nav.html", takes_context=True)
def site_nav(context):
    request = context["request"]
    page = context.get("page")
    chrome = _site_chrome(request)
    current = page.path if page is not None else ""
    return {
        "request": request,
        "home": chrome["home"],
        "items": [(item, current.startswith(item.path)) for item in chrome["menu"]],
    }


@register.inclusion_tag("components/site_footer.html", takes_context=True)
def site_footer(context):
    request = context["request"]
    chrome = _site_chrome(request)
    return {
        "request": request,
        "settings": context.get("settings"),
        "policies": chrome["policies"],
        "home": chrome["home"],
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Home > category > ... > this page; nothing on the home page itself."""
    if page is None or page.depth <= 2:
        return {"crumbs": [], "page": page}
    crumbs = []
    node = page
    # Their titles and URLs change only with a purge of the pages below them (core.page_cache_triggers).
    with page_cache.untracked():
        while node.depth > 2:
            node = node.get_parent()
            crumbs.append(node)
    return {"crumbs": crumbs[::-1], "page": page, "request": context["request"]}
