"""R1.1: structure, executives and heads of government units."""

import datetime
import io

from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.images.models import Image
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, rich_text

from PIL import Image as PILImage

from disclosure.models import (
    BasicInfoIndexPage,
    ExecutiveEntry,
    ExecutivesPage,
    LawIndexPage,
    OrganisationStructurePage,
    Person,
    UnitHeadEntry,
    UnitHeadsPage,
)
from home.models import HomePage

from .utils import (
    admin_add_post,
    admin_client_make,
    basic_info_index,
    page_form_data,
    publish_under,
    site_make,
    unit_make,
)


def image_make(title="ภาพ"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 80), (200, 120, 40)).save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="photo.png"))


class BasicInfoTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = site_make()
        cls.index = basic_info_index(cls.site)
        cls.office = unit_make("สำนักงานจังหวัดเพชรบุรี", powers_and_duties="<p>งานบริหารราชการทั่วไปของจังหวัด</p>")
        cls.group = unit_make(
            "กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด",
            parent=cls.office,
            powers_and_duties="<p>จัดทำแผนพัฒนาจังหวัด</p>",
            phone="032 428 111",
        )
        cls.subgroup = unit_make("ฝ่ายข้อมูลและสารสนเทศ", parent=cls.group, powers_and_duties="<p>ดูแลระบบสารสนเทศ</p>")
        cls.other_agency_unit = unit_make("สำนักงานเทศบาลเมือง")
        cls.governor = Person.objects.create(
            site=cls.site, name="นายสมชาย ใจดี (ตัวอย่าง)", phone="032 425 000", email="gov@example.go.th"
        )

    def setUp(self):
        self.user, _ = admin_client_make()
        self.client.force_login(self.user)


class PageTreeTests(BasicInfoTestCase):
    def test_index_allows_the_three_types(self):
        self.assertAllowedSubpageTypes(BasicInfoIndexPage, {OrganisationStructurePage, ExecutivesPage, UnitHeadsPage})

    def test_types_live_only_under_the_index_and_have_no_children(self):
        for model in (OrganisationStructurePage, ExecutivesPage, UnitHeadsPage):
            self.assertCanCreateAt(BasicInfoIndexPage, model)
            self.assertCanNotCreateAt(HomePage, model)
            self.assertCanNotCreateAt(LawIndexPage, model)
            self.assertAllowedSubpageTypes(model, {})

    def test_one_structure_and_one_executives_page_per_index(self):
        publish_under(self.index, OrganisationStructurePage(title="โครงสร้าง", slug="structure", root_unit=self.office))
        self.assertFalse(OrganisationStructurePage.can_create_at(self.index))
        self.assertTrue(UnitHeadsPage.can_create_at(self.index))


class AdminCreationTests(BasicInfoTestCase):
    def test_create_structure_page(self):
        data = page_form_data(title="โครงสร้างการบริหารงาน", intro=rich_text("<p>โครงสร้าง</p>"), root_unit=self.office.pk)
        self.assertCanCreate(self.index, OrganisationStructurePage, data)
        page = OrganisationStructurePage.objects.get()
        self.assertEqual(page.root_unit, self.office)
        self.assertTrue(page.live)

    def test_create_executives_page_with_a_vacant_post(self):
        data = page_form_data(
            title="คณะผู้บริหาร",
            intro=rich_text(""),
            executives=inline_formset(
                [
                    {"position": "ผู้ว่าราชการจังหวัดเพชรบุรี", "person": self.governor.pk, "term_start": "2024-10-01"},
                    {"position": "รองผู้ว่าราชการจังหวัดเพชรบุรี", "person": ""},
                ]
            ),
        )
        self.assertCanCreate(self.index, ExecutivesPage, data)
        entries = list(ExecutivesPage.objects.get().executives.order_by("sort_order"))
        self.assertEqual([e.position for e in entries], ["ผู้ว่าราชการจังหวัดเพชรบุรี", "รองผู้ว่าราชการจังหวัดเพชรบุรี"])
        self.assertEqual(entries[0].person, self.governor)
        self.assertIsNone(entries[1].person)

    def test_create_unit_heads_page(self):
        data = page_form_data(
            title="หัวหน้าส่วนราชการ",
            intro=rich_text(""),
            unit_heads=inline_formset(
                [
                    {
                        "unit": self.group.pk,
                        "position": "หัวหน้ากลุ่มงาน",
                        "person": self.governor.pk,
                        "phone": "",
                        "email": "",
                    }
                ]
            ),
        )
        self.assertCanCreate(self.index, UnitHeadsPage, data)
        entry = UnitHeadEntry.objects.get()
        self.assertEqual((entry.unit, entry.person), (self.group, self.governor))

    def test_term_ending_before_it_starts_is_refused(self):
        data = page_form_data(
            title="คณะผู้บริหาร",
            slug="executives",
            intro=rich_text(""),
            executives=inline_formset(
                [
                    {
                        "position": "ผู้ว่าราชการจังหวัด",
                        "person": self.governor.pk,
                        "term_start": "2025-10-01",
                        "term_end": "2024-10-01",
                    }
                ]
            ),
        )
        response = admin_add_post(self.client, self.index, ExecutivesPage, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "วันที่สิ้นสุดการดำรงตำแหน่งต้องไม่ก่อนวันที่เริ่มดำรงตำแหน่ง")
        self.assertFalse(ExecutivesPage.objects.exists())
        self.assertFalse(ExecutiveEntry.objects.exists())

    def test_structure_page_needs_a_root_unit(self):
        data = page_form_data(title="โครงสร้าง", slug="structure", intro=rich_text(""), root_unit="")
        response = admin_add_post(self.client, self.index, OrganisationStructurePage, data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(OrganisationStructurePage.objects.exists())
        self.assertIn("root_unit", response.context["form"].errors)


class SnippetAdminTests(BasicInfoTestCase):
    def test_people_units_and_categories_are_snippets_in_the_admin(self):
        for model_name in ("person", "officialinfocategory"):
            response = self.client.get(reverse(f"wagtailsnippets_disclosure_{model_name}:list"))
            self.assertEqual(response.status_code, 200)
        response = self.client.get(reverse("wagtailsnippets_core_organisationunit:list"))
        self.assertContains(response, "กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด")

    def test_person_created_through_the_snippet_admin(self):
        response = self.client.post(
            reverse("wagtailsnippets_disclosure_person:add"),
            {"name": "นางสาวสมหญิง รักดี (ตัวอย่าง)", "photo": "", "phone": "032 111 222", "email": ""},
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Person.objects.filter(name="นางสาวสมหญิง รักดี (ตัวอย่าง)").exists())


class RenderingTests(BasicInfoTestCase):
    def test_structure_shows_the_unit_tree_with_powers_and_duties(self):
        page = publish_under(
            self.index,
            OrganisationStructurePage(
                title="โครงสร้างการบริหารงาน", slug="structure", root_unit=self.office, responsible_unit=self.group
            ),
        )
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        for text in (
            "สำนักงานจังหวัดเพชรบุรี",
            "กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด",
            "ฝ่ายข้อมูลและสารสนเทศ",
            "จัดทำแผนพัฒนาจังหวัด",
            "ดูแลระบบสารสนเทศ",
            "ข้อมูล ณ วันที่",
            "หน่วยงานที่รับผิดชอบ",
        ):
            self.assertContains(response, text)
        self.assertNotContains(response, "สำนักงานเทศบาลเมือง")
        tree = page.unit_tree()
        self.assertEqual(tree[0]["children"][0]["children"][0]["unit"], self.subgroup)

    def test_executives_show_person_photo_and_vacant_post(self):
        self.governor.photo = image_make()
        self.governor.save()
        page = ExecutivesPage(title="คณะผู้บริหาร", slug="executives", responsible_unit=self.office)
        page.executives = [
            ExecutiveEntry(
                position="ผู้ว่าราชการจังหวัดเพชรบุรี", person=self.governor, term_start=datetime.date(2024, 10, 1)
            ),
            ExecutiveEntry(position="รองผู้ว่าราชการจังหวัดเพชรบุรี"),
        ]
        page = publish_under(self.index, page)
        response = self.client.get(page.url)
        self.assertContains(response, "นายสมชาย ใจดี (ตัวอย่าง)")
        self.assertContains(response, "ตำแหน่งว่าง", count=1)
        self.assertContains(response, "1 ตุลาคม 2567")
        self.assertContains(response, 'href="tel:032425000"')
        self.assertContains(response, "<img", count=1)
        self.assertContains(response, "สำนักงานจังหวัดเพชรบุรี")

    def test_unit_heads_use_the_units_contact_when_none_is_given(self):
        page = UnitHeadsPage(title="หัวหน้าส่วนราชการ", slug="heads")
        page.unit_heads = [
            UnitHeadEntry(unit=self.group, position="หัวหน้ากลุ่มงาน"),
            UnitHeadEntry(unit=self.office, person=self.governor),
        ]
        page = publish_under(self.index, page)
        response = self.client.get(page.url)
        self.assertContains(response, "032 428 111")
        self.assertContains(response, "ตำแหน่งว่าง", count=1)
        self.assertContains(response, "นายสมชาย ใจดี (ตัวอย่าง)")


class QueryCountTests(BasicInfoTestCase):
    def _queries_for(self, url):
        self.client.get(url)  # renditions and caches made on the first view
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def _executives_page(self, slug, count):
        page = ExecutivesPage(title=slug, slug=slug)
        entries = []
        for n in range(count):
            person = Person.objects.create(site=self.site, name=f"บุคคล {slug} {n}", photo=image_make(f"{slug}{n}"))
            entries.append(ExecutiveEntry(position=f"ตำแหน่ง {n}", person=person))
        page.executives = entries
        return publish_under(self.index, page)

    def test_executives_page_queries_do_not_grow_with_entries(self):
        small = self._executives_page("few", 5)
        large = self._executives_page("many", 50)
        self.assertEqual(self._queries_for(small.url), self._queries_for(large.url))

    def test_index_queries_do_not_grow_with_children(self):
        for n in range(5):
            publish_under(self.index, UnitHeadsPage(title=f"หัวหน้าส่วนราชการ {n}", slug=f"heads-{n}"))
        five = self._queries_for(self.index.url)
        for n in range(5, 50):
            publish_under(self.index, UnitHeadsPage(title=f"หัวหน้าส่วนราชการ {n}", slug=f"heads-{n}"))
        self.assertEqual(five, self._queries_for(self.index.url))
