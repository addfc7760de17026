"""Make real files for the document library: PDFs with Thai text (WeasyPrint, the Sarabun font shipped in
``static/fonts``) and XLSX workbooks (openpyxl). Used by the demo content and by reports.
"""

import hashlib
import html
import io
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from documents.models import LibraryDocument

FONT_DIR = settings.BASE_DIR / "static" / "fonts" / "sarabun"

FONT_FACES = "\n".join(
    f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
    f'src: url("{(FONT_DIR / f"sarabun-{subset}-{weight}-normal.woff2").as_uri()}"); }}'
    for family, subset in (("Sarabun", "thai"), ("SarabunLatin", "latin"))
    for weight in (400, 700)
)

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
    from weasyprint import HTML

    document = (
        '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{PDF_CSS}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>{body_html}</body></html>"
    )
    return HTML(string=document, base_url=str(settings.BASE_DIR)).write_pdf()


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
    document.file.save(_ascii_name(filename), ContentFile(content), save=False)
    document.save()
    return document


def _ascii_name(filename: str) -> str:
    """A generated, collision-free ASCII object name; the Thai name stays in ``original_filename``."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{uuid.uuid4().hex}.{extension}"
