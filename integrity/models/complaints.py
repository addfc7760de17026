"""O27-O29 เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ: the guideline for handling them, the channels to file one, and the
yearly statistics by type."""

from django.core.exceptions import ValidationError
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.models import DisclosurePage, PublishedDocumentsMixin

from .base import BE_YEAR, BODY_FEATURES, integrity_edit_handler

NO_CHANNEL = "ต้องระบุช่องทางแจ้งเรื่องร้องเรียนอย่างน้อยหนึ่งช่องทาง: ลิงก์แบบฟอร์มออนไลน์ อีเมล โทรศัพท์ หรือที่อยู่"


class ComplaintsPage(PublishedDocumentsMixin, DisclosurePage):
    """การจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ: the guideline (O27), at least one channel (O28) and one row per
    fiscal year and type of complaint (O29)."""

    guideline = RichTextField(
        "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        features=BODY_FEATURES,
        help_text="ขั้นตอนการรับเรื่อง การตรวจสอบ การส่งต่อ ระยะเวลา และการแจ้งผลให้ผู้ร้องทราบ",
    )
    channel_url = models.URLField(
        "ลิงก์แบบฟอร์มแจ้งเรื่องร้องเรียนออนไลน์", max_length=500, blank=True, help_text="เช่น แบบฟอร์มออนไลน์ของหน่วยงาน"
    )
    channel_email = models.EmailField("อีเมลรับเรื่องร้องเรียน", blank=True)
    channel_phone = models.CharField("โทรศัพท์หรือสายด่วน", max_length=100, blank=True)
    channel_address = models.TextField("ยื่นเรื่องด้วยตนเองหรือทางไปรษณีย์ที่", blank=True)
    confidentiality_note = models.TextField(
        "การคุ้มครองผู้ร้องเรียน",
        blank=True,
        help_text="เช่น หน่วยงานเก็บชื่อและข้อมูลของผู้ร้องเรียนเป็นความลับ",
    )

    content_panels = DisclosurePage.content_panels + [
        FieldPanel("guideline"),
        MultiFieldPanel(
            [
                FieldPanel("channel_url"),
                FieldRowPanel([FieldPanel("channel_email"), FieldPanel("channel_phone")]),
                FieldPanel("channel_address"),
                FieldPanel("confidentiality_note"),
            ],
            heading="ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        ),
        InlinePanel("statistics", heading="ข้อมูลเชิงสถิติเรื่องร้องเรียนประจำปี", label="สถิติ"),
    ]
    edit_handler = integrity_edit_handler(content_panels)
    search_fields = DisclosurePage.search_fields + [
        index.SearchField("guideline"),
        index.SearchField("channel_address"),
        index.RelatedFields("statistics", [index.SearchField("complaint_type")]),
    ]

    parent_page_types = ["integrity.IntegrityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "การจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
        verbose_name_plural = "การจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"

    def clean(self):
        super().clean()
        if not any((self.channel_url, self.channel_email, self.channel_phone, self.channel_address.strip())):
            raise ValidationError({"channel_url": NO_CHANNEL})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rows = sorted(self.statistics.all(), key=lambda row: (-row.fiscal_year, row.sort_order or 0))
        years: dict[int, list] = {}
        for row in rows:
            years.setdefault(row.fiscal_year, []).append(row)
        context["statistics_by_year"] = [
            {
                "year": year,
                "rows": year_rows,
                "received": sum(row.received for row in year_rows),
                "in_progress": sum(row.in_progress for row in year_rows),
                "closed": sum(row.closed for row in year_rows),
            }
            for year, year_rows in years.items()
        ]
        return context


class ComplaintStatistic(Orderable):
    """One fiscal year's complaints of one type: received, still in progress, closed."""

    page = ParentalKey(ComplaintsPage, on_delete=models.CASCADE, related_name="statistics")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)", validators=BE_YEAR)
    complaint_type = models.CharField(
        "ประเภทเรื่องร้องเรียน", max_length=255, help_text="เช่น การจัดซื้อจัดจ้าง การปฏิบัติหน้าที่โดยมิชอบ การเรียกรับสินบน"
    )
    received = models.PositiveIntegerField("จำนวนเรื่องที่ได้รับ")
    in_progress = models.PositiveIntegerField("อยู่ระหว่างดำเนินการ")
    closed = models.PositiveIntegerField("ดำเนินการแล้วเสร็จ")

    panels = [
        FieldRowPanel([FieldPanel("fiscal_year"), FieldPanel("complaint_type")]),
        FieldRowPanel([FieldPanel("received"), FieldPanel("in_progress"), FieldPanel("closed")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "สถิติเรื่องร้องเรียน"
        verbose_name_plural = "สถิติเรื่องร้องเรียน"

    def __str__(self):
        return f"{self.complaint_type} ({self.fiscal_year})"

    def clean(self):
        super().clean()
        if (
            None not in (self.received, self.in_progress, self.closed)
            and self.in_progress + self.closed > self.received
        ):
            raise ValidationError({"closed": "จำนวนเรื่องที่อยู่ระหว่างดำเนินการรวมกับที่ดำเนินการแล้วเสร็จต้องไม่เกินจำนวนเรื่องที่ได้รับ"})
