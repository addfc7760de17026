"""XLSX workbooks of the executives' reports: a summary sheet with the figures, then one sheet per table. Dates are
written as Thai Buddhist-era text (Excel would show a date cell in the Gregorian calendar); durations in hours."""

import io

from django.utils import timezone

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core import thai
from oversight.models import FollowUpStatus
from oversight.reports import PROBLEMS_HEADING, QuarterlyReport, YearlyReport, hours

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)


def _when(value) -> str:
    if not value:
        return "-"
    if hasattr(value, "hour"):
        return thai.format_thai_datetime(timezone.localtime(value))
    return thai.format_thai_date(value)


def _sheet(workbook, title, headers, rows, widths=None):
    sheet = workbook.create_sheet(title[:31])
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = BOLD
    for row in rows:
        sheet.append(list(row))
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _summary(workbook, report, lines):
    sheet = workbook.active
    sheet.title = "สรุป"
    sheet.append([report.agency_name])
    sheet.append([report.heading])
    sheet.append([report.subheading])
    sheet.append([f"ข้อมูล ณ วันที่ {thai.format_thai_date(report.as_of)}"])
    for row in sheet.iter_rows(min_row=1, max_row=2):
        row[0].font = TITLE
    sheet.append([])
    for line in lines:
        sheet.append(list(line))
        if len(line) == 1:
            sheet.cell(row=sheet.max_row, column=1).font = BOLD
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 18
    return sheet


def _acknowledgement_lines(report):
    lines = [["การรับทราบของผู้บริหาร"]]
    lines += [
        [f"{ack.user.get_full_name() or ack.user.get_username()}", _when(ack.acknowledged_at)]
        for ack in report.acknowledgements
    ]
    if not report.acknowledgements:
        lines.append(["ยังไม่มีผู้บริหารบันทึกการรับทราบ"])
    return lines


def _publication_rows(report):
    return [
        [
            p.title,
            p.url,
            p.category,
            p.class_label,
            p.kind_label,
            _when(p.submitted_at),
            _when(p.checked_at),
            _when(p.approved_at),
            _when(p.live_at),
            p.hours_to_live,
            p.timeliness_label,
            p.publisher,
        ]
        for p in report.publications
    ]


PUBLICATION_HEADERS = [
    "ข้อมูล",
    "ที่อยู่ (URL)",
    "หมวดข้อมูล",
    "ประเภทข้อมูล",
    "การเผยแพร่",
    "เสนอขออนุมัติเมื่อ",
    "คณะทำงานฯ ตรวจสอบเมื่อ",
    "ผู้ดูแลระบบเว็บไซต์อนุมัติเมื่อ",
    "เผยแพร่ต่อสาธารณะเมื่อ",
    "ชั่วโมงตั้งแต่ตรวจสอบจนเผยแพร่",
    "ระยะเวลา",
    "ผู้เผยแพร่",
]


def _overdue_rows(report):
    return [
        [item.title, item.unit, item.class_label, _when(item.next_review_date), item.days_overdue]
        for item in report.overdue_reviews
    ]


OVERDUE_HEADERS = ["ข้อมูล", "หน่วยงานที่รับผิดชอบ", "ประเภทข้อมูล", "วันที่ต้องทบทวน", "เลยกำหนด (วัน)"]


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def yearly_report_xlsx(report: YearlyReport) -> bytes:
    """The yearly report (R4.1) as a workbook: summary, per category, per class, timeliness, publications,
    removals, overdue reviews."""
    workbook = Workbook()
    totals = report.totals
    problems = report.note.problems if report.note and report.note.problems else "-"
    summary = _summary(
        workbook,
        report,
        [
            ["ผลการเผยแพร่และการปรับปรุงข้อมูล (จำนวนรายการ)"],
            ["เผยแพร่ใหม่", totals.published],
            ["ปรับปรุงข้อมูล", totals.updated],
            ["ยกเลิกการเผยแพร่", totals.unpublished],
            ["สิ้นสุดระยะเวลาเผยแพร่", totals.expired],
            ["ยืนยันข้อมูลยังเป็นปัจจุบัน", totals.verified],
            ["ความทันเวลาของการเผยแพร่ (ครั้ง)"],
            ["ตามระยะเวลาที่กำหนด", report.on_time],
            ["เกินระยะเวลาที่กำหนด", report.late],
            ["ไม่ผ่านการตรวจสอบของคณะทำงานฯ", report.unchecked],
            ["ข้อมูลที่เลยกำหนดทบทวน (รายการ)", len(report.overdue_reviews)],
            [PROBLEMS_HEADING],
            [problems],
            *_acknowledgement_lines(report),
        ],
    )
    for row in summary.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    count_headers = ["", "เผยแพร่ใหม่", "ปรับปรุงข้อมูล", "ยกเลิกการเผยแพร่", "สิ้นสุดระยะเวลาเผยแพร่", "ยืนยันเป็นปัจจุบัน"]

    def count_row(row):
        return [row.label, row.published, row.updated, row.unpublished, row.expired, row.verified]

    _sheet(
        workbook,
        "ตามหมวดข้อมูล",
        ["หมวดข้อมูล", *count_headers[1:]],
        [count_row(row) for row in [*report.categories, totals]],
        [45, 14, 14, 16, 20, 16],
    )
    _sheet(
        workbook,
        "ตามประเภทข้อมูล",
        ["ประเภทข้อมูล", *count_headers[1:]],
        [count_row(row) for row in [*report.classes, totals]],
        [55, 14, 14, 16, 20, 16],
    )
    _sheet(
        workbook,
        "ความทันเวลา",
        ["ประเภทข้อมูล", "ระยะเวลาที่กำหนด", "ตามกำหนด", "เกินกำหนด", "ไม่ผ่านคณะทำงานฯ", "รวม"],
        [[r.label, r.deadline_label, r.on_time, r.late, r.unchecked, r.total] for r in report.timeliness],
        [55, 40, 12, 12, 18, 10],
    )
    _sheet(workbook, "รายการเผยแพร่", PUBLICATION_HEADERS, _publication_rows(report), [40, 40, 30, 30, 14])
    _sheet(
        workbook,
        "ยกเลิกและสิ้นสุดการเผยแพร่",
        ["ข้อมูล", "หมวดข้อมูล", "ประเภทข้อมูล", "รายการ", "เมื่อ", "โดย"],
        [[r.title, r.category, r.class_label, r.kind_label, _when(r.at), r.by] for r in report.removals],
        [40, 30, 30, 22, 28, 20],
    )
    _sheet(workbook, "เลยกำหนดทบทวน", OVERDUE_HEADERS, _overdue_rows(report), [40, 30, 30, 20, 14])
    return _save(workbook)


def quarterly_report_xlsx(report: QuarterlyReport) -> bytes:
    """The quarterly report (R4.2) as a workbook: summary, times, publications, late immediate items, overdue
    reviews, ITA items without evidence, the working group's findings, the follow-up of the previous quarter's
    corrective actions."""
    workbook = Workbook()
    summary = _summary(
        workbook,
        report,
        [
            ["การเผยแพร่ในไตรมาส (ครั้ง)"],
            ["เผยแพร่ทั้งหมด", len(report.publications)],
            ["ผ่านครบทั้ง 2 ขั้นตอน (คณะทำงานฯ และผู้ดูแลระบบเว็บไซต์)", report.through_workflow],
            ["ไม่ผ่านครบทั้ง 2 ขั้นตอน", report.without_workflow],
            ["การตรวจสอบของคณะทำงานฯ (ครั้ง)"],
            ["ผลการตรวจสอบทั้งหมด", report.checklists_total],
            ["ตรวจสอบครบทุกด้านและเสนอขออนุมัติ", report.checklists_complete],
            ["ส่งกลับให้แก้ไข", report.checklists_rejected],
            ["ข้อมูลเผยแพร่ทันทีที่เกินระยะเวลาที่กำหนด (รายการ)", len(report.late_immediate)],
            ["ข้อมูลที่เลยกำหนดทบทวน (รายการ)", len(report.overdue_reviews)],
            ["ตัวชี้วัด ITA ที่ยังไม่มีหลักฐาน (รายการ)", len(report.ita_missing)],
            *_working_group_lines(report),
            *_acknowledgement_lines(report),
        ],
    )
    for row in summary.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _sheet(
        workbook,
        "ระยะเวลาดำเนินการ",
        ["ช่วง", "จำนวน", "ค่ามัธยฐาน (ชั่วโมง)", "ค่ามัธยฐาน", "นานที่สุด (ชั่วโมง)", "นานที่สุด"],
        [[d.label, d.count, hours(d.median), d.median_label, hours(d.worst), d.worst_label] for d in report.durations],
        [50, 10, 18, 24, 18, 24],
    )
    _sheet(workbook, "รายการเผยแพร่", PUBLICATION_HEADERS, _publication_rows(report), [40, 40, 30, 30, 14])
    _sheet(
        workbook,
        "เผยแพร่ทันทีเกินกำหนด",
        ["ข้อมูล", "คณะทำงานฯ ตรวจสอบเมื่อ", "เผยแพร่เมื่อ", "ชั่วโมง"],
        [
            [i.title, _when(i.checked_at), _when(i.live_at) if i.live_at else "ยังไม่เผยแพร่", i.hours]
            for i in report.late_immediate
        ],
        [40, 28, 28, 10],
    )
    _sheet(workbook, "เลยกำหนดทบทวน", OVERDUE_HEADERS, _overdue_rows(report), [40, 30, 30, 20, 14])
    _sheet(
        workbook,
        "ITA ที่ยังไม่มีหลักฐาน",
        ["รหัส", "ตัวชี้วัด"],
        [[item.code, item.name] for item in report.ita_missing],
        [10, 70],
    )
    wg = report.working_group
    _sheet(
        workbook,
        "ข้อค้นพบและแนวทางแก้ไข",
        FINDING_HEADERS,
        [_finding_row(number, finding) for number, finding in enumerate(wg.findings, start=1)],
        [8, 50, 50, 30, 24],
    )
    followups = []
    for number, finding in enumerate(wg.previous_findings if wg.followups_open else [], start=1):
        followup = finding.followup_or_none
        followups.append(
            [
                *_finding_row(number, finding),
                followup.get_status_display() if followup else "ยังไม่ได้ติดตาม",
                _when(followup.done_on) if followup and followup.done_on else "-",
                followup.note if followup and followup.note else "-",
            ]
        )
    _sheet(
        workbook,
        "ติดตามผลไตรมาสก่อน",
        [*FINDING_HEADERS, "ผลการดำเนินการ", "ดำเนินการแล้วเสร็จเมื่อ", "หมายเหตุ"],
        followups,
        [8, 40, 40, 25, 20, 20, 20, 40],
    )
    return _save(workbook)


FINDING_HEADERS = ["ลำดับ", "ข้อค้นพบ (สิ่งที่ไม่เป็นไปตามขั้นตอน)", "แนวทางแก้ไข", "ผู้รับผิดชอบ", "กำหนดแล้วเสร็จ"]


def _finding_row(number, finding) -> list:
    return [number, finding.finding, finding.corrective_action, finding.responsible, _when(finding.due_date)]


def _working_group_lines(report: QuarterlyReport) -> list:
    """The working group's summary and sign-off (or that it is still a draft), on the summary sheet."""
    wg = report.working_group
    lines = [["ผลการตรวจสอบของคณะทำงานฯ"]]
    if wg.report is None:
        return [*lines, ["ยังไม่ได้บันทึก"]]
    lines.append([wg.report.summary or "-"])
    lines.append(["ข้อค้นพบและแนวทางแก้ไข (รายการ)", len(wg.findings)])
    if wg.signed_off:
        signer = wg.report.signed_off_by
        lines.append([f"ลงนามโดย {signer.get_full_name() or signer.get_username()}", _when(wg.report.signed_off_at)])
    else:
        lines.append(["ฉบับร่าง คณะทำงานฯ ยังไม่ได้ลงนาม"])
    if wg.followups_open and wg.previous_findings:
        statuses = [finding.followup_or_none and finding.followup_or_none.status for finding in wg.previous_findings]
        done = statuses.count(FollowUpStatus.DONE)
        lines.append([f"แนวทางแก้ไขของ{report.previous_label} ดำเนินการแล้ว", f"{done} จาก {len(wg.previous_findings)}"])
    return lines
