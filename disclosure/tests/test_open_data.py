"""Open data: each agency's monthly procurement summaries, plans and Official Information Act index as CSV
and JSON at /open-data/, with a DCAT catalogue; live, public pages of the request's own site only."""

import csv
import datetime
import io
import json
from urllib.parse import urlsplit

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from agencies.services import agency_setup
from core.page_cache import HEADER
from disclosure.models import OfficialInfoPage, PlanPage, ProcurementRow, ProcurementSummaryPage
from disclosure.open_data import DATASETS, check_license

from .utils import category, official_info_index, plan_index, publish_under, site_make

HOST = "localhost"
OTHER_HOST = "town.localhost"
FILES = [f"/open-data/{slug}.{fmt}" for slug in DATASETS for fmt in ("csv", "json")]
BUDGET = 12

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
    "contract_date": datetime.date(2024, 10, 15),
}


def summary_make(index, month, year_be, rows=(), publish=True, **fields):
    page = ProcurementSummaryPage(
        title=fields.pop("title", f"สรุปผลการจัดซื้อจัดจ้าง {month}/{year_be}"),
        slug=fields.pop("slug", f"procurement-{year_be}-{month}"),
        category=category("9(8)-1"),
        month=month,
        year_be=year_be,
        **fields,
    )
    page.procurement_rows = [ProcurementRow(**{**ROW, **row}) for row in rows]
    return _add(index, page, publish)


def plan_make(index, title, slug, start=2567, end=2570, publish=True, **fields):
    page = PlanPage(
        title=title,
        slug=slug,
        plan_type=fields.pop("plan_type", "provincial_development"),
        fiscal_year_start=start,
        fiscal_year_end=end,
        approved_on=fields.pop("approved_on", datetime.date(2023, 9, 20)),
        **fields,
    )
    return _add(index, page, publish)


def item_make(index, title, slug, code="7(1)", publish=True, **fields):
    fields.setdefault("info_date", datetime.date(2025, 1, 15))
    return _add(index, OfficialInfoPage(title=title, slug=slug, category=category(code), **fields), publish)


def _add(parent, page, publish):
    if publish:
        return publish_under(parent, page)
    page.live = False  # a draft, as the admin saves a page never published
    parent.add_child(instance=page)
    page.save_revision()
    return page


def _second(value):
    return value.replace(microsecond=0)


def _private(page):
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    return page


class OpenDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = site_make()
        oia = official_info_index(cls.site)
        plans = plan_index(cls.site)
        cls.october = summary_make(
            oia,
            10,
            2567,
            rows=[
                {},
                {"item": "จ้างซ่อมรถยนต์ราชการ", "budget": "8000.50", "agreed_price": "7900.00", "contract_date": None},
            ],
            title="สรุปผลการจัดซื้อจัดจ้าง ตุลาคม 2567",
        )
        cls.november = summary_make(oia, 11, 2567, no_procurement=True, title="สรุปผลการจัดซื้อจัดจ้าง พฤศจิกายน 2567")
        cls.plan = plan_make(plans, "แผนพัฒนาจังหวัดเพชรบุรี พ.ศ. 2566-2570", "development-plan", 2566, 2570)
        cls.item = item_make(oia, "คำสั่งแต่งตั้งคณะทำงานเผยแพร่ข้อมูล", "order", code="9(1)")
        # Never published: drafts and pages behind a password.
        cls.hidden_titles = {
            summary_make(oia, 12, 2567, rows=[{"item": "ร่างรายการจัดซื้อ"}], publish=False, title="ร่าง สขร ธันวาคม").title,
            _private(summary_make(oia, 1, 2568, rows=[{"item": "รายการลับ"}], title="สขร ลับ มกราคม")).title,
            plan_make(plans, "ร่างแผนปฏิบัติราชการ", "draft-plan", publish=False).title,
            _private(plan_make(plans, "แผนเฉพาะเจ้าหน้าที่", "private-plan")).title,
            item_make(oia, "ร่างประกาศที่ยังไม่อนุมัติ", "draft-item", publish=False).title,
            _private(item_make(oia, "บันทึกภายในเฉพาะเจ้าหน้าที่", "private-item")).title,
            "ร่างรายการจัดซื้อ",
            "รายการลับ",
        }
        # Another agency with its own data, on its own host.
        cls.other = agency_setup("เทศบาลเมืองเพชรบุรี", "Phetchaburi Town Municipality", OTHER_HOST)
        other_oia = official_info_index(cls.other)
        cls.other_titles = {
            summary_make(
                other_oia, 10, 2567, rows=[{"item": "จ้างเหมาเก็บขยะมูลฝอย"}], title="สขร เทศบาล ตุลาคม 2567"
            ).title,
            plan_make(plan_index(cls.other), "แผนพัฒนาท้องถิ่นเทศบาล", "local-plan").title,
            item_make(other_oia, "ประกาศเทศบาลเรื่องภาษีป้าย", "sign-tax").title,
            "จ้างเหมาเก็บขยะมูลฝอย",
        }

    def _get(self, url, host=HOST):
        return self.client.get(url, HTTP_HOST=host)

    def _csv(self, url, host=HOST):
        response = self._get(url, host)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertTrue(response.content.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark for Excel")
        return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))

    def _json(self, url, host=HOST):
        response = self._get(url, host)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        return json.loads(response.content)

    # -- each dataset against the live pages --------------------------------------------------------------------------

    def test_procurement_csv_has_each_row_of_the_live_summaries(self):
        rows = self._csv("/open-data/procurement.csv")
        self.assertEqual(
            [(row["เดือนที่รายงาน"], row["ลำดับ"], row["งานที่จัดซื้อหรือจัดจ้าง"]) for row in rows],
            [("2024-11", "", ""), ("2024-10", "1", "จัดซื้อวัสดุสำนักงาน"), ("2024-10", "2", "จ้างซ่อมรถยนต์ราชการ")],
        )
        november, first, second = rows
        self.assertEqual(november["ไม่มีการจัดซื้อจัดจ้างในเดือนนี้"], "true")
        self.assertEqual(november["ชื่อรายงาน"], "สรุปผลการจัดซื้อจัดจ้าง พฤศจิกายน 2567")
        self.assertEqual(first["เดือนที่รายงาน (พ.ศ.)"], "ตุลาคม 2567")
        self.assertEqual(first["ปีงบประมาณ (พ.ศ.)"], "2568")
        self.assertEqual(first["ไม่มีการจัดซื้อจัดจ้างในเดือนนี้"], "false")
        self.assertEqual(first["วงเงินที่จะซื้อหรือจ้าง (บาท)"], "15000.00")
        self.assertEqual(first["ราคาที่ตกลงซื้อหรือจ้าง (บาท)"], "14500.00")
        self.assertEqual(first["วิธีซื้อหรือจ้าง"], "วิธีเฉพาะเจาะจง")
        self.assertEqual(first["ผู้ได้รับการคัดเลือก"], "ร้านเพชรบุรีพาณิชย์")
        self.assertEqual(first["วันที่ของสัญญาหรือข้อตกลง"], "2024-10-15")
        self.assertEqual(first["วันที่ของสัญญาหรือข้อตกลง (พ.ศ.)"], "15 ตุลาคม 2567")
        self.assertEqual(first["ที่อยู่หน้าเว็บ"], self.october.full_url)
        self.assertEqual(second["วงเงินที่จะซื้อหรือจ้าง (บาท)"], "8000.50")
        self.assertEqual(second["วันที่ของสัญญาหรือข้อตกลง"], "")
        # The page a person reads says the same.
        page = self._get(self.october.url).content.decode()
        for text in ("จัดซื้อวัสดุสำนักงาน", "จ้างซ่อมรถยนต์ราชการ", "15,000.00", "14,500.00"):
            self.assertIn(text, page)

    def test_procurement_json_is_machine_readable(self):
        data = self._json("/open-data/procurement.json")
        self.assertEqual(data["publisher"], "จังหวัดเพชรบุรี")
        self.assertEqual(data["license"]["url"], "https://data.go.th/pages/dga-open-government-license")
        self.assertIn({"name": "budget", "title": "วงเงินที่จะซื้อหรือจ้าง (บาท)", "type": "decimal"}, data["fields"])
        november, first, second = data["records"]
        self.assertEqual(
            (november["report_month"], november["no_procurement"], november["item"]), ("2024-11", True, None)
        )
        self.assertEqual(first["summary_title"], "สรุปผลการจัดซื้อจัดจ้าง ตุลาคม 2567")
        self.assertEqual((first["budget"], first["agreed_price"], second["budget"]), (15000.0, 14500.0, 8000.5))
        self.assertEqual((first["method"], first["contract_date"]), ("specific", "2024-10-15"))
        self.assertEqual(first["fiscal_year_be"], 2568)
        self.assertEqual(
            datetime.datetime.fromisoformat(first["last_published_at"]), _second(self.october.last_published_at)
        )
        self.assertTrue(first["last_published_at"].endswith("+07:00"))  # the site's time zone
        latest = max(self.october.last_published_at, self.november.last_published_at)
        self.assertEqual(datetime.datetime.fromisoformat(data["modified"]), _second(latest))

    def test_plans_csv_and_json_have_the_live_plans_and_their_years(self):
        rows = self._csv("/open-data/plans.csv")
        self.assertEqual([row["ชื่อแผน"] for row in rows], ["แผนพัฒนาจังหวัดเพชรบุรี พ.ศ. 2566-2570"])
        self.assertEqual((rows[0]["ปีงบประมาณเริ่มต้น (พ.ศ.)"], rows[0]["ปีงบประมาณสิ้นสุด (พ.ศ.)"]), ("2566", "2570"))
        self.assertEqual(rows[0]["ประเภทแผน"], "แผนพัฒนาจังหวัด")
        self.assertEqual(rows[0]["วันที่ได้รับความเห็นชอบ"], "2023-09-20")
        self.assertEqual(rows[0]["วันที่ได้รับความเห็นชอบ (พ.ศ.)"], "20 กันยายน 2566")
        record = self._json("/open-data/plans.json")["records"][0]
        self.assertEqual(
            (record["title"], record["fiscal_year_start_be"], record["fiscal_year_end_be"], record["approved_on"]),
            ("แผนพัฒนาจังหวัดเพชรบุรี พ.ศ. 2566-2570", 2566, 2570, "2023-09-20"),
        )
        self.assertEqual(record["url"], self.plan.full_url)

    def test_official_information_lists_what_the_index_page_lists(self):
        rows = self._csv("/open-data/official-information.csv")
        records = self._json("/open-data/official-information.json")["records"]
        self.assertEqual([row["ชื่อรายการ"] for row in rows], [record["title"] for record in records])
        by_title = {record["title"]: record for record in records}
        self.assertEqual(by_title[self.item.title]["category_code"], "9(1)")
        self.assertEqual(by_title[self.item.title]["info_date"], "2025-01-15")
        self.assertEqual(by_title[self.october.title]["category_code"], "9(8)-1")
        self.assertEqual(by_title[self.october.title]["info_date"], "2024-10-01")
        row = next(row for row in rows if row["ชื่อรายการ"] == self.item.title)
        self.assertEqual(row["วันที่ของข้อมูล (พ.ศ.)"], "15 มกราคม 2568")
        # Each item is on the agency's index page, with its link.
        index_page = self._get(official_info_index(self.site).url).content.decode()
        for record in records:
            self.assertIn(record["title"], index_page)
            self.assertIn(urlsplit(record["url"]).path, index_page)

    def test_drafts_and_private_pages_are_never_in_the_data(self):
        for url in FILES:
            content = self._get(url).content.decode("utf-8-sig")
            for title in self.hidden_titles:
                self.assertNotIn(title, content, url)

    def test_each_agency_gets_only_its_own_data_on_its_own_host(self):
        for url in FILES:
            ours = self._get(url).content.decode("utf-8-sig")
            theirs = self._get(url, OTHER_HOST).content.decode("utf-8-sig")
            for title in self.other_titles:
                self.assertNotIn(title, ours, url)
            self.assertNotIn(self.october.title, theirs, url)
            self.assertNotIn(self.plan.title, theirs, url)
            self.assertNotIn(self.item.title, theirs, url)
        other_rows = self._csv("/open-data/procurement.csv", OTHER_HOST)
        self.assertEqual([row["งานที่จัดซื้อหรือจัดจ้าง"] for row in other_rows], ["จ้างเหมาเก็บขยะมูลฝอย"])
        self.assertEqual(self._json("/open-data/plans.json", OTHER_HOST)["publisher"], "เทศบาลเมืองเพชรบุรี")
        self.assertTrue(
            all(
                r["url"].startswith("http://town.localhost/")
                for r in self._json("/open-data/plans.json", OTHER_HOST)["records"]
            )
        )

    # -- the catalogue and the public page -------------------------------------------------------------------------

    def test_catalogue_describes_each_dataset_and_its_downloads_answer(self):
        catalog = self._json("/open-data/catalog.json")
        self.assertEqual(catalog["@type"], "dcat:Catalog")
        datasets = {dataset["title"]: dataset for dataset in catalog["dataset"]}
        self.assertEqual(set(datasets), {dataset.title for dataset in DATASETS.values()})
        downloads = set()
        for dataset in catalog["dataset"]:
            self.assertEqual(dataset["publisher"]["name"], "จังหวัดเพชรบุรี")
            self.assertEqual(dataset["license"], "https://data.go.th/pages/dga-open-government-license")
            self.assertTrue(dataset["description"])
            self.assertEqual(dataset["landingPage"], "http://localhost/open-data/")
            self.assertEqual({d["mediaType"] for d in dataset["distribution"]}, {"text/csv", "application/json"})
            for distribution in dataset["distribution"]:
                url = urlsplit(distribution["downloadURL"])
                self.assertEqual(url.netloc, HOST)
                response = self._get(url.path)
                self.assertEqual(response.status_code, 200, url.path)
                self.assertEqual(response["Content-Type"].split(";")[0], distribution["mediaType"])
                downloads.add(url.path)
        self.assertEqual(downloads, set(FILES))
        procurement = datasets["สรุปผลการดำเนินการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1)"]
        latest = max(self.october.last_published_at, self.november.last_published_at)
        self.assertEqual(datetime.datetime.fromisoformat(procurement["modified"]), _second(latest))
        self.assertEqual(
            datetime.datetime.fromisoformat(datasets["แผนพัฒนาและแผนปฏิบัติราชการ"]["modified"]),
            _second(self.plan.last_published_at),
        )
        # The other agency's catalogue is its own.
        other = self._json("/open-data/catalog.json", OTHER_HOST)
        self.assertEqual({d["publisher"]["name"] for d in other["dataset"]}, {"เทศบาลเมืองเพชรบุรี"})
        self.assertTrue(
            all(
                x["downloadURL"].startswith("http://town.localhost/")
                for d in other["dataset"]
                for x in d["distribution"]
            )
        )

    @override_settings(OPEN_DATA_LICENSE="odc-by")
    def test_the_licence_is_a_setting(self):
        catalog = self._json("/open-data/catalog.json")
        self.assertEqual({d["license"] for d in catalog["dataset"]}, {"https://opendatacommons.org/licenses/by/1-0/"})
        self.assertContains(self._get("/open-data/"), "Open Data Commons Attribution License")
        self.assertEqual(check_license(), [])
        with self.settings(OPEN_DATA_LICENSE="public-domain-maybe"):
            self.assertEqual([error.id for error in check_license()], ["disclosure.E101"])

    def test_open_data_page_lists_every_dataset_and_is_linked_from_the_footer(self):
        response = self._get("/open-data/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("<h1>ข้อมูลเปิด (Open Data)</h1>", html)
        for url in [*FILES, "/open-data/catalog.json"]:
            self.assertIn(f'href="{url}"', html)
        for dataset in DATASETS.values():
            self.assertIn(dataset.title, html)
        # Live, public pages only: two months and one plan (the draft and the private ones are not counted).
        self.assertIn("2 เดือน", html)
        self.assertIn("1 แผน", html)
        self.assertIn('href="https://data.go.th/pages/dga-open-government-license"', html)
        home = self._get("/")
        self.assertContains(home, 'href="/open-data/"')

    def test_text_that_a_spreadsheet_would_run_is_quoted_in_the_csv_only(self):
        summary_make(official_info_index(self.site), 2, 2568, rows=[{"item": '=HYPERLINK("http://x")'}])
        rows = self._csv("/open-data/procurement.csv")
        self.assertIn('\'=HYPERLINK("http://x")', [row["งานที่จัดซื้อหรือจัดจ้าง"] for row in rows])
        records = self._json("/open-data/procurement.json")["records"]
        self.assertIn('=HYPERLINK("http://x")', [record["item"] for record in records])

    # -- freshness, methods, budgets ------------------------------------------------------------------------------

    def test_downloads_are_never_stale_and_never_in_the_page_cache(self):
        first = self._get("/open-data/procurement.csv")
        self.assertNotIn(HEADER, first)
        self.assertIn("no-cache", first["Cache-Control"])
        self.assertEqual(first["Access-Control-Allow-Origin"], "*")
        summary_make(official_info_index(self.site), 3, 2568, rows=[{"item": "จัดซื้อครุภัณฑ์คอมพิวเตอร์"}])
        for url in ("/open-data/procurement.csv", "/open-data/procurement.json", "/open-data/"):
            response = self._get(url)
            self.assertNotIn(HEADER, response)
        self.assertIn("จัดซื้อครุภัณฑ์คอมพิวเตอร์", self._get("/open-data/procurement.csv").content.decode("utf-8-sig"))
        self.october.unpublish()
        self.assertNotIn("จ้างซ่อมรถยนต์ราชการ", self._get("/open-data/procurement.json").content.decode())

    def test_only_reading_is_allowed_and_unknown_files_are_not_found(self):
        self.assertEqual(self.client.post("/open-data/plans.csv", HTTP_HOST=HOST).status_code, 405)
        self.assertEqual(self._get("/open-data/budget.csv").status_code, 404)
        self.assertEqual(self._get("/open-data/plans.xml").status_code, 404)
        self.assertEqual(self.client.head("/open-data/plans.json", HTTP_HOST=HOST).status_code, 200)

    def test_queries_do_not_grow_with_the_rows(self):
        oia, plans = official_info_index(self.site), plan_index(self.site)

        def add(start, stop):
            for n in range(start, stop):
                summary_make(oia, n % 12 + 1, 2580 + n // 12, rows=[{"item": f"รายการ {n}"}, {}], slug=f"bulk-{n}")
                plan_make(plans, f"แผน {n}", f"bulk-plan-{n}", 2580, 2581)
                item_make(oia, f"ข้อมูล {n}", f"bulk-item-{n}")

        def counts():
            found = {}
            for url in [*FILES, "/open-data/catalog.json", "/open-data/"]:
                self._get(url)  # the site, its restrictions and the agency's details come from the shared cache after
                with CaptureQueriesContext(connection) as queries:
                    self.assertEqual(self._get(url).status_code, 200)
                found[url] = len(queries)
            return found

        add(0, 3)
        small = counts()
        add(3, 30)
        large = counts()
        self.assertEqual(small, large)
        self.assertLessEqual(max(large.values()), BUDGET, large)
        self.assertEqual(len(self._csv("/open-data/plans.csv")), 31)
