"""Reads for oversight: which pages and documents are evidence for each ITA item, and whether that is enough."""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone

from wagtail.models import Page, Site

from core import thai
from core.models import AgencySettings
from core.pages import specific_values
from documents.models import LibraryDocument
from oversight.models import ItaFramework, ItaItem, PageItaItem, WorkingGroupFinding, WorkingGroupReport
from publishing.selectors import agency_sites_for_user

MISSING, PROBLEM, STALE, OK = "missing", "problem", "stale", "ok"
STATUS_LABELS = {
    MISSING: "ยังไม่มีหลักฐาน",
    PROBLEM: "หลักฐานไม่ตรงตามเกณฑ์",
    STALE: "ข้อมูลไม่เป็นปัจจุบัน",
    OK: "ครบถ้วน",
}


@dataclass
class EvidenceRow:
    """One item of a framework with the agency's evidence for it: ``problems`` maps ``("page"|"document", pk)`` to
    what the assessor would refuse it for (the wrong fiscal year, a missing minimum field), in Thai."""

    item: ItaItem
    pages: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    stale: set = field(default_factory=set)
    problems: dict = field(default_factory=dict)
    expected_year: int | None = None
    status: str = MISSING

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def has_evidence(self) -> bool:
        return bool(self.pages or self.documents)

    def problems_of(self, kind: str, pk: int) -> list[str]:
        return self.problems.get((kind, pk), [])


def _page_is_stale(page, year_start: datetime.date, today: datetime.date) -> bool:
    """Past its review date, or last published (or verified) before the framework's fiscal year began."""
    next_review = getattr(page, "next_review_date", None)
    if next_review and next_review < today:
        return True
    dates = [date for date in (page.last_published_at, getattr(page, "last_verified_at", None)) if date]
    as_of = max(dates) if dates else None
    return as_of is None or timezone.localtime(as_of).date() < year_start


def page_fiscal_years(pages) -> dict[int, tuple]:
    """``{page id: (first fiscal year, last or None)}`` for the pages that state a year: a plan's range, else the
    page's fiscal year. Two queries whatever the page types (``core.pages.specific_values``)."""
    ranges = specific_values(pages, ("fiscal_year_start", "fiscal_year_end"))
    years = specific_values(pages, ("fiscal_year",))
    result = {}
    for page in pages:
        if page.pk in ranges:
            result[page.pk] = (ranges[page.pk]["fiscal_year_start"], ranges[page.pk]["fiscal_year_end"])
        elif years.get(page.pk, {}).get("fiscal_year"):
            result[page.pk] = (years[page.pk]["fiscal_year"], None)
    return result


def covers_year(expected: int | None, years: tuple) -> bool:
    """Evidence covering ``years`` (its first and last fiscal year, or ``(None, None)``) answers an item that wants
    ``expected``; when either is not known, it is not held against it."""
    start, end = years
    return expected is None or start is None or start <= expected <= (end or start)


def _wrong_year(expected: int | None, years: tuple) -> str:
    """The Thai reason evidence covering ``years`` does not answer an item that wants ``expected``; ``""`` when it
    does (``covers_year``)."""
    if covers_year(expected, years):
        return ""
    start, end = years
    covered = f"{start}" if not end or end == start else f"{start}-{end}"
    return f"เป็นข้อมูลปีงบประมาณ {covered} แต่ตัวชี้วัดนี้ต้องการข้อมูลปีงบประมาณ {expected}"


def evidence_rows(
    framework: ItaFramework,
    site: Site,
    public_only: bool = True,
    agency: AgencySettings | None = None,
    check_criteria: bool = False,
) -> list[EvidenceRow]:
    """Every item of ``framework`` with the agency's live, public pages and public documents tagged for it; with
    ``check_criteria`` (the compliance matrix), also what an assessor would refuse in them: evidence of another
    fiscal year than the framework wants for the item (``ItaFramework.expected_fiscal_year``) and the minimum fields
    a page lacks (its type's ``ita_minimum_problems()``, e.g. an executive without a photo). The public ITA page and
    the export do not ask for it: they show the evidence, not its faults.

    A fixed number of queries whatever the number of items, pages and page types: the pages are not made specific,
    their review dates (and years) are read for all their types at once (``core.pages.specific_values``); only
    ``check_criteria`` reads the pages' own types. ``agency``: the site's settings when the caller has them already."""
    today = timezone.localdate()
    year_start, _ = thai.fiscal_year_range(framework.fiscal_year)
    rows = {
        item.pk: EvidenceRow(item, expected_year=framework.expected_fiscal_year(item)) for item in framework.items.all()
    }
    pages = Page.objects.live().descendant_of(site.root_page, inclusive=True)
    if public_only:
        pages = pages.public()
    links = PageItaItem.objects.filter(item__framework=framework, page__in=pages).values_list("page_id", "item_id")
    item_ids_by_page: dict[int, list[int]] = {}
    for page_id, item_id in links:
        item_ids_by_page.setdefault(page_id, []).append(item_id)
    evidence_pages = list(Page.objects.filter(pk__in=item_ids_by_page).order_by("path"))
    review = specific_values(evidence_pages, ("next_review_date", "last_verified_at"))
    page_years = page_fiscal_years(evidence_pages) if check_criteria else {}
    minimum = _minimum_problems(evidence_pages) if check_criteria else {}
    for page in evidence_pages:
        for name, value in review.get(page.pk, {}).items():
            setattr(page, name, value)
        years = page_years.get(page.pk, (None, None))
        stale = _page_is_stale(page, year_start, today)
        for item_id in item_ids_by_page[page.pk]:
            row = rows[item_id]
            row.pages.append(page)
            if stale:
                row.stale.add(("page", page.pk))
            reasons = [reason for reason in (_wrong_year(row.expected_year, years),) if reason] + minimum.get(
                page.pk, []
            )
            if reasons:
                row.problems[("page", page.pk)] = reasons

    collection_id = (agency or AgencySettings.for_site(site)).collection_id
    links = LibraryDocument.ita_items.through.objects.filter(
        itaitem__framework=framework, librarydocument__collection_id=collection_id
    )
    if public_only:
        links = links.filter(librarydocument__is_public=True)
    for link in links.select_related("librarydocument").order_by("librarydocument__title"):
        document = link.librarydocument
        row = rows[link.itaitem_id]
        row.documents.append(document)
        if timezone.localtime(document.created_at).date() < year_start:
            row.stale.add(("document", document.pk))
        reason = _wrong_year(row.expected_year, (document.fiscal_year, None)) if check_criteria else ""
        if reason:
            row.problems[("document", document.pk)] = [reason]

    for row in rows.values():
        evidence = len(row.pages) + len(row.documents)
        if evidence == 0:
            row.status = MISSING
        elif len(row.problems) == evidence:
            row.status = PROBLEM
        else:
            row.status = STALE if len(row.stale) == evidence else OK
    return list(rows.values())


def _minimum_problems(pages) -> dict[int, list[str]]:
    """``{page id: [reason, ...]}``: the minimum fields each page's own type says it lacks
    (``ita_minimum_problems()``). One query per page type, plus what each type reads of its own."""
    by_type: dict = {}
    for page in pages:
        by_type.setdefault(page.specific_class, []).append(page.pk)
    problems = {}
    for model, ids in by_type.items():
        if model is None or not hasattr(model, "ita_minimum_problems"):
            continue
        for specific in model.objects.filter(pk__in=ids):
            reasons = specific.ita_minimum_problems()
            if reasons:
                problems[specific.pk] = list(reasons)
    return problems


# The assessor's export (ITAS asks, per item: มี/ไม่มี, the URLs on the agency's main website, and where the data is).
EXPORT_HEADERS = ["รหัส", "ตัวชี้วัด", "มี/ไม่มี", "URL หลักฐาน", "คำอธิบายตำแหน่งข้อมูล"]
HAS, HAS_NOT = "มี", "ไม่มี"

# Roles whose members see the oversight screens of their agency: not the editors.
OVERSIGHT_ROLES = ("administrators", "working_group", "executives")


def sites_for_oversight(user) -> list[Site]:
    """The agencies whose oversight screens ``user`` may see: every agency for a superuser, else the agencies where
    they are a website administrator, a working-group member or an executive."""
    return agency_sites_for_user(user, roles=OVERSIGHT_ROLES)


def _menu_paths(pages, site: Site) -> dict[int, str]:
    """``{page id: "ข้อมูลพื้นฐาน > คณะผู้บริหาร"}``: the titles of each page's ancestors below the home page, as a
    visitor finds them in the menu. One query whatever the number of pages."""
    steplen = Page.steplen
    home_depth = site.root_page.depth
    wanted = {page.path[: steplen * depth] for page in pages for depth in range(home_depth + 1, page.depth)}
    titles = dict(Page.objects.filter(path__in=wanted).values_list("path", "title")) if wanted else {}
    return {
        page.pk: " > ".join(titles[page.path[: steplen * depth]] for depth in range(home_depth + 1, page.depth))
        for page in pages
    }


def evidence_location_sentence(row: EvidenceRow, menu_paths: dict[int, str]) -> str:
    """Where the evidence of ``row`` sits on the site, in one Thai sentence for the assessor (ITAS's explanation)."""
    parts = []
    for page in row.pages:
        where = menu_paths.get(page.pk)
        parts.append(f"หน้า “{page.title}”" + (f" ในเมนู {where}" if where else " ที่หน้าแรกของเว็บไซต์"))
    for document in row.documents:
        parts.append(f"ไฟล์ “{document.title}” ({document.file_type_label})")
    if not parts:
        return "หน่วยงานยังไม่ได้เผยแพร่ข้อมูลสำหรับตัวชี้วัดนี้"
    return "ข้อมูลอยู่ที่" + " และ".join(parts) if len(parts) <= 2 else "ข้อมูลอยู่ที่" + " ".join(parts[:-1]) + " และ" + parts[-1]


def evidence_export_rows(framework: ItaFramework, site: Site) -> list[list[str]]:
    """The assessor's table for ``site``'s agency under ``framework``, ready to paste into ITAS: code, name, มี/ไม่มี,
    the absolute URLs of the evidence on the agency's own site (one per line) and a Thai sentence of where it sits.
    The same rows as the public ITA evidence page (``evidence_rows`` with ``public_only``): what the assessor is
    given is what a citizen can open."""
    root_url = site.root_url
    rows = evidence_rows(framework, site, public_only=True)
    menu_paths = _menu_paths([page for row in rows for page in row.pages], site)
    table = []
    for row in rows:
        urls = [page.get_full_url() or "" for page in row.pages] + [f"{root_url}{doc.url}" for doc in row.documents]
        table.append(
            [
                row.item.code,
                row.item.name,
                HAS if row.has_evidence else HAS_NOT,
                "\n".join(urls),
                evidence_location_sentence(row, menu_paths),
            ]
        )
    return table


def _has_role(user, site: Site, role: str) -> bool:
    from publishing.models import AgencyGroup

    return AgencyGroup.objects.filter(site=site, role=role, group__user=user).exists()


def user_can_write_report_notes(user, site: Site) -> bool:
    """The website administrators of the agency (or a superuser) write the yearly report's problems and
    obstacles (R4.1)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or _has_role(user, site, "administrators")


def user_can_acknowledge_report(user, site: Site) -> bool:
    """Only the agency's executives record that they have read a report: the acknowledgement is theirs."""
    if not (user.is_authenticated and user.is_active):
        return False
    return _has_role(user, site, "executives")


def user_can_write_findings(user, site: Site) -> bool:
    """Only the agency's working-group members write, sign off and reopen the working group's findings of a quarter
    (R4.2): the report is theirs, so not even a superuser signs in their place."""
    if not (user.is_authenticated and user.is_active):
        return False
    return _has_role(user, site, "working_group")


def previous_quarter(fiscal_year_be: int, quarter: int) -> tuple[int, int]:
    """The quarter before: (2569, 2) -> (2569, 1); Q1 looks back at the previous fiscal year's Q4."""
    return (fiscal_year_be, quarter - 1) if quarter > 1 else (fiscal_year_be - 1, 4)


@dataclass
class WorkingGroupPart:
    """The working group's part of a quarterly report: its report of the quarter (``None`` before anything was
    written) with its findings, and the previous quarter's report with the findings it follows up (each with its
    ``followup`` or ``None``). The previous quarter's actions are followed up only once that report is signed off."""

    report: WorkingGroupReport | None
    findings: list
    previous_fiscal_year: int
    previous_quarter: int
    previous_report: WorkingGroupReport | None
    previous_findings: list

    @property
    def signed_off(self) -> bool:
        return bool(self.report and self.report.signed_off)

    @property
    def followups_open(self) -> bool:
        """The previous quarter's report is signed off: its corrective actions can (and must) be followed up."""
        return bool(self.previous_report and self.previous_report.signed_off)

    @property
    def followups_missing(self) -> list:
        if not self.followups_open:
            return []
        return [finding for finding in self.previous_findings if finding.followup_or_none is None]


def working_group_part(site: Site, fiscal_year_be: int, quarter: int) -> WorkingGroupPart:
    """The working group's findings for ``site``'s quarter and the previous quarter's corrective actions with their
    follow-up; two queries whatever the number of findings."""
    before = previous_quarter(fiscal_year_be, quarter)
    reports = {
        (report.fiscal_year, report.quarter): report
        for report in WorkingGroupReport.objects.filter(site=site)
        .filter(
            models.Q(fiscal_year=fiscal_year_be, quarter=quarter) | models.Q(fiscal_year=before[0], quarter=before[1])
        )
        .select_related("updated_by", "signed_off_by")
    }
    report, previous = reports.get((fiscal_year_be, quarter)), reports.get(before)
    findings = {report.pk: [] for report in reports.values()}
    for finding in WorkingGroupFinding.objects.filter(report__in=list(reports.values())).select_related("followup"):
        findings[finding.report_id].append(finding)
    return WorkingGroupPart(
        report=report,
        findings=findings[report.pk] if report else [],
        previous_fiscal_year=before[0],
        previous_quarter=before[1],
        previous_report=previous,
        previous_findings=findings[previous.pk] if previous else [],
    )


# --- skeleton drafts of the ITA items without evidence ---------------------------------------------------


def user_can_prepare_ita_drafts(user, site: Site) -> bool:
    """The agency's website administrators (or a superuser) make the skeleton drafts of a year's ITA items."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or _has_role(user, site, "administrators")


def ita_items_without_evidence(framework: ItaFramework, site: Site) -> list[ItaItem]:
    """The items of ``framework`` for which the agency has nothing at all: no page of its tree tagged with it, draft
    or live, public or private, and no document of its collection. Three queries."""
    pages = Page.objects.descendant_of(site.root_page, inclusive=True)
    tagged = set(
        PageItaItem.objects.filter(item__framework=framework, page__in=pages).values_list("item_id", flat=True)
    )
    collection_id = AgencySettings.for_site(site).collection_id
    tagged |= set(
        LibraryDocument.ita_items.through.objects.filter(
            itaitem__framework=framework, librarydocument__collection_id=collection_id
        ).values_list("itaitem_id", flat=True)
    )
    return [item for item in framework.items.all() if item.pk not in tagged]


@dataclass
class SkeletonDraft:
    """A draft to make: the item, the page it goes under, its page type and its responsible unit (``None``: the
    administrators choose one)."""

    item: ItaItem
    parent: Page
    model: type
    unit: object = None

    @property
    def type_label(self) -> str:
        return self.model._meta.verbose_name


def ita_skeleton_plan(framework: ItaFramework, site: Site) -> list[SkeletonDraft]:
    """One draft per item of ``framework`` without evidence in ``site``'s agency, placed by the rules of
    ``oversight.skeleton``. The responsible unit is the section's own (the unit that keeps that section current),
    when the section has one of this agency's units; else none."""
    from oversight.skeleton import placement_for, sections_of

    home = site.root_page.specific
    sections = sections_of(home)
    planned: dict = {}
    drafts = []
    for item in ita_items_without_evidence(framework, site):
        parent, model = placement_for(item, home, sections, planned)
        unit = getattr(parent, "responsible_unit", None)
        drafts.append(SkeletonDraft(item, parent, model, unit if unit and unit.site_id == site.pk else None))
    return drafts


def ita_skeleton_drafts(site: Site) -> list[Page]:
    """The agency's skeleton drafts that nobody has sent to the working group yet: made by the skeleton action,
    never published and not in a workflow in progress (one sent back for changes is listed again), by title."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import PageLogEntry, WorkflowState

    from oversight.skeleton import SKELETON_ACTION

    made = PageLogEntry.objects.filter(action=SKELETON_ACTION).values("page_id")
    drafts = list(
        Page.objects.descendant_of(site.root_page)
        .filter(pk__in=made, live=False, first_published_at__isnull=True)
        .prefetch_related("ita_items__item")
        .order_by("title", "pk")
    )
    # WorkflowState.object_id is text: compared as text (PostgreSQL has no varchar = integer), in one query.
    in_review = set(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(page.pk) for page in drafts],
            status=WorkflowState.STATUS_IN_PROGRESS,
        ).values_list("object_id", flat=True)
    )
    return [page for page in drafts if str(page.pk) not in in_review]
