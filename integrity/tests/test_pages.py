"""The ITA section's page types: each shows its rows to the public, lives only where it belongs, refuses bad rows
with a Thai message, and its editor form shows what evidence its ITA items expect."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from integrity.models import (
    ActivityStatus,
    ComplaintsPage,
    ComplaintStatistic,
    HumanResourcesPage,
    IntegrityIndexPage,
    IntegrityItemPage,
    PreventionActivity,
    PreventionPlanPage,
    PreventionReportPage,
    PreventionResult,
    ProcurementMethodTotal,
    ProcurementPlanPage,
    ProcurementPlanRow,
    ProcurementReportPage,
    RiskAssessmentPage,
    RiskRow,
)
from oversight.models import ItaFramework, ItaItem, PageItaItem
from publishing.models import AgencyRole
from publishing.tests.utils import client_for, member_make

pytestmark = pytest.mark.django_db


def _live(**fields):
    now = timezone.now()
    return {"live": True, "first_published_at": now, "last_published_at": now, **fields}


def _section(site) -> IntegrityIndexPage:
    return IntegrityIndexPage.objects.child_of(site.root_page).get()


def _add(parent, page):
    parent.add_child(instance=page)
    return page


def _plan(section):
    return _add(
        section,
        ProcurementPlanPage(
            **_live(title="แผนการจัดซื้อจัดจ้าง 2568", slug="plan", report_year=2568),
            plan_rows=[
                ProcurementPlanRow(project="จัดซื้อวัสดุสำนักงานประจำปี", budget=180000, method="e_market", expected_month=11),
                ProcurementPlanRow(project="จ้างซ่อมแซมหลังคาอาคาร", budget=420000, method="selection", expected_month=1),
            ],
        ),
    )


def _prevention_plan(section):
    return _add(
        section,
        PreventionPlanPage(
            **_live(title="แผนปฏิบัติการป้องกันการทุจริต 2568", slug="prevention", report_year=2568),
            activities=[
                PreventionActivity(
                    activity="อบรมประมวลจริยธรรม", budget=45000, period="มกราคม 2568", responsible="กลุ่มงานบริหาร"
                )
            ],
        ),
    )


def test_the_section_is_part_of_every_agency_and_takes_only_its_page_types(agency_site):
    section = _section(agency_site)
    assert section.live and section.show_in_menus
    assert IntegrityIndexPage.can_create_at(agency_site.root_page.specific) is False  # one per agency
    for model in (
        ProcurementPlanPage,
        ProcurementReportPage,
        HumanResourcesPage,
        ComplaintsPage,
        RiskAssessmentPage,
        PreventionPlanPage,
        IntegrityItemPage,
    ):
        assert model.can_create_at(section)
        assert not model.can_create_at(agency_site.root_page.specific)
        assert model.allowed_subpage_models() == ([PreventionReportPage] if model is PreventionPlanPage else [])
    assert not PreventionReportPage.can_create_at(section)


@pytest.mark.parametrize(
    "model", [ProcurementPlanPage, ComplaintsPage, RiskAssessmentPage, IntegrityItemPage, PreventionReportPage]
)
def test_the_admin_refuses_a_page_under_the_wrong_parent(agency_site, client, model):
    """An editor following a crafted link to add a page type under the home page (or a report under the section)
    is refused; under its own parent the form opens."""
    user = get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-1234")
    client.force_login(user)
    section = _section(agency_site)
    wrong, right = agency_site.root_page, section
    if model is PreventionReportPage:
        wrong, right = section, _prevention_plan(section)
    label = model._meta.model_name
    refused = client.get(f"/admin/pages/add/integrity/{label}/{wrong.pk}/")
    # Wagtail sends the user back to the dashboard with "permission denied".
    assert (refused.status_code, refused.get("Location")) in ((403, None), (302, "/admin/"))
    assert client.get(f"/admin/pages/add/integrity/{label}/{right.pk}/").status_code == 200


def test_procurement_plan_shows_its_rows_and_months(agency_site, client):
    _plan(_section(agency_site))
    response = client.get("/integrity/plan/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "จัดซื้อวัสดุสำนักงานประจำปี" in text and "จ้างซ่อมแซมหลังคาอาคาร" in text
    assert "วิธีตลาดอิเล็กทรอนิกส์ (e-market)" in text
    # November of fiscal year 2568 is in 2567; January in 2568.
    assert "พฤศจิกายน 2567" in text and "มกราคม 2568" in text
    assert "600,000.00 บาท" in text


def test_procurement_report_shows_totals_by_method_and_problems(agency_site, client):
    _add(
        _section(agency_site),
        ProcurementReportPage(
            **_live(title="รายงานผลการจัดซื้อจัดจ้าง 2568", slug="report", report_year=2568),
            problems="ผู้เสนอราคาน้อยราย",
            method_totals=[
                ProcurementMethodTotal(method="specific", count=148, amount=2315480),
                ProcurementMethodTotal(method="e_bidding", count=4, amount=5926000),
            ],
        ),
    )
    text = client.get("/integrity/report/").content.decode()
    assert "วิธีเฉพาะเจาะจง" in text and "<td>148</td>" in text
    assert "<td>152</td>" in text and "8,241,480.00" in text  # the totals row
    assert "ผู้เสนอราคาน้อยราย" in text


def test_complaints_page_shows_channels_guideline_and_statistics_by_year(agency_site, client):
    _add(
        _section(agency_site),
        ComplaintsPage(
            **_live(title="เรื่องร้องเรียนการทุจริต", slug="complaints"),
            guideline="<p>รับเรื่องภายในวันที่ได้รับ</p>",
            channel_phone="1567",
            channel_email="complaint@example.go.th",
            statistics=[
                ComplaintStatistic(
                    fiscal_year=2568, complaint_type="การจัดซื้อจัดจ้าง", received=3, in_progress=1, closed=2
                ),
                ComplaintStatistic(
                    fiscal_year=2568, complaint_type="การเรียกรับสินบน", received=1, in_progress=0, closed=1
                ),
                ComplaintStatistic(
                    fiscal_year=2567, complaint_type="การจัดซื้อจัดจ้าง", received=2, in_progress=0, closed=2
                ),
            ],
        ),
    )
    text = client.get("/integrity/complaints/").content.decode()
    assert 'href="tel:1567"' in text and "mailto:complaint@example.go.th" in text
    assert "รับเรื่องภายในวันที่ได้รับ" in text
    assert text.index("ปีงบประมาณ 2568") < text.index("ปีงบประมาณ 2567")  # newest year first
    assert "การเรียกรับสินบน" in text and "<td>4</td>" in text  # 2568 received in total


def test_complaints_refuse_a_page_without_channel_and_impossible_counts(agency_site):
    page = ComplaintsPage(title="เรื่องร้องเรียน", slug="c", guideline="<p>x</p>")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "ต้องระบุช่องทางแจ้งเรื่องร้องเรียนอย่างน้อยหนึ่งช่องทาง" in str(error.value)
    row = ComplaintStatistic(fiscal_year=2568, complaint_type="ก", received=2, in_progress=2, closed=1)
    with pytest.raises(ValidationError) as error:
        row.clean()
    assert "ต้องไม่เกินจำนวนเรื่องที่ได้รับ" in str(error.value)


def test_risk_assessment_lists_risks_highest_first_with_controls(agency_site, client):
    _add(
        _section(agency_site),
        RiskAssessmentPage(
            **_live(title="การประเมินความเสี่ยง 2568", slug="risks", report_year=2568),
            risks=[
                RiskRow(
                    process="ยานพาหนะ", risk="ใช้รถราชการส่วนตัว", likelihood=2, impact=2, control_measures="บันทึกการใช้รถ"
                ),
                RiskRow(
                    process="จัดซื้อ", risk="กำหนดคุณลักษณะเอื้อผู้ขาย", likelihood=3, impact=5, control_measures="เผยแพร่ร่าง TOR"
                ),
            ],
        ),
    )
    text = client.get("/integrity/risks/").content.decode()
    assert text.index("กำหนดคุณลักษณะเอื้อผู้ขาย") < text.index("ใช้รถราชการส่วนตัว")
    assert "3 × 5 = 15 (ระดับสูงมาก)" in text and "2 × 2 = 4 (ระดับต่ำ)" in text
    assert "เผยแพร่ร่าง TOR" in text


def test_prevention_plan_lists_its_activities_and_its_live_reports(agency_site, client):
    plan = _prevention_plan(_section(agency_site))
    _add(
        plan,
        PreventionReportPage(
            **_live(title="รายงานรอบ 6 เดือน", slug="half", report_year=2568, period="half_year"),
            summary="<p>ดำเนินการแล้ว 1 กิจกรรม</p>",
            results=[PreventionResult(activity="อบรมประมวลจริยธรรม", status=ActivityStatus.IN_PROGRESS)],
        ),
    )
    plan_text = client.get("/integrity/prevention/").content.decode()
    assert "อบรมประมวลจริยธรรม" in plan_text and "45,000.00 บาท" in plan_text
    assert "รายงานรอบ 6 เดือน" in plan_text and "รอบ 6 เดือน ปีงบประมาณ 2568" in plan_text
    report_text = client.get("/integrity/prevention/half/").content.decode()
    assert "อยู่ระหว่างดำเนินการ" in report_text and "แผนปฏิบัติการป้องกันการทุจริต 2568" in report_text


def test_hr_and_item_pages_show_their_kind_and_the_index_lists_item_codes(agency_site, client):
    section = _section(agency_site)
    item = ItaItem.objects.get(framework__name="OIT 2566", code="O23")
    hr = _add(
        section,
        HumanResourcesPage(
            **_live(title="นโยบายการบริหารทรัพยากรบุคคล", slug="hr", report_year=2568, kind="policy"),
            body="<p>สรรหาด้วยหลักคุณธรรม</p>",
        ),
    )
    PageItaItem.objects.create(page=hr, item=item)
    _add(
        section,
        IntegrityItemPage(
            **_live(title="ประกาศ No Gift", slug="no-gift", kind="no_gift_announcement"), body="<p>งดรับ</p>"
        ),
    )
    hr_text = client.get("/integrity/hr/").content.decode()
    assert "นโยบายการบริหารทรัพยากรบุคคล" in hr_text and "สรรหาด้วยหลักคุณธรรม" in hr_text
    assert "ประกาศเจตนารมณ์นโยบาย No Gift Policy" in client.get("/integrity/no-gift/").content.decode()
    index_text = client.get("/integrity/").content.decode()
    assert "ตัวชี้วัด O23" in index_text and "ประกาศ No Gift" in index_text


def test_the_editor_sees_what_evidence_the_tagged_items_expect(agency_site, client):
    framework = ItaFramework.objects.create(fiscal_year=2569, name="ITA ทดสอบ")
    item = ItaItem.objects.create(
        framework=framework,
        code="T1",
        name="มาตรการป้องกันผลประโยชน์ทับซ้อน",
        description="คู่มือการป้องกันผลประโยชน์ทับซ้อนและผลการดำเนินการ",
        expected_evidence="ลิงก์ไปยังคู่มือที่ผู้บริหารลงนาม",
    )
    page = _add(
        _section(agency_site),
        IntegrityItemPage(**_live(title="ผลประโยชน์ทับซ้อน", slug="coi", kind="other"), body="<p>x</p>"),
    )
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-1234"))
    text = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "ยังไม่ได้เลือกตัวชี้วัด ITA ที่หน้านี้เป็นหลักฐาน" in text
    PageItaItem.objects.create(page=page, item=item)
    text = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "หลักฐานที่ตัวชี้วัดต้องการ" in text
    assert "คู่มือการป้องกันผลประโยชน์ทับซ้อนและผลการดำเนินการ" in text
    assert "ลิงก์ไปยังคู่มือที่ผู้บริหารลงนาม" in text


def test_an_agency_editor_adds_section_pages_but_not_another_agencys(agency_site, second_agency_site):
    """The section sits under the agency's home page, where its groups hold their page permissions: an editor of
    the agency opens the form for a plan in it, and is refused in the other agency's section."""
    editor = member_make(agency_site, AgencyRole.EDITORS, "editor")
    client = client_for(editor)
    own, other = _section(agency_site), _section(second_agency_site)
    assert client.get(f"/admin/pages/add/integrity/procurementplanpage/{own.pk}/").status_code == 200
    refused = client.get(f"/admin/pages/add/integrity/procurementplanpage/{other.pk}/")
    assert (refused.status_code, refused.get("Location")) in ((403, None), (302, "/admin/"))


def test_a_citizen_finds_a_section_page_by_the_text_of_its_rows(agency_site):
    """The rows are part of what a page is found by (``search_fields``): a risk's text finds its assessment."""
    from search.selectors import site_search

    page = RiskAssessmentPage(
        title="การประเมินความเสี่ยงการทุจริต 2568",
        slug="risks",
        report_year=2568,
        risks=[
            RiskRow(
                process="ยานพาหนะ",
                risk="นำรถยนต์ราชการไปใช้ในงานส่วนตัว",
                likelihood=2,
                impact=2,
                control_measures="ตรวจเลขไมล์รายเดือน",
            )
        ],
    )
    _section(agency_site).add_child(instance=page)
    page.save_revision().publish()
    hits = site_search(agency_site, "เลขไมล์").hits
    assert page.pk in {hit.pk for hit in hits if not hit.is_document}


def test_an_oit_2566_item_comes_with_its_expected_evidence(agency_site, client):
    """The shipped OIT 2566 items say what the assessor looks for (oversight migration 0009), so the guidance is
    never the "not described" note for them."""
    from integrity.panels import NO_DESCRIPTION

    items = ItaItem.objects.filter(framework__name="OIT 2566", framework__agency_type="")
    assert items.count() == 43 and not items.filter(expected_evidence="").exists()
    page = _add(
        _section(agency_site),
        IntegrityItemPage(**_live(title="No Gift Policy", slug="no-gift", kind="other"), body="<p>x</p>"),
    )
    PageItaItem.objects.create(page=page, item=items.get(code="O31"))
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-1234"))
    text = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "หลักฐานที่ต้องแสดง: ประกาศเจตนารมณ์นโยบายไม่รับของขวัญ" in text
    assert NO_DESCRIPTION not in text
