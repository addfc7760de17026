"""Generated PDFs keep their Thai text searchable: sara am (ำ) and sara aa (า) both come out right."""

import io

from pypdf import PdfReader

from documents.generate import pdf_from_html, sara_am_isolate


def test_sara_am_and_sara_aa_are_extracted_as_written():
    text = "รายงานประจำปี ทำนา น้ำ ค่ำ จำนวน ปีงบประมาณ"
    pdf = pdf_from_html("ประจำปีงบประมาณ", f"<p>{text}</p>")
    extracted = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "ประจำปีงบประมาณ" in extracted
    assert text in extracted


def test_sara_am_isolation_leaves_tags_attributes_and_head_alone():
    html = '<html><head><title>ประจำ</title><style></style></head><body><p title="ทำ">น้ำ ทำ</p></body></html>'
    result = sara_am_isolate(html)
    assert "<title>ประจำ</title>" in result and 'title="ทำ"' in result
    assert '<span class="sara-am-2">้ำ</span>' in result and '<span class="sara-am-0">ำ</span>' in result
