"""R1.2 ยุทธศาสตร์การพัฒนา: plans and the monitoring and evaluation reports on them."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.models import DisclosurePage, IndexPage, PublishedDocumentsMixin
from core.page_cache import depends_on

from .base import disclosure_edit_handler

BODY_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]
BE_YEAR = [MinValueValidator(2500), MaxValueValidator(2700)]


class PlanType(models.TextChoices):
    PROVINCIAL_DEVELOPMENT = "provincial_development", "แผนพัฒนาจังหวัด"
    ANNUAL_ACTION = "annual_action", "แผนปฏิบัติราชการประจำปี"
    OTHER = "other", "แผนอื่น ๆ"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "ร่างแผน"
    APPROVED = "approved", "ได้รับความเห็นชอบแล้ว"
    IN_EFFECT = "in_effect", "อยู่ระหว่างดำเนินการตามแผน"
    REVISED = "revised", "ทบทวน/ปรับปรุงแผน"
    ENDED = "ended", "สิ้นสุดแผนแล้ว"


class ReportPeriod(models.TextChoices):
    QUARTER = "quarter", "รายไตรมาส"
    HALF_YEAR = "half_year", "รอบ 6 เดือน"
    YEAR = "year", "ประจำปี"


class PlanFilterForm(forms.Form):
    type = forms.ChoiceField(label="ประเภทแผน", required=False, choices=[("", "ทุกประเภท"), *PlanType.choices])


class PlanIndexPage(IndexPage):
    """R1.2 แผนพัฒนาและแผนปฏิบัติราชการ with their monitoring and evaluation."""

    requirement = "R1.2"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["disclosure.PlanPage", "disclosure.MonitoringReportPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "หมวดแผนยุทธศาสตร์และการติดตามประเมินผล (R1.2)"

    def get_listing(self, request):
        """The plans under this page, newest years first, each with its live reports; ``?type=`` filters."""
        reports = MonitoringReportPage.objects.live().public().order_by("-report_fiscal_year", "-quarter", "period")
        plans = (
            PlanPage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related(Prefetch("monitoring_reports", queryset=reports, to_attr="live_reports"))
            .order_by("-fiscal_year_end", "-fiscal_year_start", "title")
        )
        form = PlanFilterForm(request.GET)
        if form.is_valid() and form.cleaned_data["type"]:
            plans = plans.filter(plan_type=form.cleaned_data["type"])
        return plans

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["filter_form"] = PlanFilterForm(request.GET)
        return context


class PlanPage(PublishedDocumentsMixin, DisclosurePage):
    """A provincial development plan, an annual action plan or another plan, for one or more fiscal years."""

    plan_type = models.CharField("ประเภทแผน", max_length=30, choices=PlanType.choices)
    fiscal_year_start = models.PositiveSmallIntegerField("ปีงบประมาณเริ่มต้น (พ.ศ.)", validators=BE_YEAR)
    fiscal_year_end = models.PositiveSmallIntegerField(
        "ปีงบประมาณสิ้นสุด (พ.ศ.)", validators=BE_YEAR, help_text="แผนประจำปีให้ระบุปีเดียวกับปีเริ่มต้น"
    )
    status = models.CharField("สถานะของแผน", max_length=20, choices=PlanStatus.choices, default=PlanStatus.IN_EFFECT)
    approved_on = models.DateField("วันที่ได้รับความเห็นชอบ", null=True, blank=True)
    summary = RichTextField("สาระสำคัญของแผนโดยสรุป", blank=True, features=BODY_FEATURES)

    # The Act's index: work plans, projects and the annual budget are s.9(3) (disclosure.selectors.oia_pages).
    oia_category_code = "9(3)"
    oia_date_field = "approved_on"

    content_panels = DisclosurePage.content_panels + [
        FieldPanel("plan_type"),
        FieldRowPanel([FieldPanel("fiscal_year_start"), FieldPanel("fiscal_year_end")], heading="ปีงบประมาณที่ครอบคลุม"),
        FieldPanel("status"),
        FieldPanel("approved_on"),
        FieldPanel("summary"),
    ]
    edit_handler = disclosure_edit_handler(content_panels)
    search_fields = DisclosurePage.search_fields + [index.SearchField("summary"), index.FilterField("plan_type")]

    parent_page_types = ["disclosure.PlanIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "แผน"
        verbose_name_plural = "แผน"

    @property
    def fiscal_years_label(self) -> str:
        if self.fiscal_year_start == self.fiscal_year_end:
            return f"{self.fiscal_year_start}"
        return f"{self.fiscal_year_start} - {self.fiscal_year_end}"

    def clean(self):
        super().clean()
        if self.fiscal_year_start and self.fiscal_year_end and self.fiscal_year_end < self.fiscal_year_start:
            raise ValidationError({"fiscal_year_end": "ปีงบประมาณสิ้นสุดต้องไม่ก่อนปีงบประมาณเริ่มต้น"})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Reports published tomorrow are not loaded today (disclosure.apps: a report's change purges this key).
        depends_on(f"plan-reports:{self.pk}")
        context["reports"] = (
            MonitoringReportPage.objects.live()
            .public()
            .filter(plan=self)
            .order_by("-report_fiscal_year", "-quarter", "period")
        )
        return context


class MonitoringReportPage(PublishedDocumentsMixin, DisclosurePage):
    """การติดตามประเมินผล: the results of a plan for a quarter, a half year or a fiscal year."""

    plan = models.ForeignKey(
        PlanPage,
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="monitoring_reports",
        verbose_name="แผนที่ติดตามประเมินผล",
    )
    period = models.CharField("รอบการรายงาน", max_length=20, choices=ReportPeriod.choices)
    report_fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณที่รายงาน (พ.ศ.)", validators=BE_YEAR)
    quarter = models.PositiveSmallIntegerField(
        "ไตรมาสที่",
        null=True,
        blank=True,
        choices=[
            (1, "ไตรมาสที่ 1 (ต.ค. - ธ.ค.)"),
            (2, "ไตรมาสที่ 2 (ม.ค. - มี.ค.)"),
            (3, "ไตรมาสที่ 3 (เม.ย. - มิ.ย.)"),
            (4, "ไตรมาสที่ 4 (ก.ค. - ก.ย.)"),
        ],
        help_text="ระบุเมื่อรายงานเป็นรายไตรมาสเท่านั้น",
    )
    results_summary = RichTextField("สรุปผลการดำเนินงาน", features=BODY_FEATURES)

    # The Act's index: the monitoring of a plan is filed with the plans, s.9(3) (disclosure.selectors.oia_pages).
    oia_category_code = "9(3)"

    content_panels = DisclosurePage.content_panels + [
        FieldPanel("plan"),
        MultiFieldPanel(
            [FieldPanel("period"), FieldPanel("report_fiscal_year"), FieldPanel("quarter")], heading="รอบการรายงาน"
        ),
        FieldPanel("results_summary"),
    ]
    edit_handler = disclosure_edit_handler(content_panels)
    search_fields = DisclosurePage.search_fields + [index.SearchField("results_summary")]

    parent_page_types = ["disclosure.PlanIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "รายงานการติดตามประเมินผล"
        verbose_name_plural = "รายงานการติดตามประเมินผล"

    @property
    def period_label(self) -> str:
        if self.period == ReportPeriod.QUARTER:
            return f"ไตรมาสที่ {self.quarter} ปีงบประมาณ {self.report_fiscal_year}"
        if self.period == ReportPeriod.HALF_YEAR:
            return f"รอบ 6 เดือน ปีงบประมาณ {self.report_fiscal_year}"
        return f"ประจำปีงบประมาณ {self.report_fiscal_year}"

    def clean(self):
        super().clean()
        errors = {}
        if self.period == ReportPeriod.QUARTER and not self.quarter:
            errors["quarter"] = "รายงานรายไตรมาสต้องระบุไตรมาส"
        elif self.period != ReportPeriod.QUARTER and self.quarter:
            errors["quarter"] = "ระบุไตรมาสเฉพาะรายงานรายไตรมาส"
        plan = self.plan if self.plan_id else None
        if (
            plan
            and self.report_fiscal_year
            and not (plan.fiscal_year_start <= self.report_fiscal_year <= plan.fiscal_year_end)
        ):
            errors["report_fiscal_year"] = f"ปีงบประมาณที่รายงานต้องอยู่ในช่วงปีของแผน ({plan.fiscal_years_label})"
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # The report's own year is the page's fiscal year for oversight reports.
        if self.report_fiscal_year:
            self.fiscal_year = self.report_fiscal_year
        return super().save(*args, **kwargs)
