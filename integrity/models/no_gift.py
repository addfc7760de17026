"""O20 (OIT 2569) การขับเคลื่อนนโยบาย No Gift Policy: the head's declaration, the activities that build the culture
and knowledge of it, and the year's report of gifts received (or that there were none) on one page."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from ..forms import IntegrityPageForm
from .base import BODY_FEATURES, FiscalYearPage, inline_rows, integrity_edit_handler

NO_GIFTS = "ไม่มีการรับทรัพย์สินหรือประโยชน์อื่นใดที่ต้องรายงานในปีนี้"
BOTH = f"เลือก “{NO_GIFTS}” ไม่ได้เมื่อมีรายการรับทรัพย์สินหรือประโยชน์อื่นใด กรุณาเลือกอย่างใดอย่างหนึ่ง"
NEITHER = f"กรุณาเพิ่มรายการรับทรัพย์สินหรือประโยชน์อื่นใดอย่างน้อย 1 รายการ หรือเลือก “{NO_GIFTS}” (ไม่มีให้ระบุว่าไม่มี)"


class NoGiftPage(FiscalYearPage):
    """การขับเคลื่อนนโยบาย No Gift Policy: the declaration (date, signer, text), the activities, and either the gifts
    received or an explicit "none"."""

    declared_on = models.DateField("วันที่ประกาศเจตนารมณ์", null=True)
    declared_by = models.CharField(
        "ผู้ลงนามประกาศ", max_length=255, help_text="ตำแหน่งของผู้บริหารสูงสุดที่ลงนาม เช่น ผู้ว่าราชการจังหวัด"
    )
    declaration = RichTextField("ประกาศเจตนารมณ์", features=BODY_FEATURES, help_text="ข้อความของประกาศเจตนารมณ์")
    activities = RichTextField(
        "การสร้างวัฒนธรรมและการเสริมสร้างความรู้",
        blank=True,
        features=BODY_FEATURES,
        help_text="กิจกรรมสร้างวัฒนธรรม No Gift Policy และการให้ความรู้เรื่องการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา",
    )
    no_gifts_received = models.BooleanField(NO_GIFTS, default=False)

    content_panels = FiscalYearPage.content_panels + [
        FieldPanel("report_year"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("declared_on"), FieldPanel("declared_by")]), FieldPanel("declaration")],
            heading="ประกาศเจตนารมณ์ No Gift Policy",
        ),
        FieldPanel("activities"),
        FieldPanel("no_gifts_received"),
        InlinePanel("gifts", heading="รายงานการรับทรัพย์สินหรือประโยชน์อื่นใด", label="รายการ"),
    ]
    edit_handler = integrity_edit_handler(content_panels)
    base_form_class = IntegrityPageForm
    search_fields = FiscalYearPage.search_fields + [
        index.SearchField("declared_by"),
        index.SearchField("declaration"),
        index.SearchField("activities"),
        index.RelatedFields(
            "gifts", [index.SearchField("description"), index.SearchField("giver"), index.SearchField("handling")]
        ),
    ]

    parent_page_types = ["integrity.IntegrityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "การขับเคลื่อนนโยบาย No Gift Policy"
        verbose_name_plural = "การขับเคลื่อนนโยบาย No Gift Policy"

    def clean(self):
        super().clean()
        gifts = inline_rows(self, "gifts")
        if self.no_gifts_received and gifts:
            raise ValidationError({"no_gifts_received": BOTH})
        if not self.no_gifts_received and not gifts:
            raise ValidationError({"no_gifts_received": NEITHER})

    def ita_minimum_problems(self) -> list[str]:
        """What O20's assessor looks for that the page lacks: the signed, dated declaration, and the gifts report
        (rows or an explicit "none")."""
        problems = []
        if not self.declared_on:
            problems.append("ยังไม่ได้ระบุวันที่ประกาศเจตนารมณ์")
        if not self.declared_by.strip():
            problems.append("ยังไม่ได้ระบุผู้ลงนามประกาศเจตนารมณ์")
        if not self.declaration.strip():
            problems.append("ยังไม่มีข้อความประกาศเจตนารมณ์")
        if not self.no_gifts_received and not list(self.gifts.all()):
            problems.append("ยังไม่มีรายงานการรับทรัพย์สินหรือประโยชน์อื่นใด (ไม่มีให้ระบุว่าไม่มี)")
        return problems

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["gifts"] = list(self.gifts.all())
        return context


class GiftReceived(Orderable):
    """One gift or benefit received in the fiscal year, and what was done with it."""

    page = ParentalKey(NoGiftPage, on_delete=models.CASCADE, related_name="gifts")
    received_on = models.DateField("วันที่ได้รับ")
    description = models.CharField("ทรัพย์สินหรือประโยชน์ที่ได้รับ", max_length=500)
    giver = models.CharField("ผู้ให้", max_length=255, help_text="ระบุตำแหน่งหรือหน่วยงานของผู้ให้ ไม่ระบุชื่อบุคคลธรรมดา")
    value = models.DecimalField(
        "มูลค่าโดยประมาณ (บาท)", max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    handling = models.TextField("การดำเนินการ", help_text="เช่น ส่งมอบเป็นของหน่วยงาน หรือส่งคืนผู้ให้")

    panels = [
        FieldRowPanel([FieldPanel("received_on"), FieldPanel("value")]),
        FieldRowPanel([FieldPanel("description"), FieldPanel("giver")]),
        FieldPanel("handling"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "การรับทรัพย์สินหรือประโยชน์อื่นใด"
        verbose_name_plural = "การรับทรัพย์สินหรือประโยชน์อื่นใด"

    def __str__(self):
        return self.description
