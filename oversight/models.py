import datetime

from django.conf import settings
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, Site

from core.models import ClassifiedPageMixin
from core.page_cache import depends_on
from core.panels import classified_edit_handler


class ItaFramework(models.Model):
    """One year's list of ITA evidence items (and, where it differs, one agency type's): data, never code.

    It says which fiscal year the evidence must cover (``plans_fiscal_year`` for plans and criteria,
    ``reports_fiscal_year`` for reports and statistics), when the assessor reads the agency's site (the assessment
    window, during which evidence URLs must not move), where its list comes from, and which framework it follows
    (``previous``: the carry-over maps that one's items to this one's through ``ItaItemSuccessor``)."""

    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    name = models.CharField("ชื่อชุดตัวชี้วัด", max_length=255, help_text="เช่น OIT 2566")
    agency_type = models.CharField(
        "ประเภทหน่วยงาน", max_length=100, blank=True, help_text="เว้นว่างหากใช้กับหน่วยงานทุกประเภท"
    )
    description = models.TextField("คำอธิบาย", blank=True)
    plans_fiscal_year = models.PositiveSmallIntegerField(
        "แผนและหลักเกณฑ์ต้องเป็นของปีงบประมาณ (พ.ศ.)",
        null=True,
        blank=True,
        help_text="โดยปกติคือปีที่ประเมิน เว้นว่างหากไม่ตรวจปีของหลักฐาน",
    )
    reports_fiscal_year = models.PositiveSmallIntegerField(
        "รายงานและสถิติต้องเป็นของปีงบประมาณ (พ.ศ.)",
        null=True,
        blank=True,
        help_text="โดยปกติคือปีก่อนปีที่ประเมิน เว้นว่างหากไม่ตรวจปีของหลักฐาน",
    )
    window_start = models.DateField(
        "วันเริ่มช่วงการประเมิน", null=True, blank=True, help_text="เว้นว่างเพื่อใช้ 1 มีนาคมของปีที่ประเมิน"
    )
    window_end = models.DateField(
        "วันสิ้นสุดช่วงการประเมิน", null=True, blank=True, help_text="เว้นว่างเพื่อใช้ 30 มิถุนายนของปีที่ประเมิน"
    )
    source = models.TextField("ที่มาของรายการตัวชี้วัด", blank=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ชุดตัวชี้วัดก่อนหน้า",
        help_text="ชุดที่ตัวชี้วัดของชุดนี้สืบทอดมา (ใช้ยกหลักฐานจากปีก่อน)",
    )

    class Meta:
        verbose_name = "ชุดตัวชี้วัด ITA"
        verbose_name_plural = "ชุดตัวชี้วัด ITA"
        ordering = ["-fiscal_year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "name", "agency_type"], name="unique_ita_framework")
        ]

    def __str__(self):
        suffix = f" ({self.agency_type})" if self.agency_type else ""
        return f"{self.name} ปีงบประมาณ {self.fiscal_year}{suffix}"

    @property
    def window(self) -> tuple[datetime.date, datetime.date]:
        """The assessment window: the dates set, else 1 March to 30 June of the year assessed (ITAS collects the OIT
        answers from March, the clarification and confirmation steps end in June)."""
        year = self.fiscal_year - 543
        return (self.window_start or datetime.date(year, 3, 1), self.window_end or datetime.date(year, 6, 30))

    def window_open(self, on: datetime.date) -> bool:
        start, end = self.window
        return start <= on <= end

    def expected_fiscal_year(self, item: "ItaItem") -> int | None:
        """The fiscal year ``item``'s evidence must cover under this framework, ``None`` where no year is checked."""
        if item.year_coverage == YearCoverage.PLAN:
            return self.plans_fiscal_year
        if item.year_coverage == YearCoverage.REPORT:
            return self.reports_fiscal_year
        return None


class YearCoverage(models.TextChoices):
    """Which fiscal year an item's evidence must cover: the year assessed (plans, criteria), the year before
    (reports, statistics), or none (what is current: structure, contact, channels)."""

    CURRENT = "", "ข้อมูลปัจจุบัน (ไม่ตรวจปีงบประมาณ)"
    PLAN = "plan", "ปีที่ประเมิน (แผน หลักเกณฑ์)"
    REPORT = "report", "ปีก่อนปีที่ประเมิน (รายงาน สถิติ)"


class ItaItem(models.Model):
    """An item an assessor asks evidence for: code, Thai name, what counts as evidence, which fiscal year it covers
    and where the item's definition comes from."""

    framework = models.ForeignKey(ItaFramework, on_delete=models.CASCADE, related_name="items", verbose_name="ชุดตัวชี้วัด")
    code = models.CharField("รหัส", max_length=20)
    name = models.CharField("ชื่อตัวชี้วัด", max_length=500)
    description = models.TextField("คำอธิบาย", blank=True)
    expected_evidence = models.TextField("หลักฐานที่ต้องแสดง", blank=True)
    year_coverage = models.CharField(
        "ปีงบประมาณของหลักฐาน", max_length=10, choices=YearCoverage.choices, blank=True, default=YearCoverage.CURRENT
    )
    source = models.CharField("ที่มา", max_length=1000, blank=True)
    sort_order = models.PositiveIntegerField("ลำดับ", default=0)

    class Meta:
        verbose_name = "ตัวชี้วัด ITA"
        verbose_name_plural = "ตัวชี้วัด ITA"
        ordering = ["framework", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_ita_item_code")]

    def __str__(self):
        return f"{self.framework.name} · {self.code} {self.name}"


class SuccessionKind(models.TextChoices):
    SAME = "same", "คงเดิม"
    RENAMED = "renamed", "เปลี่ยนชื่อหรือรหัส"
    MERGED = "merged", "รวมกับตัวชี้วัดอื่น"
    SPLIT = "split", "แยกเป็นหลายตัวชี้วัด"
    CHANGED = "changed", "เปลี่ยนสาระของตัวชี้วัด"


class ItaItemSuccessor(models.Model):
    """An item of the next framework that takes over (part of) an item of a framework: evidence tagged for ``item``
    is proposed for ``successor`` when an agency moves to the new year. Several items with one successor are a
    merge; one item with several successors a split. An item with no row has no successor."""

    item = models.ForeignKey(ItaItem, on_delete=models.CASCADE, related_name="successor_links", verbose_name="ตัวชี้วัดเดิม")
    successor = models.ForeignKey(
        ItaItem, on_delete=models.CASCADE, related_name="predecessor_links", verbose_name="ตัวชี้วัดที่สืบทอด"
    )
    kind = models.CharField("การเปลี่ยนแปลง", max_length=10, choices=SuccessionKind.choices, default=SuccessionKind.SAME)
    note = models.CharField("หมายเหตุ", max_length=500, blank=True)

    class Meta:
        verbose_name = "การสืบทอดตัวชี้วัด ITA"
        verbose_name_plural = "การสืบทอดตัวชี้วัด ITA"
        ordering = ["item__framework", "item__sort_order", "successor__sort_order"]
        constraints = [models.UniqueConstraint(fields=["item", "successor"], name="unique_ita_item_successor")]

    def __str__(self):
        return f"{self.item.code} → {self.successor.code} ({self.get_kind_display()})"


class PageItaItem(Orderable):
    """A page is evidence for an ITA item (replaces the free codes of the first content model)."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="ita_items")
    item = models.ForeignKey(ItaItem, on_delete=models.CASCADE, related_name="page_links", verbose_name="ตัวชี้วัด ITA")

    panels = [FieldPanel("item")]

    class Meta(Orderable.Meta):
        verbose_name = "ตัวชี้วัด ITA ที่หน้านี้เป็นหลักฐาน"
        verbose_name_plural = "ตัวชี้วัด ITA ที่หน้านี้เป็นหลักฐาน"
        constraints = [models.UniqueConstraint(fields=["page", "item"], name="unique_page_ita_item")]


class ItaEvidencePage(ClassifiedPageMixin, Page):
    """การเปิดเผยข้อมูลสาธารณะ (OIT): every item of a year with links to its evidence, generated from the tags."""

    framework = models.ForeignKey(ItaFramework, on_delete=models.PROTECT, related_name="+", verbose_name="ชุดตัวชี้วัด ITA")
    intro = RichTextField("คำอธิบาย", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("framework"), FieldPanel("intro")]
    edit_handler = classified_edit_handler(
        content_panels, ClassifiedPageMixin.classification_panels, metadata_heading="การจัดชั้นข้อมูล"
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "หน้าหลักฐานการประเมิน ITA"

    def get_context(self, request, *args, **kwargs):
        from core.models import AgencySettings
        from oversight.selectors import evidence_rows

        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        if site is not None and self.path.startswith(site.root_page.path):
            agency = AgencySettings.for_request(request)
        else:  # a preview from another agency's admin address
            site = self.get_site()
            agency = AgencySettings.for_site(site)
        context["rows"] = evidence_rows(self.framework, site, public_only=True, agency=agency)
        # Pages and documents tagged tomorrow are not loaded today (oversight.apps, documents.services).
        depends_on(f"ita:{site.pk}", f"ita-documents:{agency.collection_id}")
        return context


class YearlyReportNote(models.Model):
    """What the website administrators add to the yearly report (R4.1): the problems and obstacles of the year."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="yearly_report_notes", verbose_name="หน่วยงาน"
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    problems = models.TextField("ปัญหาและอุปสรรคในการดำเนินงาน", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="บันทึกโดย"
    )
    updated_at = models.DateTimeField("บันทึกเมื่อ", null=True, blank=True)

    class Meta:
        verbose_name = "ปัญหาและอุปสรรคในการดำเนินงาน (รายงานประจำปี)"
        verbose_name_plural = "ปัญหาและอุปสรรคในการดำเนินงาน (รายงานประจำปี)"
        constraints = [models.UniqueConstraint(fields=["site", "fiscal_year"], name="unique_yearly_report_note")]

    def __str__(self):
        return f"{self.site} ปีงบประมาณ {self.fiscal_year}"


class ReportAcknowledgement(models.Model):
    """An executive's acknowledgement (รับทราบ) of a report: the yearly one (``quarter`` 0) or a quarter's."""

    YEARLY = 0

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="report_acknowledgements", verbose_name="หน่วยงาน"
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    quarter = models.PositiveSmallIntegerField("ไตรมาส", default=YEARLY, help_text="0 = รายงานประจำปี")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="ผู้บริหารผู้รับทราบ"
    )
    acknowledged_at = models.DateTimeField("รับทราบเมื่อ")

    class Meta:
        verbose_name = "การรับทราบรายงานของผู้บริหาร"
        verbose_name_plural = "การรับทราบรายงานของผู้บริหาร"
        ordering = ["acknowledged_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["site", "fiscal_year", "quarter", "user"], name="unique_report_ack")
        ]

    def __str__(self):
        return f"{self.user} รับทราบรายงาน {self.fiscal_year}/{self.quarter}"


class WorkingGroupReport(models.Model):
    """The working group's own part of a quarter's report to the executives (R4.2): its general summary and its
    findings with their corrective actions (``findings``), and the follow-up of the previous quarter's corrective
    actions (``followups``). A member signs it off; from then on it is frozen, and only then may the executives
    acknowledge the quarter's report. Reopening is explicit and written into the audit log."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="working_group_reports", verbose_name="หน่วยงาน"
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    quarter = models.PositiveSmallIntegerField("ไตรมาส")
    summary = models.TextField("สรุปผลการตรวจสอบของคณะทำงานฯ", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="บันทึกโดย"
    )
    updated_at = models.DateTimeField("บันทึกเมื่อ", null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ลงนามโดย",
    )
    signed_off_at = models.DateTimeField("ลงนามเมื่อ", null=True, blank=True)

    class Meta:
        verbose_name = "รายงานผลการตรวจสอบของคณะทำงานฯ รายไตรมาส"
        verbose_name_plural = "รายงานผลการตรวจสอบของคณะทำงานฯ รายไตรมาส"
        constraints = [
            models.UniqueConstraint(fields=["site", "fiscal_year", "quarter"], name="unique_working_group_report"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="working_group_quarter"),
        ]

    def __str__(self):
        return f"{self.site} ไตรมาสที่ {self.quarter} ปีงบประมาณ {self.fiscal_year}"

    @property
    def signed_off(self) -> bool:
        return self.signed_off_at is not None


class WorkingGroupFinding(models.Model):
    """One finding of the working group in a quarter: what did not follow the procedure, the corrective action, who
    takes it and by when."""

    report = models.ForeignKey(
        WorkingGroupReport, on_delete=models.CASCADE, related_name="findings", verbose_name="รายงาน"
    )
    sort_order = models.PositiveIntegerField("ลำดับ", default=0)
    finding = models.TextField("ข้อค้นพบ (สิ่งที่ไม่เป็นไปตามขั้นตอน)")
    corrective_action = models.TextField("แนวทางแก้ไข")
    responsible = models.CharField("ผู้รับผิดชอบ (บุคคลหรือหน่วยงาน)", max_length=255)
    due_date = models.DateField("กำหนดแล้วเสร็จ")

    class Meta:
        verbose_name = "ข้อค้นพบและแนวทางแก้ไข"
        verbose_name_plural = "ข้อค้นพบและแนวทางแก้ไข"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.finding[:80]

    @property
    def followup_or_none(self):
        """The next quarter's follow-up of this corrective action, ``None`` while nobody has recorded one."""
        try:
            return self.followup
        except FindingFollowUp.DoesNotExist:
            return None


class FollowUpStatus(models.TextChoices):
    DONE = "done", "ดำเนินการแล้ว"
    NOT_DONE = "not_done", "ยังไม่ได้ดำเนินการ"


class FindingFollowUp(models.Model):
    """Whether a corrective action of the previous quarter was taken, as the working group records it in the next
    quarter's report (``report``): done (on a date) or not done (with a note)."""

    report = models.ForeignKey(
        WorkingGroupReport, on_delete=models.CASCADE, related_name="followups", verbose_name="รายงานที่ติดตามผล"
    )
    finding = models.OneToOneField(
        WorkingGroupFinding, on_delete=models.CASCADE, related_name="followup", verbose_name="ข้อค้นพบของไตรมาสก่อน"
    )
    status = models.CharField("ผลการดำเนินการ", max_length=16, choices=FollowUpStatus.choices)
    done_on = models.DateField("ดำเนินการแล้วเสร็จเมื่อ", null=True, blank=True)
    note = models.TextField("หมายเหตุ", blank=True)

    class Meta:
        verbose_name = "การติดตามผลการแก้ไข"
        verbose_name_plural = "การติดตามผลการแก้ไข"

    def __str__(self):
        return f"{self.finding} · {self.get_status_display()}"


class LinkError(models.TextChoices):
    """Why a link is broken, as the link checker (``oversight.link_checker``) tells the website administrators."""

    NOT_FOUND = "not_found", "ไม่พบหน้า (404)"
    SERVER_ERROR = "server_error", "ข้อผิดพลาดของเซิร์ฟเวอร์"
    HTTP_ERROR = "http_error", "เข้าถึงไม่ได้"
    TIMEOUT = "timeout", "หมดเวลา"
    REDIRECT_LOOP = "redirect_loop", "วนเปลี่ยนเส้นทาง"
    TLS = "tls", "ใบรับรอง TLS ไม่ถูกต้อง"
    CONNECTION = "connection", "เชื่อมต่อไม่ได้"
    NOT_LIVE = "not_live", "หน้านี้ไม่ได้เผยแพร่ (ฉบับร่างหรือยกเลิกการเผยแพร่แล้ว)"
    NOT_PUBLIC = "not_public", "ไม่เปิดเผยต่อสาธารณะ"


class LinkSource(models.TextChoices):
    LAW_SOURCE = "law_source", "ลิงก์แหล่งที่มาของกฎหมาย"
    ITA_PAGE = "ita_page", "หน้าที่เป็นหลักฐาน ITA"
    ITA_DOCUMENT = "ita_document", "เอกสารที่เป็นหลักฐาน ITA"
    ITA_INTRO = "ita_intro", "ลิงก์ในคำอธิบายหน้าหลักฐาน ITA"


class BrokenLink(models.Model):
    """A link the link checker found broken, kept while it stays broken: the agency's (``site``) page that shows it
    or is it (``page``) or its evidence document (``document``), the URL, what a visitor gets, and since when. A
    run of the checker for an agency replaces the agency's rows: a link found working again is gone."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="broken_links", verbose_name="หน่วยงาน"
    )
    url = models.CharField("ลิงก์", max_length=2000)
    source = models.CharField("ที่มาของลิงก์", max_length=20, choices=LinkSource.choices)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="หน้า"
    )
    document = models.ForeignKey(
        "documents.LibraryDocument",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="เอกสาร",
    )
    status_code = models.PositiveSmallIntegerField("รหัสสถานะ HTTP", null=True, blank=True)
    error = models.CharField("ข้อผิดพลาด", max_length=20, choices=LinkError.choices)
    first_broken_at = models.DateTimeField("พบว่าใช้ไม่ได้ครั้งแรกเมื่อ")
    last_broken_at = models.DateTimeField("พบว่าใช้ไม่ได้ล่าสุดเมื่อ")

    class Meta:
        verbose_name = "ลิงก์ที่ใช้ไม่ได้"
        verbose_name_plural = "ลิงก์ที่ใช้ไม่ได้"
        ordering = ["first_broken_at", "pk"]

    def __str__(self):
        return f"{self.url} ({self.error_label})"

    @property
    def error_label(self) -> str:
        """The error in Thai; an HTTP status other than 404 and 5xx says its code."""
        label = self.get_error_display()
        if self.error == LinkError.HTTP_ERROR and self.status_code:
            return f"{label} (รหัส {self.status_code})"
        if self.error == LinkError.SERVER_ERROR and self.status_code:
            return f"{label} ({self.status_code})"
        return label
