import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PageViewRestriction,
    RevisionMixin,
    Site,
    WorkflowMixin,
)
from wagtail.search import index

from core import shared_cache
from core.forms import AgencyPageForm
from core.page_cache import depends_on
from core.panels import classified_edit_handler
from core.site_data import restriction_ids


def agency_workflow_for_site(site_id: int | None):
    """The active workflow on the agency's home page (the one its pages go through), or None."""
    if site_id is None or not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        return None
    root_page_id = Site.objects.filter(pk=site_id).values_list("root_page_id", flat=True).first()
    root = Page.objects.filter(pk=root_page_id).first() if root_page_id else None
    return root.get_workflow() if root is not None else None


class AgencyDataMixin(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin):
    """An agency's own data (its people, units and details), changed through the agency's own two-step workflow
    like its pages: an edit is a draft revision until the working group and the administrators approve it; the
    row holds what is live, and ``live`` says whether it was ever published. ``site`` says whose it is."""

    class Meta:
        abstract = True

    def get_workflow(self):
        # Wagtail assigns snippet workflows per model; an agency's data follows its own agency's workflow instead.
        return agency_workflow_for_site(self.site_id)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        # Reverting or publishing a revision never moves the data to another agency.
        obj.site_id = self.site_id
        return obj

    @property
    def public_name(self) -> str:
        """The name as the public may find it (search): only once the working group's check made it live; a
        never-published draft's name is never indexed with the pages that name it."""
        return getattr(self, "name", "") if self.live else ""


def agency_data_publish(obj, user=None):
    """Save ``obj`` and make it live with a revision, outside the workflow: for setting up an agency, loading the
    demo and tests only (the admin has no such path but a superuser's). Returns the published revision."""
    if obj.pk is None:
        obj.save()
    revision = obj.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)
    return revision


def _revisions_relation(name: str) -> GenericRelation:
    return GenericRelation("wagtailcore.Revision", related_query_name=name)


def _workflow_states_relation(name: str) -> GenericRelation:
    return GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=name,
        for_concrete_model=False,
    )


@register_setting(icon="site")
class AgencySettings(AgencyDataMixin, BaseSiteSetting):
    """Who the site belongs to: shown in every page's header and footer and on the contact page.

    Registered as a setting so that templates read it once per request (``settings.core.AgencySettings``), but
    edited as a workflow snippet (Wagtail's settings view has no drafts or workflow): the row is what is live."""

    name_th = models.CharField("ชื่อหน่วยงาน (ภาษาไทย)", max_length=255)
    name_en = models.CharField("ชื่อหน่วยงาน (ภาษาอังกฤษ)", max_length=255, blank=True)
    address = models.TextField("ที่อยู่", blank=True)
    phone = models.CharField("โทรศัพท์", max_length=100, blank=True)
    email = models.EmailField("อีเมล", blank=True)
    office_hours = models.CharField(
        "วันและเวลาทำการ", max_length=255, blank=True, default="วันจันทร์ - วันศุกร์ เวลา 08:30 - 16:30 น."
    )
    # Shown when a page is shared (Open Graph and card tags); without one, the site's default image.
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="ภาพประจำหน่วยงานสำหรับการแชร์",
        help_text="แสดงเมื่อมีผู้แชร์ลิงก์หน้าเว็บไซต์ทางโซเชียลมีเดีย ขนาดที่เหมาะสม 1200 × 630 พิกเซล "
        "หากไม่ระบุ ระบบจะใช้ภาพมาตรฐานของเว็บไซต์",
    )

    # The agency's own collection of documents and images; its groups' permissions are scoped to it.
    collection = models.ForeignKey(
        "wagtailcore.Collection", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    panels = [
        MultiFieldPanel([FieldPanel("name_th"), FieldPanel("name_en")], heading="ชื่อหน่วยงาน"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("office_hours")],
            heading="ข้อมูลการติดต่อ",
        ),
        FieldPanel("share_image"),
    ]

    class Meta:
        verbose_name = "ข้อมูลหน่วยงาน"
        verbose_name_plural = "ข้อมูลหน่วยงาน"

    def __str__(self):
        return self.name_th

    @property
    def revisions(self):
        return self._revisions

    @classmethod
    def for_request(cls, request):
        """Wagtail's, from the shared cache (``core.shared_cache``) until the agency's details change: every page
        shows them and would otherwise read them on every request."""
        name = cls.get_cache_attr_name()
        if hasattr(request, name):
            return getattr(request, name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        obj = shared_cache.versioned(f"agency-settings:{site.pk}", (f"site:{site.pk}",), lambda: cls.for_site(site))
        obj._request = request
        setattr(request, name, obj)
        return obj

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        # The agency's collection is set up once, outside the form: a revision never changes it.
        obj.collection_id = self.collection_id
        return obj


class ProcurementMethod(models.TextChoices):
    """วิธีการจัดซื้อจัดจ้าง (พ.ร.บ.การจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560): one list for the monthly
    summaries (``disclosure``) and the procurement plan and yearly report (``integrity``)."""

    SPECIFIC = "specific", "วิธีเฉพาะเจาะจง"
    SELECTION = "selection", "วิธีคัดเลือก"
    E_MARKET = "e_market", "วิธีตลาดอิเล็กทรอนิกส์ (e-market)"
    E_BIDDING = "e_bidding", "วิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"
    OTHER = "other", "วิธีอื่น"


class InformationClass(models.TextChoices):
    """R3.1: the working group's three classes of information."""

    IMMEDIATE = "immediate", "ข้อมูลที่มีผลกระทบต่อประชาชนต้องเผยแพร่ทันที"
    ON_CHANGE = "on_change", "ข้อมูลที่ต้องปรับปรุงแก้ไขเมื่อมีการเปลี่ยนแปลง"
    FIXED_PERIOD = "fixed_period", "ข้อมูลที่มีระยะเวลาในการเผยแพร่ที่แน่นอน"


class OrganisationUnit(AgencyDataMixin, index.Indexed, ClusterableModel):
    """A unit of the agency (สำนักงาน กลุ่มงาน ฝ่าย): a tree through ``parent``; reused as a page's responsible unit."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+", verbose_name="หน่วยงาน (เว็บไซต์)")
    name = models.CharField("ชื่อหน่วยงาน/ส่วนราชการ", max_length=255)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="subunits", verbose_name="สังกัด"
    )
    powers_and_duties = RichTextField("อำนาจหน้าที่โดยสรุป", blank=True, features=["bold", "italic", "ol", "ul", "link"])
    phone = models.CharField("โทรศัพท์", max_length=100, blank=True)
    email = models.EmailField("อีเมล", blank=True)
    sort_order = models.PositiveIntegerField("ลำดับการแสดงผล", default=0)

    _revisions = _revisions_relation("organisation_unit")
    workflow_states = _workflow_states_relation("organisation_unit")

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("parent"),
        FieldPanel("powers_and_duties"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("powers_and_duties"),
        index.AutocompleteField("name"),
        index.FilterField("site"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = "หน่วยงาน/ส่วนราชการ"
        verbose_name_plural = "หน่วยงาน/ส่วนราชการ"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions


class ClassifiedPageMixin(models.Model):
    """What the procedure needs of every public page type: its information class (R3.1), responsible unit, review
    cycle (R2.3), fiscal year, ITA item codes and the documents it publishes. Mixed into ``DisclosurePage`` and into
    the home app's pages (news, policies, contact, the home page); "is this page classed" is
    ``isinstance(page, ClassifiedPageMixin)``. Put it before the ``Page`` base."""

    information_class = models.CharField(
        "ประเภทข้อมูล (การจัดชั้นข้อมูล)",
        max_length=20,
        choices=InformationClass.choices,
        default=InformationClass.ON_CHANGE,
    )
    responsible_unit = models.ForeignKey(
        OrganisationUnit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="หน่วยงานที่รับผิดชอบข้อมูล",
    )
    review_interval_days = models.PositiveIntegerField(
        "รอบการทบทวนข้อมูล (วัน)", default=365, help_text="ระบบคำนวณวันที่ต้องทบทวนครั้งถัดไปจากรอบนี้"
    )
    next_review_date = models.DateField("วันที่ต้องทบทวนครั้งถัดไป", null=True, blank=True, editable=False)
    last_verified_at = models.DateTimeField("ตรวจสอบความเป็นปัจจุบันล่าสุด", null=True, blank=True, editable=False)
    fiscal_year = models.PositiveSmallIntegerField(
        "ปีงบประมาณ (พ.ศ.)", null=True, blank=True, validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )

    # Its people and units are its own agency's (a crafted POST naming another agency's is refused).
    base_form_class = AgencyPageForm

    metadata_panels = [
        MultiFieldPanel(
            [
                FieldPanel("information_class"),
                FieldPanel("responsible_unit"),
                FieldPanel("review_interval_days"),
                FieldPanel("fiscal_year"),
            ],
            heading="การจัดชั้นข้อมูลและการทบทวน",
        ),
        InlinePanel("published_documents", heading="เอกสารที่เผยแพร่", label="เอกสาร"),
        InlinePanel("ita_items", heading="ตัวชี้วัด ITA ที่หน้านี้เป็นหลักฐาน", label="ตัวชี้วัด"),
    ]
    # Search (search/): the responsible unit and the documents' names are part of what a page is found by.
    search_fields = Page.search_fields + [
        index.RelatedFields("responsible_unit", [index.SearchField("public_name")]),
        index.RelatedFields(
            "published_documents",
            [index.SearchField("label"), index.RelatedFields("document", [index.SearchField("title")])],
        ),
        index.FilterField("fiscal_year"),
    ]

    class Meta:
        abstract = True

    # The classification tab without the fiscal year and documents, for pages where they make no sense.
    classification_panels = [
        MultiFieldPanel(
            [FieldPanel("information_class"), FieldPanel("responsible_unit"), FieldPanel("review_interval_days")],
            heading="การจัดชั้นข้อมูลและการทบทวน",
        ),
        InlinePanel("ita_items", heading="ตัวชี้วัด ITA ที่หน้านี้เป็นหลักฐาน", label="ตัวชี้วัด"),
    ]

    def save(self, *args, **kwargs):
        # The review clock starts at the later of the last publication and the last "still current" confirmation.
        base = self.data_as_of or timezone.now()
        self.next_review_date = (timezone.localtime(base) + datetime.timedelta(days=self.review_interval_days)).date()
        return super().save(*args, **kwargs)

    @property
    def data_as_of(self):
        """ "ข้อมูล ณ วันที่": the later of the last publication and the last "still current" verification."""
        dates = [d for d in (self.last_published_at, self.last_verified_at) if d]
        return max(dates) if dates else None

    def clean(self):
        super().clean()
        if self.information_class == InformationClass.FIXED_PERIOD:
            errors = {}
            if not self.expire_at:
                errors["expire_at"] = "ข้อมูลที่มีระยะเวลาในการเผยแพร่ที่แน่นอนต้องระบุวันที่สิ้นสุดการเผยแพร่"
            if not self.go_live_at and not self.first_published_at:
                errors["go_live_at"] = "ข้อมูลที่มีระยะเวลาในการเผยแพร่ที่แน่นอนต้องระบุวันที่เริ่มเผยแพร่"
            start = self.go_live_at or self.first_published_at
            if self.expire_at and start and self.expire_at <= start:
                errors["expire_at"] = "วันที่สิ้นสุดการเผยแพร่ต้องอยู่หลังวันที่เริ่มเผยแพร่"
            if errors:
                raise ValidationError(errors)

    def get_view_restrictions(self):
        """Wagtail's, without its two queries per request for the common case of no restriction: the restricted
        paths come from the shared cache (``core.site_data``)."""
        if self.alias_of_id:
            return super().get_view_restrictions()
        ids = restriction_ids(self)
        return PageViewRestriction.objects.filter(pk__in=ids) if ids else PageViewRestriction.objects.none()


class PublishedDocumentsMixin:
    """Puts the page's published documents, with their files, in the context in one query."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["published_documents"] = self.published_documents.select_related("document")
        return context


class IndexPage(ClassifiedPageMixin, Page):
    """A category page that lists its live, public children, a page at a time. Classed like every public page
    (R3.1, R2.3): class, responsible unit, review cycle and ITA items."""

    intro = RichTextField("คำอธิบาย", blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    edit_handler = classified_edit_handler(
        content_panels, ClassifiedPageMixin.classification_panels, metadata_heading="การจัดชั้นข้อมูล"
    )
    search_fields = ClassifiedPageMixin.search_fields + [index.SearchField("intro")]

    paginate_by = 20

    class Meta:
        abstract = True

    def get_listing(self, request):
        """The children shown on this page; subclasses filter and order it."""
        return self.get_children().live().public().specific().order_by("-first_published_at", "path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A child published tomorrow is not loaded today: the listing depends on the collection of its children.
        depends_on(f"children:{self.pk}")
        page_obj = self.paginate(request)
        context["page_obj"] = page_obj
        context["children"] = page_obj.object_list
        return context

    def paginate(self, request):
        """The page of the listing asked for (``?page=``): past the end the last one, otherwise the first."""
        paginator = Paginator(self.get_listing(request), self.paginate_by)
        try:
            return paginator.page(request.GET.get("page") or 1)
        except (EmptyPage, PageNotAnInteger):
            return paginator.page(paginator.num_pages if request.GET.get("page", "").isdigit() else 1)


class DisclosurePage(ClassifiedPageMixin, Page):
    """Every disclosure page (R1.1-R1.5): a classified page."""

    class Meta:
        abstract = True


class PageDocument(Orderable):
    """A document that a page publishes, in the page's order, with an optional label for the link."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="published_documents")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="เอกสาร"
    )
    label = models.CharField("ชื่อที่แสดง", max_length=255, blank=True, help_text="เว้นว่างเพื่อใช้ชื่อเอกสาร")

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "เอกสารที่เผยแพร่"
        verbose_name_plural = "เอกสารที่เผยแพร่"
