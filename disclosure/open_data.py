"""Open data: an agency's monthly procurement summaries (แบบ สขร.1), its plans and its Official Information
Act index as CSV and JSON datasets at stable addresses of its own site, with a DCAT-style catalogue
(``/open-data/catalog.json``) that a CKAN catalogue such as data.go.th can register.

Only the live, public pages of one Site are read, each dataset in a bounded number of queries whatever its size.
One declaration per dataset (``DATASETS``: its columns with their types) drives the CSV, the JSON, the catalogue and
the public ``/open-data/`` page.
"""

import csv
import datetime
import html
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core import checks
from django.db.models import Count, Max, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.models import Site

from core.models import AgencySettings
from core.thai import MONTHS, be_year, fiscal_year, format_thai_date

from .models import OfficialInfoCategory, PlanPage, ProcurementRow, ProcurementSummaryPage
from .selectors import oia_pages

# Licences an agency may publish under (``OPEN_DATA_LICENSE``). Thai agencies registering on data.go.th mostly use the
# DGA's open government licence, the catalogue's own; Open Data Commons and Creative Commons attribution licences are
# the usual alternatives.
LICENSES = {
    "dga-ogl": (
        "ข้อกำหนดและเงื่อนไขการอนุญาตให้ใช้ข้อมูลภาครัฐแบบเปิดของ สพร. (DGA Open Government License)",
        "https://data.go.th/pages/dga-open-government-license",
    ),
    "odc-by": (
        "Open Data Commons Attribution License (ODC-By) v1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
    "cc-by-4.0": (
        "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
}
DEFAULT_LICENSE = "dga-ogl"

CSV_MEDIA_TYPE = "text/csv"
JSON_MEDIA_TYPE = "application/json"
FORMATS = {"csv": CSV_MEDIA_TYPE, "json": JSON_MEDIA_TYPE}
# Spreadsheets run a cell that starts with one of these as a formula (CSV injection): such text cells get a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class License:
    key: str
    title: str
    url: str


def license_in_force() -> License:
    """The licence named by ``OPEN_DATA_LICENSE`` (the DGA's open government licence when unknown: the system check
    ``disclosure.E101`` reports the unknown value)."""
    key = settings.OPEN_DATA_LICENSE if settings.OPEN_DATA_LICENSE in LICENSES else DEFAULT_LICENSE
    title, url = LICENSES[key]
    return License(key, title, url)


def check_license(app_configs=None, **kwargs):
    if settings.OPEN_DATA_LICENSE in LICENSES:
        return []
    return [
        checks.Error(
            f"OPEN_DATA_LICENSE={settings.OPEN_DATA_LICENSE!r} is not a known licence.",
            hint=f"Use one of: {', '.join(LICENSES)}.",
            id="disclosure.E101",
        )
    ]


# --- the datasets' declarations -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One field of a dataset. ``kind``: ``text``, ``int``, ``decimal``, ``bool``, ``date`` (ISO 8601; the CSV adds
    the date in Thai with its Buddhist-era year), ``month`` (``YYYY-MM``; the CSV adds the month in Thai),
    ``datetime`` (ISO 8601 with its offset) or ``url``."""

    name: str
    title: str
    kind: str = "text"

    @property
    def thai_title(self) -> str:
        return f"{self.title} (พ.ศ.)"


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    keywords: tuple
    periodicity: str  # ISO 8601 repeating duration, as DCAT-US's accrualPeriodicity
    unit: str  # what one page of the dataset is, for the public page's count
    columns: tuple

    def url(self, fmt: str) -> str:
        return reverse("open_data_file", kwargs={"slug": self.slug, "fmt": fmt})


PAGE_COLUMNS = (
    Column("url", "ที่อยู่หน้าเว็บ", "url"),
    Column("first_published_at", "เผยแพร่ครั้งแรก", "datetime"),
    Column("last_published_at", "ปรับปรุงล่าสุด", "datetime"),
)

PROCUREMENT = Dataset(
    slug="procurement",
    title="สรุปผลการดำเนินการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1)",
    description="รายการจัดซื้อจัดจ้างของหน่วยงานตามแบบ สขร.1 ที่เผยแพร่ทุกเดือนตามมาตรา 9 (8) แห่งพระราชบัญญัติข้อมูลข่าวสาร"
    "ของราชการ พ.ศ. 2540 หนึ่งแถวต่อหนึ่งรายการ เดือนที่ไม่มีการจัดซื้อจัดจ้างแสดงเป็นหนึ่งแถวที่ระบุว่าไม่มีการจัดซื้อจัดจ้าง",
    keywords=("จัดซื้อจัดจ้าง", "สขร.1", "ข้อมูลข่าวสาร", "ความโปร่งใส"),
    periodicity="R/P1M",
    unit="เดือน",
    columns=(
        Column("report_month", "เดือนที่รายงาน", "month"),
        Column("fiscal_year_be", "ปีงบประมาณ (พ.ศ.)", "int"),
        Column("summary_title", "ชื่อรายงาน"),
        Column("no_procurement", "ไม่มีการจัดซื้อจัดจ้างในเดือนนี้", "bool"),
        Column("row_number", "ลำดับ", "int"),
        Column("item", "งานที่จัดซื้อหรือจัดจ้าง"),
        Column("budget", "วงเงินที่จะซื้อหรือจ้าง (บาท)", "decimal"),
        Column("reference_price", "ราคากลาง (บาท)", "decimal"),
        Column("method", "รหัสวิธีซื้อหรือจ้าง"),
        Column("method_label", "วิธีซื้อหรือจ้าง"),
        Column("bidders_and_prices", "รายชื่อผู้เสนอราคาและราคาที่เสนอ"),
        Column("winner", "ผู้ได้รับการคัดเลือก"),
        Column("agreed_price", "ราคาที่ตกลงซื้อหรือจ้าง (บาท)", "decimal"),
        Column("reason", "เหตุผลที่คัดเลือกโดยสังเขป"),
        Column("contract_number", "เลขที่สัญญาหรือข้อตกลง"),
        Column("contract_date", "วันที่ของสัญญาหรือข้อตกลง", "date"),
        *PAGE_COLUMNS,
    ),
)

PLANS = Dataset(
    slug="plans",
    title="แผนพัฒนาและแผนปฏิบัติราชการ",
    description="แผนพัฒนา แผนปฏิบัติราชการประจำปี และแผนอื่น ๆ ของหน่วยงาน พร้อมปีงบประมาณที่ครอบคลุม สถานะ และวันที่ได้รับความเห็นชอบ",
    keywords=("แผนพัฒนา", "แผนปฏิบัติราชการ", "ยุทธศาสตร์", "งบประมาณ"),
    periodicity="R/P1Y",
    unit="แผน",
    columns=(
        Column("title", "ชื่อแผน"),
        Column("plan_type", "รหัสประเภทแผน"),
        Column("plan_type_label", "ประเภทแผน"),
        Column("fiscal_year_start_be", "ปีงบประมาณเริ่มต้น (พ.ศ.)", "int"),
        Column("fiscal_year_end_be", "ปีงบประมาณสิ้นสุด (พ.ศ.)", "int"),
        Column("status", "รหัสสถานะของแผน"),
        Column("status_label", "สถานะของแผน"),
        Column("approved_on", "วันที่ได้รับความเห็นชอบ", "date"),
        Column("summary", "สาระสำคัญของแผนโดยสรุป"),
        *PAGE_COLUMNS,
    ),
)

OFFICIAL_INFORMATION = Dataset(
    slug="official-information",
    title="ดัชนีข้อมูลข่าวสารที่จัดไว้ให้ประชาชนตรวจดูได้ (มาตรา 7 และมาตรา 9)",
    description="รายการข้อมูลข่าวสารของหน่วยงานตามหมวดของพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540 มาตรา 7 และมาตรา 9 "
    "เช่นเดียวกับหน้าหมวดข้อมูลข่าวสารบนเว็บไซต์ พร้อมลิงก์ไปยังแต่ละรายการ",
    keywords=("ข้อมูลข่าวสาร", "พ.ร.บ.ข้อมูลข่าวสาร", "มาตรา 7", "มาตรา 9"),
    periodicity="irregular",
    unit="รายการ",
    columns=(
        Column("category_code", "รหัสหมวด"),
        Column("category_name", "หมวดตาม พ.ร.บ.ข้อมูลข่าวสารฯ"),
        Column("title", "ชื่อรายการ"),
        Column("page_type", "ประเภท"),
        Column("info_date", "วันที่ของข้อมูล", "date"),
        Column("summary", "สรุปสาระสำคัญ"),
        *PAGE_COLUMNS,
    ),
)

DATASETS = {dataset.slug: dataset for dataset in (PROCUREMENT, PLANS, OFFICIAL_INFORMATION)}


# --- selectors: the rows of one site --------------------------------------------------------------------------------


@dataclass
class Table:
    """A dataset's records for one site, with what the JSON and the catalogue say about them."""

    dataset: Dataset
    records: list = field(default_factory=list)
    modified: datetime.datetime | None = None


def _plain(value) -> str:
    """Rich or plain text as plain text on one line (tags removed, entities decoded, spaces collapsed)."""
    return re.sub(r"\s+", " ", html.unescape(strip_tags(str(value or "")))).strip()


def _page_fields(request, page) -> dict:
    return {
        "url": page.get_full_url(request),
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def iso_datetime(value: datetime.datetime | None) -> str | None:
    """ISO 8601 in the site's time zone, to the second: ``2024-10-15T09:30:00+07:00``."""
    return timezone.localtime(value).replace(microsecond=0).isoformat() if value else None


def _latest(pages) -> datetime.datetime | None:
    return max((page.last_published_at for page in pages if page.last_published_at), default=None)


def procurement_table(request, site: Site) -> Table:
    """Every row of the live, public monthly procurement summaries of ``site``, newest month first, in the form's
    order within a month; a month reported with no procurement (or with the form as a file only) is one row without
    an item. Two queries."""
    summaries = list(
        ProcurementSummaryPage.objects.live()
        .public()
        .descendant_of(site.root_page)
        .prefetch_related(Prefetch("procurement_rows", queryset=ProcurementRow.objects.order_by("sort_order", "pk")))
        .order_by("-year_be", "-month", "title", "pk")
    )
    records = []
    for summary in summaries:
        first_day = summary.first_day
        common = {
            "report_month": first_day,
            "fiscal_year_be": fiscal_year(first_day) if first_day else summary.fiscal_year,
            "summary_title": summary.title,
            "no_procurement": summary.no_procurement,
        }
        rows = list(summary.procurement_rows.all())
        if not rows:
            records.append({**common, "row_number": None, **_page_fields(request, summary)})
        for number, row in enumerate(rows, start=1):
            records.append(
                {
                    **common,
                    "row_number": number,
                    "item": row.item,
                    "budget": row.budget,
                    "reference_price": row.reference_price,
                    "method": row.method,
                    "method_label": row.get_method_display(),
                    "bidders_and_prices": row.bidders_and_prices,
                    "winner": row.winner,
                    "agreed_price": row.agreed_price,
                    "reason": row.reason,
                    "contract_number": row.contract_number,
                    "contract_date": row.contract_date,
                    **_page_fields(request, summary),
                }
            )
    return Table(PROCUREMENT, records, _latest(summaries))


def plans_table(request, site: Site) -> Table:
    """The live, public plans of ``site``, newest fiscal years first (as the plans page lists them). One query."""
    plans = list(
        PlanPage.objects.live()
        .public()
        .descendant_of(site.root_page)
        .order_by("-fiscal_year_end", "-fiscal_year_start", "title", "pk")
    )
    records = [
        {
            "title": plan.title,
            "plan_type": plan.plan_type,
            "plan_type_label": plan.get_plan_type_display(),
            "fiscal_year_start_be": plan.fiscal_year_start,
            "fiscal_year_end_be": plan.fiscal_year_end,
            "status": plan.status,
            "status_label": plan.get_status_display(),
            "approved_on": plan.approved_on,
            "summary": _plain(plan.summary),
            **_page_fields(request, plan),
        }
        for plan in plans
    ]
    return Table(PLANS, records, _latest(plans))


def official_information_table(request, site: Site) -> Table:
    """The agency's Official Information Act index, the items the index page lists (``disclosure.selectors
    .oia_pages``: every page type filed under a category), in the categories' order. Two queries."""
    categories = list(OfficialInfoCategory.objects.all())
    by_id = {category.pk: category for category in categories}
    pages = list(oia_pages(site.root_page.path, categories))
    records = []
    for page in pages:
        category = by_id.get(page.oia_category_id)
        model = page.specific_class
        records.append(
            {
                "category_code": category.code if category else "",
                "category_name": category.name if category else "",
                "title": page.title,
                "page_type": str(model._meta.verbose_name) if model is not None else "",
                "info_date": page.oia_date,
                "summary": _plain(page.oia_summary),
                **_page_fields(request, page),
            }
        )
    return Table(OFFICIAL_INFORMATION, records, _latest(pages))


TABLES = {
    PROCUREMENT.slug: procurement_table,
    PLANS.slug: plans_table,
    OFFICIAL_INFORMATION.slug: official_information_table,
}


def dataset_table(request, site: Site, slug: str) -> Table:
    return TABLES[slug](request, site)


def datasets_summary(site: Site) -> dict[str, tuple[int, datetime.datetime | None]]:
    """Per dataset slug: how many pages it holds (months, plans, items) and its latest live change. One query per
    dataset, plus the categories."""
    home = site.root_page
    summaries = (
        ProcurementSummaryPage.objects.live()
        .public()
        .descendant_of(home)
        .aggregate(n=Count("pk"), latest=Max("last_published_at"))
    )
    plans = (
        PlanPage.objects.live().public().descendant_of(home).aggregate(n=Count("pk"), latest=Max("last_published_at"))
    )
    items = (
        oia_pages(home.path, list(OfficialInfoCategory.objects.all()))
        .order_by()
        .aggregate(n=Count("pk"), latest=Max("last_published_at"))
    )
    return {
        PROCUREMENT.slug: (summaries["n"], summaries["latest"]),
        PLANS.slug: (plans["n"], plans["latest"]),
        OFFICIAL_INFORMATION.slug: (items["n"], items["latest"]),
    }


# --- serialising ----------------------------------------------------------------------------------------------------


def _json_value(column: Column, value):
    if value is None:
        return None
    if column.kind == "decimal":
        return float(value)
    if column.kind == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if column.kind == "date":
        return value.isoformat()
    if column.kind == "datetime":
        return iso_datetime(value)
    return value


def _csv_cells(column: Column, value) -> list[str]:
    """The cell of ``value``, and for dates and months its Thai reading (Buddhist era) in the next cell."""
    if value is None:
        return ["", ""] if column.kind in ("date", "month") else [""]
    if column.kind == "decimal":
        return [f"{Decimal(value):.2f}"]
    if column.kind == "bool":
        return ["true" if value else "false"]
    if column.kind == "date":
        return [value.isoformat(), format_thai_date(value)]
    if column.kind == "month":
        return [f"{value.year:04d}-{value.month:02d}", f"{MONTHS[value.month - 1]} {be_year(value.year)}"]
    if column.kind == "datetime":
        return [iso_datetime(value)]
    text = str(value)
    if column.kind == "text" and text.startswith(FORMULA_STARTS):
        text = "'" + text
    return [text]


def table_csv(table: Table) -> bytes:
    """UTF-8 with a byte order mark (Excel then reads Thai correctly), a header of Thai column titles, one line per
    record; dates in ISO 8601, each followed by the same date in Thai with its Buddhist-era year."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = []
    for column in table.dataset.columns:
        header.append(column.title)
        if column.kind in ("date", "month"):
            header.append(column.thai_title)
    writer.writerow(header)
    for record in table.records:
        cells = []
        for column in table.dataset.columns:
            cells.extend(_csv_cells(column, record.get(column.name)))
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8-sig")


def table_json(table: Table, publisher: str) -> dict:
    """The dataset's description, its fields (name, Thai title, type) and its records keyed by field name."""
    license_ = license_in_force()
    return {
        "title": table.dataset.title,
        "description": table.dataset.description,
        "publisher": publisher,
        "modified": iso_datetime(table.modified),
        "license": {"title": license_.title, "url": license_.url},
        "fields": [
            {"name": column.name, "title": column.title, "type": column.kind} for column in table.dataset.columns
        ],
        "records": [
            {column.name: _json_value(column, record.get(column.name)) for column in table.dataset.columns}
            for record in table.records
        ],
    }


def catalog(request, site: Site, absolute) -> dict:
    """The DCAT-US (v1.1) shaped catalogue of the agency's datasets, which CKAN's DCAT and data.json harvesters read:
    title and description in Thai, the agency as publisher, ``modified`` as its latest live change, the licence's
    URL, and a CSV and a JSON distribution of each. ``absolute`` turns a path into a URL of the site."""
    agency = AgencySettings.for_request(request)
    publisher = agency.name_th or site.site_name
    license_ = license_in_force()
    landing = absolute(reverse("open_data"))
    contact = {"@type": "vcard:Contact", "fn": publisher}
    if agency.email:
        contact["hasEmail"] = f"mailto:{agency.email}"
    summary = datasets_summary(site)
    datasets = []
    for dataset in DATASETS.values():
        _count, modified = summary[dataset.slug]
        datasets.append(
            {
                "@type": "dcat:Dataset",
                "identifier": f"{landing}#{dataset.slug}",
                "title": dataset.title,
                "description": dataset.description,
                "keyword": list(dataset.keywords),
                "modified": iso_datetime(modified),
                "publisher": {"@type": "org:Organization", "name": publisher},
                "contactPoint": contact,
                "accessLevel": "public",
                "license": license_.url,
                "landingPage": landing,
                "language": ["th"],
                "accrualPeriodicity": dataset.periodicity,
                "distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "title": f"{dataset.title} ({fmt.upper()})",
                        "downloadURL": absolute(dataset.url(fmt)),
                        "mediaType": media_type,
                        "format": fmt.upper(),
                    }
                    for fmt, media_type in FORMATS.items()
                ],
            }
        )
    return {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@id": absolute(reverse("open_data_catalog")),
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "title": f"ชุดข้อมูลเปิดของ{publisher}",
        "publisher": {"@type": "org:Organization", "name": publisher},
        "dataset": datasets,
    }
