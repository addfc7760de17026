"""The public site's small files: robots.txt, the favicon and the web app manifest."""

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import FileResponse, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from home.public_site import agency_for

THEME_COLOUR = "#0b4f8a"
# Never crawled: the admin, and the search (endless combinations of queries and filters; pages say noindex too).
ROBOTS_DISALLOW = ["/admin/", "/search/"]


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=7 * 24 * 60 * 60)
def favicon(request):
    """``/favicon.ico``, which browsers and crawlers ask for whatever the page links: the file in static/icons/."""
    name = "icons/favicon.ico"
    path = finders.find(name)
    handle = open(path, "rb") if path else staticfiles_storage.open(name)  # noqa: SIM115 - closed by FileResponse
    return FileResponse(handle, content_type="image/vnd.microsoft.icon")


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def web_manifest(request):
    """The web app manifest in the agency's name: a phone adds the site to its home screen with its icon."""
    agency = agency_for(request)
    name = (agency.name_th if agency is not None else "") or "Prongsai"
    manifest = {
        "name": name,
        "short_name": name,
        "description": f"เว็บไซต์เผยแพร่ข้อมูลต่อสาธารณะของ{name}",
        "lang": "th",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "minimal-ui",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})
