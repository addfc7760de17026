"""R1.3: laws and rules, each with its source; the index filters by type."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text

from disclosure.models import LawIndexPage, LawPage, LawType, PlanIndexPage
from disclosure.models.laws import SOURCE_REQUIRED
from home.models import HomePage

from .utils import admin_add_post, admin_client_make, law_index, page_form_data, publish_under, site_make


def law_make(index, slug, law_type=LawType.ACT, **fields):
    fields.setdefault("source_name", "สำนักงานคณะกรรมการกฤษฎีกา")
    fields.setdefault("source_url", "https://www.krisdika.go.th/")
    return publish_under(index, LawPage(title=fields.pop("title", slug), slug=slug, law_type=law_type, **fields))


class LawTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = site_make()
        cls.index = law_index(cls.site)

    def setUp(self):
        self.user, _ = admin_client_make()
        self.client.force_login(self.user)

    def _data(self, **fields):
        data = {
            "title": "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
            "slug": "oia-2540",
            "law_type": "act",
            "number": "",
            "issued_date": "1997-09-02",
            "issuing_body": "รัฐสภา",
            "summary": rich_text("<p>สิทธิรับรู้ข้อมูลข่าวสารของราชการ</p>"),
            "source_name": "",
            "source_url": "",
            "gazette_volume": "",
            "gazette_section": "",
            "gazette_page": "",
            "gazette_date": "",
            "effective_date": "",
            "superseded_by": "",
        }
        data.update(fields)
        return page_form_data(**data)


class PageTreeTests(LawTestCase):
    def test_tree(self):
        self.assertAllowedSubpageTypes(LawIndexPage, {LawPage})
        self.assertCanCreateAt(LawIndexPage, LawPage)
        self.assertCanNotCreateAt(HomePage, LawPage)
        self.assertCanNotCreateAt(PlanIndexPage, LawPage)
        self.assertAllowedSubpageTypes(LawPage, {})


class SourceValidationTests(LawTestCase):
    def test_create_with_a_royal_gazette_reference(self):
        data = self._data(gazette_volume="114", gazette_section="46 ก", gazette_date="1997-09-10")
        self.assertCanCreate(self.index, LawPage, data)
        law = LawPage.objects.get()
        self.assertTrue(law.has_gazette_reference)
        self.assertEqual(law.gazette_section, "46 ก")

    def test_create_with_a_link(self):
        data = self._data(source_name="สำนักงานคณะกรรมการกฤษฎีกา", source_url="https://www.krisdika.go.th/")
        self.assertCanCreate(self.index, LawPage, data)
        self.assertEqual(LawPage.objects.get().source_url, "https://www.krisdika.go.th/")

    def test_a_law_without_a_source_is_refused_at_the_field(self):
        response = admin_add_post(self.client, self.index, LawPage, self._data())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"].errors["source_url"], [SOURCE_REQUIRED])
        self.assertContains(response, "ต้องระบุที่มาของข้อมูล")
        self.assertFalse(LawPage.objects.exists())

    def test_an_incomplete_gazette_reference_is_refused(self):
        response = admin_add_post(self.client, self.index, LawPage, self._data(gazette_volume="114"))
        errors = response.context["form"].errors
        self.assertEqual(errors["gazette_section"], ["โปรดระบุตอนที่ของราชกิจจานุเบกษา"])
        self.assertEqual(errors["gazette_date"], ["โปรดระบุวันที่ประกาศในราชกิจจานุเบกษา"])
        self.assertFalse(LawPage.objects.exists())

    def test_a_link_needs_its_source_name(self):
        response = admin_add_post(
            self.client, self.index, LawPage, self._data(source_url="https://www.krisdika.go.th/")
        )
        self.assertContains(response, "โปรดระบุชื่อแหล่งที่มาของลิงก์")
        self.assertFalse(LawPage.objects.exists())


class RenderingTests(LawTestCase):
    def test_law_page_shows_its_source_and_replacement(self):
        new = law_make(self.index, "new-rule", LawType.RULE, title="ระเบียบใหม่")
        old = law_make(
            self.index,
            "oia",
            title="พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
            source_url="",
            source_name="",
            gazette_volume="114",
            gazette_section="46 ก",
            gazette_page="1",
            gazette_date=datetime.date(1997, 9, 10),
            effective_date=datetime.date(1997, 12, 9),
            superseded_by=new,
        )
        response = self.client.get(old.url)
        for text in (
            "ราชกิจจานุเบกษา เล่ม 114 ตอนที่ 46 ก หน้า 1 วันที่ 10 กันยายน 2540",
            "9 ธันวาคม 2540",
            "ถูกยกเลิก/แทนที่โดย",
            "ระเบียบใหม่",
            "ข้อมูล ณ วันที่",
            "พระราชบัญญัติ",
        ):
            self.assertContains(response, text)
        response = self.client.get(new.url)
        self.assertContains(response, 'href="https://www.krisdika.go.th/"')

    def test_index_filters_by_type_in_thai_and_pagination_keeps_the_filter(self):
        for n in range(25):
            law_make(self.index, f"act-{n}", LawType.ACT, title=f"พระราชบัญญัติทดสอบ {n}")
        law_make(self.index, "rule", LawType.RULE, title="ระเบียบสำนักนายกรัฐมนตรีทดสอบ")
        response = self.client.get(self.index.url, {"type": "rule"})
        self.assertContains(response, "ระเบียบสำนักนายกรัฐมนตรีทดสอบ")
        self.assertNotContains(response, "พระราชบัญญัติทดสอบ")
        self.assertContains(response, '<option value="rule" selected>ระเบียบ</option>', html=True)
        self.assertContains(response, "ทุกประเภท")
        response = self.client.get(self.index.url, {"type": "act"})
        self.assertNotContains(response, "ระเบียบสำนักนายกรัฐมนตรีทดสอบ")
        self.assertContains(response, "?type=act&amp;page=2")
        response = self.client.get(self.index.url, {"type": "act", "page": "2"})
        self.assertContains(response, "หน้า 2 จาก 2")
        self.assertNotContains(response, "ระเบียบสำนักนายกรัฐมนตรีทดสอบ")

    def test_an_unknown_type_lists_everything(self):
        law_make(self.index, "rule", LawType.RULE, title="ระเบียบทดสอบ")
        response = self.client.get(self.index.url, {"type": "nonsense"})
        self.assertContains(response, "ระเบียบทดสอบ")


class QueryCountTests(LawTestCase):
    def _queries(self):
        self.client.get(self.index.url)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(self.index.url).status_code, 200)
        return len(queries)

    def test_index_queries_do_not_grow_with_children(self):
        self.client.logout()
        target = law_make(self.index, "target", LawType.ACT)
        for n in range(5):
            law_make(self.index, f"law-{n}", superseded_by=target)
        five = self._queries()
        for n in range(5, 50):
            law_make(self.index, f"law-{n}", superseded_by=target)
        self.assertEqual(five, self._queries())
