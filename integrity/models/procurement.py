"""O19 แผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ (its rows) and O22 รายงานผลการจัดซื้อจัดจ้างประจำปี (totals by method,
problems and obstacles)."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.models import ProcurementMethod

from .base import (
    BODY_FEATURES,
    FISCAL_MONTHS,
    MONTH_CHOICES,
    FiscalYearPage,
    integrity_edit_handler,
    month_in_fiscal_year,
)


class ProcurementPlanPage(FiscalYearPage):
    """แผนการจัดซื้อจัดจ้างประจำปี: each project with its budget, method and the month it is expected to start."""

    summary = RichTextField("คำอธิบายแผน", blank=True, features=BODY_FEATURES)
    approved_on = models.DateField("วันที่ผู้บริหารอนุมัติแผน", null=True, blank=True)

    content_panels = FiscalYearPage.content_panels + [
        FieldRowPanel([FieldPanel("report_year"), FieldPanel("approved_on")]),
        FieldPanel("summary"),
        InlinePanel("plan_rows", heading="รายการในแผนการจัดซื้อจัดจ้าง", label="รายการ", min_num=1),
    ]
    edit_handler = integrity_edit_handler(content_panels)
    search_fields = FiscalYearPage.search_fields + [
        index.SearchField("summary"),
        index.RelatedFields("plan_rows", [index.SearchField("project")]),
    ]

    parent_page_types = ["integrity.IntegrityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "แผนการจัดซื้อจัดจ้างประจำปี"
        verbose_name_plural = "แผนการจัดซื้อจัดจ้างประจำปี"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rows = list(self.plan_rows.all())
        context["rows"] = rows
        context["total_budget"] = sum((row.budget for row in rows), Decimal(0))
        return context


class ProcurementPlanRow(Orderable):
    page = ParentalKey(ProcurementPlanPage, on_delete=models.CASCADE, related_name="plan_rows")
    project = models.CharField("โครงการหรือรายการที่จะจัดซื้อจัดจ้าง", max_length=500)
    budget = models.DecimalField(
        "วงเงินงบประมาณ (บาท)", max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    method = models.CharField("วิธีการจัดซื้อจัดจ้าง", max_length=20, choices=ProcurementMethod.choices)
    expected_month = models.PositiveSmallIntegerField(
        "เดือนที่คาดว่าจะประกาศจัดซื้อจัดจ้าง",
        choices=[(month, dict(MONTH_CHOICES)[month]) for month in FISCAL_MONTHS],
        help_text="เดือนในปีงบประมาณของแผน (ตุลาคมถึงธันวาคมเป็นของปีก่อนหน้า)",
    )
    source_of_funds = models.CharField("แหล่งงบประมาณ", max_length=255, blank=True, help_text="เช่น งบประมาณรายจ่ายประจำปี")

    panels = [
        FieldPanel("project"),
        FieldRowPanel([FieldPanel("budget"), FieldPanel("method")]),
        FieldRowPanel([FieldPanel("expected_month"), FieldPanel("source_of_funds")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "รายการในแผนการจัดซื้อจัดจ้าง"
        verbose_name_plural = "รายการในแผนการจัดซื้อจัดจ้าง"

    def __str__(self):
        return self.project

    @property
    def expected_month_label(self) -> str:
        return month_in_fiscal_year(self.expected_month, self.page.report_year if self.page_id else None)


class ProcurementReportPage(FiscalYearPage):
    """รายงานผลการจัดซื้อจัดจ้างประจำปี: how many procurements and how much by method, with the problems and obstacles
    of the year and what the agency will improve."""

    summary = RichTextField("สรุปผลการจัดซื้อจัดจ้างในภาพรวม", blank=True, features=BODY_FEATURES)
    problems = models.TextField("ปัญหาและอุปสรรคในการจัดซื้อจัดจ้าง", help_text='ระบุ "ไม่มี" หากไม่พบปัญหาและอุปสรรค')
    improvements = models.TextField("แนวทางการปรับปรุงการจัดซื้อจัดจ้าง", blank=True)

    content_panels = FiscalYearPage.content_panels + [
        FieldPanel("report_year"),
        FieldPanel("summary"),
        InlinePanel("method_totals", heading="ผลการจัดซื้อจัดจ้างจำแนกตามวิธีการ", label="วิธีการ", min_num=1),
        FieldPanel("problems"),
        FieldPanel("improvements"),
    ]
    edit_handler = integrity_edit_handler(content_panels)
    search_fields = FiscalYearPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("problems"),
        index.SearchField("improvements"),
    ]

    parent_page_types = ["integrity.IntegrityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "รายงานผลการจัดซื้อจัดจ้างประจำปี"
        verbose_name_plural = "รายงานผลการจัดซื้อจัดจ้างประจำปี"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rows = list(self.method_totals.all())
        context["rows"] = rows
        context["total_count"] = sum(row.count for row in rows)
        context["total_amount"] = sum((row.amount for row in rows), Decimal(0))
        return context


class ProcurementMethodTotal(Orderable):
    page = ParentalKey(ProcurementReportPage, on_delete=models.CASCADE, related_name="method_totals")
    method = models.CharField("วิธีการจัดซื้อจัดจ้าง", max_length=20, choices=ProcurementMethod.choices)
    count = models.PositiveIntegerField("จำนวนโครงการ")
    amount = models.DecimalField(
        "มูลค่ารวมที่ตกลงซื้อหรือจ้าง (บาท)", max_digits=16, decimal_places=2, validators=[MinValueValidator(0)]
    )

    panels = [FieldRowPanel([FieldPanel("method"), FieldPanel("count"), FieldPanel("amount")])]

    class Meta(Orderable.Meta):
        verbose_name = "ผลการจัดซื้อจัดจ้างตามวิธีการ"
        verbose_name_plural = "ผลการจัดซื้อจัดจ้างตามวิธีการ"

    def __str__(self):
        return self.get_method_display()
