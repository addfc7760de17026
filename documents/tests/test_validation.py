import io

from django.core.exceptions import ValidationError

import pytest

from documents.extract import text_extract
from documents.tests import samples
from documents.validation import filename_sanitize, upload_check


@pytest.mark.parametrize("extension", sorted(samples.GOOD))
def test_accepted_types(extension):
    content = samples.GOOD[extension]()
    checked = upload_check(samples.upload(f"ไฟล์ตัวอย่าง.{extension}", content))
    assert checked.extension == extension
    assert checked.size == len(content)
    assert checked.original_filename == f"ไฟล์ตัวอย่าง.{extension}"
    assert len(checked.sha256) == 64


@pytest.mark.parametrize("case", sorted(samples.BAD))
def test_refused_uploads_say_why_in_thai(case):
    name, content, message = samples.BAD[case]
    with pytest.raises(ValidationError) as refused:
        upload_check(samples.upload(name, content))
    assert message in refused.value.messages[0]


def test_size_limit_is_checked_from_the_declared_size():
    content = samples.pdf_bytes()
    with pytest.raises(ValidationError) as refused:
        upload_check(samples.upload("ใหญ่.pdf", content), max_bytes=len(content) - 1)
    assert "ขนาดใหญ่เกินกำหนด" in refused.value.messages[0]


def test_zip_bomb_is_refused():
    with pytest.raises(ValidationError) as refused:
        upload_check(samples.upload("bomb.zip", samples.zip_bomb_bytes()))
    assert "zip bomb" in refused.value.messages[0]


def test_zip_with_path_traversal_is_refused():
    content = samples._zip([("../../etc/passwd", "x")])
    with pytest.raises(ValidationError) as refused:
        upload_check(samples.upload("แฟ้ม.zip", content))
    assert "ไม่ปลอดภัย" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("uploaded", "kept"),
    [
        ("แบบฟอร์มคำร้องขอข้อมูล.pdf", "แบบฟอร์มคำร้องขอข้อมูล.pdf"),
        ("แบบฟอร์มคำร้อง ขอข้อมูล.pdf", "แบบฟอร์มคำร้อง ขอข้อมูล.pdf"),
        ("../../etc/แบบฟอร์ม.pdf", "แบบฟอร์ม.pdf"),
        ("C:\\Users\\editor\\แบบฟอร์ม.pdf", "แบบฟอร์ม.pdf"),
        ("ฟอร์ม\x00\x07\x1b.pdf", "ฟอร์ม.pdf"),
        ("invoice\u202efdp.exe.pdf", "invoicefdp.exe.pdf"),
        ("\u2066ฟอร์ม\u2069.pdf", "ฟอร์ม.pdf"),
        ("..pdf", "เอกสาร.pdf"),
    ],
)
def test_filenames_are_kept_safe_with_thai_intact(uploaded, kept):
    assert filename_sanitize(uploaded, "pdf") == kept


def test_a_very_long_thai_name_is_shortened_keeping_its_extension():
    name = filename_sanitize("ก" * 300 + ".pdf", "pdf")
    assert name.endswith(".pdf")
    assert len(name) <= 180
    assert set(name[:-4]) == {"ก"}


@pytest.mark.parametrize(
    ("extension", "content", "expected"),
    [
        ("pdf", lambda: samples.pdf_bytes("ประกาศจังหวัดเพชรบุรี"), "ประกาศจังหวัดเพชรบุรี"),
        ("docx", lambda: samples.docx_bytes("คู่มือสำหรับประชาชน"), "คู่มือสำหรับประชาชน"),
        ("xlsx", samples.xlsx_bytes, "จัดซื้อวัสดุสำนักงาน"),
        ("odt", lambda: samples.odt_bytes("รายงานผลการดำเนินงาน"), "รายงานผลการดำเนินงาน"),
    ],
)
def test_text_is_extracted_for_search(extension, content, expected):
    assert expected in text_extract(io.BytesIO(content()), extension)


def test_a_damaged_file_gives_no_text_and_no_error():
    assert text_extract(io.BytesIO(b"%PDF-1.4 broken"), "pdf") == ""
