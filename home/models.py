from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index
from wagtail.url_routing import RouteResult

from core import page_cache
from core.models import ClassifiedPageMixin, IndexPage, InformationClass, PublishedDocumentsMixin
from core.pages import specific_values
from core.panels import classified_edit_handler
from core.routing import route_below
from home import selectors
from home.forms import NewsPageForm

CATEGORY_PAGE_TYPES = [
    "disclosure.BasicInfoIndexPage",
    "disclosure.PlanIndexPage",
    "disclosure.LawIndexPage",
    "disclosure.OfficialInfoIndexPage",
    "services.ServiceIndexPage",
]

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link", "hr"]


class HomePage(ClassifiedPageMixin, Page):
    """The agency's home: urgent notices first, the five mandated categories, a search box, the latest updates of
    the disclosure pages and the latest news."""

    intro = RichTextField("ข้อความต้อนรับ", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    edit_handler = classified_edit_handler(
        content_panels, ClassifiedPageMixin.classification_panels, metadata_heading="การจัดชั้นข้อมูล"
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = CATEGORY_PAGE_TYPES + [
        "home.NewsIndexPage",
        "home.StandardPage",
        "home.ContactPage",
        "oversight.ItaEvidencePage",
    ]

    class Meta:
        verbose_name = "หน้าแรกของหน่วยงาน"

    def route(self, request, path_components):
        """Every public request of the agency's site starts here: the page in two queries (``core.routing``);
        the home page itself is read again (``self`` may come from the shared cache of sites)."""
        with page_cache.untracked():
            if path_components:
                page = route_below(self, path_components)
            else:
                page = type(self).objects.get(pk=self.pk)
        if not page.live:
            raise Http404
        return RouteResult(page)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public()
        categories = list(children.type(*_page_models(CATEGORY_PAGE_TYPES)).order_by("path"))
        intros = specific_values(categories, ("intro",))
        for category in categories:
            category.intro = intros.get(category.pk, {}).get("intro", "")
        context["categories"] = categories
        # Urgent notices, news and updates published tomorrow (home.signal_handlers).
        site = Site.find_for_request(request)
        if site is not None:
            page_cache.depends_on(f"latest:{site.pk}")
        urgent = list(selectors.urgent_notices(self, timezone.localdate()))
        context["urgent_notices"] = urgent
        context["latest_news"] = selectors.latest_news(self, exclude_ids=[notice.pk for notice in urgent])
        context["latest_updates"] = selectors.latest_updates(self)
        context["news_index"] = children.type(NewsIndexPage).first()
        return context


def _page_models(labels):
    from django.apps import apps

    return tuple(apps.get_model(label) for label in labels)


class StandardPage(PublishedDocumentsMixin, ClassifiedPageMixin, Page):
    """A page of prose: website policy, privacy policy, accessibility statement, questions and answers."""

    intro = models.TextField("คำนำ", blank=True)
    body = RichTextField("เนื้อหา", features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    edit_handler = classified_edit_handler(content_panels, ClassifiedPageMixin.metadata_panels)
    search_fields = ClassifiedPageMixin.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "หน้าเนื้อหาทั่วไป"


class ContactPage(ClassifiedPageMixin, Page):
    """Where and how to reach the agency; address, phone and e-mail come from the agency's settings."""

    intro = RichTextField("ข้อความแนะนำ", blank=True, features=["bold", "italic", "link"])
    map_url = models.URLField("ลิงก์แผนที่", max_length=500, blank=True, help_text="เช่น ลิงก์ Google Maps ของที่ตั้งสำนักงาน")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("map_url")]
    edit_handler = classified_edit_handler(
        content_panels, ClassifiedPageMixin.classification_panels, metadata_heading="การจัดชั้นข้อมูล"
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "หน้าติดต่อหน่วยงาน"


class NewsIndexPage(IndexPage):
    """ข่าวประชาสัมพันธ์: news items, newest first (classed as every index page is)."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "หน้ารวมข่าวประชาสัมพันธ์"

    def get_listing(self, request):
        return NewsPage.objects.child_of(self).live().public().order_by("-date", "-first_published_at")


class NewsPage(PublishedDocumentsMixin, ClassifiedPageMixin, Page):
    """A news item. An urgent notice is information that affects the public: its class defaults to "immediate"
    (R3.1), so its time from the working group's approval to live is measured against
    ``IMMEDIATE_PUBLISH_LIMIT_HOURS``. The rule: when "urgent" is ticked and the class was left at its default
    ("update on change") in the same edit, the class becomes "immediate" (``home.forms.NewsPageForm``; a news item
    created in code follows the same rule when first saved). A class the editor chose, or the working group set,
    stays."""

    date = models.DateField("วันที่ข่าว")
    urgent = models.BooleanField(
        "ประกาศด่วน",
        default=False,
        help_text="แสดงไว้ด้านบนสุดของหน้าแรก (ข้อมูลที่มีผลกระทบต่อประชาชน) ประเภทข้อมูลจะเป็น "
        "“ข้อมูลที่มีผลกระทบต่อประชาชนต้องเผยแพร่ทันที” โดยอัตโนมัติ หากไม่ได้เลือกประเภทอื่น",
    )
    urgent_until = models.DateField(
        "แสดงเป็นประกาศด่วนถึงวันที่",
        null=True,
        blank=True,
        help_text="หลังวันนี้ข่าวยังเผยแพร่อยู่แต่ไม่แสดงเป็นประกาศด่วนบนหน้าแรก เว้นว่างเพื่อแสดงจนกว่าจะยกเลิกประกาศด่วน",
    )
    summary = models.TextField("สรุปข่าว", blank=True)
    body = RichTextField("เนื้อหาข่าว", features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        MultiFieldPanel([FieldPanel("urgent"), FieldPanel("urgent_until")], heading="ประกาศด่วน"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    edit_handler = classified_edit_handler(
        content_panels, ClassifiedPageMixin.metadata_panels, base_form_class=NewsPageForm
    )
    search_fields = ClassifiedPageMixin.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "ข่าวประชาสัมพันธ์"

    def clean(self):
        super().clean()
        if self.urgent_until and not self.urgent:
            raise ValidationError({"urgent_until": "ระบุวันสิ้นสุดได้เฉพาะข่าวที่เลือกเป็นประกาศด่วน"})
        if self.urgent_until and self.date and self.urgent_until < self.date:
            raise ValidationError({"urgent_until": "วันสิ้นสุดประกาศด่วนต้องไม่อยู่ก่อนวันที่ข่าว"})

    def save(self, *args, **kwargs):
        if self._state.adding and self.urgent and self.information_class == InformationClass.ON_CHANGE:
            self.information_class = InformationClass.IMMEDIATE
        return super().save(*args, **kwargs)

    @property
    def is_urgent_now(self) -> bool:
        """Urgent and not past its end date: the same rule as the home page's notices."""
        return self.urgent and (self.urgent_until is None or self.urgent_until >= timezone.localdate())
