from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from documents.views import serve as documents_serve
from publishing import agency_reports

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # Wagtail's installation-wide reports and choosers narrowed to the user's agencies, at Wagtail's own addresses
    # (resolved first; Wagtail's links reverse to them by their own names).
    *agency_reports.urlpatterns,
    path("admin/", include(wagtailadmin_urls)),
    # The library's own serve view answers Wagtail's document URLs (reversed by Wagtail's name, resolved here first).
    path("documents/<int:document_id>/<str:document_filename>", documents_serve.serve),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    # robots.txt, favicon, web manifest and the Atom feeds (home/urls.py).
    path("", include("home.urls")),
    # Before Wagtail's catch-all: the home page's search box sends GET /search/?q=...
    path("search/", include("search.urls")),
    # Open data of the request's agency: CSV, JSON and the DCAT catalogue (disclosure/open_data.py).
    path("open-data/", include("disclosure.urls")),
]

if settings.SERVE_MEDIA:
    from django.views.static import serve

    # Embedded default only: images' renditions from the local media folder (documents go through their own view).
    # Never documents: they are private until published and are served by their own view only.
    urlpatterns += [re_path(r"^media/(?P<path>(?!documents/).*)$", serve, {"document_root": settings.MEDIA_ROOT})]

# Wagtail's page URLs, with a serve pattern that takes Thai slugs: Wagtail's own matches ``\w``, which leaves out
# Thai vowels and tone marks (core/slugs.py), so /คู่มือ/ would neither resolve nor reverse. Segments are any
# characters but "/" and "." (as in Wagtail, a name with a dot is never a page); what a slug may hold is checked
# when it is saved.
urlpatterns += [
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(r"^((?:[^/.]+/)*)$", wagtail_views.serve, name="wagtail_serve"),
]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
