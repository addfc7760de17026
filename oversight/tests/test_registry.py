import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from oversight.models import ItaFramework, ItaItem
from oversight.services import CsvImportError, framework_import_csv
from publishing.models import AgencyRole
from publishing.tests.utils import member_make

pytestmark = pytest.mark.django_db


def test_shipped_frameworks():
    oit = ItaFramework.objects.get(name="OIT 2566")
    assert oit.fiscal_year == 2566
    assert oit.items.count() == 43
    assert oit.items.get(code="O2").name == "ข้อมูลผู้บริหาร"
    assert oit.items.get(code="O43").name == "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert set(ItaItem.objects.filter(framework__name="ITA 2561 (EB)").values_list("code", flat=True)) == {
        "EB3",
        "EB4",
        "EB8",
    }
    announcement = ItaFramework.objects.get(name__startswith="ประกาศจังหวัดเพชรบุรี")
    assert list(announcement.items.values_list("code", flat=True)) == ["R1.1", "R1.2", "R1.3", "R1.4", "R1.5"]


def _csv(text, encoding="utf-8-sig"):
    return io.BytesIO(text.encode(encoding))


def test_csv_import_creates_a_framework_with_its_items():
    framework, count = framework_import_csv(
        _csv("code,name,description\nO1,โครงสร้าง,แผนผังโครงสร้าง\no2,ข้อมูลผู้บริหาร,\n"),
        fiscal_year=2569,
        name="OIT 2569",
    )
    assert count == 2
    assert list(framework.items.values_list("code", "name")) == [("O1", "โครงสร้าง"), ("O2", "ข้อมูลผู้บริหาร")]


def test_csv_import_reads_thai_windows_encoding_without_a_header():
    framework, count = framework_import_csv(
        _csv("O1,โครงสร้าง,\n", encoding="cp874"), fiscal_year=2569, name="OIT 2569 (TIS-620)"
    )
    assert count == 1 and framework.items.get().name == "โครงสร้าง"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code,name,description\nO1,โครงสร้าง,\nO1,ข้อมูลผู้บริหาร,\n", "แถวที่ 2: รหัส O1 ซ้ำกับแถวที่ 1"),
        ("code,name,description\nO1,,\n", "แถวที่ 1: ไม่มีชื่อตัวชี้วัด"),
        ("code,name,description\n,โครงสร้าง,\n", "แถวที่ 1: ไม่มีรหัสตัวชี้วัด"),
        ("code,name,description\n", "ไม่พบรายการตัวชี้วัดในไฟล์"),
    ],
)
def test_bad_csv_rows_are_named_and_nothing_is_imported(text, message):
    with pytest.raises(CsvImportError) as refused:
        framework_import_csv(
            _csv(f"{text}Z9,ข้อที่ถูกต้อง,\n" if "ไม่พบ" not in message else text), fiscal_year=2569, name="OIT 2569"
        )
    assert any(error.startswith(message) for error in refused.value.errors)
    assert not ItaFramework.objects.filter(name="OIT 2569").exists()
    assert not ItaItem.objects.filter(code="Z9").exists()


def test_importing_into_an_existing_framework_refuses_codes_it_already_has():
    with pytest.raises(CsvImportError) as refused:
        framework_import_csv(_csv("O2,ซ้ำ,\nO44,ข้อใหม่,\n"), fiscal_year=2566, name="OIT 2566")
    assert refused.value.errors == ["แถวที่ 1: รหัส O2 มีอยู่แล้วในชุดตัวชี้วัดนี้"]
    assert not ItaItem.objects.filter(code="O44").exists()


def test_a_superuser_imports_a_year_in_the_admin(client, agency_site):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-123456"))
    url = reverse("oversight_framework_import")
    bad = SimpleUploadedFile("oit.csv", "O1,โครงสร้าง,\nO1,ซ้ำ,\n".encode())
    response = client.post(url, {"fiscal_year": 2569, "name": "OIT 2569", "file": bad})
    assert response.status_code == 200
    assert "แถวที่ 2: รหัส O1 ซ้ำกับแถวที่ 1" in response.content.decode()
    assert not ItaFramework.objects.filter(name="OIT 2569").exists()
    good = SimpleUploadedFile("oit.csv", "code,name,description\nO1,โครงสร้าง,\nO2,ข้อมูลผู้บริหาร,\n".encode())
    response = client.post(url, {"fiscal_year": 2569, "name": "OIT 2569", "file": good}, follow=True)
    assert "นำเข้าตัวชี้วัด 2 รายการ" in response.content.decode()
    assert ItaFramework.objects.get(name="OIT 2569").items.count() == 2


def test_agency_roles_cannot_import_into_the_national_registry(client, agency_site):
    """The registry is shared by every agency: only superusers change it (administrators read it)."""
    for role in AgencyRole:
        client.force_login(member_make(agency_site, role, f"user-{role}"))
        file = SimpleUploadedFile("oit.csv", "O1,โครงสร้าง,\n".encode())
        response = client.post(reverse("oversight_framework_import"), {"fiscal_year": 2569, "name": "X", "file": file})
        assert response.status_code in (302, 403)
    assert not ItaFramework.objects.filter(name="X").exists()
    client.force_login(member_make(agency_site, AgencyRole.ADMINISTRATORS, "webmaster"))
    item = ItaItem.objects.get(framework__name="OIT 2566", code="O2")
    assert "ข้อมูลผู้บริหาร" in client.get(reverse("oversight_itaitem_modeladmin_index")).content.decode()
    edit = reverse("oversight_itaitem_modeladmin_edit", args=[item.pk])
    assert client.get(edit).status_code == 302
    client.post(edit, {"framework": item.framework_id, "code": "O2", "name": "แก้โดยหน่วยงาน", "sort_order": 0})
    item.refresh_from_db()
    assert item.name == "ข้อมูลผู้บริหาร"
