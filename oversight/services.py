"""Writes of oversight: importing a year's ITA items, tagging pages with them."""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from oversight.models import ItaFramework, ItaItem, PageItaItem, ReportAcknowledgement, YearlyReportNote
from oversight.selectors import user_can_acknowledge_report, user_can_write_report_notes

CSV_COLUMNS = ["code", "name", "description"]
MAX_CSV_BYTES = 2 * 1024 * 1024


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


def ita_items_for(codes, framework: ItaFramework | None = None) -> list[PageItaItem]:
    """Tags for a page (``page.ita_items = ...``): the items of ``framework`` (default: the newest) with these codes,
    given as a list or as text like ``"O1, O3"``."""
    if isinstance(codes, str):
        codes = [code.strip().upper() for code in codes.split(",") if code.strip()]
    framework = framework or ItaFramework.objects.order_by("-fiscal_year", "pk").first()
    if framework is None or not codes:
        return []
    return [PageItaItem(item=item) for item in framework.items.filter(code__in=codes)]


def ita_registry_permissions_grant(group) -> None:
    """Website administrators keep the ITA registry: add and change frameworks and items."""
    from django.contrib.auth.models import Permission

    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="oversight",
            codename__in=["add_itaframework", "change_itaframework", "add_itaitem", "change_itaitem"],
        )
    )


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
    per executive, with the time. Anyone else is refused."""
    if not user_can_acknowledge_report(user, site):
        raise PermissionDenied("เฉพาะผู้บริหารของหน่วยงานนี้เท่านั้นที่บันทึกการรับทราบรายงานได้")
    with transaction.atomic():
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
