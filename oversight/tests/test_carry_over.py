"""Carry-over on import (issue 15): a new year's framework keeps the pages' tags by item code, or by a mapping CSV for
renamed and merged codes, and reports what did not match."""

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from home.models import StandardPage
from oversight.models import ItaFramework, PageItaItem
from oversight.services import CsvImportError, framework_year_import

pytestmark = pytest.mark.django_db

NEW_YEAR = "code,name,description\nO1,โครงสร้าง,\nO2,ข้อมูลผู้บริหาร,\nC5,ช่องทางการติดต่อ,\nN7,การประชาสัมพันธ์และการตอบคำถาม,\n"


@pytest.fixture
def oit():
    return ItaFramework.objects.get(name="OIT 2566")


def _page(site, slug, codes, framework, live=True):
    page = StandardPage(title=f"หน้า {slug}", slug=slug, body="<p>ข้อมูล</p>", live=live)
    page.ita_items = [PageItaItem(item=framework.items.get(code=code)) for code in codes]
    site.root_page.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def _codes(page, framework_name):
    return sorted(
        PageItaItem.objects.filter(page=page, item__framework__name=framework_name).values_list("item__code", flat=True)
    )


def _file(text):
    return io.BytesIO(text.encode("utf-8"))


def test_tags_carry_over_by_the_same_code(agency_site, oit):
    structure = _page(agency_site, "structure", ["O1", "O2"], oit)
    draft = _page(agency_site, "draft", ["O1"], oit, live=False)

    framework, count, report = framework_year_import(_file(NEW_YEAR), fiscal_year=2569, name="OIT 2569", previous=oit)

    assert count == 4
    assert _codes(structure, "OIT 2569") == ["O1", "O2"]
    assert _codes(draft, "OIT 2569") == ["O1"]
    assert _codes(structure, "OIT 2566") == ["O1", "O2"]  # the old year's tags stay
    assert report.carried == [["O1", "O1", "โครงสร้าง", 2], ["O2", "O2", "ข้อมูลผู้บริหาร", 1]]
    assert report.unmatched == [] and report.unknown == []

    # The tag is in the latest revision too: editing and publishing the page later keeps it.
    page = StandardPage.objects.get(pk=structure.pk).get_latest_revision_as_object()
    page.title = "โครงสร้างการบริหารงาน"
    page.save_revision().publish()
    assert _codes(structure, "OIT 2569") == ["O1", "O2"]
    StandardPage.objects.get(pk=draft.pk).get_latest_revision_as_object().save_revision().publish()
    assert _codes(draft, "OIT 2569") == ["O1"]


def test_a_mapping_carries_renamed_and_merged_codes(agency_site, oit):
    contact = _page(agency_site, "contact-us", ["O5"], oit)
    news = _page(agency_site, "news-and-qa", ["O7", "O8"], oit)
    qa = _page(agency_site, "qa", ["O8"], oit)
    mapping = _file("old_code,new_code\nO5,C5\nO7,N7\no8,n7\n")

    _framework, _count, report = framework_year_import(
        _file(NEW_YEAR), fiscal_year=2569, name="OIT 2569", previous=oit, mapping_file=mapping
    )

    assert _codes(contact, "OIT 2569") == ["C5"]
    assert _codes(news, "OIT 2569") == ["N7"]  # merged: tagged once
    assert _codes(qa, "OIT 2569") == ["N7"]
    assert report.carried == [
        ["O5", "C5", "ช่องทางการติดต่อ", 1],
        ["O7", "N7", "การประชาสัมพันธ์และการตอบคำถาม", 1],
        ["O8", "N7", "การประชาสัมพันธ์และการตอบคำถาม", 2],
    ]


def test_the_import_screen_reports_what_did_not_match(client, agency_site, oit):
    _page(agency_site, "structure", ["O1"], oit)
    _page(agency_site, "social", ["O9"], oit)
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-123456"))
    items = SimpleUploadedFile("oit-2569.csv", NEW_YEAR.encode())
    mapping = SimpleUploadedFile("map.csv", b"old_code,new_code\nO99,C5\nO3,X1\n")

    response = client.post(
        reverse("oversight_framework_import"),
        {"fiscal_year": 2569, "name": "OIT 2569", "file": items, "previous": oit.pk, "mapping": mapping},
        follow=True,
    )

    html = response.content.decode()
    assert "นำเข้าตัวชี้วัด 4 รายการ" in html
    assert "ผลการยกการติดแท็กจาก “OIT 2566 ปีงบประมาณ 2566”" in html
    carried = html[html.index('class="listing prongsai-carried"') :]
    assert "<td>O1</td><td>O1</td><td>โครงสร้าง</td><td>1</td>" in carried
    unmatched = html[html.index('class="listing prongsai-unmatched"') :]
    assert "<td>O9</td><td>Social Network</td><td>1</td>" in unmatched
    unknown = html[html.index('class="prongsai-unknown"') :]
    assert "แถวที่ 2: ไม่มีรหัสเดิม O99 ใน “OIT 2566 ปีงบประมาณ 2566”" in unknown
    assert "แถวที่ 3: ไม่มีรหัสใหม่ X1 ใน “OIT 2569 ปีงบประมาณ 2569”" in unknown
    # The report is shown once, after the import.
    assert "ผลการยกการติดแท็ก" not in client.get(response.request["PATH_INFO"] + "?imported=0").content.decode()


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("old_code,new_code\nO5,C5,extra\n", "ไฟล์จับคู่รหัส แถวที่ 2: มีเกิน 2 คอลัมน์ (ต้องเป็น old_code,new_code)"),
        ("O5,\n", "ไฟล์จับคู่รหัส แถวที่ 1: ต้องมีทั้งรหัสเดิมและรหัสใหม่"),
        ("old_code,new_code\n", "ไม่พบแถวจับคู่รหัสในไฟล์"),
        ("O5,C5\x00\n", "ไฟล์จับคู่รหัสไม่ใช่ไฟล์ CSV"),
    ],
)
def test_a_malformed_mapping_imports_nothing(client, agency_site, oit, mapping, message):
    page = _page(agency_site, "contact-us", ["O5"], oit)
    with pytest.raises(CsvImportError) as refused:
        framework_year_import(
            _file(NEW_YEAR), fiscal_year=2569, name="OIT 2569", previous=oit, mapping_file=_file(mapping)
        )
    assert refused.value.errors[0].startswith(message)
    assert not ItaFramework.objects.filter(name="OIT 2569").exists()
    assert _codes(page, "OIT 2566") == ["O5"]

    client.force_login(get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-123456"))
    response = client.post(
        reverse("oversight_framework_import"),
        {
            "fiscal_year": 2569,
            "name": "OIT 2569",
            "file": SimpleUploadedFile("oit.csv", NEW_YEAR.encode()),
            "previous": oit.pk,
            "mapping": SimpleUploadedFile("map.csv", mapping.encode()),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "ยังไม่ได้นำเข้าข้อมูล" in html and message in html
    assert not ItaFramework.objects.filter(name="OIT 2569").exists()
