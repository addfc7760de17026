"""What an upload must be before it is stored: an allowed type, proven by its content (magic bytes) and not only
by its extension, within the size limit, not empty, not an archive bomb, with a name that is safe to keep.

Every refusal is a ``ValidationError`` with a Thai message for the editor; nothing is stored before this passes.
"""

import hashlib
import io
import os
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

CHUNK = 64 * 1024
HEAD = 8 * 1024

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"

# What a browser would take for markup: a file showing any of these is refused, whatever its type claims.
MARKUP_MARKERS = (b"<html", b"<script", b"<body", b"<head", b"<!doctype", b"<svg", b"<iframe", b"<object", b"<embed")

# extension -> (MIME type served, how to check the content)
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "zip": "application/zip",
}
INLINE_TYPES = {"application/pdf"}

# Archives (and the zip-based office formats) may not unpack to more than this, nor compress better than RATIO.
MAX_ARCHIVE_ENTRIES = 5000
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_RATIO = 100

# Bidirectional overrides and other invisible formatting characters can disguise an extension (``exe.pdf``).
MAX_NAME_LENGTH = 180


@dataclass
class CheckedUpload:
    extension: str
    content_type: str
    original_filename: str
    size: int
    sha1: str
    sha256: str


def _refuse(message: str):
    raise ValidationError(message, code="invalid_upload")


def filename_sanitize(name: str, extension: str = "") -> str:
    """The uploaded name made safe to keep and to give back: no folders, no control, bidi or other invisible
    formatting characters, NFC-normalised, at most MAX_NAME_LENGTH characters with the extension kept. Thai vowels
    and tone marks (combining characters) are kept intact, unlike Django's ``get_valid_filename``."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"))
    name = " ".join(name.split())
    if extension:
        ext = f".{extension}"
        stem = name[: -len(ext)] if name.lower().endswith(ext) else name
    else:
        stem, ext = os.path.splitext(name)
        ext = ext.lower()
    stem = stem.strip(" .") or "เอกสาร"
    stem = stem[: MAX_NAME_LENGTH - len(ext)].rstrip(" .")
    return f"{stem}{ext}"


def _extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _scan(upload) -> tuple[bytes, str, str, bool]:
    """Read the upload once, a chunk at a time: its head, SHA-1, SHA-256, and whether markup appears anywhere."""
    sha1, sha256 = hashlib.sha1(), hashlib.sha256()
    head = b""
    tail = b""
    markup = False
    upload.seek(0)
    for chunk in upload.chunks(CHUNK) if hasattr(upload, "chunks") else iter(lambda: upload.read(CHUNK), b""):
        sha1.update(chunk)
        sha256.update(chunk)
        if len(head) < HEAD:
            head += chunk[: HEAD - len(head)]
        window = (tail + chunk).lower()
        if not markup and (b"<script" in window or b"<html" in window):
            markup = True
        tail = chunk[-16:]
    upload.seek(0)
    return head, sha1.hexdigest(), sha256.hexdigest(), markup


def _check_zip(upload, extension: str):
    try:
        upload.seek(0)
        archive = zipfile.ZipFile(upload)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        _refuse("ไฟล์เสียหายหรือไม่ใช่ไฟล์ตามนามสกุลที่ระบุ")
    if not entries:
        _refuse("ไฟล์บีบอัดไม่มีเนื้อหา")
    if len(entries) > MAX_ARCHIVE_ENTRIES:
        _refuse(f"ไฟล์บีบอัดมีจำนวนไฟล์ภายในเกิน {MAX_ARCHIVE_ENTRIES:,} ไฟล์")
    unpacked = 0
    for entry in entries:
        name = entry.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/"):
            _refuse("ไฟล์บีบอัดมีชื่อไฟล์ภายในที่ไม่ปลอดภัย")
        unpacked += entry.file_size
        if entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            _refuse("ไฟล์บีบอัดมีอัตราการบีบอัดสูงผิดปกติ (อาจเป็น zip bomb) ระบบไม่รับไฟล์นี้")
    if unpacked > MAX_UNPACKED_BYTES:
        _refuse("ไฟล์บีบอัดเมื่อแตกไฟล์มีขนาดใหญ่เกินกำหนด (อาจเป็น zip bomb) ระบบไม่รับไฟล์นี้")
    names = {entry.filename for entry in entries}
    if extension == "docx" and "word/document.xml" not in names:
        _refuse("เนื้อหาของไฟล์ไม่ใช่เอกสาร Word (.docx)")
    if extension == "xlsx" and "xl/workbook.xml" not in names:
        _refuse("เนื้อหาของไฟล์ไม่ใช่สมุดงาน Excel (.xlsx)")
    if extension in ("odt", "ods"):
        try:
            mimetype = archive.read("mimetype").strip()
        except KeyError:
            mimetype = b""
        if mimetype.decode("ascii", "replace") != ALLOWED_TYPES[extension]:
            _refuse(f"เนื้อหาของไฟล์ไม่ใช่เอกสาร OpenDocument (.{extension})")
    upload.seek(0)


def _check_image(upload):
    from PIL import Image

    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds of errors for a broken image
        _refuse("ไฟล์รูปภาพเสียหายหรือไม่ใช่รูปภาพตามนามสกุลที่ระบุ")
    finally:
        upload.seek(0)


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8-sig", "cp874"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the head is still text.
            if encoding == "utf-8-sig" and error.start >= len(head) - 3:
                return True
    return False


def upload_check(upload, max_bytes: int | None = None) -> CheckedUpload:
    """Check an uploaded file (a Django ``UploadedFile`` or any seekable binary file with ``name`` and ``size``)."""
    max_bytes = max_bytes if max_bytes is not None else settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
        upload.seek(0)
    if size == 0:
        _refuse("ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ที่มีเนื้อหา")
    if size > max_bytes:
        _refuse(f"ไฟล์มีขนาดใหญ่เกินกำหนด (ไม่เกิน {max_bytes // (1024 * 1024)} เมกะไบต์)")
    extension = _extension(upload.name)
    if extension not in ALLOWED_TYPES:
        allowed = ", ".join(sorted({ext.upper() for ext in ALLOWED_TYPES} - {"JPEG"}))
        shown = f".{extension}" if extension else "ที่ไม่มีนามสกุล"
        _refuse(f"ระบบไม่รับไฟล์ประเภท {shown} รับเฉพาะ {allowed}")

    head, sha1, sha256, markup_anywhere = _scan(upload)
    head_lower = head[:1024].lower()
    if any(marker in head_lower for marker in MARKUP_MARKERS) or (markup_anywhere and extension != "csv"):
        _refuse("ไฟล์มีเนื้อหาเป็นหน้าเว็บหรือสคริปต์ ซึ่งอาจเป็นอันตราย ระบบไม่รับไฟล์นี้")

    mismatch = f"เนื้อหาของไฟล์ไม่ตรงกับนามสกุล .{extension} (ไฟล์อาจถูกเปลี่ยนชื่อ)"
    if extension == "pdf":
        if not head.startswith(b"%PDF-"):
            _refuse(mismatch)
    elif extension in ("doc", "xls"):
        if not head.startswith(OLE2):
            _refuse(mismatch)
    elif extension in ("docx", "xlsx", "odt", "ods", "zip"):
        if not head.startswith(ZIP):
            _refuse(mismatch)
        _check_zip(upload, extension)
    elif extension == "png":
        if not head.startswith(PNG):
            _refuse(mismatch)
        _check_image(upload)
    elif extension in ("jpg", "jpeg"):
        if not head.startswith(JPEG):
            _refuse(mismatch)
        _check_image(upload)
    elif extension == "csv":
        if not _looks_like_text(head) or head.startswith((b"%PDF", OLE2, ZIP, b"MZ")):
            _refuse(mismatch)

    return CheckedUpload(
        extension=extension,
        content_type=ALLOWED_TYPES[extension],
        original_filename=filename_sanitize(upload.name, extension),
        size=size,
        sha1=sha1,
        sha256=sha256,
    )
