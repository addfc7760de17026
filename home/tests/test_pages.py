import datetime

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from agencies.services import agency_setup
from core.models import AgencySettings, InformationClass
from home.models import ContactPage, HomePage, NewsIndexPage, NewsPage, StandardPage

# The classification tab (R3.1, R2.3) as the editor leaves it: the defaults, no documents, no ITA items.
CLASSIFICATION = {
    "information_class": "on_change",
    "review_interval_days": "365",
    "published_documents": inline_formset([]),
    "ita_items": inline_formset([]),
}


class HomePagesAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
        cls.home = cls.site.root_page.specific
        cls.news = NewsIndexPage.objects.child_of(cls.home).get()

    def setUp(self):
        self.login()

    def test_tree_rules(self):
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(NewsPage, NewsPage)
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertAllowedSubpageTypes(ContactPage, set())

    def _news_data(self, **overrides):
        data = {
            "title": "ประกาศปิดการจราจรถนนราชวิถี",
            "slug": "road-closure",
            "date": timezone.localdate().isoformat(),
            "urgent": "on",
            "summary": "ปิดการจราจรชั่วคราวเพื่อซ่อมท่อประปา",
            "body": rich_text("<p>ปิดการจราจรถนนราชวิถี ช่วงหน้าศาลากลางจังหวัด</p>"),
            "comments": inline_formset([]),
            **CLASSIFICATION,
        }
        data.update(overrides)
        return nested_form_data({key: value for key, value in data.items() if value is not None})

    def test_editor_creates_an_urgent_news_item(self):
        until = timezone.localdate() + datetime.timedelta(days=3)
        self.assertCanCreate(self.news, NewsPage, self._news_data(urgent_until=until.isoformat()))
        page = NewsPage.objects.get(slug="road-closure")
        self.assertTrue(page.urgent)
        self.assertEqual(page.urgent_until, until)
        self.assertTrue(page.is_urgent_now)
        # Urgent, and the class left at its default: "immediate" (R3.1).
        self.assertEqual(page.information_class, InformationClass.IMMEDIATE)
        self.assertEqual(page.get_latest_revision().content["information_class"], InformationClass.IMMEDIATE)

    def test_urgent_news_keeps_a_class_the_editor_chose(self):
        start = timezone.localtime() + datetime.timedelta(days=1)
        data = self._news_data(
            information_class="fixed_period",
            go_live_at=start.strftime("%Y-%m-%d %H:%M"),
            expire_at=(start + datetime.timedelta(days=7)).strftime("%Y-%m-%d %H:%M"),
        )
        self.assertCanCreate(self.news, NewsPage, data)
        page = NewsPage.objects.get(slug="road-closure")
        self.assertEqual(page.information_class, InformationClass.FIXED_PERIOD)

    def test_ticking_urgent_on_an_existing_news_item_makes_it_immediate(self):
        page = NewsPage(title="ประกาศ", slug="notice", date=timezone.localdate(), body="<p>x</p>")
        self.news.add_child(instance=page)
        self.assertEqual(page.information_class, InformationClass.ON_CHANGE)
        data = self._news_data(title="ประกาศ", slug="notice")
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        self.assertEqual(response.status_code, 302)
        revision = NewsPage.objects.get(pk=page.pk).get_latest_revision()
        self.assertEqual(revision.content["information_class"], InformationClass.IMMEDIATE)
        # Edited again, "urgent" still ticked, the class changed back to "update on change" by the editor: it stays.
        data = self._news_data(title="ประกาศ", slug="notice")
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        self.assertEqual(response.status_code, 302)
        revision = NewsPage.objects.get(pk=page.pk).get_latest_revision()
        self.assertEqual(revision.content["information_class"], InformationClass.ON_CHANGE)

    def test_every_page_type_has_the_classification_tab(self):
        for model in (HomePage, StandardPage, ContactPage, NewsIndexPage, NewsPage):
            page = model.objects.descendant_of(self.site.root_page, inclusive=True).first()
            if page is None:
                page = NewsPage(title="ข่าว", slug="n", date=timezone.localdate(), body="<p>x</p>")
                self.news.add_child(instance=page)
            html = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
            self.assertIn("การจัดชั้นข้อมูล", html, model)
            self.assertIn('name="information_class"', html, model)
            self.assertIn('name="responsible_unit"', html, model)
            self.assertIn('name="review_interval_days"', html, model)
            self.assertIn("ita_items-TOTAL_FORMS", html, model)

    def _post_invalid(self, data, message):
        url = reverse("wagtailadmin_pages:add", args=["home", "newspage", self.news.pk])
        response = self.client.post(url, data)
        self.assertContains(response, message)
        self.assertFalse(NewsPage.objects.exists())

    def test_urgent_end_date_without_urgent_is_refused(self):
        data = self._news_data(urgent=None, urgent_until=timezone.localdate().isoformat())
        self._post_invalid(data, "ระบุวันสิ้นสุดได้เฉพาะข่าวที่เลือกเป็นประกาศด่วน")

    def test_urgent_end_before_news_date_is_refused(self):
        until = timezone.localdate() - datetime.timedelta(days=1)
        self._post_invalid(self._news_data(urgent_until=until.isoformat()), "วันสิ้นสุดประกาศด่วนต้องไม่อยู่ก่อนวันที่ข่าว")

    def test_editor_creates_a_standard_page(self):
        data = nested_form_data(
            {
                "title": "คำถามที่พบบ่อย",
                "slug": "faq",
                "intro": "คำถามและคำตอบเกี่ยวกับการใช้บริการ",
                "body": rich_text("<p>ติดต่อได้ในวันและเวลาราชการ</p>"),
                "comments": inline_formset([]),
                **CLASSIFICATION,
            }
        )
        self.assertCanCreate(self.home, StandardPage, data)
        self.assertEqual(StandardPage.objects.get(slug="faq").intro, "คำถามและคำตอบเกี่ยวกับการใช้บริการ")

    def test_contact_page_only_once_per_home(self):
        self.assertFalse(ContactPage.can_create_at(self.home))
        self.assertCanNotCreateAt(Page, ContactPage)


class HomePagesRenderingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
        cls.home = cls.site.root_page.specific
        cls.news = NewsIndexPage.objects.child_of(cls.home).get()

    def test_contact_page_shows_agency_contact_and_map(self):
        settings = AgencySettings.for_site(self.site)
        settings.address = "ศาลากลางจังหวัดเพชรบุรี ถนนราชวิถี"
        settings.phone = "0 3242 5039"
        settings.email = "phetchaburi@moi.go.th"
        settings.save()
        contact = ContactPage.objects.child_of(self.home).get()
        contact.map_url = "https://maps.google.com/?q=13.1107,99.9399"
        contact.save_revision().publish()
        response = self.client.get(contact.url)
        self.assertContains(response, "ศาลากลางจังหวัดเพชรบุรี ถนนราชวิถี")
        self.assertContains(response, 'href="tel:032425039"')
        self.assertContains(response, 'href="https://maps.google.com/?q=13.1107,99.9399"')

    def test_news_page_shows_urgent_badge_only_while_urgent(self):
        today = timezone.localdate()
        current = NewsPage(title="เตือนภัยน้ำท่วม", slug="flood", date=today, urgent=True, body="<p>x</p>")
        past = NewsPage(
            title="ปิดถนนชั่วคราว", slug="road", date=today - datetime.timedelta(days=9), urgent=True,
            urgent_until=today - datetime.timedelta(days=2), body="<p>y</p>",
        )  # fmt: skip
        for page in (current, past):
            self.news.add_child(instance=page)
        self.assertContains(self.client.get(current.url), "badge--urgent")
        self.assertNotContains(self.client.get(past.url), "badge--urgent")
        response = self.client.get(self.news.url)
        self.assertContains(response, "badge--urgent", count=1)
