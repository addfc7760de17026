"""The site's chrome: header navigation, breadcrumbs and footer links, read with as few queries as possible."""

from django import template
from django.contrib.contenttypes.models import ContentType

from wagtail.models import Site

register = template.Library()


def _site_chrome(request):
    """Home page, menu items and footer policy links of the request's site, computed once per request."""
    cached = getattr(request, "_prongsai_chrome", None)
    if cached is not None:
        return cached
    from home.models import StandardPage

    site = Site.find_for_request(request)
    chrome = {"home": None, "menu": [], "policies": []}
    if site is not None:
        home = site.root_page
        children = list(
            home.get_children()
            .live()
            .public()
            .only("id", "title", "slug", "url_path", "show_in_menus", "content_type_id", "path", "depth")
        )
        standard_ct = ContentType.objects.get_for_model(StandardPage).pk
        chrome = {
            "home": home,
            "menu": [child for child in children if child.show_in_menus],
            "policies": [child for child in children if child.content_type_id == standard_ct],
        }
    request._prongsai_chrome = chrome
    return chrome


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
    ancestors = page.get_ancestors().filter(depth__gte=2).only("id", "title", "url_path", "path", "depth")
    return {"crumbs": list(ancestors), "page": page, "request": context["request"]}
