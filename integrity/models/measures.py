"""O25-O26 (OIT 2569) การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร: the analysis of last year's ITA result and the
measures taken from it; the reports on those measures (รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายใน
หน่วยงาน) are its children, so it lists them."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from .base import BE_YEAR, BODY_FEATURES, FiscalYearPage, integrity_edit_handler
from .prevention import ActivityStatus


class IntegrityMeasuresPage(FiscalYearPage):
    """มาตรการส่งเสริมคุณธรรมและความโปร่งใสจากผลการประเมิน ITA: the result of the year assessed, its analysis, and the
    measures (at least one), each with who is responsible and when."""

    assessed_year = models.PositiveSmallIntegerField(
        "ผลการประเมิน ITA ของปี (พ.ศ.)",
        validators=BE_YEAR,
        null=True,
        help_text="ปีของผลการประเมิน ITA ที่นำมาวิเคราะห์ โดยปกติคือปีก่อนปีงบประมาณของหน้านี้ เช่น 2568",
    )
    score = models.DecimalField(
        "คะแนนผลการประเมิน ITA",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="คะแนนเต็ม 100 เว้นว่างหากยังไม่ประกาศผล",
    )
    result_summary = RichTextField(
        "การวิเคราะห์ผลการประเมิน ITA",
        features=BODY_FEATURES,
        help_text="จุดแข็ง ประเด็นที่ได้คะแนนต่ำ และประเด็นที่ต้องพัฒนาจากผลการประเมินปีก่อน",
    )

    content_panels = FiscalYearPage.content_panels + [
        FieldRowPanel([FieldPanel("report_year"), FieldPanel("assessed_year"), FieldPanel("score")]),
        FieldPanel("result_summary"),
        InlinePanel("measures", heading="มาตรการหรือแนวทางการพัฒนา", label="มาตรการ", min_num=1),
    ]
    edit_handler = integrity_edit_handler(content_panels)
    search_fields = FiscalYearPage.search_fields + [
        index.SearchField("result_summary"),
        index.RelatedFields("measures", [index.SearchField("issue"), index.SearchField("measure")]),
    ]

    parent_page_types = ["integrity.IntegrityIndexPage"]
    subpage_types = ["integrity.IntegrityMeasuresReportPage"]

    class Meta:
        verbose_name = "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
        verbose_name_plural = "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"

    def ita_minimum_problems(self) -> list[str]:
        """What O25's assessor looks for that the page lacks: the analysis of last year's result, and measures."""
        problems = []
        if not self.assessed_year:
            problems.append("ยังไม่ได้ระบุปีของผลการประเมิน ITA ที่นำมาวิเคราะห์")
        if not self.result_summary.strip():
            problems.append("ยังไม่มีการวิเคราะห์ผลการประเมิน ITA")
        if not list(self.measures.all()):
            problems.append("ยังไม่มีมาตรการหรือแนวทางการพัฒนา")
        return problems

    def get_context(self, request, *args, **kwargs):
        from core.page_cache import depends_on

        context = super().get_context(request, *args, **kwargs)
        context["rows"] = list(self.measures.all())
        # A report published tomorrow is not loaded today: publishing a child purges ``children:<page>``.
        depends_on(f"children:{self.pk}")
        context["reports"] = list(
            IntegrityMeasuresReportPage.objects.child_of(self).live().public().order_by("-report_year", "path")
        )
        return context


class IntegrityMeasure(Orderable):
    page = ParentalKey(IntegrityMeasuresPage, on_delete=models.CASCADE, related_name="measures")
    issue = models.CharField("ประเด็นที่ต้องพัฒนา", max_length=500)
    measure = models.TextField("มาตรการหรือแนวทาง")
    responsible = models.CharField("ผู้รับผิดชอบ", max_length=255)
    period = models.CharField("ระยะเวลาดำเนินการ", max_length=255, help_text="เช่น มกราคม - มีนาคม 2569")
    indicator = models.CharField("ตัวชี้วัดความสำเร็จ", max_length=500, blank=True)

    panels = [
        FieldPanel("issue"),
        FieldPanel("measure"),
        FieldRowPanel([FieldPanel("responsible"), FieldPanel("period")]),
        FieldPanel("indicator"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "มาตรการหรือแนวทางการพัฒนา"
        verbose_name_plural = "มาตรการหรือแนวทางการพัฒนา"

    def __str__(self):
        return self.issue


class IntegrityMeasuresReportPage(FiscalYearPage):
    """รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน: what became of each measure."""

    summary = RichTextField("สรุปผลการดำเนินการ", features=BODY_FEATURES)
    problems = models.TextField("ปัญหา อุปสรรค และข้อเสนอแนะ", blank=True)

    content_panels = FiscalYearPage.content_panels + [
        FieldPanel("report_year"),
        FieldPanel("summary"),
        InlinePanel("results", heading="ผลการดำเนินการรายมาตรการ", label="ผลการดำเนินการ"),
        FieldPanel("problems"),
    ]
    edit_handler = integrity_edit_handler(content_panels)
    search_fields = FiscalYearPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("problems"),
        index.RelatedFields("results", [index.SearchField("measure"), index.SearchField("result")]),
    ]

    parent_page_types = ["integrity.IntegrityMeasuresPage"]
    subpage_types = []

    class Meta:
        verbose_name = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
        verbose_name_plural = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"

    def ita_minimum_problems(self) -> list[str]:
        """What O26's assessor looks for that the page lacks: a summary and the result of each measure."""
        problems = []
        if not self.summary.strip():
            problems.append("ยังไม่มีสรุปผลการดำเนินการ")
        if not list(self.results.all()):
            problems.append("ยังไม่มีผลการดำเนินการรายมาตรการ")
        return problems

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["rows"] = list(self.results.all())
        return context


class IntegrityMeasureResult(Orderable):
    page = ParentalKey(IntegrityMeasuresReportPage, on_delete=models.CASCADE, related_name="results")
    measure = models.CharField("มาตรการ", max_length=500)
    status = models.CharField("สถานะ", max_length=20, choices=ActivityStatus.choices)
    result = models.TextField("ผลการดำเนินการ", blank=True)

    panels = [FieldRowPanel([FieldPanel("measure"), FieldPanel("status")]), FieldPanel("result")]

    class Meta(Orderable.Meta):
        verbose_name = "ผลการดำเนินการรายมาตรการ"
        verbose_name_plural = "ผลการดำเนินการรายมาตรการ"

    def __str__(self):
        return self.measure
