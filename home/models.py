from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

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
from home.forms import NewsPageForm, QuestionAnswerPageForm, QuestionForm

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
        "home.QuestionIndexPage",
        "oversight.ItaEvidencePage",
        "integrity.IntegrityIndexPage",
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
        site = Site.find_for_request(request)
        today = timezone.localdate()
        if site is None:
            context.update(self._lists(None, today))
            return context
        # The lists read a dozen pages of every section: computed once, then from the shared cache until one of
        # them (or the site's latest updates) changes (core.page_cache.fragment).
        context.update(
            page_cache.fragment(
                f"home:{self.pk}:{today.isoformat()}", site.pk, self.url_path, lambda: self._lists(site, today)
            )
        )
        return context

    def _lists(self, site, today) -> dict:
        children = self.get_children().live().public()
        categories = list(children.type(*_page_models(CATEGORY_PAGE_TYPES)).order_by("path"))
        intros = specific_values(categories, ("intro",))
        for category in categories:
            category.intro = intros.get(category.pk, {}).get("intro", "")
        # Urgent notices, news and updates published tomorrow (home.signal_handlers).
        if site is not None:
            page_cache.depends_on(f"latest:{site.pk}")
        urgent = list(selectors.urgent_notices(self, today))
        return {
            "categories": categories,
            "urgent_notices": urgent,
            "latest_news": list(selectors.latest_news(self, exclude_ids=[notice.pk for notice in urgent])),
            "latest_updates": list(selectors.latest_updates(self)),
            "news_index": children.type(NewsIndexPage).first(),
        }


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

    # The Official Information Act's index (disclosure.selectors.oia_pages): the place of contact, s.7(3).
    oia_category_code = "7(3)"

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


class QuestionIndexPage(IndexPage):
    """ถาม-ตอบ (ITA O8): the agency's published answers to citizens' questions, and the form to ask one.

    A question asked here is stored as a ``Question`` (with the asker's optional name and contact, never public);
    it appears on this page only as a ``QuestionAnswerPage`` child that an editor wrote from it and that went
    through the agency's workflow like any other page. The page holds a form with a CSRF token, so it is never
    stored in the page cache or a front cache (``serve``): another visitor must never get this visitor's token."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.QuestionAnswerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "หน้าถาม-ตอบ (Q&A)"

    def get_listing(self, request):
        return QuestionAnswerPage.objects.child_of(self).live().public().order_by("-first_published_at", "-pk")

    def serve(self, request, *args, **kwargs):
        from home import questions

        form = None
        if request.method == "POST":
            wait = questions.seconds_to_wait(request)
            if wait:
                return questions.throttled_response(request, wait)
            form = QuestionForm(request.POST)
            if form.is_valid():
                question = questions.question_receive(self, form.cleaned_data, request)
                return HttpResponseRedirect(questions.thank_you_url(self, question))
        response = super().serve(request, *args, form=form, **kwargs)
        # The form's CSRF token is this visitor's: neither the page cache nor a proxy may keep the page.
        add_never_cache_headers(response)
        return response

    def get_context(self, request, *args, form=None, **kwargs):
        from home import questions

        context = super().get_context(request, *args, **kwargs)
        context["sent_reference"] = questions.thank_you_reference(request.GET.get("sent", ""))
        context["form"] = form if form is not None else QuestionForm()
        context["started_token"] = questions.started_token()
        context["retention_days"] = questions.CONTACT_RETENTION_DAYS
        return context


class QuestionAnswerPage(ClassifiedPageMixin, Page):
    """One question as a citizen asked it (without their name or contact, and with any personal data the question
    itself held taken out by the editor) and the agency's answer, published through the agency's workflow."""

    question = models.TextField(
        "คำถาม",
        help_text="คำถามตามที่ประชาชนถาม โดยตัดข้อมูลส่วนบุคคล (ชื่อ เลขประจำตัวประชาชน โทรศัพท์ อีเมล ที่อยู่) ออก",
    )
    asked_on = models.DateField("วันที่ถาม", null=True, blank=True)
    answer = RichTextField("คำตอบ", blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("question"), FieldPanel("asked_on"), FieldPanel("answer")]
    edit_handler = classified_edit_handler(
        content_panels,
        ClassifiedPageMixin.classification_panels,
        metadata_heading="การจัดชั้นข้อมูล",
        base_form_class=QuestionAnswerPageForm,
    )
    search_fields = ClassifiedPageMixin.search_fields + [index.SearchField("question"), index.SearchField("answer")]

    parent_page_types = ["home.QuestionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "คำถาม-คำตอบ"


class Question(models.Model):
    """A citizen's question, as sent through the agency's Q&A page (ITA O8). Never shown to the public: the agency's
    own staff read it in the admin (``home.questions_admin``) and answer it with a ``QuestionAnswerPage``. The
    asker's name, e-mail and phone are optional and erased ``CONTACT_RETENTION_DAYS`` after the question was sent
    (``home.questions.question_contacts_forget``)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+", verbose_name="หน่วยงาน (เว็บไซต์)")
    reference = models.CharField("เลขที่อ้างอิง", max_length=20, unique=True, null=True, editable=False)
    question = models.TextField("คำถาม")
    name = models.CharField("ชื่อผู้ถาม", max_length=200, blank=True)
    email = models.EmailField("อีเมล", blank=True)
    phone = models.CharField("โทรศัพท์", max_length=30, blank=True)
    created_at = models.DateTimeField("วันที่ส่งคำถาม", default=timezone.now, db_index=True, editable=False)
    consented_at = models.DateTimeField("ยอมรับประกาศคุ้มครองข้อมูลส่วนบุคคลเมื่อ", editable=False)
    contact_erased_at = models.DateTimeField("ลบชื่อและข้อมูลติดต่อเมื่อ", null=True, blank=True, editable=False)
    answer_page = models.ForeignKey(
        QuestionAnswerPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_questions",
        verbose_name="หน้าคำถาม-คำตอบ",
        editable=False,
    )
    closed = models.BooleanField(
        "ปิดเรื่องโดยไม่เผยแพร่คำตอบ",
        default=False,
        help_text="เช่น คำถามซ้ำกับที่ตอบไว้แล้ว ข้อความที่ไม่ใช่คำถาม หรือเรื่องที่ตอบผู้ถามเป็นการเฉพาะแล้ว",
    )
    staff_note = models.TextField("บันทึกของเจ้าหน้าที่", blank=True, help_text="เห็นเฉพาะเจ้าหน้าที่ของหน่วยงาน ไม่เผยแพร่ต่อสาธารณะ")

    class Meta:
        verbose_name = "คำถามจากประชาชน"
        verbose_name_plural = "คำถามจากประชาชน"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.reference or "คำถามใหม่"

    @property
    def status_label(self) -> str:
        if self.answer_page_id is not None:
            return "เผยแพร่คำตอบแล้ว" if self.answer_page.live else "กำลังจัดทำคำตอบ"
        return "ปิดเรื่องโดยไม่เผยแพร่คำตอบ" if self.closed else "รอการตอบ"
