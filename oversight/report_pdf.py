"""The executives' reports as PDF: the report's HTML through WeasyPrint, the list of the period's publications (a
thousand rows in a year) drawn by ``documents.long_table`` in its place, so the yearly report of a busy agency comes
out in a couple of seconds instead of a quarter of a minute."""

from django.template.loader import render_to_string
from django.utils import timezone

from core import thai
from documents.generate import FONT_FACES, pdf_from_document, pdf_with_long_table
from documents.long_table import Column, Paragraph

# Shares of the landscape page's width, as the screen's columns.
PUBLICATION_COLUMNS = [
    Column("ลำดับ", 5, "right"),
    Column("ข้อมูล", 27),
    Column("ประเภทข้อมูล", 13),
    Column("เสนอขออนุมัติ", 11),
    Column("คณะทำงานฯ ตรวจสอบ", 11),
    Column("ผู้ดูแลระบบเว็บไซต์อนุมัติ", 11),
    Column("เผยแพร่", 11),
    Column("ระยะเวลา", 11),
]


def _when(value) -> str:
    return thai.format_thai_datetime(timezone.localtime(value), short=True) if value else "-"


def publication_rows(report) -> list:
    """The list's rows: title with what it was and its category, class, the four times, timeliness."""
    rows = []
    for number, publication in enumerate(report.publications, start=1):
        live = [Paragraph(_when(publication.live_at))]
        if publication.scheduled:
            live.append(Paragraph("(ตามกำหนดเวลา)", small=True))
        rows.append(
            [
                [Paragraph(str(number))],
                [
                    Paragraph(publication.title),
                    Paragraph(f"{publication.kind_label} · {publication.category}", small=True),
                ],
                [Paragraph(publication.class_label)],
                [Paragraph(_when(publication.submitted_at))],
                [Paragraph(_when(publication.checked_at))],
                [Paragraph(_when(publication.approved_at))],
                live,
                [Paragraph(publication.timeliness_label)],
            ]
        )
    return rows


def report_pdf(request, report, body_template: str) -> bytes:
    """The yearly or quarterly report ``report`` as an A4 PDF (``body_template`` is its body's template)."""
    html = render_to_string(
        "oversight/report_pdf.html",
        {"report": report, "body_template": body_template, "font_faces": FONT_FACES, "for_pdf": True},
        request=request,
    )
    if not report.publications:
        return pdf_from_document(html)
    return pdf_with_long_table(html, PUBLICATION_COLUMNS, publication_rows(report), footer=report.running_footer)
