"""R1.4 ข้อมูลข่าวสารที่จัดไว้ให้ประชาชนตรวจดูได้: items under the Official Information Act's categories, which are
data (``OfficialInfoCategory``), and the monthly procurement summary (แบบ สขร.1) under section 9(8)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page as ListingPage
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core import page_cache
from core.models import DisclosurePage, IndexPage, ProcurementMethod, PublishedDocumentsMixin
from core.page_cache import depends_on
from core.page_cache_triggers import site_of
from core.thai import MONTHS, ce_year, fiscal_year

from ..forms import ProcurementSummaryForm, duplicate_month_message
from ..selectors import oia_dependency_key, oia_pages, procurement_summary_duplicate
from .base import disclosure_edit_handler

MONTH_CHOICES = [(number, name) for number, name in enumerate(MONTHS, start=1)]


class OfficialInfoCategory(models.Model):
    """A category of the Official Information Act (s.7 (1)-(5), s.9 (1)-(8)) or a 9(8) announcement.

    Kept as data: the Official Information Commission adds announcements under 9(8) over time, and an administrator
    adds them in the admin without a code change.
    """

    code = models.CharField("รหัสหมวด", max_length=30, unique=True, help_text="เช่น 7(1) หรือ 9(8)-1")
    name = models.CharField("ชื่อหมวด", max_length=500)
    group_name = models.CharField("กลุ่ม", max_length=255, blank=True, help_text="หัวข้อที่ใช้จัดกลุ่มหมวดบนหน้าเว็บ เช่น มาตรา 7")
    description = models.TextField("คำอธิบาย", blank=True)
    sort_order = models.PositiveIntegerField("ลำดับการแสดงผล", default=0)
    active = models.BooleanField("ใช้งาน", default=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("group_name"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = "หมวดข้อมูลข่าวสารตาม พ.ร.บ.ข้อมูลข่าวสารฯ"
        verbose_name_plural = "หมวดข้อมูลข่าวสารตาม พ.ร.บ.ข้อมูลข่าวสารฯ"
        ordering = ["sort_order", "code"]

    def __str__(self):
        label = f"{self.code} {self.name}"
        return label if self.active else f"{label} (ไม่ใช้งาน)"


class OfficialInfoFilterForm(forms.Form):
    category = forms.ModelChoiceField(
        label="หมวดตาม พ.ร.บ.ข้อมูลข่าวสารฯ",
        required=False,
        queryset=OfficialInfoCategory.objects.filter(active=True),
        to_field_name="code",
        empty_label="ทุกหมวด",
    )


class OfficialInfoIndexPage(IndexPage):
    """R1.4 ข้อมูลข่าวสารที่จัดไว้ให้ประชาชนตรวจดูได้ (Official Information Act s.7, s.9), grouped by category."""

    requirement = "R1.4"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["disclosure.OfficialInfoPage", "disclosure.ProcurementSummaryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "หมวดข้อมูลข่าวสารตาม พ.ร.บ.ข้อมูลข่าวสารฯ (R1.4)"

    def _selected_category(self, request):
        form = OfficialInfoFilterForm(request.GET)
        return form, (form.cleaned_data["category"] if form.is_valid() else None)

    def _agency_home_path(self) -> str:
        """The tree path of the agency's home page (the parent: ``parent_page_types``), whose tree the index lists."""
        return self.path[: -self.steplen]

    @staticmethod
    def _categories(request) -> list:
        """Every category, read once per request (the listing, the counts and the headings share it)."""
        if not hasattr(request, "_oia_categories"):
            request._oia_categories = list(OfficialInfoCategory.objects.all())
        return request._oia_categories

    def get_listing(self, request):
        """Every live, public page of this agency filed under a category, whatever its type (official information,
        procurement summaries, citizen's manuals, plans, laws: ``disclosure.selectors.oia_pages``), in the
        categories' order, newest first within a category; ``?category=7(1)`` lists one category."""
        items = oia_pages(self._agency_home_path(), self._categories(request))
        _, category = self._selected_category(request)
        if category is not None:
            items = items.filter(oia_category_id=category.pk)
        return items

    def categories_with_counts(self, request) -> list:
        """Active categories, each with ``item_count``: the live, public pages of this agency filed under it."""
        counts = getattr(request, "_oia_counts", None)
        if counts is None:
            counts = self._counts(request)
        active = [category for category in self._categories(request) if category.active]
        for category in active:
            category.item_count = counts.get(category.pk, 0)
        return active

    def _counts(self, request) -> dict:
        """{category id: number of live, public pages of this agency filed under it}."""
        return dict(
            oia_pages(self._agency_home_path(), self._categories(request))
            .order_by()
            .values("oia_category_id")
            .annotate(count=Count("pk"))
            .values_list("oia_category_id", "count")
        )

    def paginate(self, request):
        """The page of the listing asked for and the counts per category, computed once and then kept in the shared
        cache until a page they list (or the categories) changes (``core.page_cache.fragment``): the listing reads
        every page type filed under a category, which a render the page cache does not serve would otherwise do
        again. The counts are left on the request for ``categories_with_counts``."""
        _, category = self._selected_category(request)
        requested = request.GET.get("page", "")
        requested = requested if requested.isdigit() and len(requested) <= 6 else "1"
        site_id = site_of(self.url_path)

        def compute():
            # Pages of other types published elsewhere in the agency's tree (disclosure.apps purges this key), pages
            # published tomorrow under this one, and the categories (read before this, once per request).
            depends_on(
                oia_dependency_key(site_id),
                f"children:{self.pk}",
                f"model:{OfficialInfoCategory._meta.label_lower}",
            )
            page_obj = super(OfficialInfoIndexPage, self).paginate(request)
            return {
                "items": list(page_obj.object_list),
                "number": page_obj.number,
                "count": page_obj.paginator.count,
                "counts": self._counts(request),
            }

        kept = page_cache.fragment(
            f"oia:{self.pk}:{category.pk if category else ''}:{requested}", site_id, self.url_path, compute
        )
        request._oia_counts = kept["counts"]
        paginator = Paginator((), self.paginate_by)
        paginator.count = kept["count"]  # a cached property: the listing's own count
        return ListingPage(kept["items"], kept["number"], paginator)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        by_id = {category.pk: category for category in self._categories(request)}
        for item in context["children"]:
            item.oia_category = by_id.get(item.oia_category_id)
            model = item.specific_class
            item.oia_type = model._meta.verbose_name if model is not None else ""
        form, category = self._selected_category(request)
        context["filter_form"] = form
        context["selected_category"] = category
        context["categories"] = self.categories_with_counts(request)
        return context


class OfficialInfoPage(PublishedDocumentsMixin, DisclosurePage):
    """One item of information open for public inspection, filed under its Official Information Act category."""

    # The Act's index (disclosure.selectors.oia_pages): the category the editor chose, the item's date and summary.
    oia_category_field = "category"
    oia_date_field = "info_date"
    oia_summary_field = "summary"

    category = models.ForeignKey(
        OfficialInfoCategory,
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="items",
        verbose_name="หมวดตาม พ.ร.บ.ข้อมูลข่าวสารฯ",
    )
    info_date = models.DateField("วันที่ของข้อมูล", null=True, blank=True, help_text="เช่น วันที่ออกคำสั่งหรือประกาศ")
    summary = models.TextField("สรุปสาระสำคัญ", blank=True)
    body = RichTextField(
        "รายละเอียด", blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]
    )

    content_panels = DisclosurePage.content_panels + [
        FieldPanel("category"),
        FieldPanel("info_date"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    edit_handler = disclosure_edit_handler(content_panels)
    search_fields = DisclosurePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("category", [index.SearchField("name")]),
    ]

    parent_page_types = ["disclosure.OfficialInfoIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "ข้อมูลข่าวสาร"
        verbose_name_plural = "ข้อมูลข่าวสาร"

    def clean(self):
        super().clean()
        self.check_info_date()

    def check_info_date(self):
        if not self.info_date:
            raise ValidationError({"info_date": "โปรดระบุวันที่ของข้อมูล"})


class ProcurementSummaryPage(OfficialInfoPage):
    """สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน (แบบ สขร.1): the rows, or the form as a file, or "none this month".

    A subclass of ``OfficialInfoPage`` so that the category index lists, filters and groups both with one query.
    """

    month = models.PositiveSmallIntegerField("เดือน", choices=MONTH_CHOICES)
    year_be = models.PositiveSmallIntegerField(
        "ปี (พ.ศ.)", validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    no_procurement = models.BooleanField(
        "ไม่มีการจัดซื้อจัดจ้างในเดือนนี้", default=False, help_text="เลือกเมื่อเดือนนี้ไม่มีการจัดซื้อจัดจ้าง (ยังต้องรายงาน)"
    )
    form_document = models.ForeignKey(
        "documents.LibraryDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="แบบ สขร.1 (ไฟล์)",
        help_text="แนบแบบ สขร.1 เมื่อไม่กรอกรายการด้านล่าง",
    )

    content_panels = DisclosurePage.content_panels + [
        FieldPanel("category"),
        FieldRowPanel([FieldPanel("month"), FieldPanel("year_be")], heading="เดือนที่รายงาน"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("no_procurement"), FieldPanel("form_document")],
            heading="ผลการจัดซื้อจัดจ้าง (กรอกรายการ แนบแบบ สขร.1 หรือเลือกไม่มีการจัดซื้อจัดจ้าง)",
        ),
        InlinePanel("procurement_rows", heading="รายการจัดซื้อจัดจ้าง (แบบ สขร.1)", label="รายการ"),
    ]
    edit_handler = disclosure_edit_handler(content_panels)
    base_form_class = ProcurementSummaryForm
    search_fields = OfficialInfoPage.search_fields + [
        index.RelatedFields("procurement_rows", [index.SearchField("item"), index.SearchField("winner")]),
    ]

    parent_page_types = ["disclosure.OfficialInfoIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "สรุปผลการจัดซื้อจัดจ้างรายเดือน (สขร.1)"
        verbose_name_plural = "สรุปผลการจัดซื้อจัดจ้างรายเดือน (สขร.1)"

    @property
    def month_label(self) -> str:
        return f"{MONTHS[self.month - 1]} {self.year_be}" if self.month else ""

    @property
    def first_day(self) -> datetime.date | None:
        if not (self.month and self.year_be):
            return None
        return datetime.date(ce_year(self.year_be), self.month, 1)

    def check_info_date(self):
        """The date is the month's first day (set in ``clean``): without it the month or the year is missing or
        refused, which their own fields say (the admin form has no date field to show an error on)."""

    def agency_home_path(self, parent=None) -> str:
        """The tree path of the agency's home page: the grandparent (an index page under the home page), from the
        page's own path or, for a new page, from ``parent``."""
        if self.path:
            return self.path[: -2 * self.steplen]
        return parent.path[: -self.steplen] if parent is not None and parent.path else ""

    def clean(self):
        # The month is the item's date; set before the parent's check that a date is given.
        if self.first_day:
            self.info_date = self.first_day
            self.fiscal_year = fiscal_year(self.first_day)
        super().clean()
        # A new page in the admin has no path yet: its form checks with the parent (ProcurementSummaryForm).
        if self.path:
            other = procurement_summary_duplicate(self.month, self.year_be, self.agency_home_path(), self.pk)
            if other is not None:
                raise ValidationError({"month": duplicate_month_message(self.month_label, other)})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["rows"] = self.procurement_rows.all()
        return context


class ProcurementRow(Orderable):
    """One row of form สขร.1, in its columns."""

    page = ParentalKey(ProcurementSummaryPage, on_delete=models.CASCADE, related_name="procurement_rows")
    item = models.CharField("งานที่จัดซื้อหรือจัดจ้าง", max_length=500)
    budget = models.DecimalField("วงเงินที่จะซื้อหรือจ้าง (บาท)", max_digits=14, decimal_places=2)
    reference_price = models.DecimalField("ราคากลาง (บาท)", max_digits=14, decimal_places=2, null=True, blank=True)
    method = models.CharField("วิธีซื้อหรือจ้าง", max_length=20, choices=ProcurementMethod.choices)
    bidders_and_prices = models.TextField("รายชื่อผู้เสนอราคาและราคาที่เสนอ", help_text="หนึ่งรายต่อหนึ่งบรรทัด")
    winner = models.CharField("ผู้ได้รับการคัดเลือก", max_length=255)
    agreed_price = models.DecimalField("ราคาที่ตกลงซื้อหรือจ้าง (บาท)", max_digits=14, decimal_places=2)
    reason = models.CharField("เหตุผลที่คัดเลือกโดยสังเขป", max_length=500)
    contract_number = models.CharField("เลขที่สัญญาหรือข้อตกลง", max_length=100, blank=True)
    contract_date = models.DateField("วันที่ของสัญญาหรือข้อตกลง", null=True, blank=True)

    panels = [
        FieldPanel("item"),
        FieldRowPanel([FieldPanel("budget"), FieldPanel("reference_price")]),
        FieldPanel("method"),
        FieldPanel("bidders_and_prices"),
        FieldRowPanel([FieldPanel("winner"), FieldPanel("agreed_price")]),
        FieldPanel("reason"),
        FieldRowPanel([FieldPanel("contract_number"), FieldPanel("contract_date")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "รายการจัดซื้อจัดจ้าง"
        verbose_name_plural = "รายการจัดซื้อจัดจ้าง"

    def __str__(self):
        return self.item
