import os
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

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


def document_object_key(instance, filename: str) -> str:
    """A generated, collision-free ASCII key; the uploaded (Thai) name is kept in ``original_filename``."""
    extension = os.path.splitext(filename)[1].lower()
    if not extension.isascii() or len(extension) > 6:
        extension = ""
    return f"documents/{uuid.uuid4().hex}{extension}"


class LibraryDocument(AbstractDocument):
    """A downloadable file: forms, manuals, plans, reports, with what a citizen needs to know before opening it.

    A document is private (pending review) until a page that publishes it goes live through the procedure
    (``documents.signal_handlers``); only then may anonymous visitors download it.
    """

    file = models.FileField(upload_to=document_object_key, max_length=255, verbose_name="ไฟล์")
    kind = models.CharField("ประเภทเอกสาร", max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    description = models.TextField("คำอธิบาย", blank=True)
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)", null=True, blank=True)
    language = models.CharField("ภาษา", max_length=8, default="th", choices=[("th", "ไทย"), ("en", "อังกฤษ")])
    # The name as uploaded, Thai kept intact; the stored object key is generated.
    original_filename = models.CharField("ชื่อไฟล์เดิม", max_length=400, blank=True, editable=False)
    mime_type = models.CharField("ชนิดไฟล์ (MIME)", max_length=120, blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    extracted_text = models.TextField(blank=True, editable=False)
    is_public = models.BooleanField(
        "เผยแพร่ต่อสาธารณะแล้ว",
        default=False,
        editable=False,
        help_text="เอกสารจะเผยแพร่เมื่อหน้าที่ใช้เอกสารนี้ได้รับอนุมัติและเผยแพร่แล้วเท่านั้น",
    )

    ita_items = models.ManyToManyField(
        "oversight.ItaItem",
        blank=True,
        related_name="documents",
        verbose_name="ตัวชี้วัด ITA ที่เอกสารนี้เป็นหลักฐาน",
    )

    admin_form_fields = WagtailDocument.admin_form_fields + (
        "kind",
        "description",
        "fiscal_year",
        "language",
        "ita_items",
    )

    search_fields = AbstractDocument.search_fields + [
        index.SearchField("description"),
        index.SearchField("extracted_text"),
        index.FilterField("kind"),
        index.FilterField("fiscal_year"),
        index.FilterField("is_public"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "เอกสาร"
        verbose_name_plural = "เอกสาร"

    @property
    def download_name(self) -> str:
        return self.original_filename or self.object_name

    @property
    def object_name(self) -> str:
        """The stored file's generated ASCII name: it is the last part of the document's URL."""
        return os.path.basename(self.file.name)

    @property
    def filename(self) -> str:
        """The name editors recognise, the uploaded (Thai) one: Wagtail shows it in the document listing, the chooser
        and the edit form, and names the download with it."""
        return self.download_name

    @property
    def url(self) -> str:
        # The URL keeps the generated key (Wagtail builds it from ``filename``): published links never change.
        if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) == "direct":
            try:
                return self.file.url
            except NotImplementedError:
                pass
        return reverse("wagtaildocs_serve", args=[self.id, self.object_name])

    @property
    def file_type_label(self) -> str:
        """Upper-case extension shown beside a download link (PDF, XLSX), from the database only."""
        return os.path.splitext(self.download_name)[1].lstrip(".").upper()

    def _set_document_file_metadata(self):
        """Size and hashes from the checks made at upload (``documents.forms``), so that saving never reads the
        file back from the storage; Wagtail's own way for files that did not come through that form."""
        checked = getattr(self, "_checked_upload", None)
        if checked is None:
            super()._set_document_file_metadata()
            return
        self.file_size = checked.size
        self.file_hash = checked.sha1
        self.sha256 = checked.sha256
        self.original_filename = checked.original_filename
        self.mime_type = checked.content_type
        self.extracted_text = getattr(self, "_extracted_text", "")


class DocumentDownloadDay(models.Model):
    """How many times a document was downloaded on a day: one row per document and day, one UPDATE per download."""

    document = models.ForeignKey(LibraryDocument, on_delete=models.CASCADE, related_name="download_days")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "สถิติการดาวน์โหลดรายวัน"
        verbose_name_plural = "สถิติการดาวน์โหลดรายวัน"
        constraints = [models.UniqueConstraint(fields=["document", "day"], name="unique_document_download_day")]

    def __str__(self):
        return f"{self.document_id} {self.day}: {self.count}"
