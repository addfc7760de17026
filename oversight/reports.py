"""The executives' reports, computed from Wagtail's audit log and workflow records and the working group's checklist:
the yearly report of publishing and updating (R4.1) and the quarterly report on the procedure (R4.2).

Every figure comes from a fixed number of aggregate queries, whatever the number of pages: one query for the
publications of the period (with their workflow times as subqueries), one for the removals, one per disclosure page
type for the overdue reviews, a few for the ITA items. Views, exports and tests call the same two functions.
"""

import dataclasses
import datetime
import statistics

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from wagtail.models import PageLogEntry, Site, TaskState, WorkflowState

from core import thai
from core.models import AgencySettings, InformationClass
from oversight.models import ItaFramework, ReportAcknowledgement, YearlyReportNote
from oversight.selectors import MISSING, WorkingGroupPart, evidence_rows, working_group_part
from publishing.checks import checks_complete_q
from publishing.models import ChecklistDecision, ChecklistReview
from publishing.selectors import PUBLISH_ACTIONS, disclosure_models

UNPUBLISH_ACTION = "wagtail.unpublish"
EXPIRE_ACTION = "wagtail.unpublish.scheduled"
STILL_CURRENT_ACTION = "prongsai.still_current"

YEARLY_TITLE = "รายงานผลการเผยแพร่และการปรับปรุงข้อมูล ประจำปีงบประมาณ"
QUARTERLY_TITLE = "รายงานผู้บริหารเป็นรายไตรมาส"
PROBLEMS_HEADING = "ปัญหาและอุปสรรคในการดำเนินงาน"

UNCLASSIFIED = ""
UNCLASSIFIED_LABEL = "หน้าทั่วไป (ไม่ได้จัดชั้นข้อมูล)"
OTHER_CATEGORY = "หน้าอื่น ๆ ของเว็บไซต์"
CLASS_ORDER = [*InformationClass.values, UNCLASSIFIED]

# A scheduled start counts as on time when the scheduler published it within this margin (it runs every minute).
SCHEDULE_GRACE = datetime.timedelta(hours=1)


def class_label(value: str) -> str:
    return InformationClass(value).label if value in InformationClass.values else UNCLASSIFIED_LABEL


def class_deadline_label(value: str) -> str:
    """The set time (R3.3) of each class, as the report states it."""
    if value == InformationClass.IMMEDIATE:
        return f"ภายใน {settings.IMMEDIATE_PUBLISH_LIMIT_HOURS} ชั่วโมงหลังคณะทำงานฯ ตรวจสอบ"
    if value == InformationClass.FIXED_PERIOD:
        return "ไม่ช้ากว่าวันเวลาเริ่มเผยแพร่ที่กำหนด"
    return f"ภายใน {settings.ON_CHANGE_PUBLISH_LIMIT_DAYS} วันหลังคณะทำงานฯ ตรวจสอบ"


def period_bounds(first: datetime.date, last: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[start, end) in the site's time zone: from the first day's midnight to the midnight after the last day."""
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min))
    return start, end


def hours(delta: datetime.timedelta | None) -> float | None:
    return None if delta is None else round(delta.total_seconds() / 3600, 1)


def duration_thai(delta: datetime.timedelta | None) -> str:
    """``2 วัน 3 ชั่วโมง 5 นาที`` (``-`` for none)."""
    if delta is None:
        return "-"
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours_, minutes = divmod(minutes, 60)
    parts = [f"{days} วัน"] if days else []
    if hours_:
        parts.append(f"{hours_} ชั่วโมง")
    if minutes or not parts:
        parts.append(f"{minutes} นาที")
    return " ".join(parts)


@dataclasses.dataclass
class Publication:
    """One publication of the period (a page going live, first time or again) with the times of its run."""

    page_id: int
    title: str
    url: str
    category: str
    information_class: str
    first: bool
    scheduled: bool
    submitted_at: datetime.datetime | None
    checked_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    live_at: datetime.datetime
    go_live_at: datetime.datetime | None
    publisher: str

    @property
    def class_label(self) -> str:
        return class_label(self.information_class)

    @property
    def kind_label(self) -> str:
        return "เผยแพร่ใหม่" if self.first else "ปรับปรุงข้อมูล"

    @property
    def through_workflow(self) -> bool:
        """Went through both steps: the working group's checklist and the administrators' approval."""
        return self.checked_at is not None and self.approved_at is not None

    @property
    def deadline(self) -> datetime.datetime | None:
        if self.checked_at is None:
            return None
        if self.information_class == InformationClass.IMMEDIATE:
            return self.checked_at + datetime.timedelta(hours=settings.IMMEDIATE_PUBLISH_LIMIT_HOURS)
        if self.information_class == InformationClass.FIXED_PERIOD and self.go_live_at:
            return self.go_live_at + SCHEDULE_GRACE
        return self.checked_at + datetime.timedelta(days=settings.ON_CHANGE_PUBLISH_LIMIT_DAYS)

    @property
    def on_time(self) -> bool | None:
        """Within its class's set time; ``None`` when it skipped the working group (nothing to time it from)."""
        deadline = self.deadline
        return None if deadline is None else self.live_at <= deadline

    @property
    def timeliness_label(self) -> str:
        return {True: "ตามระยะเวลาที่กำหนด", False: "เกินระยะเวลาที่กำหนด", None: "ไม่ผ่านการตรวจสอบของคณะทำงานฯ"}[
            self.on_time
        ]

    @property
    def submit_to_check(self):
        return self.checked_at - self.submitted_at if self.submitted_at and self.checked_at else None

    @property
    def check_to_approve(self):
        return self.approved_at - self.checked_at if self.checked_at and self.approved_at else None

    @property
    def approve_to_live(self):
        return self.live_at - self.approved_at if self.approved_at else None

    @property
    def submit_to_live(self):
        return self.live_at - self.submitted_at if self.submitted_at else None

    @property
    def hours_to_live(self) -> float | None:
        """Hours from the working group's check to live (the time R3.3 sets)."""
        return hours(self.live_at - self.checked_at) if self.checked_at else None


@dataclasses.dataclass
class Removal:
    page_id: int
    title: str
    category: str
    information_class: str
    expired: bool
    at: datetime.datetime
    by: str

    @property
    def class_label(self) -> str:
        return class_label(self.information_class)

    @property
    def kind_label(self) -> str:
        return "สิ้นสุดระยะเวลาเผยแพร่" if self.expired else "ยกเลิกการเผยแพร่"


@dataclasses.dataclass
class CountRow:
    """Items (distinct pages) of one category or class: first published, updated, unpublished, expired, and
    confirmed still current, in the period."""

    label: str
    published: int = 0
    updated: int = 0
    unpublished: int = 0
    expired: int = 0
    verified: int = 0

    @property
    def empty(self) -> bool:
        return not (self.published or self.updated or self.unpublished or self.expired or self.verified)


@dataclasses.dataclass
class TimelinessRow:
    information_class: str
    on_time: int = 0
    late: int = 0
    unchecked: int = 0

    @property
    def label(self) -> str:
        return class_label(self.information_class)

    @property
    def deadline_label(self) -> str:
        return class_deadline_label(self.information_class)

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.unchecked


@dataclasses.dataclass
class OverdueItem:
    page_id: int
    title: str
    unit: str
    information_class: str
    next_review_date: datetime.date
    days_overdue: int

    @property
    def class_label(self) -> str:
        return class_label(self.information_class)


@dataclasses.dataclass
class LateImmediateItem:
    page_id: int
    title: str
    checked_at: datetime.datetime
    live_at: datetime.datetime | None
    hours: float

    @property
    def pending(self) -> bool:
        return self.live_at is None


@dataclasses.dataclass
class DurationStat:
    label: str
    values: list

    @property
    def count(self) -> int:
        return len(self.values)

    @property
    def median(self):
        return statistics.median(self.values) if self.values else None

    @property
    def worst(self):
        return max(self.values) if self.values else None

    @property
    def median_label(self) -> str:
        return duration_thai(self.median)

    @property
    def worst_label(self) -> str:
        return duration_thai(self.worst)


@dataclasses.dataclass
class ReportBase:
    site: Site
    agency_name: str
    fiscal_year: int
    first_day: datetime.date
    last_day: datetime.date
    as_of: datetime.date
    generated_at: datetime.datetime
    publications: list
    overdue_reviews: list
    acknowledgements: list

    @property
    def fiscal_year_label(self) -> str:
        return f"ปีงบประมาณ พ.ศ. {self.fiscal_year}"

    @property
    def period_label(self) -> str:
        return f"{thai.format_thai_date(self.first_day)} ถึง {thai.format_thai_date(self.last_day)}"

    @property
    def running_footer(self) -> str:
        """The line at the foot of each page of the PDF."""
        quarter = getattr(self, "quarter", None)
        return f"{self.agency_name} · {self.fiscal_year_label}" + (f" ไตรมาสที่ {quarter}" if quarter else "")

    @property
    def complete(self) -> bool:
        """The period is over: its figures will not change any more (except the review state "as of")."""
        return self.as_of >= self.last_day


@dataclasses.dataclass
class YearlyReport(ReportBase):
    totals: CountRow
    categories: list
    classes: list
    timeliness: list
    removals: list
    note: YearlyReportNote | None

    title = YEARLY_TITLE
    # The document's title on two lines, as Thai official reports set it.
    title_lines = ("รายงานผลการเผยแพร่และการปรับปรุงข้อมูล", "ประจำปีงบประมาณ")

    @property
    def heading(self) -> str:
        return f"{YEARLY_TITLE} พ.ศ. {self.fiscal_year}"

    @property
    def subheading(self) -> str:
        return f"({self.period_label})"

    @property
    def on_time(self) -> int:
        return sum(row.on_time for row in self.timeliness)

    @property
    def late(self) -> int:
        return sum(row.late for row in self.timeliness)

    @property
    def unchecked(self) -> int:
        return sum(row.unchecked for row in self.timeliness)

    @property
    def note_changed_after_acknowledgement(self) -> bool:
        if not (self.note and self.note.updated_at and self.acknowledgements):
            return False
        return self.note.updated_at > max(ack.acknowledged_at for ack in self.acknowledgements)


@dataclasses.dataclass
class QuarterlyReport(ReportBase):
    quarter: int
    checklists_total: int
    checklists_complete: int
    checklists_rejected: int
    durations: list
    late_immediate: list
    framework: ItaFramework | None
    ita_missing: list
    ita_total: int
    working_group: WorkingGroupPart

    title = QUARTERLY_TITLE
    title_lines = (QUARTERLY_TITLE,)

    @property
    def heading(self) -> str:
        return f"{QUARTERLY_TITLE} ไตรมาสที่ {self.quarter} ปีงบประมาณ พ.ศ. {self.fiscal_year}"

    @property
    def subheading(self) -> str:
        return f"({self.period_label})"

    @property
    def through_workflow(self) -> int:
        return sum(1 for publication in self.publications if publication.through_workflow)

    @property
    def without_workflow(self) -> int:
        return len(self.publications) - self.through_workflow

    @property
    def signed_off(self) -> bool:
        """The working group has signed off its findings: the executives may acknowledge."""
        return self.working_group.signed_off

    @property
    def previous_label(self) -> str:
        return f"ไตรมาสที่ {self.working_group.previous_quarter} ปีงบประมาณ พ.ศ. {self.working_group.previous_fiscal_year}"


# Queries -------------------------------------------------------------------------------------------------------


def _site_entries(site: Site):
    return PageLogEntry.objects.filter(page__path__startswith=site.root_page.path)


def _categories(site: Site):
    """Map a page path to the title of its top-level section (R1.1-R1.5, news); one query."""
    root = site.root_page
    sections = {
        path: title
        for path, title in root.get_children().filter(numchild__gt=0).values_list("path", "title").order_by("path")
    }
    depth = len(root.path) + root.steplen

    def category(path: str | None) -> str:
        if path and len(path) > depth:
            return sections.get(path[:depth], OTHER_CATEGORY)
        return OTHER_CATEGORY

    return list(sections.values()), category


def _user_name(first, last, username) -> str:
    return f"{first or ''} {last or ''}".strip() or (username or "ระบบ")


def _publications(site: Site, start, end, category) -> list[Publication]:
    """Every publication (``wagtail.publish`` or scheduled) of the site's pages in [start, end), oldest first.
    One query: the workflow times come from subqueries on the task states of the published revision."""
    states = TaskState.objects.filter(revision_id=OuterRef("revision_id"))
    approved = states.filter(status=TaskState.STATUS_APPROVED).order_by("-finished_at").values("finished_at")
    first_publish = (
        PageLogEntry.objects.filter(page_id=OuterRef("page_id"), action__in=PUBLISH_ACTIONS)
        .order_by("timestamp", "pk")
        .values("pk")[:1]
    )
    rows = (
        _site_entries(site)
        .filter(action__in=PUBLISH_ACTIONS, timestamp__gte=start, timestamp__lt=end)
        .annotate(
            info_class=Coalesce(
                KeyTextTransform("information_class", "revision__content"), Value(""), output_field=TextField()
            ),
            title_then=Coalesce(
                KeyTextTransform("title", "revision__content"), F("page__title"), output_field=TextField()
            ),
            go_live_then=KeyTextTransform("go_live_at", "revision__content"),
            first_publish_id=Subquery(first_publish),
            submitted_at=Subquery(
                states.order_by("workflow_state__created_at").values("workflow_state__created_at")[:1]
            ),
            checked_at=Subquery(approved.filter(task__checklisttask__isnull=False)[:1]),
            approved_at=Subquery(approved.filter(task__checklisttask__isnull=True)[:1]),
        )
        .order_by("timestamp", "pk")
        .values(
            "pk",
            "page_id",
            "action",
            "timestamp",
            "info_class",
            "title_then",
            "go_live_then",
            "first_publish_id",
            "submitted_at",
            "checked_at",
            "approved_at",
            "page__path",
            "page__url_path",
            "user__first_name",
            "user__last_name",
            "user__username",
        )
    )
    root_url_path = site.root_page.url_path
    publications = []
    for row in rows:
        go_live = parse_datetime(row["go_live_then"]) if row["go_live_then"] else None
        url_path = row["page__url_path"] or ""
        publications.append(
            Publication(
                page_id=row["page_id"],
                title=row["title_then"] or "",
                url=site.root_url + url_path[len(root_url_path) - 1 :] if url_path else "",
                category=category(row["page__path"]),
                information_class=row["info_class"] or UNCLASSIFIED,
                first=row["first_publish_id"] == row["pk"],
                scheduled=row["action"] == "wagtail.publish.scheduled",
                submitted_at=row["submitted_at"],
                checked_at=row["checked_at"],
                approved_at=row["approved_at"],
                live_at=row["timestamp"],
                go_live_at=go_live if go_live is None or timezone.is_aware(go_live) else timezone.make_aware(go_live),
                publisher=_user_name(row["user__first_name"], row["user__last_name"], row["user__username"]),
            )
        )
    return publications


def _removals(site: Site, start, end, category) -> list[Removal]:
    rows = (
        _site_entries(site)
        .filter(action__in=(UNPUBLISH_ACTION, EXPIRE_ACTION), timestamp__gte=start, timestamp__lt=end)
        .annotate(
            info_class=Coalesce(
                KeyTextTransform("information_class", "revision__content"),
                KeyTextTransform("information_class", "page__latest_revision__content"),
                Value(""),
                output_field=TextField(),
            )
        )
        .order_by("timestamp", "pk")
        .values(
            "page_id",
            "page__title",
            "page__path",
            "action",
            "timestamp",
            "info_class",
            "user__first_name",
            "user__last_name",
            "user__username",
        )
    )
    return [
        Removal(
            page_id=row["page_id"],
            title=row["page__title"] or "",
            category=category(row["page__path"]),
            information_class=row["info_class"] or UNCLASSIFIED,
            expired=row["action"] == EXPIRE_ACTION,
            at=row["timestamp"],
            by=_user_name(row["user__first_name"], row["user__last_name"], row["user__username"]),
        )
        for row in rows
    ]


def _verifications(site: Site, start, end) -> list[tuple[int, str]]:
    """(page id, class) of each "still current" confirmation in [start, end)."""
    rows = (
        _site_entries(site)
        .filter(action=STILL_CURRENT_ACTION, timestamp__gte=start, timestamp__lt=end)
        .annotate(
            info_class=Coalesce(
                KeyTextTransform("information_class", "revision__content"), Value(""), output_field=TextField()
            )
        )
        .values_list("page_id", "info_class", "page__path")
    )
    return list(rows)


def overdue_reviews(site: Site, on: datetime.date) -> list[OverdueItem]:
    """The agency's live disclosure pages whose review date is before ``on`` (R2.3), most overdue first. One query
    per disclosure page type. Fixed-period items end on their own date and are left out."""
    items = []
    for model in disclosure_models():
        rows = (
            model.objects.live()
            .descendant_of(site.root_page, inclusive=True)
            .filter(next_review_date__lt=on)
            .exclude(information_class=InformationClass.FIXED_PERIOD)
            .values_list("pk", "title", "responsible_unit__name", "information_class", "next_review_date")
        )
        for pk, title, unit, info_class, review_date in rows:
            items.append(OverdueItem(pk, title, unit or "-", info_class, review_date, (on - review_date).days))
    return sorted(items, key=lambda item: (item.next_review_date, item.title))


def late_immediate_items(site: Site, start, end, now=None) -> list[LateImmediateItem]:
    """Items the working group approved as "publish immediately" in [start, end) that went live later than
    ``IMMEDIATE_PUBLISH_LIMIT_HOURS`` after, or are still waiting past it (R3.3); one query. Items sent back or
    withdrawn after approval are left out."""
    now = now or timezone.now()
    limit = datetime.timedelta(hours=settings.IMMEDIATE_PUBLISH_LIMIT_HOURS)
    first_live = (
        PageLogEntry.objects.filter(
            page_id=OuterRef("page_id"), action__in=PUBLISH_ACTIONS, timestamp__gte=OuterRef("decided_at")
        )
        .order_by("timestamp")
        .values("timestamp")[:1]
    )
    rows = (
        ChecklistReview.objects.filter(
            decision=ChecklistDecision.APPROVED,
            class_after=InformationClass.IMMEDIATE,
            decided_at__gte=start,
            decided_at__lt=end,
            page__path__startswith=site.root_page.path,
        )
        .annotate(live_at=Subquery(first_live))
        .order_by("decided_at")
        .values("page_id", "page__title", "decided_at", "live_at", "task_state__workflow_state__status")
    )
    items = []
    for row in rows:
        live_at = row["live_at"]
        if live_at is None and row["task_state__workflow_state__status"] not in (
            WorkflowState.STATUS_IN_PROGRESS,
            WorkflowState.STATUS_APPROVED,
        ):
            continue
        elapsed = (live_at or now) - row["decided_at"]
        if elapsed > limit:
            items.append(
                LateImmediateItem(row["page_id"], row["page__title"], row["decided_at"], live_at, hours(elapsed))
            )
    return items


def framework_for_year(fiscal_year_be: int) -> ItaFramework | None:
    """The ITA list of that fiscal year, else the newest list before it."""
    return (
        ItaFramework.objects.filter(fiscal_year__lte=fiscal_year_be, agency_type="")
        .order_by("-fiscal_year", "name")
        .first()
    )


def _acknowledgements(site: Site, fiscal_year_be: int, quarter: int) -> list[ReportAcknowledgement]:
    return list(
        ReportAcknowledgement.objects.filter(site=site, fiscal_year=fiscal_year_be, quarter=quarter).select_related(
            "user"
        )
    )


def _base(site, fiscal_year_be, first, last, now, quarter):
    now = now or timezone.now()
    start, end = period_bounds(first, last)
    as_of = min(timezone.localdate(now), last)
    _sections, category = _categories(site)
    return {
        "site": site,
        "agency_name": AgencySettings.for_site(site).name_th or site.site_name,
        "fiscal_year": fiscal_year_be,
        "first_day": first,
        "last_day": last,
        "as_of": as_of,
        "generated_at": now,
        "publications": _publications(site, start, end, category),
        "overdue_reviews": overdue_reviews(site, as_of),
        "acknowledgements": _acknowledgements(site, fiscal_year_be, quarter),
    }, (start, end, category, _sections, now)


def yearly_report(site: Site, fiscal_year_be: int, now=None) -> YearlyReport:
    """R4.1 for one agency and one Buddhist-era fiscal year (1 October - 30 September, local time).

    Items (distinct pages) first published, updated (published again), unpublished and expired in the year, in
    total, per category (the site's top-level sections) and per information class (the class of the version
    concerned); the timeliness of each publication against its class's set time; the live items overdue for review
    on the last day of the year (or today while it runs); every publication and removal with its dates; the
    administrators' problems and obstacles and the executives' acknowledgements. The number of queries does not
    depend on the number of pages.
    """
    first, last = thai.fiscal_year_range(fiscal_year_be)
    base, (start, end, category, sections, _now) = _base(site, fiscal_year_be, first, last, now, 0)
    publications = base["publications"]
    removals = _removals(site, start, end, category)
    verifications = _verifications(site, start, end)

    # (category, class, kind, page id) of every event of the year.
    events = [(p.category, p.information_class, "published" if p.first else "updated", p.page_id) for p in publications]
    events += [
        (r.category, r.information_class, "expired" if r.expired else "unpublished", r.page_id) for r in removals
    ]
    events += [(category(path), info_class or UNCLASSIFIED, "verified", pk) for pk, info_class, path in verifications]

    categories = list(_count_rows([*sections, OTHER_CATEGORY], [(e[0], e[2], e[3]) for e in events]).values())
    by_class = _count_rows(CLASS_ORDER, [(e[1], e[2], e[3]) for e in events])
    classes = [dataclasses.replace(by_class[value], label=class_label(value)) for value in CLASS_ORDER]
    totals = _count_rows(["รวม"], [("รวม", e[2], e[3]) for e in events])["รวม"]

    timeliness = {value: TimelinessRow(value) for value in CLASS_ORDER}
    for publication in publications:
        row = timeliness[publication.information_class or UNCLASSIFIED]
        if publication.on_time is None:
            row.unchecked += 1
        elif publication.on_time:
            row.on_time += 1
        else:
            row.late += 1

    return YearlyReport(
        **base,
        totals=totals,
        categories=categories,
        classes=classes,
        timeliness=list(timeliness.values()),
        removals=removals,
        note=YearlyReportNote.objects.filter(site=site, fiscal_year=fiscal_year_be)
        .select_related("updated_by")
        .first(),
    )


def quarterly_report(site: Site, fiscal_year_be: int, quarter: int, now=None) -> QuarterlyReport:
    """R4.2 for one agency and one quarter of a Buddhist-era fiscal year (Q1 = October-December, local time).

    The publications of the quarter and how many went through both workflow steps; the working group's decisions of
    the quarter and how many were complete checklists (all four checks) or sent back; the median and worst time from
    submission to the working group's check, to the administrators' approval and to live; the "immediate" items
    checked in the quarter that went live late or are still waiting; the live items overdue for review; the items of
    the year's ITA list that still have no evidence; the working group's findings, corrective actions and sign-off,
    and the follow-up of the previous quarter's corrective actions (Q1 follows up the previous year's Q4). The
    number of queries depends neither on the number of pages nor on the number of findings.
    """
    first, last = thai.fiscal_quarter_range(fiscal_year_be, quarter)
    base, (start, end, _category, _sections, now) = _base(site, fiscal_year_be, first, last, now, quarter)
    publications = base["publications"]

    decisions = ChecklistReview.objects.filter(
        page__path__startswith=site.root_page.path, decided_at__gte=start, decided_at__lt=end
    )
    counts = decisions.aggregate(
        total=_count(),
        complete=_count(Q(decision=ChecklistDecision.APPROVED) & checks_complete_q()),
        rejected=_count(Q(decision=ChecklistDecision.REJECTED)),
    )

    through = [publication for publication in publications if publication.through_workflow]
    durations = [
        DurationStat("เสนอขออนุมัติ → คณะทำงานฯ ตรวจสอบแล้ว", [p.submit_to_check for p in through if p.submit_to_check]),
        DurationStat("คณะทำงานฯ ตรวจสอบแล้ว → ผู้ดูแลระบบเว็บไซต์อนุมัติ", [p.check_to_approve for p in through]),
        DurationStat("ผู้ดูแลระบบเว็บไซต์อนุมัติ → เผยแพร่ต่อสาธารณะ", [p.approve_to_live for p in through]),
        DurationStat("รวม: เสนอขออนุมัติ → เผยแพร่ต่อสาธารณะ", [p.submit_to_live for p in through if p.submit_to_live]),
    ]

    framework = framework_for_year(fiscal_year_be)
    ita_missing, ita_total = [], 0
    if framework is not None:
        rows = evidence_rows(framework, site)
        ita_total = len(rows)
        ita_missing = [row.item for row in rows if row.status == MISSING]

    return QuarterlyReport(
        **base,
        quarter=quarter,
        checklists_total=counts["total"],
        checklists_complete=counts["complete"],
        checklists_rejected=counts["rejected"],
        durations=durations,
        late_immediate=late_immediate_items(site, start, end, now),
        framework=framework,
        ita_missing=ita_missing,
        ita_total=ita_total,
        working_group=working_group_part(site, fiscal_year_be, quarter),
    )


def _count(condition=None):
    return Count("pk", filter=condition) if condition is not None else Count("pk")


COUNT_KINDS = ("published", "updated", "unpublished", "expired", "verified")


def _count_rows(labels, events) -> dict[str, CountRow]:
    """One ``CountRow`` per label (in order, then any other label met) from ``(label, kind, page id)`` events:
    each figure counts distinct pages."""
    sets = {label: {kind: set() for kind in COUNT_KINDS} for label in labels}
    for label, kind, page_id in events:
        sets.setdefault(label, {kind: set() for kind in COUNT_KINDS})[kind].add(page_id)
    return {label: CountRow(label, **{kind: len(ids) for kind, ids in kinds.items()}) for label, kinds in sets.items()}
