"""Long tables drawn straight into PDF pages (documents.long_table) and put among WeasyPrint's pages
(documents.generate.pdf_with_long_table): the text comes back as written, rows stay whole, pages are numbered in
the run of the document."""

import io
import re

import pydyf
from pypdf import PdfReader

from documents.generate import LONG_TABLE_MARKER, PDF_CSS, pdf_with_long_table
from documents.long_table import Column, LongTable, Paragraph

COLUMNS = [Column("ลำดับ", 8, "right"), Column("ข้อมูล", 60), Column("ผลการตรวจสอบ", 32)]
# Vowels above and below, tone marks, SARA AM after a tone mark and without one, Latin and digits.
TITLES = [
    "ประกาศจังหวัดเพชรบุรี เรื่องการกำหนดราคาน้ำประปา ประจำปี 2568",
    "คู่มือสำหรับประชาชน การขอรับใบอนุญาตจำหน่ายสุรา (Liquor licence)",
    "รายงานผลการดำเนินงานไตรมาสที่ 1 ทำเนียบผู้บริหาร ฯลฯ",
]


def _table(rows=90, **kwargs):
    return LongTable(COLUMNS, table_rows(rows), **kwargs)


def _pages_text(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def _alone(table, first_number=1) -> bytes:
    pdf = pydyf.PDF()
    table.add_to(pdf, 0, first_number)
    output = io.BytesIO()
    pdf.write(output)
    return output.getvalue()


def test_the_thai_text_comes_back_as_written_on_landscape_pages():
    table = _table(rows=3, heading="7. รายการการเผยแพร่ทั้งหมด (3 ครั้ง)", footer="จังหวัดเพชรบุรี · ปีงบประมาณ พ.ศ. 2568")
    content = _alone(table)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == table.page_count == 1
    assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)
    text = reader.pages[0].extract_text()
    joined = text.replace("\n", "")
    for expected in [
        "7. รายการการเผยแพร่ทั้งหมด (3 ครั้ง)",
        "ผลการตรวจสอบ",
        "ตามระยะเวลาที่กำหนด",
        *TITLES,
        "จังหวัดเพชรบุรี · ปีงบประมาณ พ.ศ. 2568",
        "- 1 -",
    ]:
        assert expected in joined or expected in text, expected
    # A plain SARA AA is still itself where SARA AM (drawn with the same glyph) is on the same page.
    assert "ราคาน้ำประปา" in joined and "ประจำปี" in joined


def test_long_lines_wrap_between_thai_words_and_rows_never_split():
    table = _table(rows=90)
    assert table.page_count > 2
    title_column = table.widths[1] - 2 * LongTable.PADDING_X
    for page in table.pages:
        used = table.header.height + sum(row.height for row in page)
        assert used <= table.bottom_limit - table.top  # whole rows only
        for row in page:
            for line in row.cells[1].lines:
                assert line.width <= title_column + 0.01
    pages = _pages_text(_alone(table))
    assert len(pages) == table.page_count
    # Every page repeats the header row; lines break between words, never inside one.
    for text in pages:
        assert "ลำดับ" in text and "ผลการตรวจสอบ" in text
    lines = [line for text in pages for line in text.splitlines()]
    assert not any(line.startswith(("ะ", "า", "ำ", "ิ", "่", "้")) for line in lines)
    numbers = [int(n) for text in pages for n in re.findall(r"^(\d+) ", text, re.M)]
    assert numbers == list(range(1, 91))


def test_a_word_wider_than_its_column_is_cut_between_characters():
    address = "https://www.phetchaburi.go.th/" + "ข้อมูลข่าวสาร" * 3 + "/" + "a" * 120
    table = LongTable([Column("ที่อยู่", 1), Column("ข้อมูล", 9)], [[[Paragraph(address)], [Paragraph("ก")]]])
    cell = table.rows[0].cells[0]
    assert len(cell.lines) > 3
    assert all(line.width <= table.widths[0] - 2 * LongTable.PADDING_X + 0.01 for line in cell.lines)
    text = "".join(_pages_text(_alone(table))).replace("\n", "")
    assert address in text
    # Never before a combining mark: each line starts with a character that stands on its own.
    assert not any(
        line.glyphs[0].text[:1] in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
        for line in cell.lines
    )


def test_the_table_goes_where_the_marker_is_and_the_pages_run_on():
    document = (
        f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><style>{PDF_CSS}'
        "@page { @top-center { content: '- ' counter(page) ' -'; font-family: SarabunLatin; } }</style></head><body>"
        "<h1>รายงานประจำปี</h1><p>ส่วนต้นของรายงาน</p>"
        f"<section><h2>7. รายการการเผยแพร่ทั้งหมด</h2>{LONG_TABLE_MARKER}<h3>การยกเลิกการเผยแพร่</h3></section>"
        '<section style="break-before: page"><h2>ผู้รายงานและการรับทราบ</h2></section></body></html>'
    )
    table = _table(rows=90)
    pages = _pages_text(pdf_with_long_table(document, COLUMNS, table_rows(90), footer="ท้ายหน้า"))
    count = table.page_count
    assert len(pages) == 1 + count + 2
    assert "ส่วนต้นของรายงาน" in pages[0] and "7. รายการการเผยแพร่ทั้งหมด" not in pages[0]
    assert "7. รายการการเผยแพร่ทั้งหมด" in pages[1]  # the heading went with the table
    assert "การยกเลิกการเผยแพร่" in pages[1 + count] and "ผู้รายงานและการรับทราบ" in pages[2 + count]
    for number, text in enumerate(pages[1:], start=2):
        assert f"- {number} -" in text, number


def table_rows(rows):
    return [
        [
            [Paragraph(str(n))],
            [Paragraph(TITLES[n % 3]), Paragraph("เผยแพร่ใหม่ · ข้อมูลพื้นฐาน", small=True)],
            [Paragraph("ตามระยะเวลาที่กำหนด")],
        ]
        for n in range(1, rows + 1)
    ]
