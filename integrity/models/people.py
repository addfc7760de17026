"""O23-O26 การบริหารทรัพยากรบุคคล: the HR policy, its implementation, the HR criteria and the yearly HR report."""

from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from .base import BODY_FEATURES, FiscalYearPage, integrity_edit_handler


class HumanResourcesKind(models.TextChoices):
    POLICY = "policy", "นโยบายการบริหารทรัพยากรบุคคล"
    IMPLEMENTATION = "implementation", "การดำเนินการตามนโยบายการบริหารทรัพยากรบุคคล"
    CRITERIA = "criteria", "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล"
    YEARLY_REPORT = "yearly_report", "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี"


class HumanResourcesPage(FiscalYearPage):
    """One of the four HR documents an agency publishes, told apart by ``kind``: the policy (signed by the head of
    the agency), what was done under it, the criteria (recruitment, appointment, development, assessment, rewards
    and discipline) and the year's report."""

    kind = models.CharField("ประเภทข้อมูลการบริหารทรัพยากรบุคคล", max_length=20, choices=HumanResourcesKind.choices)
    issued_on = models.DateField("วันที่ประกาศหรือวันที่ของรายงาน", null=True, blank=True)
    signed_by = models.CharField(
        "ผู้ลงนามหรือผู้รับทราบ", max_length=255, blank=True, help_text="ตำแหน่งของผู้บริหารที่ลงนามประกาศหรือรับทราบรายงาน"
    )
    summary = models.TextField("สาระสำคัญโดยสรุป", blank=True)
    body = RichTextField("รายละเอียด", features=BODY_FEATURES)

    content_panels = FiscalYearPage.content_panels + [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("report_year"), FieldPanel("issued_on")]),
        FieldPanel("signed_by"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    edit_handler = integrity_edit_handler(content_panels)
    search_fields = FiscalYearPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["integrity.IntegrityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "การบริหารทรัพยากรบุคคล (นโยบาย หลักเกณฑ์ และรายงาน)"
        verbose_name_plural = "การบริหารทรัพยากรบุคคล"
