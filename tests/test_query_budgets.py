"""Query budgets: every public page type, and the search page, answers without the page cache in at most
``BUDGET`` queries, the same with 3 as with 30 children, items or documents. The counts are printed:

    .venv/bin/pytest tests/test_query_budgets.py -q
"""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page

import pytest

from core.models import AgencySettings, OrganisationUnit, PageDocument
from disclosure.models import (
    BasicInfoIndexPage,
    ExecutiveEntry,
    ExecutivesPage,
    LawIndexPage,
    LawPage,
    MonitoringReportPage,
    OfficialInfoCategory,
    OfficialInfoIndexPage,
    OfficialInfoPage,
    OrganisationStructurePage,
    Person,
    PlanIndexPage,
    PlanPage,
    ProcurementRow,
    ProcurementSummaryPage,
    UnitHeadEntry,
    UnitHeadsPage,
)
from documents.models import LibraryDocument
from home.models import ContactPage, NewsIndexPage, NewsPage, QuestionAnswerPage, QuestionIndexPage, StandardPage
from integrity.models import (
    ComplaintsPage,
    ComplaintStatistic,
    EService,
    EServicesPage,
    EServiceUsage,
    GiftReceived,
    HumanResourcesPage,
    IntegrityIndexPage,
    IntegrityItemPage,
    IntegrityMeasure,
    IntegrityMeasureResult,
    IntegrityMeasuresPage,
    IntegrityMeasuresReportPage,
    NoGiftPage,
    ParticipationActivity,
    ParticipationPage,
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
from oversight.models import ItaEvidencePage, ItaFramework, PageItaItem
from services.models import ServiceFee, ServiceIndexPage, ServicePage, ServiceStep

pytestmark = pytest.mark.django_db

BUDGET = 12
SIZES = (3, 30)


def _live(**fields):
    """What a published page has (without going through revisions, which these counts do not read)."""
    now = timezone.now()
    return {"live": True, "first_published_at": now, "last_published_at": now, **fields}


def _add(parent, page):
    parent.add_child(instance=page)
    return page


def _law(index, title, slug, law_type="act"):
    return _add(
        index,
        LawPage(
            **_live(
                title=title,
                slug=slug,
                law_type=law_type,
                source_name="กฤษฎีกา",
                source_url="https://www.krisdika.go.th/",
            )
        ),
    )


def _category(site, model):
    return model.objects.descendant_of(site.root_page).get()


def _documents(site, count, start):
    collection_id = AgencySettings.for_site(site).collection_id
    documents = LibraryDocument.objects.bulk_create(
        LibraryDocument(
            title=f"เอกสารประกอบ {n}",
            file=f"documents/budget-{n}.pdf",
            original_filename=f"เอกสาร {n}.pdf",
            file_size=1024,
            collection_id=collection_id,
            is_public=True,
        )
        for n in range(start, start + count)
    )
    return [PageDocument(document=document, sort_order=n) for n, document in enumerate(documents, start=start)]


def _with_documents(site, page, count, start):
    """``page`` with ``count`` more published documents."""
    for row in _documents(site, count, start):
        row.page = page
        row.save()
    return page


def _unit(site, name, parent=None):
    return OrganisationUnit.objects.create(site=site, name=name, parent=parent, live=True)


# Each builder adds ``count`` children, items or documents (numbered from ``start``) and returns the URL to count.


def home(site, count, start):
    news = _category(site, NewsIndexPage)
    services = _category(site, ServiceIndexPage)
    for n in range(start, start + count):
        _add(
            news,
            NewsPage(
                **_live(
                    title=f"ข่าว {n}", slug=f"news-{n}", date=timezone.localdate(), body="<p>x</p>", urgent=n % 3 == 0
                )
            ),
        )
        _add(
            services,
            ServicePage(
                **_live(
                    title=f"คู่มือ {n}",
                    slug=f"manual-{n}",
                    category="register",
                    legal_basis="พ.ร.บ.",
                    criteria="<p>x</p>",
                    complaint_channels="1567",
                )
            ),
        )
    return "/"


def standard_page(site, count, start):
    page = StandardPage.objects.child_of(site.root_page).get(slug="website-policy")
    _with_documents(site, page, count, start)
    return page.url


def contact_page(site, count, start):
    return ContactPage.objects.child_of(site.root_page).get().url


def news_index(site, count, start):
    home(site, count, start)
    return "/news/"


def news_page(site, count, start):
    index = _category(site, NewsIndexPage)
    page = NewsPage.objects.filter(slug="item").first() or _add(
        index, NewsPage(**_live(title="ข่าว", slug="item", date=timezone.localdate(), body="<p>x</p>"))
    )
    _with_documents(site, page, count, start)
    return "/news/item/"


def _qa(index, n):
    return _add(
        index,
        QuestionAnswerPage(**_live(title=f"คำถาม {n}", slug=f"qa-{n}", question=f"คำถาม {n}", answer="<p>ตอบ</p>")),
    )


def question_index(site, count, start):
    index = _category(site, QuestionIndexPage)
    for n in range(start, start + count):
        _qa(index, n)
    return "/questions/"


def question_answer_page(site, count, start):
    index = _category(site, QuestionIndexPage)
    if not QuestionAnswerPage.objects.filter(slug="qa-main").exists():
        _add(index, QuestionAnswerPage(**_live(title="คำถามหลัก", slug="qa-main", question="ถาม", answer="<p>ตอบ</p>")))
    for n in range(start, start + count):
        _qa(index, n)
    return "/questions/qa-main/"


def basic_info_index(site, count, start):
    index = _category(site, BasicInfoIndexPage)
    for n in range(start, start + count):
        _add(index, UnitHeadsPage(**_live(title=f"หัวหน้าส่วนราชการ {n}", slug=f"heads-{n}")))
    return "/basic-information/"


def structure_page(site, count, start):
    index = _category(site, BasicInfoIndexPage)
    page = OrganisationStructurePage.objects.first()
    if page is None:
        root = _unit(site, "สำนักงานจังหวัด")
        page = _add(index, OrganisationStructurePage(**_live(title="โครงสร้าง", slug="structure", root_unit=root)))
    root = page.root_unit
    for n in range(start, start + count):
        group = _unit(site, f"กลุ่มงาน {n}", parent=root)
        _unit(site, f"ฝ่าย {n}", parent=group)
    return "/basic-information/structure/"


def executives_page(site, count, start):
    index = _category(site, BasicInfoIndexPage)
    page = ExecutivesPage.objects.first() or _add(index, ExecutivesPage(**_live(title="คณะผู้บริหาร", slug="executives")))
    for n in range(start, start + count):
        person = Person.objects.create(site=site, name=f"บุคคล {n}", live=True)
        ExecutiveEntry.objects.create(page=page, position=f"ตำแหน่ง {n}", person=person, sort_order=n)
    return "/basic-information/executives/"


def unit_heads_page(site, count, start):
    index = _category(site, BasicInfoIndexPage)
    page = UnitHeadsPage.objects.filter(slug="heads").first() or _add(
        index, UnitHeadsPage(**_live(title="หัวหน้าส่วนราชการ", slug="heads"))
    )
    for n in range(start, start + count):
        person = Person.objects.create(site=site, name=f"หัวหน้า {n}", live=True)
        unit = _unit(site, f"ส่วนราชการ {n}")
        UnitHeadEntry.objects.create(page=page, unit=unit, person=person, position="หัวหน้า", sort_order=n)
    return "/basic-information/heads/"


def _plan(index, n):
    return _add(
        index,
        PlanPage(
            **_live(
                title=f"แผน {n}",
                slug=f"plan-{n}",
                plan_type="annual_action",
                fiscal_year_start=2568,
                fiscal_year_end=2568,
            )
        ),
    )


def _report(index, plan, n):
    return _add(
        index,
        MonitoringReportPage(
            **_live(
                title=f"รายงาน {n}",
                slug=f"report-{n}",
                plan=plan,
                period="year",
                report_fiscal_year=2568,
                results_summary="<p>x</p>",
            )
        ),
    )


def plan_index(site, count, start):
    index = _category(site, PlanIndexPage)
    for n in range(start, start + count):
        _report(index, _plan(index, n), n)
    return "/plans/"


def plan_page(site, count, start):
    index = _category(site, PlanIndexPage)
    plan = PlanPage.objects.filter(slug="plan-main").first() or _add(
        index,
        PlanPage(
            **_live(
                title="แผนหลัก",
                slug="plan-main",
                plan_type="annual_action",
                fiscal_year_start=2568,
                fiscal_year_end=2568,
            )
        ),
    )
    for n in range(start, start + count):
        _report(index, plan, n)
    _with_documents(site, plan, count, start)
    return "/plans/plan-main/"


def monitoring_report_page(site, count, start):
    index = _category(site, PlanIndexPage)
    report = MonitoringReportPage.objects.filter(slug="report-main").first()
    if report is None:
        report = _report(index, _plan(index, 0), "main")
    _with_documents(site, report, count, start)
    return "/plans/report-main/"


def law_index(site, count, start):
    index = _category(site, LawIndexPage)
    for n in range(start, start + count):
        _law(index, f"กฎหมาย {n}", f"law-{n}")
    return "/laws/"


def law_page(site, count, start):
    index = _category(site, LawIndexPage)
    law = LawPage.objects.filter(slug="law-main").first() or _law(index, "กฎหมายหลัก", "law-main")
    _with_documents(site, law, count, start)
    return "/laws/law-main/"


def _info(index, n, **fields):
    category = OfficialInfoCategory.objects.order_by("pk")[n % 5 if isinstance(n, int) else 0]
    return _add(
        index,
        OfficialInfoPage(
            **_live(
                title=f"ข้อมูลข่าวสาร {n}",
                slug=f"info-{n}",
                category=category,
                info_date=datetime.date(2025, 1, 1),
                **fields,
            )
        ),
    )


def official_info_index(site, count, start):
    """The index lists every page type filed under a category: items, manuals, plans and laws."""
    index = _category(site, OfficialInfoIndexPage)
    manuals, plans, laws = (_category(site, model) for model in (ServiceIndexPage, PlanIndexPage, LawIndexPage))
    for n in range(start, start + count):
        _info(index, n)
        if n % 3 == 0:
            _add(
                manuals,
                ServicePage(
                    **_live(
                        title=f"คู่มือ {n}",
                        slug=f"oia-manual-{n}",
                        category="register",
                        legal_basis="พ.ร.บ.",
                        criteria="<p>x</p>",
                        complaint_channels="1567",
                        summary="คำอธิบาย",
                    )
                ),
            )
        elif n % 3 == 1:
            _report(plans, _plan(plans, f"oia-{n}"), f"oia-{n}")
        else:
            _law(index=laws, title=f"ระเบียบ {n}", slug=f"oia-law-{n}", law_type="rule")
    return "/official-information/"


def official_info_page(site, count, start):
    index = _category(site, OfficialInfoIndexPage)
    page = OfficialInfoPage.objects.filter(slug="info-main").first() or _info(index, "main")
    _with_documents(site, page, count, start)
    return "/official-information/info-main/"


def procurement_summary_page(site, count, start):
    index = _category(site, OfficialInfoIndexPage)
    page = ProcurementSummaryPage.objects.first() or _add(
        index,
        ProcurementSummaryPage(
            **_live(
                title="สขร. ตุลาคม",
                slug="procurement",
                category=OfficialInfoCategory.objects.get(code="9(8)-1"),
                month=10,
                year_be=2567,
                info_date=datetime.date(2024, 10, 1),
            )
        ),
    )
    for n in range(start, start + count):
        ProcurementRow.objects.create(
            page=page,
            item=f"จัดซื้อ {n}",
            budget=1000,
            method="specific",
            sort_order=n,
            bidders_and_prices="ร้าน ก",
            winner="ร้าน ก",
            agreed_price=900,
            reason="ต่ำสุด",
        )
    _with_documents(site, page, count, start)
    return "/official-information/procurement/"


def service_index(site, count, start):
    index = _category(site, ServiceIndexPage)
    for n in range(start, start + count):
        unit = _unit(site, f"หน่วยบริการ {n}")
        _add(
            index,
            ServicePage(
                **_live(
                    title=f"คู่มือ {n}",
                    slug=f"manual-{n}",
                    category="register",
                    legal_basis="พ.ร.บ.",
                    criteria="<p>x</p>",
                    complaint_channels="1567",
                    responsible_unit=unit,
                    steps=[ServiceStep(name="ยื่น", duration=1, unit="days")],
                )
            ),
        )
    return "/services/"


def service_page(site, count, start):
    index = _category(site, ServiceIndexPage)
    page = ServicePage.objects.filter(slug="manual-main").first() or _add(
        index,
        ServicePage(
            **_live(
                title="คู่มือหลัก",
                slug="manual-main",
                category="register",
                legal_basis="พ.ร.บ.",
                criteria="<p>x</p>",
                complaint_channels="1567",
                responsible_unit=_unit(site, "กองทะเบียน"),
            )
        ),
    )
    for n in range(start, start + count):
        ServiceStep.objects.create(
            page=page,
            name=f"ขั้นตอน {n}",
            duration=1,
            unit="days",
            sort_order=n,
            responsible_unit=_unit(site, f"ฝ่าย {n}"),
        )
        ServiceFee.objects.create(page=page, description=f"ค่าธรรมเนียม {n}", amount=10, sort_order=n)
    _with_documents(site, page, count, start)
    return "/services/manual-main/"


def ita_evidence_page(site, count, start):
    framework = ItaFramework.objects.get(name="OIT 2566")
    if not ItaEvidencePage.objects.exists():
        _add(site.root_page, ItaEvidencePage(**_live(title="OIT", slug="ita", framework=framework)))
    items = list(framework.items.order_by("pk"))
    index = _category(site, LawIndexPage)
    for n in range(start, start + count):
        page = _law(index, f"หลักฐาน {n}", f"evidence-{n}")
        PageItaItem.objects.create(page=page, item=items[n % len(items)])
    for n, row in enumerate(_documents(site, count, start), start=start):
        row.document.ita_items.add(items[n % len(items)])
    return "/ita/"


def integrity_index(site, count, start):
    """The ITA section lists its pages with their ITA item codes."""
    section = _category(site, IntegrityIndexPage)
    items = list(ItaFramework.objects.get(name="OIT 2566").items.order_by("pk"))
    for n in range(start, start + count):
        page = _add(
            section, IntegrityItemPage(**_live(title=f"หลักฐาน {n}", slug=f"item-{n}", kind="other", body="<p>x</p>"))
        )
        PageItaItem.objects.create(page=page, item=items[n % len(items)])
    return "/integrity/"


def _section_page(site, model, slug, **fields):
    return model.objects.filter(slug=slug).first() or _add(
        _category(site, IntegrityIndexPage), model(**_live(title=slug, slug=slug, **fields))
    )


def procurement_plan_page(site, count, start):
    page = _section_page(site, ProcurementPlanPage, "procurement-plan", report_year=2568)
    for n in range(start, start + count):
        ProcurementPlanRow.objects.create(
            page=page, project=f"โครงการ {n}", budget=1000, method="specific", expected_month=10, sort_order=n
        )
    _with_documents(site, page, count, start)
    return page.url


def procurement_report_page(site, count, start):
    page = _section_page(site, ProcurementReportPage, "procurement-report", report_year=2568, problems="ไม่มี")
    for n in range(start, start + count):
        ProcurementMethodTotal.objects.create(page=page, method="specific", count=n, amount=1000, sort_order=n)
    _with_documents(site, page, count, start)
    return page.url


def human_resources_page(site, count, start):
    page = _section_page(site, HumanResourcesPage, "hr-policy", report_year=2568, kind="policy", body="<p>x</p>")
    _with_documents(site, page, count, start)
    return page.url


def complaints_page(site, count, start):
    page = _section_page(site, ComplaintsPage, "complaints", guideline="<p>x</p>", channel_phone="1567")
    for n in range(start, start + count):
        ComplaintStatistic.objects.create(
            page=page, fiscal_year=2560 + n % 5, complaint_type=f"ประเภท {n}", received=2, in_progress=1, closed=1
        )
    _with_documents(site, page, count, start)
    return page.url


def risk_assessment_page(site, count, start):
    page = _section_page(site, RiskAssessmentPage, "risks", report_year=2568)
    for n in range(start, start + count):
        RiskRow.objects.create(
            page=page, process="จัดซื้อ", risk=f"ความเสี่ยง {n}", likelihood=1 + n % 5, impact=3, control_measures="x"
        )
    _with_documents(site, page, count, start)
    return page.url


def prevention_plan_page(site, count, start):
    plan = _section_page(site, PreventionPlanPage, "prevention-plan", report_year=2568)
    for n in range(start, start + count):
        PreventionActivity.objects.create(page=plan, activity=f"กิจกรรม {n}", period="ทั้งปี", responsible="x")
        _add(
            plan,
            PreventionReportPage(
                **_live(title=f"รายงาน {n}", slug=f"report-{n}", report_year=2568, period="year", summary="<p>x</p>")
            ),
        )
    _with_documents(site, plan, count, start)
    return plan.url


def prevention_report_page(site, count, start):
    plan = _section_page(site, PreventionPlanPage, "prevention-plan", report_year=2568)
    report = PreventionReportPage.objects.filter(slug="report-main").first() or _add(
        plan,
        PreventionReportPage(
            **_live(title="รายงาน", slug="report-main", report_year=2568, period="half_year", summary="<p>x</p>")
        ),
    )
    for n in range(start, start + count):
        PreventionResult.objects.create(page=report, activity=f"กิจกรรม {n}", status="done", sort_order=n)
    _with_documents(site, report, count, start)
    return report.url


def integrity_item_page(site, count, start):
    page = _section_page(site, IntegrityItemPage, "no-gift", kind="no_gift_announcement", body="<p>x</p>")
    _with_documents(site, page, count, start)
    return page.url


def e_services_page(site, count, start):
    page = _section_page(site, EServicesPage, "e-services", report_year=2569)
    manual = ServicePage.objects.first()
    for n in range(start, start + count):
        EService.objects.create(
            page=page, name=f"บริการ {n}", url="https://x.example/", purpose="x", service_page=manual, sort_order=n
        )
        EServiceUsage.objects.create(page=page, service_name=f"บริการ {n}", month=1 + n % 12, uses=n, sort_order=n)
    _with_documents(site, page, count, start)
    return page.url


def participation_page(site, count, start):
    page = _section_page(site, ParticipationPage, "participation", report_year=2569)
    for n in range(start, start + count):
        ParticipationActivity.objects.create(
            page=page,
            title=f"กิจกรรม {n}",
            kind="hearing",
            held_on=datetime.date(2026, 1, 1),
            how_to_take_part="x",
            result="y",
            sort_order=n,
        )
    _with_documents(site, page, count, start)
    return page.url


def no_gift_page(site, count, start):
    page = _section_page(
        site,
        NoGiftPage,
        "no-gift-2569",
        report_year=2569,
        declared_on=datetime.date(2025, 10, 1),
        declared_by="ผู้ว่าราชการจังหวัด",
        declaration="<p>x</p>",
        gifts=[
            GiftReceived(received_on=datetime.date(2025, 12, 1), description="ของขวัญ", giver="x", value=1, handling="y")
        ],
    )
    for n in range(start, start + count):
        GiftReceived.objects.create(
            page=page,
            received_on=datetime.date(2026, 1, 1),
            description=f"ของขวัญ {n}",
            giver="x",
            value=1,
            handling="y",
            sort_order=n,
        )
    _with_documents(site, page, count, start)
    return page.url


def _measures_page(site):
    return _section_page(
        site, IntegrityMeasuresPage, "ita-measures", report_year=2569, assessed_year=2568, result_summary="<p>x</p>"
    )


def integrity_measures_page(site, count, start):
    page = _measures_page(site)
    for n in range(start, start + count):
        IntegrityMeasure.objects.create(
            page=page, issue=f"ประเด็น {n}", measure="x", responsible="y", period="z", sort_order=n
        )
        _add(
            page,
            IntegrityMeasuresReportPage(
                **_live(title=f"รายงาน {n}", slug=f"measures-report-{n}", report_year=2568, summary="<p>x</p>")
            ),
        )
    _with_documents(site, page, count, start)
    return page.url


def integrity_measures_report_page(site, count, start):
    measures = _measures_page(site)
    report = IntegrityMeasuresReportPage.objects.filter(slug="measures-report-main").first() or _add(
        measures,
        IntegrityMeasuresReportPage(
            **_live(title="รายงาน", slug="measures-report-main", report_year=2568, summary="<p>x</p>")
        ),
    )
    for n in range(start, start + count):
        IntegrityMeasureResult.objects.create(page=report, measure=f"มาตรการ {n}", status="done", sort_order=n)
    _with_documents(site, report, count, start)
    return report.url


def search(site, count, start):
    index = _category(site, LawIndexPage)
    for n in range(start, start + count):
        _law(index, f"ระเบียบการทะเบียนพาณิชย์ {n}", f"rule-{n}", law_type="rule")
    _add(
        _category(site, ServiceIndexPage),
        ServicePage(
            **_live(
                title=f"การจดทะเบียนพาณิชย์ {start}",
                slug=f"commerce-{start}",
                category="register",
                legal_basis="พ.ร.บ.",
                criteria="<p>ทะเบียนพาณิชย์</p>",
                complaint_channels="1567",
            )
        ),
    )
    return "/search/?q=ทะเบียนพาณิชย์"


PAGE_TYPES = [
    home,
    standard_page,
    contact_page,
    news_index,
    news_page,
    question_index,
    question_answer_page,
    basic_info_index,
    structure_page,
    executives_page,
    unit_heads_page,
    plan_index,
    plan_page,
    monitoring_report_page,
    law_index,
    law_page,
    official_info_index,
    official_info_page,
    procurement_summary_page,
    service_index,
    service_page,
    ita_evidence_page,
    integrity_index,
    procurement_plan_page,
    procurement_report_page,
    human_resources_page,
    complaints_page,
    risk_assessment_page,
    prevention_plan_page,
    prevention_report_page,
    integrity_item_page,
    e_services_page,
    participation_page,
    no_gift_page,
    integrity_measures_page,
    integrity_measures_report_page,
    search,
]


def _count(client, url) -> int:
    first = client.get(url)
    assert first.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_every_page_type_is_listed():
    """A new page type needs its budget here."""
    from home.models import HomePage as Home

    listed = {
        Home,
        StandardPage,
        ContactPage,
        NewsIndexPage,
        NewsPage,
        QuestionIndexPage,
        QuestionAnswerPage,
        BasicInfoIndexPage,
        OrganisationStructurePage,
        ExecutivesPage,
        UnitHeadsPage,
        PlanIndexPage,
        PlanPage,
        MonitoringReportPage,
        LawIndexPage,
        LawPage,
        OfficialInfoIndexPage,
        OfficialInfoPage,
        ProcurementSummaryPage,
        ServiceIndexPage,
        ServicePage,
        ItaEvidencePage,
        IntegrityIndexPage,
        ProcurementPlanPage,
        ProcurementReportPage,
        HumanResourcesPage,
        ComplaintsPage,
        RiskAssessmentPage,
        PreventionPlanPage,
        PreventionReportPage,
        IntegrityItemPage,
        EServicesPage,
        ParticipationPage,
        NoGiftPage,
        IntegrityMeasuresPage,
        IntegrityMeasuresReportPage,
    }
    from wagtail.models import get_page_models

    assert {model for model in get_page_models() if model is not Page} == listed
    assert len(PAGE_TYPES) == len(listed) + 1  # and the search page


@pytest.mark.parametrize("build", PAGE_TYPES, ids=[build.__name__ for build in PAGE_TYPES])
def test_query_budget(build, agency_site, client, settings, capsys):
    settings.PAGE_CACHE_SECONDS = 0  # the page cache off: what a page costs when it is rendered
    settings.SEARCH_RATE_PER_MINUTE = 0
    counts = {}
    built = 0
    for size in SIZES:
        url = build(agency_site, size - built, built)
        built = size
        counts[size] = _count(client, url)
    with capsys.disabled():
        print(f"\nqueries, {build.__name__} ({url}): " + ", ".join(f"{n} items: {c}" for n, c in counts.items()))
    assert max(counts.values()) <= BUDGET, counts
    assert len(set(counts.values())) == 1, counts
