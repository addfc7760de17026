"""R1.2: plans and their monitoring and evaluation reports."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text

from disclosure.models import (
    BasicInfoIndexPage,
    MonitoringReportPage,
    PlanIndexPage,
    PlanPage,
    PlanType,
    ReportPeriod,
)
from home.models import HomePage

from .utils import (
    admin_add_post,
    admin_client_make,
    document_make,
    page_form_data,
    plan_index,
    publish_under,
    site_make,
)


def plan_make(index, slug, plan_type=PlanType.ANNUAL_ACTION, start=2568, end=2568, **fields):
    return publish_under(
        index,
        PlanPage(
            title=fields.pop("title", slug),
            slug=slug,
            plan_type=plan_type,
            fiscal_year_start=start,
            fiscal_year_end=end,
            **fields,
        ),
    )


def report_make(index, plan, slug, period=ReportPeriod.QUARTER, year=2568, quarter=1):
    return publish_under(
        index,
        MonitoringReportPage(
            title=slug,
            slug=slug,
            plan=plan,
            period=period,
            report_fiscal_year=year,
            quarter=quarter,
            results_summary="<p>ดำเนินการแล้วร้อยละ 80</p>",
        ),
    )


class PlanTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = site_make()
        cls.index = plan_index(cls.site)

    def setUp(self):
        self.user, _ = admin_client_make()
        self.client.force_login(self.user)


class PageTreeTests(PlanTestCase):
    def test_tree(self):
        self.assertAllowedSubpageTypes(PlanIndexPage, {PlanPage, MonitoringReportPage})
        for model in (PlanPage, MonitoringReportPage):
            self.assertCanCreateAt(PlanIndexPage, model)
            self.assertCanNotCreateAt(HomePage, model)
            self.assertCanNotCreateAt(BasicInfoIndexPage, model)
            self.assertAllowedSubpageTypes(model, {})


class AdminCreationTests(PlanTestCase):
    def test_create_plan(self):
        data = page_form_data(
            title="แผนพัฒนาจังหวัดเพชรบุรี พ.ศ. 2566 - 2570",
            plan_type="provincial_development",
            fiscal_year_start="2566",
            fiscal_year_end="2570",
            status="in_effect",
            approved_on="",
            summary=rich_text("<p>วิสัยทัศน์</p>"),
        )
        self.assertCanCreate(self.index, PlanPage, data)
        plan = PlanPage.objects.get()
        self.assertEqual((plan.plan_type, plan.fiscal_years_label), ("provincial_development", "2566 - 2570"))

    def test_create_monitoring_report(self):
        plan = plan_make(self.index, "action-2568")
        data = page_form_data(
            title="รายงานผลไตรมาสที่ 1",
            plan=plan.pk,
            period="quarter",
            report_fiscal_year="2568",
            quarter="1",
            results_summary=rich_text("<p>เบิกจ่ายร้อยละ 25</p>"),
        )
        self.assertCanCreate(self.index, MonitoringReportPage, data)
        report = MonitoringReportPage.objects.get()
        self.assertEqual(
            (report.plan_id, report.period_label, report.fiscal_year), (plan.pk, "ไตรมาสที่ 1 ปีงบประมาณ 2568", 2568)
        )

    def _report_data(self, plan, **fields):
        data = {
            "title": "รายงาน",
            "slug": "report",
            "plan": plan.pk,
            "period": "quarter",
            "report_fiscal_year": "2568",
            "quarter": "2",
            "results_summary": rich_text("<p>ผล</p>"),
        }
        data.update(fields)
        return page_form_data(**data)

    def test_quarterly_report_needs_its_quarter(self):
        plan = plan_make(self.index, "action-2568")
        response = admin_add_post(self.client, self.index, MonitoringReportPage, self._report_data(plan, quarter=""))
        self.assertContains(response, "รายงานรายไตรมาสต้องระบุไตรมาส")
        self.assertFalse(MonitoringReportPage.objects.exists())

    def test_yearly_report_takes_no_quarter(self):
        plan = plan_make(self.index, "action-2568")
        response = admin_add_post(self.client, self.index, MonitoringReportPage, self._report_data(plan, period="year"))
        self.assertContains(response, "ระบุไตรมาสเฉพาะรายงานรายไตรมาส")
        self.assertFalse(MonitoringReportPage.objects.exists())

    def test_report_year_must_be_within_the_plan(self):
        plan = plan_make(self.index, "action-2568")
        response = admin_add_post(
            self.client, self.index, MonitoringReportPage, self._report_data(plan, report_fiscal_year="2569")
        )
        self.assertContains(response, "ปีงบประมาณที่รายงานต้องอยู่ในช่วงปีของแผน (2568)")
        self.assertFalse(MonitoringReportPage.objects.exists())

    def test_plan_years_in_order(self):
        data = page_form_data(
            title="แผน",
            slug="plan",
            plan_type="other",
            fiscal_year_start="2570",
            fiscal_year_end="2566",
            status="draft",
            summary=rich_text(""),
        )
        response = admin_add_post(self.client, self.index, PlanPage, data)
        self.assertContains(response, "ปีงบประมาณสิ้นสุดต้องไม่ก่อนปีงบประมาณเริ่มต้น")
        self.assertFalse(PlanPage.objects.exists())

    def test_report_plan_chooser_offers_only_plans(self):
        field = MonitoringReportPage._meta.get_field("plan")
        self.assertIs(field.related_model, PlanPage)


class RenderingTests(PlanTestCase):
    def test_plan_page_shows_its_facts_reports_and_documents(self):
        plan = plan_make(
            self.index, "pdp", PlanType.PROVINCIAL_DEVELOPMENT, 2566, 2570, title="แผนพัฒนาจังหวัดเพชรบุรี พ.ศ. 2566 - 2570"
        )
        plan.published_documents.create(document=document_make("แผนพัฒนาจังหวัด ฉบับเต็ม", "plan.pdf"))
        plan.save_revision().publish()
        report_make(self.index, plan, "q1-2568")
        response = self.client.get(plan.url)
        for text in (
            "แผนพัฒนาจังหวัด",
            "2566 - 2570",
            "อยู่ระหว่างดำเนินการตามแผน",
            "ไตรมาสที่ 1 ปีงบประมาณ 2568",
            "แผนพัฒนาจังหวัด ฉบับเต็ม",
            "PDF",
            "ข้อมูล ณ วันที่",
        ):
            self.assertContains(response, text)

    def test_report_page_links_its_plan(self):
        plan = plan_make(self.index, "action-2568", title="แผนปฏิบัติราชการประจำปี 2568")
        report = report_make(self.index, plan, "half-2568", period=ReportPeriod.HALF_YEAR, quarter=None)
        response = self.client.get(report.url)
        self.assertContains(response, "รอบ 6 เดือน ปีงบประมาณ 2568")
        self.assertContains(response, f'href="{plan.url}"')
        self.assertContains(response, "ดำเนินการแล้วร้อยละ 80")

    def test_index_lists_plans_with_their_reports_and_filters_by_type(self):
        pdp = plan_make(self.index, "pdp", PlanType.PROVINCIAL_DEVELOPMENT, 2566, 2570, title="แผนพัฒนาจังหวัด 2566-2570")
        plan_make(self.index, "action", title="แผนปฏิบัติราชการประจำปี 2568")
        report_make(self.index, pdp, "pdp-2567", period=ReportPeriod.YEAR, year=2567, quarter=None)
        response = self.client.get(self.index.url)
        self.assertContains(response, "แผนพัฒนาจังหวัด 2566-2570")
        self.assertContains(response, "แผนปฏิบัติราชการประจำปี 2568")
        self.assertContains(response, "ประจำปีงบประมาณ 2567")
        response = self.client.get(self.index.url, {"type": "provincial_development"})
        self.assertContains(response, "แผนพัฒนาจังหวัด 2566-2570")
        self.assertNotContains(response, "แผนปฏิบัติราชการประจำปี 2568")


class QueryCountTests(PlanTestCase):
    def _queries(self):
        self.client.get(self.index.url)  # caches (site, content types) warmed by a first view
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(self.index.url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def _add(self, start, stop):
        for n in range(start, stop):
            plan = plan_make(self.index, f"plan-{n}")
            report_make(self.index, plan, f"report-{n}")

    def test_index_queries_do_not_grow_with_children(self):
        self.client.logout()
        self._add(0, 5)
        five = self._queries()
        self._add(5, 50)
        self.assertEqual(five, self._queries())
