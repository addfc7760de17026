"""Admin-wide pieces of the shared layer: Thai slugs in the editor's browser (``core.slugs``), the Sarabun font,
the working group's send-back comment on the edit screen (``core.workflow_feedback``), and the admin API's documents
and images within the user's collections (``core.admin_api``); the main menu in Thai."""

from django.contrib import messages
from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks

from core import page_cache
from core.admin_api import CollectionScopedDocumentsAPIViewSet, CollectionScopedImagesAPIViewSet
from core.site_data import restriction_ids
from core.workflow_feedback import send_back_message


@hooks.register("insert_global_admin_js")
def thai_slug_js():
    return format_html('<script src="{}" defer></script>', static("js/admin/thai-slug.js"))


@hooks.register("insert_global_admin_css")
def sarabun_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin/thai.css"))


@hooks.register("before_edit_page")
def show_send_back_comment(request, page):
    """The editor reads the latest send-back comment on the page being edited, until the next submission."""
    if request.method == "GET":
        message = send_back_message(page)
        if message:
            messages.warning(request, message)


@hooks.register("register_log_actions")
def register_slug_log_action(actions):
    actions.register_action(
        "prongsai.slug_fixed", "แก้ไขการสะกด URL ภาษาไทย", "แก้ไขส่วนท้ายของ URL ให้สะกดถูกต้อง (สระและวรรณยุกต์ครบ)"
    )


# Main-menu items whose label Wagtail fixes when the menu is first built (in whatever language is active then, English
# in a management command): their Thai label, set on each request.
MAIN_MENU_LABELS = {"reports": "รายงาน"}


@hooks.register("construct_main_menu")
def thai_main_menu(request, menu_items):
    """The reports menu reads รายงาน; Wagtail's Help menu goes: it links to Wagtail's English guide and release notes
    on the internet, nothing an agency's staff use (and the admin makes no third-party requests)."""
    menu_items[:] = [item for item in menu_items if item.name != "help"]
    for item in menu_items:
        if item.name in MAIN_MENU_LABELS:
            item.label = MAIN_MENU_LABELS[item.name]


@hooks.register("construct_admin_api", order=10)
def collection_scoped_admin_api(router):
    """After Wagtail's own registrations (order 0): its documents and images endpoints, within the user's
    collections (``core.admin_api``)."""
    router.register_endpoint("documents", CollectionScopedDocumentsAPIViewSet)
    router.register_endpoint("images", CollectionScopedImagesAPIViewSet)


@hooks.register("before_serve_page", order=-100)
def page_cache_render(page, request, serve_args, serve_kwargs):
    """A live page an anonymous visitor may see (no view restriction) is rendered for the page cache: what it loads
    from here on is recorded as its dependencies (``core.page_cache``). Previews never come through here."""
    if not getattr(request, "_page_cache_candidate", False) or restriction_ids(page):
        return None
    site = getattr(request, "_wagtail_site", None)
    if site is not None:
        page_cache.rendering_started(request, page, site.pk)
    return None
