"""Admin-wide pieces of the shared layer: Thai slugs in the editor's browser (``core.slugs``), the Sarabun font, and
the working group's send-back comment on the edit screen (``core.workflow_feedback``)."""

from django.contrib import messages
from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks

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
