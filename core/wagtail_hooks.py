"""Admin-wide assets of the shared layer: Thai slugs in the editor's browser (``core.slugs``)."""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_global_admin_js")
def thai_slug_js():
    return format_html('<script src="{}" defer></script>', static("js/admin/thai-slug.js"))


@hooks.register("register_log_actions")
def register_slug_log_action(actions):
    actions.register_action(
        "prongsai.slug_fixed", "แก้ไขการสะกด URL ภาษาไทย", "แก้ไขส่วนท้ายของ URL ให้สะกดถูกต้อง (สระและวรรณยุกต์ครบ)"
    )
