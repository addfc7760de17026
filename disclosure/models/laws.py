"""R1.3 กฎหมาย ระเบียบ ข้อบังคับ: each law or rule with its source (a link or the Royal Gazette)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.models import DisclosurePage, IndexPage, PublishedDocumentsMixin

from .base import disclosure_edit_handler

SOURCE_REQUIRED = "ต้องระบุที่มาของข้อมูล: ลิงก์ไปยังแหล่งที่มา หรือการประกาศในราชกิจจานุเบกษา (เล่ม ตอนที่ และวันที่ประกาศ) อย่างน้อยหนึ่งอย่าง"


class LawType(models.TextChoices):
    ACT = "act", "พระราชบัญญัติ"
    ROYAL_DECREE = "royal_decree", "พระราชกฤษฎีกา"
    MINISTERIAL_REGULATION = "ministerial_regulation", "กฎกระทรวง"
    ANNOUNCEMENT = "announcement", "ประกาศ"
    RULE = "rule", "ระเบียบ"
    STANDARD = "standard", "มาตรฐาน"
    MANUAL = "manual", "คู่มือ"
    GUIDELINE = "guideline", "แนวทาง/แนวปฏิบัติ"
    CABINET_RESOLUTION = "cabinet_resolution", "มติคณะรัฐมนตรี"
    OTHER = "other", "อื่น ๆ"


class LawFilterForm(forms.Form):
    type = forms.ChoiceField(label="ประเภท", required=False, choices=[("", "ทุกประเภท"), *LawType.choices])


class LawIndexPage(IndexPage):
    """R1.3 กฎหมาย ระเบียบ ข้อบังคับ, each with its source; ``?type=act`` lists one type."""

    requirement = "R1.3"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["disclosure.LawPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "หมวดกฎหมาย ระเบียบ ข้อบังคับ (R1.3)"

    def get_listing(self, request):
        laws = LawPage.objects.child_of(self).live().public().order_by("-issued_date", "title")
        form = LawFilterForm(request.GET)
        if form.is_valid() and form.cleaned_data["type"]:
            laws = laws.filter(law_type=form.cleaned_data["type"])
        return laws

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["filter_form"] = LawFilterForm(request.GET)
        return context


class LawPage(PublishedDocumentsMixin, DisclosurePage):
    """An act, decree, regulation, announcement, rule, standard, manual, guideline or cabinet resolution."""

    law_type = models.CharField("ประเภท", max_length=30, choices=LawType.choices)
    number = models.CharField("เลขที่/ฉบับที่", max_length=100, blank=True, help_text="เช่น ฉบับที่ 2 หรือ ที่ 123/2561")
    issued_date = models.DateField("ลงวันที่", null=True, blank=True)
    issuing_body = models.CharField("หน่วยงานที่ออก", max_length=255, blank=True)
    summary = RichTextField(
        "สาระสำคัญโดยสรุป", blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]
    )

    # The source (ที่มาของข้อมูล, announcement 1.3): a link, or the Royal Gazette reference, or both.
    source_name = models.CharField(
        "ชื่อแหล่งที่มา", max_length=255, blank=True, help_text="เช่น สำนักงานคณะกรรมการกฤษฎีกา หรือเว็บไซต์ของหน่วยงานที่ออก"
    )
    source_url = models.URLField("ลิงก์แหล่งที่มา", max_length=500, blank=True)
    gazette_volume = models.CharField("เล่ม", max_length=20, blank=True)
    gazette_section = models.CharField("ตอนที่", max_length=30, blank=True, help_text="เช่น 46 ก")
    gazette_page = models.CharField("หน้า", max_length=20, blank=True)
    gazette_date = models.DateField("วันที่ประกาศในราชกิจจานุเบกษา", null=True, blank=True)

    effective_date = models.DateField("วันที่มีผลใช้บังคับ", null=True, blank=True)
    superseded_by = models.ForeignKey(
        "disclosure.LawPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
        verbose_name="ถูกยกเลิก/แทนที่โดย",
    )
    oia_category = models.ForeignKey(
        "disclosure.OfficialInfoCategory",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="หมวดตาม พ.ร.บ.ข้อมูลข่าวสารฯ",
        help_text="เว้นว่างเพื่อจัดไว้ในหมวด 7(4) กฎ มติคณะรัฐมนตรี ข้อบังคับ คำสั่ง หนังสือเวียน ระเบียบ ฯลฯ "
        "เลือกหมวดอื่นเมื่อเป็นเรื่องอื่น เช่น 9(4) สำหรับคู่มือหรือแนวทางปฏิบัติ",
    )

    # The Act's index (disclosure.selectors.oia_pages): the category chosen, else s.7(4); the date of issue.
    oia_category_field = "oia_category"
    oia_category_code = "7(4)"
    oia_date_field = "issued_date"

    content_panels = DisclosurePage.content_panels + [
        FieldPanel("law_type"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("issued_date")]),
        FieldPanel("issuing_body"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("source_name"),
                FieldPanel("source_url"),
                FieldRowPanel(
                    [FieldPanel("gazette_volume"), FieldPanel("gazette_section"), FieldPanel("gazette_page")]
                ),
                FieldPanel("gazette_date"),
            ],
            heading="ที่มาของข้อมูล (ลิงก์หรือราชกิจจานุเบกษา อย่างน้อยหนึ่งอย่าง)",
        ),
        FieldPanel("effective_date"),
        PageChooserPanel("superseded_by", "disclosure.LawPage"),
        FieldPanel("oia_category"),
    ]
    edit_handler = disclosure_edit_handler(content_panels)
    search_fields = DisclosurePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("number"),
        index.SearchField("issuing_body"),
        index.SearchField("get_law_type_display"),
        index.SearchField("source_name"),
        index.FilterField("law_type"),
    ]

    parent_page_types = ["disclosure.LawIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "กฎหมาย ระเบียบ ข้อบังคับ"
        verbose_name_plural = "กฎหมาย ระเบียบ ข้อบังคับ"

    @property
    def has_gazette_reference(self) -> bool:
        return bool(self.gazette_volume and self.gazette_section and self.gazette_date)

    def clean(self):
        super().clean()
        errors = {}
        gazette_fields = {
            "gazette_volume": "โปรดระบุเล่มของราชกิจจานุเบกษา",
            "gazette_section": "โปรดระบุตอนที่ของราชกิจจานุเบกษา",
            "gazette_date": "โปรดระบุวันที่ประกาศในราชกิจจานุเบกษา",
        }
        started = [name for name in (*gazette_fields, "gazette_page") if getattr(self, name)]
        if started and not self.has_gazette_reference:
            for name, message in gazette_fields.items():
                if not getattr(self, name):
                    errors[name] = message
        if not self.source_url and not self.has_gazette_reference and not errors:
            errors["source_url"] = SOURCE_REQUIRED
        if self.source_url and not self.source_name:
            errors["source_name"] = "โปรดระบุชื่อแหล่งที่มาของลิงก์"
        if self.superseded_by_id and self.pk and self.superseded_by_id == self.pk:
            errors["superseded_by"] = "กฎหมายหรือระเบียบไม่สามารถถูกแทนที่โดยตัวเองได้"
        if errors:
            raise ValidationError(errors)
