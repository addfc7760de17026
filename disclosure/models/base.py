"""What every disclosure page type of this app shares: its admin tabs and its public context."""

from wagtail.admin.panels import ObjectList, TabbedInterface
from wagtail.models import Page

from core.models import DisclosurePage


def disclosure_edit_handler(content_panels, base_form_class=None):
    """The editor's tabs: the content, then classification/review/documents (R3.1), promote and settings."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading="เนื้อหา"),
            ObjectList(DisclosurePage.metadata_panels, heading="การจัดชั้นข้อมูลและเอกสาร"),
            ObjectList(Page.promote_panels, heading="การแสดงผลและค้นหา"),
            ObjectList(Page.settings_panels, heading="กำหนดเวลาเผยแพร่", classname="settings"),
        ],
        base_form_class=base_form_class,
    )


class DisclosureContextMixin:
    """Puts the page's published documents, with their files, in the context in one query."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["published_documents"] = self.published_documents.select_related("document")
        return context
