"""The editor's guidance on the ITA-items tab: what evidence each item the page is tagged with expects."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from wagtail.admin.panels import HelpPanel

NO_ITEM = (
    "ยังไม่ได้เลือกตัวชี้วัด ITA ที่หน้านี้เป็นหลักฐาน: เลือกตัวชี้วัดด้านล่างแล้วบันทึกฉบับร่าง ระบบจะแสดงคำอธิบายและหลักฐานที่ตัวชี้วัดนั้นต้องการไว้ที่นี่"
)
NO_DESCRIPTION = "ทะเบียนตัวชี้วัดยังไม่ได้ระบุคำอธิบายของตัวชี้วัดนี้ โปรดดูคู่มือการประเมิน ITA ของปีนั้น"


class ItaGuidancePanel(HelpPanel):
    """A help panel whose content is the description and expected evidence (``ItaItem``) of each ITA item the page
    is tagged with, read through the page's own tags (``page.ita_items``): integrity does not import oversight."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "หลักฐานที่ตัวชี้วัดต้องการ")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = guidance_html(self.instance)


def guidance_html(page) -> str:
    """The guidance for ``page``'s tags (saved or, on a form sent back with errors, the ones in memory)."""
    items = [link.item for link in page.ita_items.all() if link.item_id]
    if not items:
        return format_html('<p class="help-block help-info">{}</p>', NO_ITEM)
    rows = format_html_join(
        "",
        "<li><strong>{} {}</strong> <span>({})</span><br>{}{}</li>",
        (
            (
                item.code,
                item.name,
                item.framework.name,
                item.description or ("" if item.expected_evidence else NO_DESCRIPTION),
                _expected(item),
            )
            for item in items
        ),
    )
    return format_html('<div class="help-block help-info"><ul>{}</ul></div>', rows)


def _expected(item) -> str:
    if not item.expected_evidence:
        return ""
    return format_html("{}หลักฐานที่ต้องแสดง: {}", mark_safe("<br>") if item.description else "", item.expected_evidence)
