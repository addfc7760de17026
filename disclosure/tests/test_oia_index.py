"""R1.4: the Official Information Act index lists, under each category, every live, public page of the
agency filed under it, whatever its type: official information and procurement summaries (their category),
citizen's manuals (s.9(4)), plans and their monitoring (s.9(3)), laws (their category, s.7(4) when left blank), the
structure (s.7(1)) and the contact page (s.7(3))."""

import datetime

from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import rich_text

import pytest

from disclosure.models import LawPage, MonitoringReportPage, OfficialInfoPage, PlanPage
from disclosure.selectors import oia_classifications
from services.models import ServiceIndexPage, ServicePage
from services.tests.factories import manual_create

from .utils import (
    admin_add_post,
    admin_client_make,
    category,
    law_index,
    official_info_index,
    page_form_data,
    plan_index,
    publish_under,
)

pytestmark = pytest.mark.django_db


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _manual(site, title, slug, live=True):
    page = manual_create(ServiceIndexPage.objects.descendant_of(site.root_page).get(), title, slug=slug)
    if live:
        return _publish(page)
    ServicePage.objects.filter(pk=page.pk).update(live=False)
    return page


def _plan(site, title, slug):
    return publish_under(
        plan_index(site),
        PlanPage(title=title, slug=slug, plan_type="annual_action", fiscal_year_start=2568, fiscal_year_end=2568),
    )


def _law(site, title, slug, **fields):
    return publish_under(
        law_index(site),
        LawPage(
            title=title,
            slug=slug,
            law_type="rule",
            source_name="กฤษฎีกา",
            source_url="https://www.krisdika.go.th/",
            **fields,
        ),
    )


def _listed(client, code, host="localhost") -> str:
    response = client.get("/official-information/", {"category": code}, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def pages(agency_site, second_agency_site):
    """One page of each type in the agency, a draft manual, a private plan and another agency's manual."""
    plan = _plan(agency_site, "แผนปฏิบัติราชการประจำปี 2568", "plan-2568")
    report = publish_under(
        plan_index(agency_site),
        MonitoringReportPage(
            title="รายงานผลการดำเนินงานตามแผน รอบ 6 เดือน",
            slug="report-2568",
            plan=plan,
            period="half_year",
            report_fiscal_year=2568,
            results_summary="<p>ดำเนินการแล้วร้อยละ 60</p>",
        ),
    )
    private_plan = _plan(agency_site, "แผนลับเฉพาะเจ้าหน้าที่", "plan-private")
    PageViewRestriction.objects.create(page=private_plan, restriction_type=PageViewRestriction.LOGIN)
    return {
        "manual": _manual(agency_site, "การจดทะเบียนพาณิชย์", "commerce"),
        "draft_manual": _manual(agency_site, "การขออนุญาตก่อสร้างอาคาร (ร่าง)", "building", live=False),
        "other_manual": _manual(second_agency_site, "การขออนุญาตตั้งแผงลอยของเทศบาล", "stall"),
        "plan": plan,
        "report": report,
        "law": _law(agency_site, "ระเบียบจังหวัดว่าด้วยการใช้สถานที่", "rule"),
        "law_manual": _law(agency_site, "แนวทางปฏิบัติการให้บริการประชาชน", "guideline", oia_category=category("9(4)")),
        "info": publish_under(
            official_info_index(agency_site),
            OfficialInfoPage(
                title="คำสั่งแต่งตั้งคณะทำงาน",
                slug="order",
                category=category("9(1)"),
                info_date=datetime.date(2025, 1, 15),
                summary="คำสั่งจังหวัดเพชรบุรีที่ 1/2568",
            ),
        ),
    }


def test_each_category_lists_every_type_filed_under_it(client, pages):
    manuals = _listed(client, "9(4)")
    assert "การจดทะเบียนพาณิชย์" in manuals and "คู่มือสำหรับประชาชน" in manuals  # the title and the page type
    assert "แนวทางปฏิบัติการให้บริการประชาชน" in manuals  # a law the editor filed under 9(4)
    assert 'href="/services/commerce/"' in manuals
    assert "แผนปฏิบัติราชการประจำปี 2568" not in manuals

    plans = _listed(client, "9(3)")
    assert "แผนปฏิบัติราชการประจำปี 2568" in plans
    assert "รายงานผลการดำเนินงานตามแผน รอบ 6 เดือน" in plans
    assert "การจดทะเบียนพาณิชย์" not in plans

    laws = _listed(client, "7(4)")
    assert "ระเบียบจังหวัดว่าด้วยการใช้สถานที่" in laws  # left blank: 7(4)
    assert "แนวทางปฏิบัติการให้บริการประชาชน" not in laws

    assert "คำสั่งแต่งตั้งคณะทำงาน" in _listed(client, "9(1)")
    assert 'href="/contact/"' in _listed(client, "7(3)")


def test_drafts_private_pages_and_other_agencies_pages_are_not_listed(client, pages):
    everything = client.get("/official-information/").content.decode()
    for title in ("การจดทะเบียนพาณิชย์", "แผนปฏิบัติราชการประจำปี 2568", "คำสั่งแต่งตั้งคณะทำงาน"):
        assert title in everything
    for title in ("การขออนุญาตก่อสร้างอาคาร (ร่าง)", "แผนลับเฉพาะเจ้าหน้าที่", "การขออนุญาตตั้งแผงลอยของเทศบาล"):
        assert title not in everything
    # The other agency's index lists its own manual, and nothing of the first agency's.
    theirs = _listed(client, "9(4)", host="town.localhost")
    assert "การขออนุญาตตั้งแผงลอยของเทศบาล" in theirs and "การจดทะเบียนพาณิชย์" not in theirs


def test_the_full_index_groups_pages_under_their_categories_in_order_with_counts(client, pages):
    content = client.get("/official-information/").content.decode()
    headings = [
        content.index(f'<h2 class="oia-group-heading">{code} ') for code in ("7(3)", "7(4)", "9(1)", "9(3)", "9(4)")
    ]
    assert headings == sorted(headings)
    assert headings[3] < content.index("แผนปฏิบัติราชการประจำปี 2568") < headings[4]
    assert headings[4] < content.index("การจดทะเบียนพาณิชย์")
    # 9(3): the plan and its report (the private plan is not counted); 9(4): the manual and the guideline.
    assert "(2 รายการ)" in _count(content, "9(3)")
    assert "(2 รายการ)" in _count(content, "9(4)")
    assert "ไม่มีข้อมูล" in _count(content, "9(6)")


def _count(content, code) -> str:
    """What the list of categories says of ``code``: "(n รายการ)" or "(ไม่มีข้อมูล)"."""
    return content.split(f'<span class="oia-categories__code">{code}</span>')[1].split("</li>")[0]


def test_unpublishing_a_manual_takes_it_off_the_index(client, pages):
    pages["manual"].unpublish()
    assert "การจดทะเบียนพาณิชย์" not in _listed(client, "9(4)")


def test_an_editor_files_a_law_under_a_category_in_the_admin(agency_site, client):
    _, admin = admin_client_make()
    data = page_form_data(
        title="มติคณะรัฐมนตรีเรื่องการจัดซื้อจัดจ้าง",
        slug="cabinet",
        law_type="cabinet_resolution",
        number="",
        issued_date="2024-05-01",
        issuing_body="",
        summary=rich_text(""),
        source_name="สำนักเลขาธิการคณะรัฐมนตรี",
        source_url="https://resolution.soc.go.th/",
        gazette_volume="",
        gazette_section="",
        gazette_page="",
        gazette_date="",
        effective_date="",
        superseded_by="",
        oia_category=category("9(7)").pk,
    )
    response = admin_add_post(admin, law_index(agency_site), LawPage, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert LawPage.objects.get(slug="cabinet").oia_category.code == "9(7)"
    assert "มติคณะรัฐมนตรีเรื่องการจัดซื้อจัดจ้าง" in _listed(client, "9(7)")


def test_the_types_and_their_categories():
    """Which page types the index lists, and the category the law gives those that cannot choose."""
    fixed = {entry.model.__name__: entry.code for entry in oia_classifications() if entry.field is None}
    chosen = {entry.model.__name__: entry.code for entry in oia_classifications() if entry.field is not None}
    assert fixed == {
        "ServicePage": "9(4)",
        "PlanPage": "9(3)",
        "MonitoringReportPage": "9(3)",
        "OrganisationStructurePage": "7(1)",
        "ContactPage": "7(3)",
    }
    assert chosen == {"OfficialInfoPage": None, "ProcurementSummaryPage": None, "LawPage": "7(4)"}
