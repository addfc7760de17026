"""Small real files of every accepted type, and the bad ones the library must refuse."""

import io
import zipfile
from functools import cache

from django.core.files.uploadedfile import SimpleUploadedFile

THAI_NAME = "แบบฟอร์มคำร้องขอข้อมูล.pdf"


@cache
def pdf_bytes(text="แบบฟอร์มคำร้องขอข้อมูลข่าวสารของราชการ"):
    from documents.generate import pdf_from_html

    return pdf_from_html(text, f"<p>{text}</p>")


def xlsx_bytes():
    from documents.generate import xlsx_from_rows

    return xlsx_from_rows("สขร.1", ["รายการ", "วงเงิน"], [["จัดซื้อวัสดุสำนักงาน", 12500]])


def _zip(entries, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes(text="คู่มือสำหรับประชาชน"):
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>'
    )
    return _zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", document)])


def odt_bytes(text="รายงานผลการดำเนินงาน"):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        f"<text:p>{text}</text:p></office:text></office:body></office:document-content>"
    )
    return _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content)])


def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def jpg_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (30, 30, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def zip_bomb_bytes():
    # 60 MB of zeros compresses to about 60 KB: a ratio of about 1000.
    return _zip([("zeros.bin", b"\0" * (60 * 1024 * 1024))])


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


GOOD = {
    "pdf": lambda: pdf_bytes(),
    "docx": docx_bytes,
    "xlsx": xlsx_bytes,
    "odt": odt_bytes,
    "csv": lambda: "ลำดับ,รายการ,วงเงิน\n1,จัดซื้อวัสดุ,12500\n".encode(),
    "png": png_bytes,
    "jpg": jpg_bytes,
    "zip": lambda: _zip([("แบบฟอร์ม.txt", "ข้อความ")]),
    "doc": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
}

BAD = {
    "exe renamed pdf": ("คำร้อง.pdf", b"MZ\x90\x00\x03" + b"\0" * 200, "ตรงกับนามสกุล"),
    "html renamed pdf": ("คำร้อง.pdf", b"<!DOCTYPE html><html><body>x</body></html>", "หน้าเว็บหรือสคริปต์"),
    "svg with script": ("ภาพ.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', ".svg"),
    "svg renamed png": ("ภาพ.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "หน้าเว็บหรือสคริปต์"),
    "html file": ("หน้า.html", b"<html><script>alert(1)</script></html>", ".html"),
    "exe": ("setup.exe", b"MZ\x90\x00", ".exe"),
    "pdf html polyglot": (
        "polyglot.pdf",
        b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF",
        "หน้าเว็บหรือสคริปต์",
    ),
    "pdf with script deep inside": (
        "deep.pdf",
        b"%PDF-1.4\n" + b"0" * 20000 + b"<script>alert(1)</script>\n%%EOF",
        "หน้าเว็บหรือสคริปต์",
    ),
    "empty": ("ว่าง.pdf", b"", "ไฟล์ว่างเปล่า"),
    "docx that is not": ("เอกสาร.docx", b"PK\x03\x04garbage", "เสียหาย"),
    "zip renamed docx": ("เอกสาร.docx", _zip([("a.txt", "x")]), "ไม่ใช่เอกสาร Word"),
}
