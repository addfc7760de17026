"""Plain text of a document for search: PDF, DOCX, XLSX, ODT/ODS. Best effort: a file that cannot be read gives ''."""

import logging
import re
import zipfile
from xml.etree import ElementTree

logger = logging.getLogger(__name__)

MAX_TEXT = 1_000_000  # characters kept per document
_SPACES = re.compile(r"[ \t\r\f\v]+")


def _clean(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)[:MAX_TEXT]


def _xml_text(data: bytes) -> str:
    root = ElementTree.fromstring(data)
    parts = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if element.text and tag in ("t", "p", "span", "h", "s", "a"):
            parts.append(element.text)
        if tag in ("p", "tr", "h", "table-row"):
            parts.append("\n")
        if element.tail and tag in ("span", "s", "a", "tab"):
            parts.append(element.tail)
    return " ".join(parts)


def _pdf(fileobj) -> str:
    from pypdf import PdfReader

    reader = PdfReader(fileobj)
    return "\n".join(page.extract_text() or "" for page in reader.pages[:500])


def _docx(fileobj) -> str:
    with zipfile.ZipFile(fileobj) as archive:
        return _xml_text(archive.read("word/document.xml"))


def _xlsx(fileobj) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(fileobj, read_only=True, data_only=True)
    lines = []
    for sheet in workbook.worksheets:
        lines.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            cells = [str(value) for value in row if value not in (None, "")]
            if cells:
                lines.append(" ".join(cells))
    workbook.close()
    return "\n".join(lines)


def _opendocument(fileobj) -> str:
    with zipfile.ZipFile(fileobj) as archive:
        return _xml_text(archive.read("content.xml"))


EXTRACTORS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "odt": _opendocument, "ods": _opendocument}


def text_extract(fileobj, extension: str) -> str:
    """The document's text, or '' for types without text or files that cannot be parsed."""
    extractor = EXTRACTORS.get(extension)
    if extractor is None:
        return ""
    try:
        fileobj.seek(0)
        return _clean(extractor(fileobj))
    except Exception as error:  # a damaged or unusual file must never stop an upload
        logger.info("text extraction failed for a .%s file: %s", extension, error)
        return ""
    finally:
        fileobj.seek(0)
