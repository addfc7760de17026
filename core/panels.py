"""The editor's tabs of a classified page (``core.models.ClassifiedPageMixin``)."""

from wagtail.admin.panels import ObjectList, TabbedInterface
from wagtail.models import Page


def classified_edit_handler(
    content_panels, metadata_panels, metadata_heading="การจัดชั้นข้อมูลและเอกสาร", base_form_class=None
):
    """The content, then the classification (class, responsible unit, review cycle, ITA items and, where they make
    sense, fiscal year and documents: R3.1, R2.3), promote and settings, as on every disclosure page."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading="เนื้อหา"),
            ObjectList(metadata_panels, heading=metadata_heading),
            ObjectList(Page.promote_panels, heading="การแสดงผลและค้นหา"),
            ObjectList(Page.settings_panels, heading="กำหนดเวลาเผยแพร่", classname="settings"),
        ],
        base_form_class=base_form_class,
    )
