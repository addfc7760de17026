"""Make real files for the document library: PDFs with Thai text (WeasyPrint, the Sarabun font shipped in
``static/fonts``) and XLSX workbooks (openpyxl). Used by the demo content and by reports.
"""

import hashlib
import html
import io
import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from documents.extract import text_extract
from documents.models import LibraryDocument
from documents.validation import ALLOWED_TYPES

FONT_DIR = settings.BASE_DIR / "static" / "fonts" / "sarabun"

FONT_FACES = "\n".join(
    f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
    f'src: url("{(FONT_DIR / f"sarabun-{subset}-{weight}-normal.woff2").as_uri()}"); }}'
    for family, subset in (("Sarabun", "thai"), ("SarabunLatin", "latin"))
    for weight in (400, 700)
)

# SARA AM (ำ) and text extraction. HarfBuzz always shapes ำ as NIKHAHIT + SARA AA, and WeasyPrint's ToUnicode map
# gives each glyph one text: the SARA AA glyph of "ำ" and that of a plain "า" are the same glyph, so one of the
# two comes out wrong when the PDF is searched or copied ("ประจาปี", or "ำ" for every "า"). Each ำ, with the tone
# mark before it, is therefore drawn in a font family of its own (the same Sarabun files under another name, so
# another PDF font with its own map), where that glyph only ever means that exact cluster.
SARA_AM_CLUSTERS = {"": "0", "\u0e48": "1", "\u0e49": "2", "\u0e4a": "3", "\u0e4b": "4"}
FONT_FACES += "\n" + "\n".join(
    f'@font-face {{ font-family: "SarabunAm{suffix}"; font-weight: {weight}; '
    f'src: url("{(FONT_DIR / f"sarabun-thai-{weight}-normal.woff2").as_uri()}"); }}'
    for suffix in SARA_AM_CLUSTERS.values()
    for weight in (400, 700)
)
SARA_AM_CSS = "\n".join(
    f'.sara-am-{suffix} {{ font-family: "SarabunAm{suffix}"; }}' for suffix in SARA_AM_CLUSTERS.values()
)
_SARA_AM = re.compile("([\u0e48-\u0e4b]?)\u0e33")
_TEXT_BETWEEN_TAGS = re.compile(">([^<]+)<")


def sara_am_isolate(document_html: str) -> str:
    """``document_html`` with every ำ of the body's text (and the tone mark before it) in its own font family."""
    head, marker, body = document_html.partition("<body")
    if not marker:
        return document_html

    def text(match):
        wrapped = _SARA_AM.sub(
            lambda am: f'<span class="sara-am-{SARA_AM_CLUSTERS[am.group(1)]}">{am.group(0)}</span>', match.group(1)
        )
        return f">{wrapped}<"

    head = head.replace("</style>", f"{SARA_AM_CSS}</style>", 1) if "</style>" in head else head
    return head + marker + _TEXT_BETWEEN_TAGS.sub(text, body)


PDF_CSS = f"""
{FONT_FACES}
@page {{ size: A4; margin: 2.5cm 2cm 2cm 3cm; @bottom-center {{ content: counter(page); font-family: SarabunLatin; }} }}
body {{ font-family: "SarabunLatin", "Sarabun", sans-serif; font-size: 15pt; line-height: 1.5; }}
h1 {{ font-size: 18pt; text-align: center; }}
h2 {{ font-size: 16pt; }}
table {{ width: 100%; border-collapse: collapse; font-size: 13pt; }}
th, td {{ border: 1px solid #000; padding: 4pt; vertical-align: top; }}
.field {{ border-bottom: 1px dotted #000; display: inline-block; min-width: 8cm; }}
"""


def pdf_from_html(title: str, body_html: str) -> bytes:
    """An A4 PDF whose first heading is ``title`` and whose body is ``body_html``, Thai shaped by Pango."""
    document = (
        '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{PDF_CSS}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>{body_html}</body></html>"
    )
    return pdf_from_document(document)


def pdf_from_document(document_html: str) -> bytes:
    """An A4 PDF of a whole HTML document that brings its own ``@page`` rules and ``FONT_FACES``."""
    from weasyprint import HTML

    return HTML(string=sara_am_isolate(document_html), base_url=str(settings.BASE_DIR)).write_pdf()


LONG_TABLE_MARKER = '<div id="long-table"></div>'
_HEADING_AND_MARKER = re.compile(r"<h2>([^<]*)</h2>\s*" + re.escape(LONG_TABLE_MARKER))
_PLACEHOLDER_CSS = ".long-table-page { break-before: page; height: 1pt; } .long-table-page.last { break-after: page; }"


def pdf_with_long_table(document_html: str, columns, rows, footer: str = "") -> bytes:
    """A PDF of ``document_html`` (as ``pdf_from_document``) with a long table in place of its ``LONG_TABLE_MARKER``:
    the table's pages are drawn by ``documents.long_table`` (landscape A4, ``columns``, ``rows``, ``footer`` at the
    foot) and put between WeasyPrint's pages, numbered in the run of the document. The ``<h2>`` right before the
    marker goes with the table, onto its first page.

    WeasyPrint lays out one empty page per page of the table where the marker is, so what follows is numbered as in
    the final file; those pages are left out of its output and the table's own go in their place."""
    from weasyprint import HTML

    from documents.long_table import LongTable

    heading = ""
    match = _HEADING_AND_MARKER.search(document_html)
    if match:
        heading = html.unescape(match.group(1)).strip()
        document_html = document_html[: match.start()] + LONG_TABLE_MARKER + document_html[match.end() :]
    table = LongTable(columns, rows, heading=heading, footer=footer)
    count = table.page_count
    placeholders = "".join(
        '<div{} class="long-table-page{}"></div>'.format(
            ' id="long-table"' if number == 0 else "", " last" if number == count - 1 else ""
        )
        for number in range(count)
    )
    document_html = document_html.replace(LONG_TABLE_MARKER, placeholders, 1).replace(
        "</style>", f"{_PLACEHOLDER_CSS}</style>", 1
    )
    document = HTML(string=sara_am_isolate(document_html), base_url=str(settings.BASE_DIR)).render()
    first = next(index for index, page in enumerate(document.pages) if "long-table" in page.anchors)
    kept = document.pages[:first] + document.pages[first + count :]
    return document.copy(kept).write_pdf(finisher=lambda _, pdf: table.add_to(pdf, first, first + 1))


def xlsx_from_rows(sheet_title: str, headers: list[str], rows: list[list]) -> bytes:
    """A one-sheet workbook: a bold header row, then ``rows``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@transaction.atomic
def document_create(
    collection, title: str, filename: str, content: bytes, kind: str, *, description: str = "", fiscal_year=None
) -> LibraryDocument:
    """Store ``content`` as a library document in ``collection``; returns the existing one with the same title."""
    existing = LibraryDocument.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    document = LibraryDocument(
        collection=collection,
        title=title,
        kind=kind,
        description=description,
        fiscal_year=fiscal_year,
        original_filename=filename,
        file_size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    document.file_hash = hashlib.sha1(content).hexdigest()
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    document.mime_type = ALLOWED_TYPES.get(extension, "application/octet-stream")
    document.extracted_text = text_extract(io.BytesIO(content), extension)
    # The storage key is generated by the file field (documents.models.document_object_key).
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document
