"""O19 (OIT 2569) ผลการเปิดโอกาสให้มีส่วนร่วมในการดำเนินงาน: each activity in which the public or the stakeholders
took part, how they could take part, and what came of it."""

from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from .base import BODY_FEATURES, FiscalYearPage, integrity_edit_handler


class ParticipationKind(models.TextChoices):
    HEARING = "hearing", "รับฟังความคิดเห็น"
    SURVEY = "survey", "สำรวจความคิดเห็น"
    MEETING = "meeting", "ประชุมร่วม"
    OTHER = "other", "อื่น ๆ"


class ParticipationPage(FiscalYearPage):
    """ผลการเปิดโอกาสให้มีส่วนร่วม: the fiscal year's participation activities (at least one), each with its result."""

    intro = RichTextField("คำอธิบาย", blank=True, features=BODY_FEATURES)

    content_panels = FiscalYearPage.content_panels + [
        FieldPanel("report_year"),
        FieldPanel("intro"),
        InlinePanel("activities", heading="กิจกรรมที่เปิดโอกาสให้มีส่วนร่วม", label="กิจกรรม", min_num=1),
    ]
    edit_handler = integrity_edit_handler(content_panels)
    search_fields = FiscalYearPage.search_fields + [
        index.SearchField("intro"),
        index.RelatedFields(
            "activities",
            [
                index.SearchField("title"),
                index.SearchField("how_to_take_part"),
                index.SearchField("result"),
                index.SearchField("change_made"),
            ],
        ),
    ]

    parent_page_types = ["integrity.IntegrityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "ผลการเปิดโอกาสให้มีส่วนร่วม"
        verbose_name_plural = "ผลการเปิดโอกาสให้มีส่วนร่วม"

    def ita_minimum_problems(self) -> list[str]:
        """What O19's assessor looks for that the page lacks: an activity, and the result of each."""
        activities = list(self.activities.all())
        if not activities:
            return ["ยังไม่มีกิจกรรมที่เปิดโอกาสให้มีส่วนร่วม"]
        return [f"กิจกรรม “{a.title}” ยังไม่ได้ระบุผลที่ได้จากการมีส่วนร่วม" for a in activities if not a.result.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["rows"] = list(self.activities.all())
        return context


class ParticipationActivity(Orderable):
    page = ParentalKey(ParticipationPage, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField("ชื่อกิจกรรม", max_length=500)
    kind = models.CharField("รูปแบบการมีส่วนร่วม", max_length=20, choices=ParticipationKind.choices)
    held_on = models.DateField("วันที่จัดกิจกรรม")
    how_to_take_part = models.TextField(
        "ประชาชนมีส่วนร่วมอย่างไร", help_text="ช่องทางหรือวิธีที่ประชาชนหรือผู้มีส่วนได้ส่วนเสียเข้าร่วมหรือแสดงความคิดเห็นได้"
    )
    participants = models.PositiveIntegerField("จำนวนผู้เข้าร่วม", null=True, blank=True, help_text="เว้นว่างหากไม่ได้นับ")
    result = models.TextField("ผลที่ได้จากการมีส่วนร่วม", help_text="ความคิดเห็นหรือข้อเสนอที่ได้รับ")
    change_made = models.TextField(
        "หน่วยงานนำไปปรับปรุงอย่างไร", blank=True, help_text="สิ่งที่หน่วยงานเปลี่ยนหรือปรับปรุงจากความคิดเห็นที่ได้รับ"
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("held_on"), FieldPanel("participants")]),
        FieldPanel("how_to_take_part"),
        FieldPanel("result"),
        FieldPanel("change_made"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "กิจกรรมที่เปิดโอกาสให้มีส่วนร่วม"
        verbose_name_plural = "กิจกรรมที่เปิดโอกาสให้มีส่วนร่วม"

    def __str__(self):
        return self.title
