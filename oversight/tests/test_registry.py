from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from oversight.models import ItaFramework, ItaItem
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
    # The successions the carry-over follows are readable too (2568's two No Gift items merged into 2569's O20).
    successions = client.get(reverse("oversight_itaitemsuccessor_modeladmin_index"), {"q": "No Gift"})
    assert successions.status_code == 200 and "รวมกับตัวชี้วัดอื่น" in successions.content.decode()
    edit = reverse("oversight_itaitem_modeladmin_edit", args=[item.pk])
    assert client.get(edit).status_code == 302
    client.post(edit, {"framework": item.framework_id, "code": "O2", "name": "แก้โดยหน่วยงาน", "sort_order": 0})
    item.refresh_from_db()
    assert item.name == "ข้อมูลผู้บริหาร"
