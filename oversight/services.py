"""Writes of oversight: importing a year's ITA items, tagging pages with them; what the administrators, the working
group and the executives write into the reports (problems and obstacles, findings and their sign-off,
acknowledgements)."""

import csv
import io
from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import escape

from wagtail.fields import RichTextField
from wagtail.log_actions import log
from wagtail.models import Site

from core import thai
from core.slugs import thai_slugify
from oversight.models import (
    FindingFollowUp,
    FollowUpStatus,
    ItaFramework,
    ItaItem,
    PageItaItem,
    ReportAcknowledgement,
    WorkingGroupFinding,
    WorkingGroupReport,
    YearlyReportNote,
)
from oversight.selectors import (
    ita_skeleton_plan,
    user_can_acknowledge_report,
    user_can_prepare_ita_drafts,
    user_can_write_findings,
    user_can_write_report_notes,
    working_group_part,
)
from oversight.skeleton import GUIDANCE_FIELDS, SKELETON_ACTION, draft_fields

CSV_COLUMNS = ["code", "name", "description"]
MAX_CSV_BYTES = 2 * 1024 * 1024

NOT_SIGNED_OFF = "ผู้บริหารบันทึกการรับทราบได้หลังจากคณะทำงานฯ ลงนามรายงานของไตรมาสนี้แล้วเท่านั้น"
FROZEN = "คณะทำงานฯ ลงนามรายงานของไตรมาสนี้แล้ว จึงแก้ไขไม่ได้ หากต้องแก้ไขให้เปิดรายงานเพื่อแก้ไขก่อน"
SIGN_OFF_ACTION = "prongsai.report.sign_off"
REOPEN_ACTION = "prongsai.report.reopen"
LOG_ACTIONS = [
    (SIGN_OFF_ACTION, "คณะทำงานฯ ลงนามรายงานรายไตรมาส", "คณะทำงานฯ ลงนามรายงานผลการตรวจสอบรายไตรมาส"),
    (REOPEN_ACTION, "คณะทำงานฯ เปิดรายงานรายไตรมาสเพื่อแก้ไข", "คณะทำงานฯ เปิดรายงานรายไตรมาสที่ลงนามแล้วเพื่อแก้ไข"),
    (SKELETON_ACTION, "สร้างร่างสำหรับตัวชี้วัด ITA", "สร้างร่างหน้าสำหรับตัวชี้วัด ITA ที่ยังไม่มีหลักฐาน"),
]


class CsvImportError(Exception):
    """The CSV cannot be imported; ``errors`` says why, row by row, in Thai. Nothing was saved."""

    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp874"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvImportError(["อ่านไฟล์ไม่ได้: กรุณาบันทึกไฟล์ CSV เป็น UTF-8"])


def framework_import_csv(fileobj, *, fiscal_year: int, name: str, agency_type: str = "", description: str = ""):
    """Create (or add to) a framework from a CSV of ``code,name,description``; all rows or none.

    Refused, with every problem listed: a file that is not CSV text, a missing code or name, a code twice in the
    file, a code the framework already has. Returns ``(framework, number of items created)``.
    """
    raw = fileobj.read(MAX_CSV_BYTES + 1)
    if len(raw) > MAX_CSV_BYTES:
        raise CsvImportError(["ไฟล์ใหญ่เกิน 2 เมกะไบต์"])
    text = _decode(raw)
    if "\x00" in text:
        raise CsvImportError(["ไฟล์นี้ไม่ใช่ไฟล์ CSV"])
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if rows and [cell.strip().lower() for cell in rows[0][:3]] == CSV_COLUMNS:
        rows = rows[1:]
    if not rows:
        raise CsvImportError(["ไม่พบรายการตัวชี้วัดในไฟล์ (คอลัมน์ที่ต้องมี: code,name,description)"])

    framework = ItaFramework.objects.filter(fiscal_year=fiscal_year, name=name, agency_type=agency_type).first()
    existing = set(framework.items.values_list("code", flat=True)) if framework else set()
    errors, seen, items = [], {}, []
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row] + ["", "", ""]
        code, item_name, item_description = cells[0].upper(), cells[1], cells[2]
        where = f"แถวที่ {number}"
        if not code:
            errors.append(f"{where}: ไม่มีรหัสตัวชี้วัด")
        elif len(code) > 20:
            errors.append(f"{where}: รหัส “{code[:30]}” ยาวเกิน 20 ตัวอักษร")
        elif code in seen:
            errors.append(f"{where}: รหัส {code} ซ้ำกับแถวที่ {seen[code]}")
        elif code in existing:
            errors.append(f"{where}: รหัส {code} มีอยู่แล้วในชุดตัวชี้วัดนี้")
        if not item_name:
            errors.append(f"{where}: ไม่มีชื่อตัวชี้วัด")
        elif len(item_name) > 500:
            errors.append(f"{where}: ชื่อตัวชี้วัดยาวเกิน 500 ตัวอักษร")
        if code:
            seen.setdefault(code, number)
        items.append(ItaItem(code=code, name=item_name, description=item_description, sort_order=number))
    if errors:
        raise CsvImportError(errors)

    with transaction.atomic():
        if framework is None:
            framework = ItaFramework.objects.create(
                fiscal_year=fiscal_year, name=name, agency_type=agency_type, description=description
            )
        offset = len(existing)
        for item in items:
            item.framework = framework
            item.sort_order += offset
        ItaItem.objects.bulk_create(items)
    return framework, len(items)


MAPPING_COLUMNS = ["old_code", "new_code"]


def ita_mapping_parse(fileobj) -> list[tuple[int, str, str]]:
    """The rows of a code mapping CSV (``old_code,new_code``, header optional): ``(row number, old, new)``.
    Several old codes may name one new code (merged items). Refused (``CsvImportError``, every problem named, in
    Thai): a file that is not CSV text, a row without both codes or with more columns, a code over 20 characters,
    a file without rows. Codes that exist in neither framework are not an error here: the import reports them."""
    raw = fileobj.read(MAX_CSV_BYTES + 1)
    if len(raw) > MAX_CSV_BYTES:
        raise CsvImportError(["ไฟล์จับคู่รหัสใหญ่เกิน 2 เมกะไบต์"])
    text = _decode(raw)
    if "\x00" in text:
        raise CsvImportError(["ไฟล์จับคู่รหัสไม่ใช่ไฟล์ CSV"])
    try:
        rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    except csv.Error:
        raise CsvImportError(["อ่านไฟล์จับคู่รหัสไม่ได้: รูปแบบ CSV ไม่ถูกต้อง"]) from None
    start = 1
    if rows and [cell.strip().lower() for cell in rows[0][:2]] == MAPPING_COLUMNS:
        rows, start = rows[1:], 2
    if not rows:
        raise CsvImportError(["ไม่พบแถวจับคู่รหัสในไฟล์ (คอลัมน์ที่ต้องมี: old_code,new_code)"])
    errors, pairs = [], []
    for number, row in enumerate(rows, start=start):
        cells = [cell.strip().upper() for cell in row]
        where = f"ไฟล์จับคู่รหัส แถวที่ {number}"
        if len(cells) != 2 and any(cells[2:]):
            errors.append(f"{where}: มีเกิน 2 คอลัมน์ (ต้องเป็น old_code,new_code)")
            continue
        cells += ["", ""]
        old, new = cells[0], cells[1]
        if not old or not new:
            errors.append(f"{where}: ต้องมีทั้งรหัสเดิมและรหัสใหม่")
        elif len(old) > 20 or len(new) > 20:
            errors.append(f"{where}: รหัสยาวเกิน 20 ตัวอักษร")
        else:
            pairs.append((number, old, new))
    if errors:
        raise CsvImportError(errors)
    return pairs


@dataclass
class CarryOverReport:
    """What an import carried over from the previous framework: ``carried`` (old code, new code, new item's name,
    pages), ``unmatched`` (old code, name, pages: tagged pages with no new item to go to) and ``unknown`` (mapping
    rows naming a code that does not exist), as lists of plain values (kept in the session for the report)."""

    previous: str
    carried: list = field(default_factory=list)
    unmatched: list = field(default_factory=list)
    unknown: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def ita_tags_carry_over(previous: ItaFramework, framework: ItaFramework, mapping=()) -> CarryOverReport:
    """Every page tagged with an item of ``previous`` is also tagged with ``framework``'s item of the same code, or
    with the new codes the mapping rows (``ita_mapping_parse``) give for that old code (a mapping replaces the
    same-code rule for its old code). Existing tags are kept; a tag a page already has is not added twice. The new
    tags go into the pages' latest revisions too, so that publishing a pending draft later does not drop them.
    Returns the report of what carried over and what did not."""
    report = CarryOverReport(previous=str(previous))
    old_items = {item.code: item for item in previous.items.all()}
    new_items = {item.code: item for item in framework.items.all()}
    targets: dict[str, list[str]] = {}
    for number, old, new in mapping:
        if old not in old_items:
            report.unknown.append(f"แถวที่ {number}: ไม่มีรหัสเดิม {old} ใน “{previous}”")
        if new not in new_items:
            report.unknown.append(f"แถวที่ {number}: ไม่มีรหัสใหม่ {new} ใน “{framework}”")
        if new not in targets.setdefault(old, []):
            targets[old].append(new)

    pages_by_code: dict[str, set] = {}
    for page_id, code in PageItaItem.objects.filter(item__framework=previous).values_list("page_id", "item__code"):
        pages_by_code.setdefault(code, set()).add(page_id)
    have = set(PageItaItem.objects.filter(item__framework=framework).values_list("page_id", "item_id"))
    wanted: dict[tuple, None] = {}
    for code in sorted(pages_by_code, key=lambda c: old_items[c].sort_order):
        pages = pages_by_code[code]
        new_codes = [new for new in targets.get(code, [code]) if new in new_items]
        if not new_codes:
            report.unmatched.append([code, old_items[code].name, len(pages)])
            continue
        for new in new_codes:
            report.carried.append([code, new, new_items[new].name, len(pages)])
            for page_id in sorted(pages):
                if (page_id, new_items[new].pk) not in have:
                    wanted[(page_id, new_items[new].pk)] = None
    if wanted:
        _page_tags_add(list(wanted))
    return report


def _page_tags_add(pairs: list[tuple[int, int]]) -> None:
    """Add ``(page id, item id)`` tags to the pages' rows and to their latest revisions; purge the ITA evidence pages
    of the agencies concerned from the page cache."""
    from modelcluster.models import get_serializable_data_for_fields
    from wagtail.models import Page, Revision

    from core.page_cache import purge_on_commit
    from core.page_cache_triggers import site_of

    page_ids = {page_id for page_id, _ in pairs}
    last_order = dict(
        PageItaItem.objects.filter(page_id__in=page_ids)
        .values("page_id")
        .annotate(last=Max("sort_order"))
        .values_list("page_id", "last")
    )
    rows = []
    for page_id, item_id in pairs:
        last_order[page_id] = (last_order.get(page_id) or 0) + 1
        rows.append(PageItaItem(page_id=page_id, item_id=item_id, sort_order=last_order[page_id]))
    rows = PageItaItem.objects.bulk_create(rows)
    by_page: dict[int, list] = {}
    for row in rows:
        by_page.setdefault(row.page_id, []).append(get_serializable_data_for_fields(row))

    pages = Page.objects.filter(pk__in=page_ids).values_list("pk", "latest_revision_id", "url_path")
    revisions = Revision.objects.filter(pk__in=[revision for _, revision, _ in pages if revision])
    changed = []
    for revision in revisions:
        content = revision.content
        content["ita_items"] = list(content.get("ita_items") or []) + by_page[int(revision.object_id)]
        changed.append(revision)
    Revision.objects.bulk_update(changed, ["content"])
    sites = {site_of(url_path) for _, _, url_path in pages}
    purge_on_commit(deps={f"ita:{site_id}" for site_id in sites if site_id})


def framework_year_import(
    fileobj,
    *,
    fiscal_year: int,
    name: str,
    agency_type: str = "",
    description: str = "",
    previous: ItaFramework | None = None,
    mapping_file=None,
):
    """Import a year's items (``framework_import_csv``) and carry the pages' tags over from ``previous``
    (``ita_tags_carry_over``, with the optional mapping CSV), all or nothing: a bad items file or a bad mapping
    file imports nothing. Returns ``(framework, items created, CarryOverReport or None)``."""
    mapping = ita_mapping_parse(mapping_file) if mapping_file is not None else []
    if mapping and previous is None:
        raise CsvImportError(["ไฟล์จับคู่รหัสใช้ได้เมื่อเลือกชุดตัวชี้วัดเดิมที่จะยกการติดแท็กมาเท่านั้น"])
    if previous is not None and (previous.fiscal_year, previous.name, previous.agency_type) == (
        fiscal_year,
        name,
        agency_type,
    ):
        raise CsvImportError(["ชุดตัวชี้วัดเดิมที่ยกการติดแท็กมาต้องเป็นคนละชุดกับชุดที่นำเข้า"])
    with transaction.atomic():
        framework, count = framework_import_csv(
            fileobj, fiscal_year=fiscal_year, name=name, agency_type=agency_type, description=description
        )
        report = ita_tags_carry_over(previous, framework, mapping) if previous is not None else None
    return framework, count, report


def ita_items_for(codes, framework: ItaFramework | None = None) -> list[PageItaItem]:
    """Tags for a page (``page.ita_items = ...``): the items of ``framework`` (default: the newest) with these codes,
    given as a list or as text like ``"O1, O3"``."""
    if isinstance(codes, str):
        codes = [code.strip().upper() for code in codes.split(",") if code.strip()]
    framework = framework or ItaFramework.objects.order_by("-fiscal_year", "pk").first()
    if framework is None or not codes:
        return []
    return [PageItaItem(item=item) for item in framework.items.filter(code__in=codes)]


# The ITA registry is national: one list of frameworks and items for every agency on the installation, so an
# agency's administrators read it and only superusers change it (a change would change every agency's evidence).
ITA_REGISTRY_READ = ["view_itaframework", "view_itaitem"]
ITA_REGISTRY_WRITE = [
    f"{action}_{model}" for action in ("add", "change", "delete") for model in ("itaframework", "itaitem")
]


def ita_registry_permissions_grant(group) -> None:
    """Website administrators read the national ITA registry (frameworks and items); they no longer change it, since
    every agency shares it: only superusers add, change, delete or import. Idempotent."""
    from django.contrib.auth.models import Permission

    registry = Permission.objects.filter(content_type__app_label="oversight")
    group.permissions.remove(*registry.filter(codename__in=ITA_REGISTRY_WRITE))
    group.permissions.add(*registry.filter(codename__in=ITA_REGISTRY_READ))


def yearly_report_problems_save(site, fiscal_year: int, user, problems: str):
    """Store the administrators' ปัญหาและอุปสรรคในการดำเนินงาน of ``site``'s yearly report; only the agency's website
    administrators (or a superuser) may. Written into the audit log."""
    if not user_can_write_report_notes(user, site):
        raise PermissionDenied("เฉพาะผู้ดูแลระบบเว็บไซต์ของหน่วยงานนี้เท่านั้นที่บันทึกปัญหาและอุปสรรคได้")
    with transaction.atomic():
        note, _created = YearlyReportNote.objects.select_for_update().get_or_create(site=site, fiscal_year=fiscal_year)
        note.problems = problems.strip()
        note.updated_by = user
        note.updated_at = timezone.now()
        note.save()
        log(instance=note, action="wagtail.edit", user=user)
    return note


def report_acknowledge(site, fiscal_year: int, quarter: int, user):
    """An executive of ``site`` acknowledges the yearly report (``quarter`` 0) or a quarter's report: recorded once
    per executive, with the time. Anyone else is refused (``PermissionDenied``); a quarter's report only once the
    working group has signed off its findings (R4.2), else ``ValidationError``."""
    if not user_can_acknowledge_report(user, site):
        raise PermissionDenied("เฉพาะผู้บริหารของหน่วยงานนี้เท่านั้นที่บันทึกการรับทราบรายงานได้")
    with transaction.atomic():
        if quarter != ReportAcknowledgement.YEARLY:
            # Locks the working group's report, so that a reopening cannot pass between this check and the write.
            signed = WorkingGroupReport.objects.select_for_update().filter(
                site=site, fiscal_year=fiscal_year, quarter=quarter, signed_off_at__isnull=False
            )
            if not list(signed):
                raise ValidationError(NOT_SIGNED_OFF)
        acknowledgement, created = ReportAcknowledgement.objects.get_or_create(
            site=site,
            fiscal_year=fiscal_year,
            quarter=quarter,
            user=user,
            defaults={"acknowledged_at": timezone.now()},
        )
        if created:
            log(instance=acknowledgement, action="wagtail.create", user=user)
    return acknowledgement


class ReportChanged(ValidationError):
    """Another member saved the report after this member opened it."""


def quarterly_findings_save(
    site,
    fiscal_year: int,
    quarter: int,
    user,
    *,
    summary: str,
    findings: list[dict],
    followups: dict,
    based_on: str | None = None,
) -> WorkingGroupReport:
    """Store the working group's part of a quarter's report (R4.2), all or nothing.

    ``findings`` is the whole list, in order: dicts with ``finding``, ``corrective_action``, ``responsible``,
    ``due_date`` and, for a finding already stored, its ``id``; stored findings left out are removed.
    ``followups`` maps the id of a finding of the previous quarter (once that report is signed off) to a dict
    with ``status`` (``done`` / ``not_done``, or empty to clear), ``done_on`` and ``note``.

    Only the agency's working-group members (``PermissionDenied``); refused once signed off, or with a finding or
    follow-up that is not this report's or the previous quarter's (``ValidationError``), or when ``based_on`` (the
    ``updated_at`` the member's form started from, ``""`` for none) is no longer the stored one (``ReportChanged``):
    one member's save never silently replaces another's. Written into the audit log.
    """
    if not user_can_write_findings(user, site):
        raise PermissionDenied("เฉพาะคณะทำงานฯ ของหน่วยงานนี้เท่านั้นที่บันทึกผลการตรวจสอบรายไตรมาสได้")
    with transaction.atomic():
        report, _created = WorkingGroupReport.objects.select_for_update().get_or_create(
            site=site, fiscal_year=fiscal_year, quarter=quarter
        )
        if report.signed_off:
            raise ValidationError(FROZEN)
        if based_on is not None and based_on != (report.updated_at.isoformat() if report.updated_at else ""):
            who = (report.updated_by.get_full_name() or report.updated_by.get_username()) if report.updated_by else "-"
            raise ReportChanged(
                f"{who} บันทึกรายงานนี้เมื่อ {thai.format_thai_datetime(timezone.localtime(report.updated_at))} "
                "หลังจากท่านเปิดหน้านี้ ข้อมูลที่ท่านกรอกยังแสดงอยู่ด้านล่างและยังไม่ได้บันทึก "
                "กรุณาเปิดรายงานในแท็บใหม่เพื่อดูฉบับล่าสุด หากกดบันทึกอีกครั้ง ฉบับของท่านจะแทนที่ฉบับนั้น"
            )
        stored = {finding.pk: finding for finding in report.findings.all()}
        kept = set()
        for order, data in enumerate(findings, start=1):
            finding = stored.get(data.get("id")) if data.get("id") else WorkingGroupFinding(report=report)
            if finding is None:
                raise ValidationError("ไม่พบข้อค้นพบที่ต้องการแก้ไขในรายงานนี้ กรุณาเปิดหน้ารายงานใหม่")
            finding.sort_order = order
            for name in ("finding", "corrective_action", "responsible", "due_date"):
                setattr(finding, name, data[name].strip() if isinstance(data[name], str) else data[name])
            finding.full_clean(exclude=["report"])
            finding.save()
            kept.add(finding.pk)
        removed = [pk for pk in stored if pk not in kept]
        WorkingGroupFinding.objects.filter(pk__in=removed).delete()

        part = working_group_part(site, fiscal_year, quarter)
        open_ids = {finding.pk for finding in part.previous_findings} if part.followups_open else set()
        for finding_id, data in followups.items():
            if finding_id not in open_ids:
                raise ValidationError("ติดตามผลได้เฉพาะแนวทางแก้ไขในรายงานไตรมาสก่อนที่ลงนามแล้ว")
            _followup_save(report, finding_id, data)

        report.summary = summary.strip()
        report.updated_by = user
        report.updated_at = timezone.now()
        report.save()
        log(
            instance=report,
            action="wagtail.edit",
            user=user,
            data={"findings": len(kept), "removed": len(removed), "followups": len(followups)},
        )
    return report


def _followup_save(report, finding_id: int, data: dict) -> None:
    status = data.get("status") or ""
    if not status:
        FindingFollowUp.objects.filter(finding_id=finding_id).delete()
        return
    if status not in FollowUpStatus.values:
        raise ValidationError("ผลการดำเนินการไม่ถูกต้อง")
    done_on = data.get("done_on") if status == FollowUpStatus.DONE else None
    note = (data.get("note") or "").strip()
    if status == FollowUpStatus.DONE and not done_on:
        raise ValidationError("แนวทางแก้ไขที่ดำเนินการแล้วต้องระบุวันที่ดำเนินการแล้วเสร็จ")
    if status == FollowUpStatus.NOT_DONE and not note:
        raise ValidationError("แนวทางแก้ไขที่ยังไม่ได้ดำเนินการต้องระบุเหตุผลหรือแผนการดำเนินการในหมายเหตุ")
    FindingFollowUp.objects.update_or_create(
        finding_id=finding_id, defaults={"report": report, "status": status, "done_on": done_on, "note": note}
    )


def quarterly_findings_sign_off(site, fiscal_year: int, quarter: int, user) -> WorkingGroupReport:
    """A working-group member signs off the working group's part of a quarter's report (who, when); from then on it
    is frozen and the executives may acknowledge the quarter's report.

    Refused (``ValidationError``, in Thai) before the quarter's last day, without a general summary, or while a
    corrective action of the previous (signed-off) quarter has no follow-up. Written into the audit log."""
    if not user_can_write_findings(user, site):
        raise PermissionDenied("เฉพาะคณะทำงานฯ ของหน่วยงานนี้เท่านั้นที่ลงนามรายงานรายไตรมาสได้")
    with transaction.atomic():
        report = WorkingGroupReport.objects.select_for_update().filter(
            site=site, fiscal_year=fiscal_year, quarter=quarter
        )
        report = report.first()
        if report is None or not report.summary:
            raise ValidationError("กรุณาบันทึกสรุปผลการตรวจสอบของคณะทำงานฯ ก่อนลงนาม")
        if report.signed_off:
            raise ValidationError("รายงานของไตรมาสนี้ลงนามแล้ว")
        _first, last = thai.fiscal_quarter_range(fiscal_year, quarter)
        if timezone.localdate() < last:
            raise ValidationError(f"ลงนามได้ตั้งแต่วันสุดท้ายของไตรมาส ({thai.format_thai_date(last)}) เมื่อข้อมูลของไตรมาสครบแล้ว")
        missing = working_group_part(site, fiscal_year, quarter).followups_missing
        if missing:
            raise ValidationError(
                f"กรุณาบันทึกผลการดำเนินการตามแนวทางแก้ไขของไตรมาสก่อนให้ครบทุกรายการก่อนลงนาม (ยังขาด {len(missing)} รายการ)"
            )
        report.signed_off_by = user
        report.signed_off_at = timezone.now()
        report.save(update_fields=["signed_off_by", "signed_off_at"])
        log(instance=report, action=SIGN_OFF_ACTION, user=user)
    return report


def quarterly_findings_reopen(site, fiscal_year: int, quarter: int, user, reason: str) -> WorkingGroupReport:
    """A working-group member reopens a signed-off report to correct it, with a reason kept in the audit log (with
    who had signed it and when). Refused once an executive has acknowledged the quarter's report, or once the next
    quarter's report follows up its corrective actions (those would no longer match)."""
    if not user_can_write_findings(user, site):
        raise PermissionDenied("เฉพาะคณะทำงานฯ ของหน่วยงานนี้เท่านั้นที่เปิดรายงานเพื่อแก้ไขได้")
    reason = reason.strip()
    if not reason:
        raise ValidationError("กรุณาระบุเหตุผลที่ต้องเปิดรายงานเพื่อแก้ไข")
    with transaction.atomic():
        report = (
            WorkingGroupReport.objects.select_for_update()
            .filter(site=site, fiscal_year=fiscal_year, quarter=quarter, signed_off_at__isnull=False)
            .first()
        )
        if report is None:
            raise ValidationError("รายงานของไตรมาสนี้ยังไม่ได้ลงนาม")
        if ReportAcknowledgement.objects.filter(site=site, fiscal_year=fiscal_year, quarter=quarter).exists():
            raise ValidationError("ผู้บริหารรับทราบรายงานของไตรมาสนี้แล้ว จึงเปิดเพื่อแก้ไขไม่ได้")
        if FindingFollowUp.objects.filter(finding__report=report).exists():
            raise ValidationError("รายงานไตรมาสถัดไปติดตามผลแนวทางแก้ไขของไตรมาสนี้แล้ว จึงเปิดเพื่อแก้ไขไม่ได้")
        signed_by, signed_at = report.signed_off_by, report.signed_off_at
        report.signed_off_by = None
        report.signed_off_at = None
        report.save(update_fields=["signed_off_by", "signed_off_at"])
        log(
            instance=report,
            action=REOPEN_ACTION,
            user=user,
            data={
                "reason": reason,
                "signed_off_by": signed_by.get_username(),
                "signed_off_at": signed_at.isoformat(),
            },
        )
    return report


@dataclass
class SkeletonResult:
    """What ``ita_skeleton_create`` made: the drafts, and those still without a responsible unit."""

    created: list
    without_unit: list


def _guidance(item: ItaItem, framework: ItaFramework, rich: bool) -> str:
    evidence = item.expected_evidence.strip() or item.description.strip()
    lines = [
        f"ร่างสำหรับตัวชี้วัด {item.code} {item.name} ({framework})",
        f"หลักฐานที่ต้องแสดง: {evidence}" if evidence else "หลักฐานที่ต้องแสดง: ตามคำอธิบายของตัวชี้วัดนี้",
        "กรุณาแทนข้อความนี้ด้วยข้อมูลของหน่วยงาน แนบเอกสารที่เกี่ยวข้อง แล้วส่งให้คณะทำงานฯ ตรวจสอบ",
    ]
    if item.description.strip() and item.expected_evidence.strip():
        lines.insert(2, f"คำอธิบาย: {item.description.strip()}")
    if not rich:
        return "\n".join(lines)
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


def _free_slug(parent, title: str, code: str) -> str:
    base = thai_slugify(title) or thai_slugify(f"ita-{code}") or "ita"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def ita_skeleton_create(framework: ItaFramework, site, user) -> SkeletonResult:
    """Readiness for the coming year (issue 15): one draft page per item of ``framework`` for which ``site``'s
    agency has no evidence yet (no page of its tree tagged with it, draft or live, and no document of its
    collection), placed by ``oversight.skeleton``'s rules, titled after the item, tagged with it, given the
    section's responsible unit when it has one of the agency's units, and showing the item's expected evidence in
    its body for the editor. Drafts only: nothing is published. Run twice, the second run makes nothing (each
    draft is tagged). Only the agency's website administrators or a superuser (``PermissionDenied``). Each draft is
    written into the audit log (``prongsai.ita.skeleton``), which is how the editors' dashboard lists them."""
    if not user_can_prepare_ita_drafts(user, site):
        raise PermissionDenied("เฉพาะผู้ดูแลระบบเว็บไซต์ของหน่วยงานนี้เท่านั้นที่สร้างร่างสำหรับตัวชี้วัด ITA ได้")
    created, without_unit = [], []
    with transaction.atomic():
        # One run at a time per agency: a second click waits, then finds the first run's drafts tagged.
        Site.objects.select_for_update().filter(pk=site.pk).first()
        for draft in ita_skeleton_plan(framework, site):
            item, label = draft.item, draft.model._meta.label
            guidance_field = GUIDANCE_FIELDS[label]
            rich = isinstance(draft.model._meta.get_field(guidance_field), RichTextField)
            page = draft.model(
                title=item.name[:255],
                slug=_free_slug(draft.parent, item.name, item.code),
                live=False,
                has_unpublished_changes=True,
                owner=user,
                responsible_unit=draft.unit,
                fiscal_year=framework.fiscal_year,
                **{guidance_field: _guidance(item, framework, rich)},
                **draft_fields(draft.model, item, framework.fiscal_year),
            )
            if label == "disclosure.PlanPage":
                # Not null in the database; the year the framework assesses is the plan's year until edited.
                page.fiscal_year_start = page.fiscal_year_end = framework.fiscal_year
            page.ita_items = [PageItaItem(item=item)]
            draft.parent.add_child(instance=page)
            # Validated as a draft by add_child (title, slug); the rest is for the editor to fill in.
            page.save_revision(user=user, log_action=False, clean=False)
            log(
                instance=page,
                action=SKELETON_ACTION,
                user=user,
                data={"framework": str(framework), "item": item.code},
            )
            created.append(page)
            if draft.unit is None:
                without_unit.append(page)
    return SkeletonResult(created, without_unit)
