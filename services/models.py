from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import DisclosurePage, IndexPage, OrganisationUnit
from services.durations import DurationUnit, duration_format, duration_total
from services.forms import ServiceFilterForm, ServicePageForm

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ServiceCategory(models.TextChoices):
    """หมวดหมู่ของงานบริการ, as on info.go.th."""

    REGISTER = "register", "จดทะเบียน"
    PERMIT = "permit", "อนุญาต"
    NOTIFY = "notify", "รับแจ้ง"
    OTHER = "other", "อื่น ๆ"


class ServiceType(models.TextChoices):
    """ประเภทของงานบริการ."""

    SINGLE_AGENCY = "single", "กระบวนงานบริการที่เบ็ดเสร็จในหน่วยเดียว"
    MULTI_AGENCY = "multi", "กระบวนงานบริการที่เชื่อมโยงหลายหน่วยงาน"


class ChannelKind(models.TextChoices):
    WALK_IN = "walk_in", "ติดต่อด้วยตนเอง"
    ONLINE = "online", "ออนไลน์ (E-Service)"
    POST = "post", "ไปรษณีย์"
    PHONE = "phone", "โทรศัพท์"


class ServiceIndexPage(IndexPage):
    """R1.5 คู่มือสำหรับประชาชน: the agency's citizen's manuals, filterable by category and responsible unit."""

    requirement = "R1.5"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["services.ServicePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "หมวดคู่มือสำหรับประชาชน (R1.5)"

    def manuals(self):
        """The live, public manuals under this page, with what the listing shows fetched up front."""
        return (
            ServicePage.objects.child_of(self)
            .live()
            .public()
            .select_related("responsible_unit")
            .prefetch_related(Prefetch("steps", queryset=ServiceStep.objects.only("page_id", "duration", "unit")))
            .order_by("title", "path")
        )

    def filter_form(self, request) -> ServiceFilterForm:
        units = OrganisationUnit.objects.filter(
            pk__in=self.manuals().order_by().values("responsible_unit"), live=True
        ).order_by("sort_order", "name")
        return ServiceFilterForm(request.GET or None, units=units, categories=ServiceCategory.choices)

    def get_listing(self, request):
        manuals = self.manuals()
        form = getattr(request, "_service_filter_form", None)
        if form is None:
            form = self.filter_form(request)
        if form.is_bound and form.is_valid():
            if form.cleaned_data.get("category"):
                manuals = manuals.filter(category=form.cleaned_data["category"])
            if form.cleaned_data.get("unit"):
                manuals = manuals.filter(responsible_unit=form.cleaned_data["unit"])
        return manuals

    def get_context(self, request, *args, **kwargs):
        request._service_filter_form = self.filter_form(request)
        context = super().get_context(request, *args, **kwargs)
        form = request._service_filter_form
        context["filter_form"] = form
        context["is_filtered"] = bool(form.is_bound and form.is_valid() and any(form.cleaned_data.values()))
        return context


class ServicePage(DisclosurePage):
    """A citizen's manual (คู่มือสำหรับประชาชน) under the Licensing Facilitation Act B.E. 2558, field for field as on
    info.go.th. The page title is the process name; the responsible unit is ``DisclosurePage.responsible_unit``;
    forms to download are the page's ``published_documents``."""

    owner_agency = models.CharField(
        "หน่วยงานกลางเจ้าของกระบวนงาน", max_length=255, blank=True, help_text="เช่น กรมการปกครอง กระทรวงมหาดไทย"
    )
    service_type = models.CharField(
        "ประเภทของงานบริการ", max_length=20, choices=ServiceType.choices, default=ServiceType.SINGLE_AGENCY
    )
    category = models.CharField("หมวดหมู่ของงานบริการ", max_length=20, choices=ServiceCategory.choices)
    service_area = models.CharField(
        "พื้นที่ให้บริการ", max_length=255, blank=True, help_text="เช่น ส่วนภูมิภาค, ส่วนท้องถิ่น หรือ ทั่วประเทศ"
    )
    summary = models.TextField("คำอธิบายโดยย่อ", blank=True, help_text="แสดงในหน้ารวมคู่มือ")

    legal_basis = models.TextField("กฎหมายที่ให้อำนาจการอนุญาต หรือที่เกี่ยวข้อง", help_text="ระบุกฎหมายบรรทัดละหนึ่งฉบับ")
    legal_deadline = models.PositiveIntegerField("ระยะเวลาที่กำหนดตามกฎหมาย", null=True, blank=True)
    legal_deadline_unit = models.CharField(
        "หน่วยของระยะเวลาที่กำหนดตามกฎหมาย", max_length=20, choices=DurationUnit.choices, blank=True
    )
    legal_deadline_basis = models.CharField(
        "กฎหมาย/ข้อกำหนดที่กำหนดระยะเวลา", max_length=255, blank=True, help_text="เว้นว่างหากกฎหมายไม่ได้กำหนดระยะเวลา"
    )

    criteria = RichTextField("หลักเกณฑ์ วิธีการ และเงื่อนไขในการยื่นคำขอและการพิจารณา", features=TEXT_FEATURES)

    no_fee = models.BooleanField(
        "ไม่มีค่าธรรมเนียม",
        default=False,
        help_text="เลือกเมื่อกระบวนงานนี้ไม่เก็บค่าธรรมเนียม หากมีค่าธรรมเนียมให้ระบุในรายการค่าธรรมเนียมแทน",
    )
    complaint_channels = models.TextField(
        "ช่องทางการร้องเรียน",
        help_text="ระบุช่องทางบรรทัดละหนึ่งช่องทาง เช่น ศูนย์ดำรงธรรมจังหวัด สายด่วน 1567 หรือศูนย์บริการประชาชน "
        "สำนักปลัดสำนักนายกรัฐมนตรี สายด่วน 1111",
    )

    requests_monthly_average = models.PositiveIntegerField("จำนวนคำขอเฉลี่ยต่อเดือน", null=True, blank=True)
    requests_max = models.PositiveIntegerField("จำนวนคำขอที่มากที่สุด (ต่อเดือน)", null=True, blank=True)
    requests_min = models.PositiveIntegerField("จำนวนคำขอที่น้อยที่สุด (ต่อเดือน)", null=True, blank=True)

    reference_name = models.CharField("ชื่ออ้างอิงของคู่มือประชาชน", max_length=255, blank=True)
    manual_version = models.CharField("ฉบับที่", max_length=50, blank=True, help_text="เช่น 1 หรือ 2/2567")
    manual_date = models.DateField("วันที่จัดทำ/ปรับปรุงคู่มือ", null=True, blank=True)
    remarks = RichTextField("หมายเหตุ", blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("owner_agency"),
                FieldPanel("service_type"),
                FieldPanel("category"),
                FieldPanel("service_area"),
                FieldPanel("summary"),
            ],
            heading="ข้อมูลกระบวนงาน",
        ),
        MultiFieldPanel(
            [
                FieldPanel("legal_basis"),
                FieldRowPanel([FieldPanel("legal_deadline"), FieldPanel("legal_deadline_unit")]),
                FieldPanel("legal_deadline_basis"),
            ],
            heading="กฎหมายและระยะเวลาที่กฎหมายกำหนด",
        ),
        InlinePanel("channels", heading="ช่องทางการให้บริการและสถานที่ให้บริการ", label="ช่องทาง"),
        FieldPanel("criteria"),
    ]
    step_panels = [
        InlinePanel("steps", heading="ขั้นตอน ระยะเวลา และส่วนงานที่รับผิดชอบ", label="ขั้นตอน"),
        InlinePanel("required_documents", heading="รายการเอกสารหลักฐานประกอบ", label="เอกสาร"),
        FieldPanel("no_fee"),
        InlinePanel("fees", heading="ค่าธรรมเนียม", label="ค่าธรรมเนียม"),
        FieldPanel("complaint_channels"),
    ]
    reference_panels = [
        MultiFieldPanel(
            [
                FieldPanel("requests_monthly_average"),
                FieldPanel("requests_max"),
                FieldPanel("requests_min"),
            ],
            heading="ข้อมูลสถิติ",
        ),
        MultiFieldPanel(
            [FieldPanel("reference_name"), FieldPanel("manual_version"), FieldPanel("manual_date")],
            heading="การอ้างอิงคู่มือ",
        ),
        FieldPanel("remarks"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="ข้อมูลกระบวนงาน"),
            ObjectList(step_panels, heading="ขั้นตอน เอกสาร และค่าธรรมเนียม"),
            ObjectList(reference_panels, heading="สถิติและการอ้างอิง"),
            ObjectList(DisclosurePage.metadata_panels, heading="การจัดชั้นข้อมูลและแบบฟอร์ม"),
            ObjectList(Page.promote_panels, heading="การโปรโมต"),
            ObjectList(Page.settings_panels, heading="การตั้งค่า"),
        ]
    )
    base_form_class = ServicePageForm

    search_fields = DisclosurePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("owner_agency"),
        index.SearchField("criteria"),
        index.SearchField("legal_basis"),
        index.SearchField("complaint_channels"),
        index.SearchField("get_category_display"),
        index.SearchField("channel_kinds_text"),
        index.RelatedFields("steps", [index.SearchField("name"), index.SearchField("description")]),
        index.RelatedFields("required_documents", [index.SearchField("name"), index.SearchField("issuing_agency")]),
        index.RelatedFields("fees", [index.SearchField("description"), index.SearchField("conditions")]),
        index.RelatedFields("channels", [index.SearchField("name"), index.SearchField("address")]),
        index.FilterField("category"),
    ]

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = []

    # The Official Information Act's index (disclosure.selectors.oia_pages): a citizen's manual is a manual on
    # officials' working methods that affects private persons' rights and duties, s.9(4), every one of them.
    oia_category_code = "9(4)"
    oia_date_field = "manual_date"
    oia_summary_field = "summary"

    class Meta:
        verbose_name = "คู่มือสำหรับประชาชน"
        verbose_name_plural = "คู่มือสำหรับประชาชน"

    def clean(self):
        super().clean()
        if self.legal_deadline and not self.legal_deadline_unit:
            raise ValidationError({"legal_deadline_unit": "กรุณาระบุหน่วยของระยะเวลาที่กำหนดตามกฎหมาย"})
        if self.requests_min is not None and self.requests_max is not None and self.requests_min > self.requests_max:
            raise ValidationError({"requests_min": "จำนวนคำขอที่น้อยที่สุดต้องไม่มากกว่าจำนวนคำขอที่มากที่สุด"})

    @property
    def total_duration(self) -> str:
        """ระยะเวลาดำเนินการรวม, by the rule in ``services/durations.py``."""
        return duration_format(duration_total((step.duration, step.unit) for step in self.steps.all()))

    def channel_kinds_text(self) -> str:
        """The kinds of the service's channels ("ออนไลน์ (E-Service)"), for search."""
        return " ".join(sorted({ChannelKind(channel.kind).label for channel in self.channels.all()}))

    @property
    def legal_deadline_display(self) -> str:
        if not self.legal_deadline:
            return ""
        return f"{self.legal_deadline:,} {DurationUnit(self.legal_deadline_unit).label}"

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def legal_basis_list(self) -> list[str]:
        return self._lines(self.legal_basis)

    @property
    def complaint_channel_list(self) -> list[str]:
        return self._lines(self.complaint_channels)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["steps"] = list(self.steps.select_related("responsible_unit"))
        context["total_duration"] = duration_format(duration_total((s.duration, s.unit) for s in context["steps"]))
        context["forms"] = self.published_documents.select_related("document")
        return context


class ServiceChannel(Orderable):
    """ช่องทางการให้บริการ: a service point (walk-in address) or an online / postal / phone channel, with hours."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField("ช่องทาง", max_length=20, choices=ChannelKind.choices, default=ChannelKind.WALK_IN)
    name = models.CharField("สถานที่/ชื่อช่องทาง", max_length=255, help_text="เช่น ศูนย์ดำรงธรรมจังหวัดเพชรบุรี")
    address = models.TextField("ที่อยู่", blank=True)
    url = models.URLField("ลิงก์บริการออนไลน์", blank=True)
    phone = models.CharField("โทรศัพท์", max_length=100, blank=True)
    opening_hours = models.CharField(
        "วันและเวลาเปิดให้บริการ", max_length=255, blank=True, help_text="เช่น วันจันทร์ถึงวันศุกร์ 08:30 - 16:30 น."
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("url"),
        FieldPanel("phone"),
        FieldPanel("opening_hours"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "ช่องทางการให้บริการ"
        verbose_name_plural = "ช่องทางการให้บริการ"

    def clean(self):
        super().clean()
        if self.kind == ChannelKind.ONLINE and not self.url:
            raise ValidationError({"url": "ช่องทางออนไลน์ต้องระบุลิงก์บริการ"})


class ServiceStep(Orderable):
    """ขั้นตอนการให้บริการ: one step, with how long it takes and who does it."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField("ขั้นตอน", max_length=255, help_text="เช่น การตรวจสอบเอกสาร")
    description = models.TextField("รายละเอียด", blank=True)
    # Blank at the database level so that the message below, not Django's generic one, tells the editor what is missing.
    duration = models.PositiveIntegerField("ระยะเวลา", null=True, blank=True, validators=[MinValueValidator(1)])
    unit = models.CharField("หน่วยของระยะเวลา", max_length=20, choices=DurationUnit.choices, blank=True)
    responsible_unit = models.ForeignKey(
        OrganisationUnit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="ส่วนงาน/หน่วยงานที่รับผิดชอบ",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description", widget=forms.Textarea(attrs={"rows": 3})),
        FieldRowPanel([FieldPanel("duration"), FieldPanel("unit")]),
        FieldPanel("responsible_unit"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "ขั้นตอนการให้บริการ"
        verbose_name_plural = "ขั้นตอนการให้บริการ"

    def clean(self):
        super().clean()
        errors = {}
        if not self.duration:
            errors["duration"] = "กรุณาระบุระยะเวลาของขั้นตอนนี้ (ทุกขั้นตอนต้องมีระยะเวลา)"
        if not self.unit:
            errors["unit"] = "กรุณาเลือกหน่วยของระยะเวลา (นาที ชั่วโมง วัน หรือวันทำการ)"
        if errors:
            raise ValidationError(errors)

    @property
    def duration_display(self) -> str:
        if not self.duration or not self.unit:
            return ""
        return f"{self.duration:,} {DurationUnit(self.unit).label}"


class ServiceRequiredDocument(Orderable):
    """รายการเอกสารหลักฐานประกอบการยื่นคำขอ."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="required_documents")
    name = models.CharField("ชื่อเอกสาร", max_length=255)
    issuing_agency = models.CharField("หน่วยงานภาครัฐผู้ออกเอกสาร", max_length=255, blank=True)
    originals = models.PositiveSmallIntegerField("จำนวนเอกสารฉบับจริง", default=0)
    copies = models.PositiveSmallIntegerField("จำนวนเอกสารสำเนา", default=0)
    unit = models.CharField("หน่วยนับเอกสาร", max_length=50, default="ฉบับ")
    remarks = models.TextField("หมายเหตุ", blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("issuing_agency"),
        FieldRowPanel([FieldPanel("originals"), FieldPanel("copies"), FieldPanel("unit")]),
        FieldPanel("remarks", widget=forms.Textarea(attrs={"rows": 2})),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "เอกสารหลักฐานประกอบ"
        verbose_name_plural = "เอกสารหลักฐานประกอบ"

    def clean(self):
        super().clean()
        if not self.originals and not self.copies:
            raise ValidationError({"originals": "กรุณาระบุจำนวนเอกสารฉบับจริงหรือสำเนาอย่างน้อยหนึ่งฉบับ"})


class ServiceFee(Orderable):
    """ค่าธรรมเนียม: one fee with its amount, unit and the conditions in which it is charged."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="fees")
    description = models.CharField("รายการค่าธรรมเนียม", max_length=255)
    amount = models.DecimalField(
        "ค่าธรรมเนียม", max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    unit = models.CharField("หน่วย", max_length=50, default="บาท")
    conditions = models.TextField("เงื่อนไข/หมายเหตุ", blank=True)

    panels = [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("unit")]),
        FieldPanel("conditions", widget=forms.Textarea(attrs={"rows": 2})),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "ค่าธรรมเนียม"
        verbose_name_plural = "ค่าธรรมเนียม"

    @property
    def amount_display(self) -> str:
        """``1,000`` or ``12.50``: no ``.00`` on whole amounts."""
        text = f"{self.amount:,.2f}"
        return text[:-3] if text.endswith(".00") else text
