"""R1.4: Official Information Act categories (data), items, and the monthly procurement summary (สขร.1)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, rich_text

from disclosure.forms import NONE_BUT_ROWS, NOTHING_REPORTED
from disclosure.models import (
    LawIndexPage,
    OfficialInfoCategory,
    OfficialInfoIndexPage,
    OfficialInfoPage,
    ProcurementRow,
    ProcurementSummaryPage,
)
from home.models import HomePage

from .utils import (
    admin_add_post,
    admin_client_make,
    category,
    document_make,
    official_info_index,
    page_form_data,
    publish_under,
    site_make,
)

ROW = {
    "item": "จัดซื้อวัสดุสำนักงาน",
    "budget": "15000.00",
    "reference_price": "15000.00",
    "method": "specific",
    "bidders_and_prices": "ร้านเพชรบุรีพาณิชย์ 14,500 บาท",
    "winner": "ร้านเพชรบุรีพาณิชย์",
    "agreed_price": "14500.00",
    "reason": "เสนอราคาต่ำสุดและคุณสมบัติครบถ้วน",
    "contract_number": "12/2568",
    "contract_date": "2024-10-15",
}


def item_make(index, slug, code="7(1)", **fields):
    fields.setdefault("info_date", datetime.date(2025, 1, 15))
    return publish_under(
        index, OfficialInfoPage(title=fields.pop("title", slug), slug=slug, category=category(code), **fields)
    )


class OfficialInfoTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = site_make()
        cls.index = official_info_index(cls.site)

    def setUp(self):
        self.user, _ = admin_client_make()
        self.client.force_login(self.user)

    def _summary_data(self, rows=(), **fields):
        data = {
            "title": "สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2567",
            "slug": "procurement-2567-10",
            "category": category("9(8)-1").pk,
            "month": "10",
            "year_be": "2567",
            "summary": "",
            "no_procurement": "",
            "form_document": "",
            "procurement_rows": inline_formset(list(rows)),
        }
        data.update(fields)
        if not data["no_procurement"]:
            del data["no_procurement"]  # an unticked checkbox is not posted
        return page_form_data(**data)


class CategoryDataTests(OfficialInfoTestCase):
    def test_the_migration_seeds_sections_7_and_9_and_the_98_announcements(self):
        codes = set(OfficialInfoCategory.objects.values_list("code", flat=True))
        self.assertTrue({f"7({n})" for n in range(1, 6)} <= codes)
        self.assertTrue({f"9({n})" for n in range(1, 9)} <= codes)
        self.assertIn("สขร.1", category("9(8)-1").name)
        self.assertIn("มาตรฐานความโปร่งใส", category("9(8)-2").name)
        self.assertIn("ประกาศเชิญชวน", category("9(8)-3").name)
        self.assertIn("ผู้ชนะ", category("9(8)-4").name)
        self.assertIn("สัญญา", category("9(8)-5").name)

    def test_an_administrator_adds_a_category_in_the_admin(self):
        from django.urls import reverse

        response = self.client.post(
            reverse("wagtailsnippets_disclosure_officialinfocategory:add"),
            {
                "code": "9(8)-6",
                "name": "รายงานผลการจัดซื้อจัดจ้างประจำปี",
                "group_name": "",
                "description": "",
                "sort_order": "500",
                "active": "on",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(OfficialInfoCategory.objects.filter(code="9(8)-6", active=True).exists())


class PageTreeTests(OfficialInfoTestCase):
    def test_tree(self):
        self.assertAllowedSubpageTypes(OfficialInfoIndexPage, {OfficialInfoPage, ProcurementSummaryPage})
        for model in (OfficialInfoPage, ProcurementSummaryPage):
            self.assertCanCreateAt(OfficialInfoIndexPage, model)
            self.assertCanNotCreateAt(HomePage, model)
            self.assertCanNotCreateAt(LawIndexPage, model)
            self.assertAllowedSubpageTypes(model, {})


class AdminCreationTests(OfficialInfoTestCase):
    def test_create_item(self):
        data = page_form_data(
            title="โครงสร้างและการจัดองค์กร",
            category=category("7(1)").pk,
            info_date="2025-01-15",
            summary="โครงสร้างของจังหวัด",
            body=rich_text("<p>รายละเอียด</p>"),
        )
        self.assertCanCreate(self.index, OfficialInfoPage, data)
        item = OfficialInfoPage.objects.get()
        self.assertEqual((item.category.code, item.info_date), ("7(1)", datetime.date(2025, 1, 15)))

    def test_item_needs_its_date(self):
        data = page_form_data(
            title="x", slug="x", category=category("7(1)").pk, info_date="", summary="", body=rich_text("")
        )
        response = admin_add_post(self.client, self.index, OfficialInfoPage, data)
        self.assertContains(response, "โปรดระบุวันที่ของข้อมูล")
        self.assertFalse(OfficialInfoPage.objects.exists())

    def test_summary_with_rows(self):
        self.assertCanCreate(
            self.index, ProcurementSummaryPage, self._summary_data(rows=[ROW, {**ROW, "item": "จ้างซ่อมรถยนต์"}])
        )
        summary = ProcurementSummaryPage.objects.get()
        self.assertEqual(summary.procurement_rows.count(), 2)
        self.assertEqual(summary.info_date, datetime.date(2024, 10, 1))
        self.assertEqual(summary.fiscal_year, 2568)

    def test_summary_with_a_form_document(self):
        form = document_make("แบบ สขร.1 เดือนตุลาคม 2567", "sor-khor-ror-1.xlsx", b"PK fake xlsx")
        self.assertCanCreate(self.index, ProcurementSummaryPage, self._summary_data(form_document=form.pk))
        self.assertEqual(ProcurementSummaryPage.objects.get().form_document, form)

    def test_summary_with_no_procurement_this_month(self):
        self.assertCanCreate(self.index, ProcurementSummaryPage, self._summary_data(no_procurement="on"))
        self.assertTrue(ProcurementSummaryPage.objects.get().no_procurement)

    def test_summary_reporting_nothing_is_refused(self):
        response = admin_add_post(self.client, self.index, ProcurementSummaryPage, self._summary_data())
        self.assertEqual(response.context["form"].errors["no_procurement"], [NOTHING_REPORTED])
        self.assertContains(response, "ไม่มีการจัดซื้อจัดจ้างในเดือนนี้")
        self.assertFalse(ProcurementSummaryPage.objects.exists())
        self.assertFalse(ProcurementRow.objects.exists())

    def test_summary_with_only_deleted_rows_is_refused(self):
        data = self._summary_data(rows=[{**ROW, "DELETE": "1"}])
        response = admin_add_post(self.client, self.index, ProcurementSummaryPage, data)
        self.assertEqual(response.context["form"].errors["no_procurement"], [NOTHING_REPORTED])
        self.assertFalse(ProcurementSummaryPage.objects.exists())

    def test_no_procurement_with_rows_is_refused(self):
        data = self._summary_data(rows=[ROW], no_procurement="on")
        response = admin_add_post(self.client, self.index, ProcurementSummaryPage, data)
        self.assertEqual(response.context["form"].errors["no_procurement"], [NONE_BUT_ROWS])
        self.assertFalse(ProcurementSummaryPage.objects.exists())
        self.assertFalse(ProcurementRow.objects.exists())


class RenderingTests(OfficialInfoTestCase):
    def test_item_page(self):
        item = item_make(self.index, "structure", summary="สรุปโครงสร้างของจังหวัด", body="<p>รายละเอียดเพิ่มเติม</p>")
        response = self.client.get(item.url)
        for text in (
            "7(1)",
            "โครงสร้างและการจัดองค์กรในการดำเนินงาน",
            "15 มกราคม 2568",
            "สรุปโครงสร้างของจังหวัด",
            "รายละเอียดเพิ่มเติม",
            "ข้อมูล ณ วันที่",
        ):
            self.assertContains(response, text)

    def test_summary_page_shows_every_column(self):
        page = ProcurementSummaryPage(
            title="สรุปผลการจัดซื้อจัดจ้าง ตุลาคม 2567", slug="p-10", category=category("9(8)-1"), month=10, year_be=2567
        )
        page.procurement_rows = [ProcurementRow(**{**ROW, "contract_date": datetime.date(2024, 10, 15)})]
        page = publish_under(self.index, page)
        response = self.client.get(page.url)
        for text in (
            "ตุลาคม 2567",
            "จัดซื้อวัสดุสำนักงาน",
            "15,000.00",
            "วิธีเฉพาะเจาะจง",
            "ร้านเพชรบุรีพาณิชย์ 14,500 บาท",
            "14,500.00",
            "เสนอราคาต่ำสุดและคุณสมบัติครบถ้วน",
            "12/2568",
            "15 ตุลาคม 2567",
        ):
            self.assertContains(response, text)

    def test_summary_page_says_there_was_no_procurement(self):
        page = publish_under(
            self.index,
            ProcurementSummaryPage(
                title="พฤศจิกายน", slug="p-11", category=category("9(8)-1"), month=11, year_be=2567, no_procurement=True
            ),
        )
        self.assertContains(self.client.get(page.url), "ไม่มีการจัดซื้อจัดจ้างในเดือนพฤศจิกายน 2567")

    def test_index_groups_by_category_and_filters(self):
        item_make(self.index, "structure", "7(1)", title="โครงสร้างองค์กร")
        item_make(self.index, "budget", "9(3)", title="งบประมาณรายจ่ายประจำปี 2568")
        response = self.client.get(self.index.url)
        self.assertContains(response, "โครงสร้างองค์กร")
        self.assertContains(response, "งบประมาณรายจ่ายประจำปี 2568")
        self.assertContains(response, "9(6)")  # every category is offered, also those without items
        self.assertContains(response, "ไม่มีข้อมูล")
        content = response.content.decode()
        self.assertLess(content.index("โครงสร้างองค์กร"), content.index("งบประมาณรายจ่ายประจำปี 2568"))
        response = self.client.get(self.index.url, {"category": "9(3)"})
        self.assertContains(response, "งบประมาณรายจ่ายประจำปี 2568")
        self.assertNotContains(response, "โครงสร้างองค์กร")


class QueryCountTests(OfficialInfoTestCase):
    def _queries(self):
        self.client.get(self.index.url)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(self.index.url).status_code, 200)
        return len(queries)

    def _add(self, start, stop):
        codes = ["7(1)", "9(3)", "9(8)-2"]
        for n in range(start, stop):
            if n % 2:
                item_make(self.index, f"item-{n}", codes[n % 3])
            else:
                publish_under(
                    self.index,
                    ProcurementSummaryPage(
                        title=f"สขร {n}",
                        slug=f"p-{n}",
                        category=category("9(8)-1"),
                        month=n % 12 + 1,
                        year_be=2500 + n,
                        no_procurement=True,
                    ),
                )

    def test_index_queries_do_not_grow_with_children(self):
        self.client.logout()
        self._add(0, 5)
        five = self._queries()
        self._add(5, 50)
        self.assertEqual(five, self._queries())
