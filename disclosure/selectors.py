"""Reads of the disclosure categories that other screens share: the Official Information Act index across page types
(R1.4) and the months without a monthly procurement summary (แบบ สขร.1, OIA s.9(8))."""

import datetime
from dataclasses import dataclass
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, DateField, F, IntegerField, TextField, Value, When
from django.db.models.functions import Coalesce

from wagtail.models import Page, Site, get_page_models

from core.thai import MONTHS, be_year, fiscal_year, fiscal_year_range

# --- the Official Information Act index ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OiaClassification:
    """How one page type is filed under the Act's categories, read from its class attributes:

    - ``oia_category_field``: a foreign key to ``OfficialInfoCategory`` that the editor fills in;
    - ``oia_category_code``: the category the law gives every page of the type (a citizen's manual is s.9(4)), or,
      with a field, the category of a page whose field is left blank;
    - ``oia_date_field`` and ``oia_summary_field`` (optional): the date and plain-text summary the index shows.
    """

    model: type
    field: str | None  # the lookup from ``Page`` to the category's id, e.g. ``lawpage__oia_category_id``
    code: str | None
    date: str | None
    summary: str | None


def _lookup_from_page(model, name: str) -> str:
    """The lookup from ``Page`` to the concrete field ``name`` of ``model`` (through multi-table parents)."""
    field = model._meta.get_field(name)
    chain = []
    owner = field.model
    while owner is not Page:
        chain.append(owner._meta.model_name)
        owner = owner._meta.pk.remote_field.model
    return "__".join([*reversed(chain), field.attname])


@cache
def oia_classifications() -> tuple[OiaClassification, ...]:
    """Every page type that the Act's index lists, with how its category, date and summary are read."""
    found = []
    for model in get_page_models():
        field = getattr(model, "oia_category_field", None)
        code = getattr(model, "oia_category_code", None)
        if not (field or code):
            continue
        date = getattr(model, "oia_date_field", None)
        summary = getattr(model, "oia_summary_field", None)
        found.append(
            OiaClassification(
                model=model,
                field=_lookup_from_page(model, field) if field else None,
                code=code,
                date=_lookup_from_page(model, date) if date else None,
                summary=_lookup_from_page(model, summary) if summary else None,
            )
        )
    return tuple(found)


def oia_classified(model) -> bool:
    """Whether pages of ``model`` are listed on the Act's index."""
    return any(entry.model is model for entry in oia_classifications())


def oia_dependency_key(site_id) -> str:
    """The page cache key of an agency's Act index: any page of a listed type published, unpublished, moved or
    deleted in that agency (``disclosure.apps``) purges it."""
    return f"oia:{site_id}"


def oia_pages(home_path: str, categories):
    """The live, public pages of the agency whose home page's tree path is ``home_path`` (its own tree only) that
    are filed under one of ``categories`` (``OfficialInfoCategory`` rows, loaded in their order), whatever their
    type, as ``Page`` rows annotated with ``oia_category_id``, ``oia_date`` and ``oia_summary``; in the categories'
    order, newest first within a category. One query, whatever the number of page types."""
    by_code = {category.code: category.pk for category in categories}
    content_types = ContentType.objects.get_for_models(*(entry.model for entry in oia_classifications()))
    category_cases, date_cases, summary_cases = [], [], []
    for entry in oia_classifications():
        when = {"content_type_id": content_types[entry.model].pk}
        default = by_code.get(entry.code) if entry.code else None
        if entry.field and default is not None:
            category_cases.append(When(**when, then=Coalesce(F(entry.field), Value(default))))
        elif entry.field:
            category_cases.append(When(**when, then=F(entry.field)))
        elif default is not None:
            category_cases.append(When(**when, then=Value(default)))
        if entry.date:
            date_cases.append(When(**when, then=F(entry.date)))
        if entry.summary:
            summary_cases.append(When(**when, then=F(entry.summary)))
    if not category_cases:
        return Page.objects.none()
    position = Case(
        *(When(oia_category_id=category.pk, then=Value(n)) for n, category in enumerate(categories)),
        default=Value(len(by_code)),
        output_field=IntegerField(),
    )
    return (
        Page.objects.live()
        .public()
        .filter(path__startswith=home_path)
        .filter(content_type_id__in=[ct.pk for ct in content_types.values()])
        .annotate(
            oia_category_id=Case(*category_cases, default=Value(None), output_field=IntegerField()),
            oia_date=Case(*date_cases, default=Value(None), output_field=DateField()),
            oia_summary=Case(*summary_cases, default=Value(""), output_field=TextField()),
        )
        .filter(oia_category_id__in=list(by_code.values()))
        .annotate(oia_position=position)
        .order_by("oia_position", F("oia_date").desc(nulls_last=True), "-last_published_at", "title", "path")
    )


# --- monthly procurement summaries -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportMonth:
    """A month to be reported: ``month`` 1-12 and its Buddhist-era ``year_be``."""

    year_be: int
    month: int

    @property
    def label(self) -> str:
        return f"{MONTHS[self.month - 1]} {self.year_be}"


def procurement_months_due(today: datetime.date) -> list[ReportMonth]:
    """The months whose summary is due by ``today``: from the first month of the current fiscal year (October) to
    last month. In October, none (September belongs to the fiscal year just ended)."""
    start, _ = fiscal_year_range(fiscal_year(today))
    months = []
    year, month = start.year, start.month
    while (year, month) < (today.year, today.month):
        months.append(ReportMonth(be_year(year), month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def procurement_months_missing(site: Site, today: datetime.date) -> list[ReportMonth]:
    """The months of ``procurement_months_due(today)`` for which the agency of ``site`` has no live monthly
    procurement summary (แบบ สขร.1; OIA s.9(8): a month with no procurement is still reported), oldest first.
    One query."""
    from disclosure.models import ProcurementSummaryPage

    due = procurement_months_due(today)
    if not due:
        return []
    reported = set(
        ProcurementSummaryPage.objects.live()
        .descendant_of(site.root_page, inclusive=True)
        .filter(year_be__in={m.year_be for m in due})
        .values_list("year_be", "month")
    )
    return [m for m in due if (m.year_be, m.month) not in reported]


def procurement_summary_duplicate(month, year_be, home_path: str, exclude_pk=None):
    """Another monthly procurement summary of the same agency (the tree under ``home_path``) for ``month`` and
    ``year_be``, live or draft; or None."""
    from disclosure.models import ProcurementSummaryPage

    if not (month and year_be and home_path):
        return None
    others = ProcurementSummaryPage.objects.filter(path__startswith=home_path, month=month, year_be=year_be)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    return others.order_by("path").first()
