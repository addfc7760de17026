"""O36-O38 แผนปฏิบัติการป้องกันการทุจริต with its six-monthly and yearly reports (the plan's children)."""

from django.core.validators import MinValueValidator
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from .base import BODY_FEATURES, FiscalYearPage, integrity_edit_handler


class PreventionPlanPage(FiscalYearPage):
    """แผนปฏิบัติการป้องกันการทุจริตประจำปี: its activities; the reports on it are its children, so it lists them."""

    summary = RichTextField("หลักการและวัตถุประสงค์ของแผน", blank=True, features=BODY_FEATURES)
    approved_on = models.DateField("วันที่ผู้บริหารอนุมัติแผน", null=True, blank=True)

    content_panels = FiscalYearPage.content_panels + [
        FieldRowPanel([FieldPanel("report_year"), FieldPanel("approved_on")]),
        FieldPanel("summary"),
        InlinePanel("activities", heading="โครงการหรือกิจกรรมตามแผน", label="กิจกรรม", min_num=1),
    ]
    edit_handler = integrity_edit_handler(content_panels)
    search_fields = FiscalYearPage.search_fields + [
        index.SearchField("summary"),
        index.RelatedFields("activities", [index.SearchField("activity")]),
    ]

    parent_page_types = ["integrity.IntegrityIndexPage"]
    subpage_types = ["integrity.PreventionReportPage"]

    class Meta:
        verbose_name = "แผนปฏิบัติการป้องกันการทุจริต"
        verbose_name_plural = "แผนปฏิบัติการป้องกันการทุจริต"

    def get_context(self, request, *args, **kwargs):
        from core.page_cache import depends_on

        context = super().get_context(request, *args, **kwargs)
        context["rows"] = list(self.activities.all())
        # A report published tomorrow is not loaded today: publishing a child purges ``children:<plan>``.
        depends_on(f"children:{self.pk}")
        context["reports"] = (
            PreventionReportPage.objects.child_of(self).live().public().order_by("-report_year", "-period")
        )
        return context


class PreventionActivity(Orderable):
    page = ParentalKey(PreventionPlanPage, on_delete=models.CASCADE, related_name="activities")
    activity = models.CharField("โครงการหรือกิจกรรม", max_length=500)
    budget = models.DecimalField(
        "งบประมาณ (บาท)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="เว้นว่างหากไม่ใช้งบประมาณ",
    )
    period = models.CharField("ระยะเวลาดำเนินการ", max_length=255, help_text="เช่น ตุลาคม 2567 - กันยายน 2568")
    responsible = models.CharField("ผู้รับผิดชอบ", max_length=255)
    indicator = models.CharField("ตัวชี้วัดความสำเร็จ", max_length=500, blank=True)

    panels = [
        FieldPanel("activity"),
        FieldRowPanel([FieldPanel("budget"), FieldPanel("period")]),
        FieldRowPanel([FieldPanel("responsible"), FieldPanel("indicator")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "โครงการหรือกิจกรรมตามแผน"
        verbose_name_plural = "โครงการหรือกิจกรรมตามแผน"

    def __str__(self):
        return self.activity


class PreventionReportPeriod(models.TextChoices):
    HALF_YEAR = "half_year", "รอบ 6 เดือน"
    YEAR = "year", "ประจำปี"


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", "ยังไม่ดำเนินการ"
    IN_PROGRESS = "in_progress", "อยู่ระหว่างดำเนินการ"
    DONE = "done", "ดำเนินการแล้วเสร็จ"


class PreventionReportPage(FiscalYearPage):
    """รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต: the plan's activities at six months or at the year's end."""

    period = models.CharField("รอบการรายงาน", max_length=20, choices=PreventionReportPeriod.choices)
    summary = RichTextField("สรุปผลการดำเนินงาน", features=BODY_FEATURES)
    problems = models.TextField("ปัญหา อุปสรรค และข้อเสนอแนะ", blank=True)

    content_panels = FiscalYearPage.content_panels + [
        FieldRowPanel([FieldPanel("period"), FieldPanel("report_year")]),
        FieldPanel("summary"),
        InlinePanel("results", heading="ผลการดำเนินการรายกิจกรรม", label="ผลการดำเนินการ"),
        FieldPanel("problems"),
    ]
    edit_handler = integrity_edit_handler(content_panels)
    search_fields = FiscalYearPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("problems"),
        index.RelatedFields("results", [index.SearchField("activity"), index.SearchField("result")]),
    ]

    parent_page_types = ["integrity.PreventionPlanPage"]
    subpage_types = []

    class Meta:
        verbose_name = "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต"
        verbose_name_plural = "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต"

    @property
    def period_label(self) -> str:
        return f"{self.get_period_display()} ปีงบประมาณ {self.report_year}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["rows"] = list(self.results.all())
        return context


class PreventionResult(Orderable):
    page = ParentalKey(PreventionReportPage, on_delete=models.CASCADE, related_name="results")
    activity = models.CharField("โครงการหรือกิจกรรม", max_length=500)
    status = models.CharField("สถานะ", max_length=20, choices=ActivityStatus.choices)
    result = models.TextField("ผลการดำเนินการ", blank=True)

    panels = [FieldRowPanel([FieldPanel("activity"), FieldPanel("status")]), FieldPanel("result")]

    class Meta(Orderable.Meta):
        verbose_name = "ผลการดำเนินการรายกิจกรรม"
        verbose_name_plural = "ผลการดำเนินการรายกิจกรรม"

    def __str__(self):
        return self.activity
