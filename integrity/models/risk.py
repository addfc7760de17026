"""O34-O35 การประเมินความเสี่ยงการทุจริตประจำปี and what the agency does to manage each risk."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from .base import BODY_FEATURES, FiscalYearPage, integrity_edit_handler

SCALE = [(1, "1 น้อยมาก"), (2, "2 น้อย"), (3, "3 ปานกลาง"), (4, "4 สูง"), (5, "5 สูงมาก")]
SCALE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


def risk_level(score: int) -> str:
    """The level of a likelihood × impact score (1-25) on the usual five-by-five matrix."""
    if score >= 15:
        return "สูงมาก"
    if score >= 10:
        return "สูง"
    if score >= 5:
        return "ปานกลาง"
    return "ต่ำ"


class RiskAssessmentPage(FiscalYearPage):
    """การประเมินความเสี่ยงการทุจริตประจำปี: each risk with its likelihood and impact, the control measures planned
    and what was done (การดำเนินการเพื่อจัดการความเสี่ยง)."""

    summary = RichTextField(
        "วิธีการและขอบเขตการประเมิน", blank=True, features=BODY_FEATURES, help_text="เช่น กระบวนงานที่ประเมินและผู้ร่วมประเมิน"
    )

    content_panels = FiscalYearPage.content_panels + [
        FieldPanel("report_year"),
        FieldPanel("summary"),
        InlinePanel("risks", heading="ความเสี่ยงการทุจริตและมาตรการควบคุม", label="ความเสี่ยง", min_num=1),
    ]
    edit_handler = integrity_edit_handler(content_panels)
    search_fields = FiscalYearPage.search_fields + [
        index.SearchField("summary"),
        index.RelatedFields("risks", [index.SearchField("risk"), index.SearchField("control_measures")]),
    ]

    parent_page_types = ["integrity.IntegrityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "การประเมินความเสี่ยงการทุจริตประจำปี"
        verbose_name_plural = "การประเมินความเสี่ยงการทุจริตประจำปี"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["rows"] = sorted(self.risks.all(), key=lambda row: (-row.score, row.sort_order or 0))
        return context


class RiskRow(Orderable):
    page = ParentalKey(RiskAssessmentPage, on_delete=models.CASCADE, related_name="risks")
    process = models.CharField("กระบวนงานหรือภารกิจ", max_length=255)
    risk = models.TextField("เหตุการณ์ความเสี่ยงการทุจริต")
    likelihood = models.PositiveSmallIntegerField("โอกาสที่จะเกิด (1-5)", choices=SCALE, validators=SCALE_VALIDATORS)
    impact = models.PositiveSmallIntegerField("ผลกระทบ (1-5)", choices=SCALE, validators=SCALE_VALIDATORS)
    control_measures = models.TextField("มาตรการควบคุมความเสี่ยง")
    responsible = models.CharField("ผู้รับผิดชอบ", max_length=255, blank=True)
    actions_taken = models.TextField(
        "การดำเนินการเพื่อจัดการความเสี่ยงและผล", blank=True, help_text="สิ่งที่ได้ดำเนินการตามมาตรการแล้วและผลที่เกิดขึ้น"
    )

    panels = [
        FieldPanel("process"),
        FieldPanel("risk"),
        FieldRowPanel([FieldPanel("likelihood"), FieldPanel("impact")]),
        FieldPanel("control_measures"),
        FieldPanel("responsible"),
        FieldPanel("actions_taken"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "ความเสี่ยงการทุจริต"
        verbose_name_plural = "ความเสี่ยงการทุจริต"

    def __str__(self):
        return self.risk[:80]

    @property
    def score(self) -> int:
        return (self.likelihood or 0) * (self.impact or 0)

    @property
    def level(self) -> str:
        return risk_level(self.score)
