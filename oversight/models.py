from django.conf import settings
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page


class ItaFramework(models.Model):
    """One year's list of ITA evidence items (and, where it differs, one agency type's): data, never code."""

    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    name = models.CharField("ชื่อชุดตัวชี้วัด", max_length=255, help_text="เช่น OIT 2566")
    agency_type = models.CharField(
        "ประเภทหน่วยงาน", max_length=100, blank=True, help_text="เว้นว่างหากใช้กับหน่วยงานทุกประเภท"
    )
    description = models.TextField("คำอธิบาย", blank=True)

    class Meta:
        verbose_name = "ชุดตัวชี้วัด ITA"
        verbose_name_plural = "ชุดตัวชี้วัด ITA"
        ordering = ["-fiscal_year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "name", "agency_type"], name="unique_ita_framework")
        ]

    def __str__(self):
        suffix = f" ({self.agency_type})" if self.agency_type else ""
        return f"{self.name} ปีงบประมาณ {self.fiscal_year}{suffix}"


class ItaItem(models.Model):
    """An item an assessor asks evidence for: code, Thai name, what counts as evidence."""

    framework = models.ForeignKey(ItaFramework, on_delete=models.CASCADE, related_name="items", verbose_name="ชุดตัวชี้วัด")
    code = models.CharField("รหัส", max_length=20)
    name = models.CharField("ชื่อตัวชี้วัด", max_length=500)
    description = models.TextField("คำอธิบาย", blank=True)
    expected_evidence = models.TextField("หลักฐานที่ต้องแสดง", blank=True)
    sort_order = models.PositiveIntegerField("ลำดับ", default=0)

    class Meta:
        verbose_name = "ตัวชี้วัด ITA"
        verbose_name_plural = "ตัวชี้วัด ITA"
        ordering = ["framework", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_ita_item_code")]

    def __str__(self):
        return f"{self.framework.name} · {self.code} {self.name}"


class PageItaItem(Orderable):
    """A page is evidence for an ITA item (replaces the free codes of the first content model)."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="ita_items")
    item = models.ForeignKey(ItaItem, on_delete=models.CASCADE, related_name="page_links", verbose_name="ตัวชี้วัด ITA")

    panels = [FieldPanel("item")]

    class Meta(Orderable.Meta):
        verbose_name = "ตัวชี้วัด ITA ที่หน้านี้เป็นหลักฐาน"
        verbose_name_plural = "ตัวชี้วัด ITA ที่หน้านี้เป็นหลักฐาน"
        constraints = [models.UniqueConstraint(fields=["page", "item"], name="unique_page_ita_item")]


class ItaEvidencePage(Page):
    """การเปิดเผยข้อมูลสาธารณะ (OIT): every item of a year with links to its evidence, generated from the tags."""

    framework = models.ForeignKey(ItaFramework, on_delete=models.PROTECT, related_name="+", verbose_name="ชุดตัวชี้วัด ITA")
    intro = RichTextField("คำอธิบาย", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("framework"), FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "หน้าหลักฐานการประเมิน ITA"

    def get_context(self, request, *args, **kwargs):
        from oversight.selectors import evidence_rows

        context = super().get_context(request, *args, **kwargs)
        context["rows"] = evidence_rows(self.framework, self.get_site(), public_only=True)
        return context


class YearlyReportNote(models.Model):
    """What the website administrators add to the yearly report (R4.1): the problems and obstacles of the year."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="yearly_report_notes", verbose_name="หน่วยงาน"
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    problems = models.TextField("ปัญหาและอุปสรรคในการดำเนินงาน", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="บันทึกโดย"
    )
    updated_at = models.DateTimeField("บันทึกเมื่อ", null=True, blank=True)

    class Meta:
        verbose_name = "ปัญหาและอุปสรรคในการดำเนินงาน (รายงานประจำปี)"
        verbose_name_plural = "ปัญหาและอุปสรรคในการดำเนินงาน (รายงานประจำปี)"
        constraints = [models.UniqueConstraint(fields=["site", "fiscal_year"], name="unique_yearly_report_note")]

    def __str__(self):
        return f"{self.site} ปีงบประมาณ {self.fiscal_year}"


class ReportAcknowledgement(models.Model):
    """An executive's acknowledgement (รับทราบ) of a report: the yearly one (``quarter`` 0) or a quarter's."""

    YEARLY = 0

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="report_acknowledgements", verbose_name="หน่วยงาน"
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    quarter = models.PositiveSmallIntegerField("ไตรมาส", default=YEARLY, help_text="0 = รายงานประจำปี")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="ผู้บริหารผู้รับทราบ"
    )
    acknowledged_at = models.DateTimeField("รับทราบเมื่อ")

    class Meta:
        verbose_name = "การรับทราบรายงานของผู้บริหาร"
        verbose_name_plural = "การรับทราบรายงานของผู้บริหาร"
        ordering = ["acknowledged_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["site", "fiscal_year", "quarter", "user"], name="unique_report_ack")
        ]

    def __str__(self):
        return f"{self.user} รับทราบรายงาน {self.fiscal_year}/{self.quarter}"
