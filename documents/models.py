import os

from django.db import models

from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.search import index


class DocumentKind(models.TextChoices):
    FORM = "form", "แบบฟอร์ม"
    MANUAL = "manual", "คู่มือ"
    PLAN = "plan", "แผน"
    REPORT = "report", "รายงาน"
    LAW = "law", "กฎหมาย ระเบียบ"
    PROCUREMENT = "procurement", "การจัดซื้อจัดจ้าง"
    OTHER = "other", "อื่น ๆ"


class LibraryDocument(AbstractDocument):
    """A downloadable file: forms, manuals, plans, reports, with what a citizen needs to know before opening it."""

    kind = models.CharField("ประเภทเอกสาร", max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    description = models.TextField("คำอธิบาย", blank=True)
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)", null=True, blank=True)
    language = models.CharField("ภาษา", max_length=8, default="th", choices=[("th", "ไทย"), ("en", "English")])
    # The name as uploaded, Thai kept intact; the stored object key is generated.
    original_filename = models.CharField("ชื่อไฟล์เดิม", max_length=400, blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    extracted_text = models.TextField(blank=True, editable=False)

    admin_form_fields = WagtailDocument.admin_form_fields + ("kind", "description", "fiscal_year", "language")

    search_fields = AbstractDocument.search_fields + [
        index.SearchField("description"),
        index.SearchField("extracted_text"),
        index.FilterField("kind"),
        index.FilterField("fiscal_year"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "เอกสาร"
        verbose_name_plural = "เอกสาร"

    @property
    def download_name(self) -> str:
        return self.original_filename or os.path.basename(self.file.name)

    @property
    def file_type_label(self) -> str:
        """Upper-case extension shown beside a download link (PDF, XLSX), from the database only."""
        return os.path.splitext(self.download_name)[1].lstrip(".").upper()
