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
    """One year's list of ITA evidence items (and, where it differs, one agency type's): data, never code."""

    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    name = models.CharField("ชื่อชุดตัวชี้วัด", max_length=255, help_text="เช่น OIT 2566")
    agency_type = models.CharField(
        "ประเภทหน่วยงาน", max_length=100, blank=True, help_text="เว้นว่างหากใช้กับหน่วยงานทุกประเภท"
    )
    description = models.TextField("คำอธิบาย", blank=True)

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


class ItaItem(models.Model):
    """An item an assessor asks evidence for: code, Thai name, what counts as evidence."""

    framework = models.ForeignKey(ItaFramework, on_delete=models.CASCADE, related_name="items", verbose_name="ชุดตัวชี้วัด")
    code = models.CharField("รหัส", max_length=20)
    name = models.CharField("ชื่อตัวชี้วัด", max_length=500)
    description = models.TextField("คำอธิบาย", blank=True)
    expected_evidence = models.TextField("หลักฐานที่ต้องแสดง", blank=True)
    sort_order = models.PositiveIntegerField("ลำดับ", default=0)

    class Meta:
        verbose_name = "ตัวชี้วัด ITA"
        verbose_name_plural = "ตัวชี้วัด ITA"
        ordering = ["framework", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_ita_item_code")]

    def __str__(self):
        return f"{self.framework.name} · {self.code} {self.name}"


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
