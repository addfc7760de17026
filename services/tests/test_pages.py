from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from agencies.services import agency_setup
from core.models import OrganisationUnit
from home.models import HomePage
from services.models import ServiceIndexPage, ServicePage
from services.tests.factories import manual_create


def _index(site):
    return ServiceIndexPage.objects.descendant_of(site.root_page).get()


def manual_form_data(**overrides):
    """What an editor posts to create a complete manual; ``overrides`` replace whole keys."""
    data = {
        "title": "การขอเลขที่บ้าน",
        "slug": "house-number",
        "owner_agency": "กรมการปกครอง กระทรวงมหาดไทย",
        "service_type": "single",
        "category": "register",
        "service_area": "ส่วนภูมิภาค",
        "summary": "ขอเลขที่บ้านสำหรับบ้านที่สร้างใหม่",
        "legal_basis": "พระราชบัญญัติการทะเบียนราษฎร พ.ศ. 2534\nระเบียบสำนักทะเบียนกลาง พ.ศ. 2535",
        "legal_deadline": "7",
        "legal_deadline_unit": "working_days",
        "legal_deadline_basis": "พระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558",
        "criteria": rich_text("<p>เจ้าบ้านยื่นคำขอภายใน 15 วันนับแต่วันที่สร้างบ้านเสร็จ</p>"),
        "complaint_channels": "ศูนย์ดำรงธรรมจังหวัดเพชรบุรี สายด่วน 1567\nศูนย์บริการประชาชน สายด่วน 1111",
        "information_class": "on_change",
        "review_interval_days": "365",
        "requests_monthly_average": "12",
        "requests_max": "20",
        "requests_min": "3",
        "reference_name": "การขอเลขที่บ้าน อำเภอเมืองเพชรบุรี",
        "manual_version": "1",
        "manual_date": "2024-05-01",
        "channels": inline_formset(
            [{"kind": "walk_in", "name": "สำนักทะเบียนอำเภอเมืองเพชรบุรี", "opening_hours": "จันทร์-ศุกร์ 08:30-16:30 น."}]
        ),
        "steps": inline_formset(
            [
                {"name": "ยื่นคำขอและตรวจเอกสาร", "duration": "30", "unit": "minutes"},
                {"name": "ตรวจสอบสถานที่", "duration": "1", "unit": "working_days"},
            ]
        ),
        "required_documents": inline_formset(
            [
                {
                    "name": "บัตรประจำตัวประชาชน",
                    "issuing_agency": "กรมการปกครอง",
                    "originals": "1",
                    "copies": "1",
                    "unit": "ฉบับ",
                }
            ]
        ),
        "fees": inline_formset([]),
        "no_fee": "on",
        "published_documents": inline_formset([]),
        "ita_items": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    if data.get("no_fee") is None:
        del data["no_fee"]
    return nested_form_data(data)


class ServicePageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
        cls.index = _index(cls.site)

    def setUp(self):
        self.login()

    def test_manuals_live_only_under_the_service_index(self):
        self.assertCanCreateAt(ServiceIndexPage, ServicePage)
        self.assertCanNotCreateAt(HomePage, ServicePage)
        self.assertCanNotCreateAt(ServicePage, ServicePage)
        self.assertCanNotCreateAt(Page, ServiceIndexPage)
        self.assertAllowedSubpageTypes(ServiceIndexPage, {ServicePage})
        self.assertAllowedSubpageTypes(ServicePage, set())

    def test_editor_creates_a_complete_manual(self):
        self.assertCanCreate(self.index, ServicePage, manual_form_data())
        page = ServicePage.objects.get(slug="house-number")
        self.assertTrue(page.live)
        self.assertEqual([s.name for s in page.steps.all()], ["ยื่นคำขอและตรวจเอกสาร", "ตรวจสอบสถานที่"])
        self.assertEqual(page.total_duration, "1 วันทำการ 30 นาที")
        self.assertEqual(page.required_documents.get().issuing_agency, "กรมการปกครอง")
        self.assertTrue(page.no_fee)
        self.assertEqual(page.channels.count(), 1)

    def test_preview_shows_unsaved_steps_and_total(self):
        url = reverse("wagtailadmin_pages:preview_on_add", args=["services", "servicepage", self.index.pk])
        response = self.client.post(url, manual_form_data())
        self.assertEqual(response.json()["is_valid"], True)
        response = self.client.get(url)
        self.assertContains(response, "ยื่นคำขอและตรวจเอกสาร")
        self.assertContains(response, "ระยะเวลาดำเนินการรวม 1 วันทำการ 30 นาที")
        self.assertFalse(ServicePage.objects.exists())

    def test_editor_creates_a_manual_with_fees(self):
        data = manual_form_data(
            no_fee=None,
            fees=inline_formset([{"description": "ค่าธรรมเนียมจดทะเบียน", "amount": "50", "unit": "บาท"}]),
        )
        self.assertCanCreate(self.index, ServicePage, data)
        page = ServicePage.objects.get(slug="house-number")
        self.assertFalse(page.no_fee)
        self.assertEqual(page.fees.get().amount_display, "50")

    def _post_invalid(self, data, message):
        url = reverse("wagtailadmin_pages:add", args=["services", "servicepage", self.index.pk])
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, message)
        self.assertFalse(ServicePage.objects.exists())
        return response

    def test_step_without_duration_is_refused(self):
        steps = inline_formset([{"name": "พิจารณาอนุญาต", "duration": "", "unit": "days"}])
        self._post_invalid(manual_form_data(steps=steps), "กรุณาระบุระยะเวลาของขั้นตอนนี้")

    def test_step_without_unit_is_refused(self):
        steps = inline_formset([{"name": "พิจารณาอนุญาต", "duration": "3", "unit": ""}])
        self._post_invalid(manual_form_data(steps=steps), "กรุณาเลือกหน่วยของระยะเวลา")

    def test_manual_without_steps_is_refused(self):
        self._post_invalid(manual_form_data(steps=inline_formset([])), "ต้องมีขั้นตอนการให้บริการอย่างน้อย 1 ขั้นตอน")

    def test_fee_left_blank_is_refused(self):
        self._post_invalid(manual_form_data(no_fee=None), "หรือเลือก “ไม่มีค่าธรรมเนียม”")

    def test_fee_rows_and_no_fee_together_are_refused(self):
        fees = inline_formset([{"description": "ค่าคำขอ", "amount": "20", "unit": "บาท"}])
        self._post_invalid(manual_form_data(fees=fees), "เลือก “ไม่มีค่าธรรมเนียม” ไม่ได้เมื่อมีรายการค่าธรรมเนียม")

    def test_deleted_fee_row_does_not_count_as_a_fee(self):
        fees = inline_formset([{"description": "ค่าคำขอ", "amount": "20", "unit": "บาท", "DELETE": "on"}])
        self._post_invalid(manual_form_data(no_fee=None, fees=fees), "หรือเลือก “ไม่มีค่าธรรมเนียม”")

    def test_legal_deadline_without_unit_is_refused(self):
        self._post_invalid(manual_form_data(legal_deadline_unit=""), "กรุณาระบุหน่วยของระยะเวลาที่กำหนดตามกฎหมาย")

    def test_online_channel_without_link_is_refused(self):
        channels = inline_formset([{"kind": "online", "name": "ระบบยื่นคำขอออนไลน์", "url": ""}])
        self._post_invalid(manual_form_data(channels=channels), "ช่องทางออนไลน์ต้องระบุลิงก์บริการ")

    def test_required_document_without_any_copy_is_refused(self):
        documents = inline_formset([{"name": "ทะเบียนบ้าน", "originals": "0", "copies": "0", "unit": "ฉบับ"}])
        self._post_invalid(manual_form_data(required_documents=documents), "อย่างน้อยหนึ่งฉบับ")

    def test_min_requests_above_max_is_refused(self):
        self._post_invalid(manual_form_data(requests_min="30"), "จำนวนคำขอที่น้อยที่สุดต้องไม่มากกว่า")


class ServicePageRenderingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
        cls.index = _index(cls.site)
        cls.unit = OrganisationUnit.objects.create(name="ที่ทำการปกครองอำเภอเมืองเพชรบุรี", site=cls.site)

    def test_public_manual_shows_numbered_steps_durations_and_total(self):
        page = manual_create(
            self.index,
            "การขอเลขที่บ้าน",
            unit=self.unit,
            steps=[("ยื่นคำขอ", 30, "minutes"), ("ตรวจสอบสถานที่", 1, "working_days")],
        )
        page.save_revision().publish()
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertInHTML('<p class="meta">ระยะเวลา 30 นาที · ที่ทำการปกครองอำเภอเมืองเพชรบุรี</p>', html)
        self.assertIn('<ol class="service-steps">', html)
        self.assertLess(html.index("ยื่นคำขอ"), html.index("ตรวจสอบสถานที่"))
        self.assertContains(response, "ระยะเวลาดำเนินการรวม 1 วันทำการ 30 นาที")
        self.assertContains(response, "ไม่มีค่าธรรมเนียม")
        self.assertContains(response, "หน่วยงานที่รับผิดชอบ: ที่ทำการปกครองอำเภอเมืองเพชรบุรี")
        self.assertContains(response, "ข้อมูล ณ วันที่")
        self.assertContains(response, "ศูนย์ดำรงธรรมจังหวัดเพชรบุรี สายด่วน 1567")

    def test_public_manual_lists_fees_and_never_says_no_fee_then(self):
        page = manual_create(self.index, "การจดทะเบียนพาณิชย์", fees=[("จดทะเบียนตั้งใหม่", 50), ("คัดสำเนา", "1000.5")])
        response = self.client.get(page.url)
        self.assertContains(response, "จดทะเบียนตั้งใหม่</strong>: 50 บาท")
        self.assertContains(response, "1,000.50 บาท")
        self.assertNotContains(response, "ไม่มีค่าธรรมเนียม")


class ServiceIndexTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
        cls.index = _index(cls.site)
        cls.civil = OrganisationUnit.objects.create(name="ที่ทำการปกครองจังหวัดเพชรบุรี", site=cls.site)
        cls.commerce = OrganisationUnit.objects.create(name="สำนักงานพาณิชย์จังหวัดเพชรบุรี", site=cls.site)
        OrganisationUnit.objects.create(name="หน่วยงานที่ไม่มีคู่มือ", site=cls.site)

    def _manuals(self, count, **kwargs):
        for i in range(count):
            manual_create(self.index, f"คู่มือ {i:03d}", slug=f"m-{i:03d}", **kwargs)

    def test_filter_by_category_and_unit(self):
        manual_create(self.index, "การขอเลขที่บ้าน", category="register", unit=self.civil)
        manual_create(self.index, "การขออนุญาตจัดงาน", category="permit", unit=self.civil)
        manual_create(self.index, "การจดทะเบียนพาณิชย์", category="register", unit=self.commerce)
        url = self.index.url

        response = self.client.get(url, {"category": "register", "unit": self.civil.pk})
        self.assertContains(response, "การขอเลขที่บ้าน")
        self.assertNotContains(response, "การขออนุญาตจัดงาน")
        self.assertNotContains(response, "การจดทะเบียนพาณิชย์")

        response = self.client.get(url, {"unit": self.commerce.pk})
        self.assertEqual([p.title for p in response.context["children"]], ["การจดทะเบียนพาณิชย์"])

        response = self.client.get(url)
        self.assertEqual(len(response.context["children"]), 3)
        # The unit filter offers only units that have manuals here, in Thai.
        self.assertContains(response, "หน่วยงานที่รับผิดชอบ")
        self.assertContains(response, "ทุกหมวดหมู่")
        self.assertNotContains(response, "หน่วยงานที่ไม่มีคู่มือ")
        self.assertContains(response, "ระยะเวลาดำเนินการรวม 1 วันทำการ 10 นาที")

    def test_filter_with_no_match_says_so(self):
        manual_create(self.index, "การขอเลขที่บ้าน", category="register")
        response = self.client.get(self.index.url, {"category": "notify"})
        self.assertContains(response, "ไม่พบคู่มือที่ตรงกับตัวกรองที่เลือก")

    def test_pagination_keeps_the_filter(self):
        self._manuals(25, category="permit", unit=self.civil)
        response = self.client.get(self.index.url, {"category": "permit", "unit": self.civil.pk})
        self.assertContains(response, f"?category=permit&amp;unit={self.civil.pk}&amp;page=2")
        response = self.client.get(self.index.url, {"category": "permit", "unit": self.civil.pk, "page": 2})
        self.assertEqual(len(response.context["children"]), 5)

    def _count_queries(self):
        url = self.index.url
        self.client.get(url)  # warm caches (site root paths, content types)
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url, {"category": "register"})
        self.assertEqual(response.status_code, 200)
        return len(ctx.captured_queries)

    def test_query_count_does_not_grow_with_manuals(self):
        self._manuals(5, unit=self.civil)
        with_five = self._count_queries()
        ServicePage.objects.all().delete()
        self._manuals(50, unit=self.civil)
        self.assertEqual(self._count_queries(), with_five)


class ServicePageResaveTests(WagtailPageTestCase):
    """An existing manual saved again with its steps unchanged keeps passing the "at least one step" rule."""

    @classmethod
    def setUpTestData(cls):
        cls.site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
        cls.index = _index(cls.site)

    def test_unchanged_steps_still_count_on_edit(self):
        self.login()
        self.client.post(
            reverse("wagtailadmin_pages:add", args=["services", "servicepage", self.index.pk]), manual_form_data()
        )
        page = ServicePage.objects.get(slug="house-number")
        # Exactly what the editor's form posts back when nothing in the steps was touched.
        rows = [
            {
                "id": str(step.pk),
                "name": step.name,
                "duration": str(step.duration),
                "unit": step.unit,
                "ORDER": str(step.sort_order + 1),
            }
            for step in page.steps.all()
        ]
        steps = inline_formset(rows, initial=2)
        data = manual_form_data(steps=steps, channels=inline_formset([]), required_documents=inline_formset([]))
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(page.steps.count(), 2)
