"""Moving to a new ITA year: the shipped OIT 2568 and 2569 sets and their successions, the carry-over of an agency's
evidence along the chain 2566 -> 2568 -> 2569 (merges keep both pieces, evidence of another year is not proposed),
and the import of a new year's list shown before anything is written."""

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from core.models import AgencySettings
from documents.generate import document_create, xlsx_from_rows
from documents.models import DocumentKind
from home.models import StandardPage
from oversight.models import ItaFramework, ItaItem, ItaItemSuccessor, PageItaItem, YearCoverage
from oversight.succession import (
    CsvImportError,
    framework_import_confirm,
    framework_import_preview,
    ita_carry_over_apply,
    ita_carry_over_plan,
    successor_targets,
)
from publishing.models import AgencyRole
from publishing.tests.utils import member_make

pytestmark = pytest.mark.django_db

NEW_YEAR = (
    "code,name,description,expected_evidence,year,source\n"
    "O1,โครงสร้าง หน้าที่และอำนาจ,,แผนผังโครงสร้าง,,คู่มือ 2570\n"
    "O2,ข้อมูลผู้บริหาร,,ชื่อ ตำแหน่ง รูปถ่าย ช่องทางติดต่อ,,คู่มือ 2570\n"
    "O3,รายงานผลการดำเนินงานประจำปี,,,report,คู่มือ 2570\n"
    "O27,ตัวชี้วัดใหม่ของปี 2570,,,plan,คู่มือ 2570\n"
)
MAPPING = "old_code,new_code,kind,note\nO1,O1,same,\nO2,O2,same,\nO7,O3,renamed,\nO3,O1,merged,ช่องทางสอบถาม\n"


def _framework(name):
    return ItaFramework.objects.get(name=name, agency_type="")


def _page(site, slug, framework, codes, fiscal_year=None, live=True):
    page = StandardPage(title=f"หน้า {slug}", slug=slug, body="<p>ข้อมูล</p>", live=live, fiscal_year=fiscal_year)
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


def test_the_current_sets_are_shipped_with_their_years_successions_and_sources():
    for name, plans, reports in (("OIT 2568", 2568, 2567), ("OIT 2569", 2569, 2568)):
        framework = _framework(name)
        items = list(framework.items.order_by("sort_order"))
        assert [item.code for item in items] == [f"O{n}" for n in range(1, 27)]
        assert (framework.plans_fiscal_year, framework.reports_fiscal_year) == (plans, reports)
        assert all(item.source and item.expected_evidence for item in items)
        assert "github.com/rtrdasmartrailway/web-app-rtrda" in framework.source
    oit_2569 = _framework("OIT 2569")
    assert oit_2569.previous == _framework("OIT 2568") and _framework("OIT 2568").previous == _framework("OIT 2566")
    assert oit_2569.items.get(code="O25").name == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
    assert oit_2569.expected_fiscal_year(oit_2569.items.get(code="O23")) == 2569  # a plan: the year assessed
    assert oit_2569.expected_fiscal_year(oit_2569.items.get(code="O24")) == 2568  # a report: the year before
    assert oit_2569.expected_fiscal_year(oit_2569.items.get(code="O2")) is None
    # The No Gift declaration and the gifts report of 2568 are merged in 2569's O20.
    merged = ItaItemSuccessor.objects.filter(successor__framework=oit_2569, successor__code="O20")
    assert sorted(merged.values_list("item__code", flat=True)) == ["O21", "O22"]
    assert oit_2569.window == (__import__("datetime").date(2026, 3, 1), __import__("datetime").date(2026, 6, 30))


def test_successors_follow_the_chain_from_2566_to_2569():
    targets = successor_targets(_framework("OIT 2569"))
    item = {(i.framework.name, i.code): i.pk for i in ItaItem.objects.select_related("framework")}
    assert targets[item[("OIT 2566", "O2")]] == {item[("OIT 2569", "O2")]}
    # 2566's structure and powers were merged into 2568's O1, which 2569 keeps.
    assert targets[item[("OIT 2566", "O1")]] == targets[item[("OIT 2566", "O3")]] == {item[("OIT 2569", "O1")]}
    # 2566's No Gift declaration reaches 2569's O20 through 2568's O21.
    assert targets[item[("OIT 2566", "O31")]] == {item[("OIT 2569", "O20")]}
    assert item[("OIT 2566", "O10")] not in targets  # the privacy policy is no OIT item after 2566


def test_an_agency_moves_its_evidence_to_2569(agency_site):
    oit_2566 = _framework("OIT 2566")
    structure = _page(agency_site, "structure", oit_2566, ["O1", "O3"])
    announcement = _page(agency_site, "no-gift", oit_2566, ["O31"], fiscal_year=2569)
    culture = _page(agency_site, "no-gift-culture", oit_2566, ["O32"])
    old_plan = _page(agency_site, "prevention-plan-2568", oit_2566, ["O36"], fiscal_year=2568)
    privacy = _page(agency_site, "privacy", oit_2566, ["O10"])
    draft = _page(agency_site, "executives", oit_2566, ["O2"], live=False)
    collection = AgencySettings.for_site(agency_site).collection
    report = document_create(
        collection,
        "รายงานผลการป้องกันการทุจริต 2568",
        "report.xlsx",
        xlsx_from_rows("x", ["a"], [[1]]),
        DocumentKind.REPORT,
        fiscal_year=2568,
    )
    report.ita_items.add(oit_2566.items.get(code="O38"))
    old_report = document_create(
        collection,
        "รายงานผลการป้องกันการทุจริต 2566",
        "old.xlsx",
        xlsx_from_rows("x", ["a"], [[1]]),
        DocumentKind.REPORT,
        fiscal_year=2566,
    )
    old_report.ita_items.add(oit_2566.items.get(code="O38"))

    plan = ita_carry_over_plan(_framework("OIT 2569"), agency_site)
    proposed = {(line.new_code, title) for line in plan.lines for _pk, title in line.pages}
    assert ("O1", structure.title) in proposed  # merged: both 2566 items' page, once
    assert ("O20", announcement.title) in proposed and ("O20", culture.title) in proposed
    assert ("O2", draft.title) in proposed
    o23 = next(line for line in plan.lines if line.new_code == "O23")
    assert o23.pages == [] and o23.wrong_year == [old_plan.title]  # a 2568 plan is not 2569's
    assert ("OIT 2566", "O10", "นโยบายคุ้มครองข้อมูลส่วนบุคคล", 1) in plan.without_successor
    assert ("O25", "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร") in plan.new_items
    o24 = next(line for line in plan.lines if line.new_code == "O24")
    assert o24.documents == [(report.pk, report.title)] and o24.wrong_year == [old_report.title]
    assert _codes(structure, "OIT 2569") == []  # the plan writes nothing

    webmaster = member_make(agency_site, AgencyRole.ADMINISTRATORS, "webmaster")
    applied = ita_carry_over_apply(_framework("OIT 2569"), agency_site, webmaster)
    print(
        f"\ncarried: {applied.pages_count} pages for {applied.items_carried} items; without successor: "
        f"{len(applied.without_successor)}; new items: {len(applied.new_items)}"
    )
    assert _codes(structure, "OIT 2569") == ["O1"]
    assert _codes(announcement, "OIT 2569") == ["O20"] and _codes(culture, "OIT 2569") == ["O20"]
    assert _codes(old_plan, "OIT 2569") == [] and _codes(privacy, "OIT 2569") == []
    assert _codes(structure, "OIT 2566") == ["O1", "O3"]  # the old year's tags stay
    assert list(report.ita_items.filter(framework__name="OIT 2569").values_list("code", flat=True)) == ["O24"]
    assert not old_report.ita_items.filter(framework__name="OIT 2569").exists()
    # The tag is in the draft's latest revision too: publishing it later keeps it.
    StandardPage.objects.get(pk=draft.pk).get_latest_revision_as_object().save_revision().publish()
    assert _codes(draft, "OIT 2569") == ["O2"]
    # Run again, nothing is added.
    assert ita_carry_over_apply(_framework("OIT 2569"), agency_site, webmaster).page_tags == []


def test_only_the_agencys_administrators_move_its_evidence(client, agency_site):
    _page(agency_site, "structure", _framework("OIT 2566"), ["O1"])
    url = f"{reverse('oversight_ita_carry_over')}?site={agency_site.pk}&framework={_framework('OIT 2569').pk}"
    for role in (AgencyRole.EDITORS, AgencyRole.WORKING_GROUP, AgencyRole.EXECUTIVES):
        client.force_login(member_make(agency_site, role, f"user-{role}"))
        assert client.post(url).status_code in (302, 403)
    assert not PageItaItem.objects.filter(item__framework__name="OIT 2569").exists()
    client.force_login(member_make(agency_site, AgencyRole.ADMINISTRATORS, "webmaster"))
    html = client.get(url).content.decode()
    assert "จะยกมา 1 หน้า 0 เอกสาร สำหรับ 1 ตัวชี้วัด" in html
    response = client.post(url, follow=True)
    assert "ยกหลักฐานมายัง “OIT 2569 ปีงบประมาณ 2569” แล้ว: 1 หน้า" in response.content.decode()
    assert PageItaItem.objects.filter(item__framework__name="OIT 2569", item__code="O1").count() == 1


def test_the_import_of_a_new_year_is_previewed_then_confirmed(agency_site):
    oit_2569 = _framework("OIT 2569")
    page = _page(agency_site, "contact-us", oit_2569, ["O3"])
    _page(agency_site, "report-2569", oit_2569, ["O7"], fiscal_year=2569)

    preview = framework_import_preview(
        _file(NEW_YEAR),
        _file(MAPPING),
        fiscal_year=2570,
        name="OIT 2570",
        plans_fiscal_year=2570,
        reports_fiscal_year=2569,
        previous=oit_2569,
    )
    assert not ItaFramework.objects.filter(name="OIT 2570").exists()  # nothing written by the preview
    assert [row[:3] for row in preview.carried] == [
        ["O1", oit_2569.items.get(code="O1").name, "O1"],
        ["O2", "ข้อมูลผู้บริหาร", "O2"],
        ["O7", "รายงานผลการดำเนินงานประจำปี", "O3"],
        ["O3", "ข้อมูลการติดต่อและช่องทางการสอบถาม", "O1"],
    ]
    assert preview.new_items == [["O27", "ตัวชี้วัดใหม่ของปี 2570"]]
    assert ["O10", oit_2569.items.get(code="O10").name, 0] in preview.without_successor

    framework, plan = framework_import_confirm(preview)
    assert framework.items.count() == 4 and framework.previous == oit_2569
    assert framework.items.get(code="O3").year_coverage == YearCoverage.REPORT
    assert framework.items.get(code="O1").source == "คู่มือ 2570"
    assert _codes(page, "OIT 2570") == ["O1"]  # the contact page answers the merged O1
    assert plan.pages_count == 2  # the 2569 report is 2570's report of the year before


@pytest.mark.parametrize(
    ("items", "mapping", "message"),
    [
        ("code,name\nO1,โครงสร้าง\nO1,ซ้ำ\n", None, "ไฟล์รายการตัวชี้วัด แถวที่ 3: รหัส O1 ซ้ำกับแถวที่ 2"),
        ("code,name\nO1,\n", None, "ไฟล์รายการตัวชี้วัด แถวที่ 2: ไม่มีชื่อตัวชี้วัด"),
        ("code,name,year\nO1,โครงสร้าง,ทุกปี\n", None, "ไฟล์รายการตัวชี้วัด แถวที่ 2: ปีของหลักฐาน “ทุกปี” ไม่ถูกต้อง"),
        ("code,name,colour\nO1,โครงสร้าง,แดง\n", None, "ไฟล์รายการตัวชี้วัดมีคอลัมน์ที่ไม่รู้จัก: colour"),
        ("code,name\n", None, "ไม่พบข้อมูลในไฟล์รายการตัวชี้วัด"),
        ("O1,โครงสร้าง\x00\n", None, "ไฟล์รายการตัวชี้วัดไม่ใช่ไฟล์ CSV"),
        (NEW_YEAR, "O1,\n", "ไฟล์จับคู่รหัส แถวที่ 1: ต้องมีทั้งรหัสเดิมและรหัสใหม่"),
        (NEW_YEAR, "old_code,new_code,kind\nO1,O1,moved\n", "ไฟล์จับคู่รหัส แถวที่ 2: การเปลี่ยนแปลง “moved” ไม่ถูกต้อง"),
        (NEW_YEAR, "O99,O1\n", "ไฟล์จับคู่รหัส แถวที่ 1: ไม่มีรหัสเดิม O99"),
        (NEW_YEAR, "O1,X1\n", "ไฟล์จับคู่รหัส แถวที่ 1: ไม่มีรหัสใหม่ X1 ในไฟล์รายการตัวชี้วัด"),
    ],
)
def test_a_malformed_list_imports_nothing_and_says_why_in_thai(client, agency_site, items, mapping, message):
    oit_2569 = _framework("OIT 2569")
    with pytest.raises(CsvImportError) as refused:
        framework_import_preview(
            _file(items), _file(mapping) if mapping else None, fiscal_year=2570, name="OIT 2570", previous=oit_2569
        )
    assert any(error.startswith(message) for error in refused.value.errors), refused.value.errors

    client.force_login(get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-123456"))
    data = {"fiscal_year": 2570, "name": "OIT 2570", "file": SimpleUploadedFile("oit.csv", items.encode())}
    data["previous"] = oit_2569.pk
    if mapping:
        data["mapping"] = SimpleUploadedFile("map.csv", mapping.encode())
    html = client.post(reverse("oversight_framework_import"), data).content.decode()
    assert "ยังไม่ได้นำเข้าข้อมูล" in html and message in html
    assert not ItaFramework.objects.filter(name="OIT 2570").exists()


def test_a_superuser_imports_2570_in_the_admin_through_a_preview(client, agency_site):
    oit_2569 = _framework("OIT 2569")
    page = _page(agency_site, "executives", oit_2569, ["O2"])
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-123456"))
    url = reverse("oversight_framework_import")
    response = client.post(
        url,
        {
            "fiscal_year": 2570,
            "name": "OIT 2570",
            "window_start": "2027-03-15",
            "window_end": "2027-07-15",
            "file": SimpleUploadedFile("oit-2570.csv", NEW_YEAR.encode()),
            "previous": oit_2569.pk,
            "mapping": SimpleUploadedFile("map.csv", MAPPING.encode()),
        },
    )
    html = response.content.decode()
    assert "ยังไม่ได้บันทึกข้อมูลใด ๆ" in html and "ยืนยันการนำเข้า" in html
    assert "<td>O2</td><td>ข้อมูลผู้บริหาร</td><td>O2</td><td>ข้อมูลผู้บริหาร</td><td>คงเดิม</td><td>1</td>" in html
    assert "O27 ตัวชี้วัดใหม่ของปี 2570" in html
    assert not ItaFramework.objects.filter(name="OIT 2570").exists()

    token = response.context["token"]
    assert client.post(url, {"confirm": "1", "token": "forged"}, follow=True).status_code == 200
    assert not ItaFramework.objects.filter(name="OIT 2570").exists()
    response = client.post(url, {"confirm": "1", "token": token}, follow=True)
    assert "นำเข้าตัวชี้วัด 4 รายการเข้าสู่ “OIT 2570 ปีงบประมาณ 2570” แล้ว" in response.content.decode()
    framework = _framework("OIT 2570")
    assert (framework.plans_fiscal_year, framework.reports_fiscal_year) == (2570, 2569)
    assert [day.isoformat() for day in framework.window] == ["2027-03-15", "2027-07-15"]
    assert _codes(page, "OIT 2570") == ["O2"]
    # Confirming twice (a second click, the back button) imports nothing more.
    client.post(url, {"confirm": "1", "token": token})
    assert ItaFramework.objects.filter(name="OIT 2570").count() == 1
