"""The ITA items the law gives no fields for (No Gift, ethics, integrity measures, participation, the working group's
appointment...): one page type told apart by ``kind``, with a date, a summary, a body and documents."""

from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.models import DisclosurePage, PublishedDocumentsMixin

from .base import BODY_FEATURES, integrity_edit_handler


class IntegrityItemKind(models.TextChoices):
    NO_GIFT_ANNOUNCEMENT = "no_gift_announcement", "ประกาศเจตนารมณ์นโยบาย No Gift Policy"
    NO_GIFT_CULTURE = "no_gift_culture", "การสร้างวัฒนธรรม No Gift Policy"
    NO_GIFT_REPORT = "no_gift_report", "รายงานผลตามนโยบาย No Gift Policy"
    ETHICS_CODE = "ethics_code", "ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ"
    ETHICS_PROMOTION = "ethics_promotion", "การขับเคลื่อนจริยธรรม"
    ETHICS_ASSESSMENT = "ethics_assessment", "การประเมินจริยธรรมของเจ้าหน้าที่ของรัฐ"
    INTEGRITY_MEASURES = "integrity_measures", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    INTEGRITY_MEASURES_REPORT = "integrity_measures_report", "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
    PARTICIPATION = "participation", "การเปิดโอกาสให้เกิดการมีส่วนร่วม"
    APPOINTMENT = "appointment", "คำสั่งแต่งตั้งคณะทำงานและผู้รับผิดชอบ"
    OTHER = "other", "หลักฐานตัวชี้วัดอื่น"


class IntegrityItemPage(PublishedDocumentsMixin, DisclosurePage):
    """หลักฐานตัวชี้วัด ITA: an announcement, an order, a report or an account of activities, with its documents."""

    kind = models.CharField("ประเภทหลักฐาน", max_length=30, choices=IntegrityItemKind.choices)
    issued_on = models.DateField("วันที่ของประกาศ คำสั่ง หรือรายงาน", null=True, blank=True)
    issued_by = models.CharField(
        "ผู้ลงนามหรือผู้ประกาศ", max_length=255, blank=True, help_text="ตำแหน่งของผู้บริหารที่ลงนาม เช่น ผู้ว่าราชการจังหวัด"
    )
    summary = models.TextField("สาระสำคัญโดยสรุป", blank=True)
    body = RichTextField("รายละเอียด", features=BODY_FEATURES)

    content_panels = DisclosurePage.content_panels + [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("issued_on"), FieldPanel("issued_by")]),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    edit_handler = integrity_edit_handler(content_panels)
    search_fields = DisclosurePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["integrity.IntegrityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "หลักฐานตัวชี้วัด ITA (No Gift จริยธรรม มาตรการส่งเสริมคุณธรรม และอื่น ๆ)"
        verbose_name_plural = "หลักฐานตัวชี้วัด ITA"
