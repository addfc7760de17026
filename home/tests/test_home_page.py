import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.test.utils import WagtailPageTestCase

from agencies.services import agency_setup
from home.models import NewsIndexPage, NewsPage
from services.models import ServiceIndexPage
from services.tests.factories import manual_create


def news_create(index, title, date, **fields):
    page = NewsPage(title=title, slug=f"news-{NewsPage.objects.count() + 1}", date=date, body="<p>ข่าว</p>", **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


class HomePageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
        cls.home = cls.site.root_page.specific
        cls.news = NewsIndexPage.objects.child_of(cls.home).get()
        cls.services = ServiceIndexPage.objects.child_of(cls.home).get()
        cls.today = timezone.localdate()

    def _get(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        return response

    def test_urgent_notices_come_first_newest_first_and_expire(self):
        day = datetime.timedelta(days=1)
        news_create(self.news, "ข่าวทั่วไปล่าสุด", self.today)
        news_create(self.news, "ประกาศเตือนภัยน้ำท่วม", self.today - 2 * day, urgent=True)
        news_create(self.news, "ประกาศปิดถนนราชวิถี", self.today - day, urgent=True, urgent_until=self.today)
        news_create(self.news, "ประกาศด่วนที่หมดอายุ", self.today - 5 * day, urgent=True, urgent_until=self.today - day)
        response = self._get()
        titles = [notice.title for notice in response.context["urgent_notices"]]
        self.assertEqual(titles, ["ประกาศปิดถนนราชวิถี", "ประกาศเตือนภัยน้ำท่วม"])
        html = response.content.decode()
        self.assertLess(html.index("ประกาศปิดถนนราชวิถี"), html.index("ข้อมูลที่เผยแพร่ต่อสาธารณะ"))
        # An expired notice is ordinary news again.
        latest = [item.title for item in response.context["latest_news"]]
        self.assertEqual(latest, ["ข่าวทั่วไปล่าสุด", "ประกาศด่วนที่หมดอายุ"])

    def test_five_categories_and_search_box(self):
        response = self._get()
        self.assertEqual(len(response.context["categories"]), 5)
        self.assertContains(response, "คู่มือสำหรับประชาชน")
        self.assertInHTML('<label for="home-search-q">ค้นหาข้อมูลในเว็บไซต์</label>', response.content.decode())
        self.assertContains(response, '<form class="home-search" method="get" action="/search/" role="search">')
        self.assertContains(response, 'name="q"')

    def test_latest_updates_show_disclosure_pages_with_buddhist_era_date(self):
        manual = manual_create(self.services, "การขอเลขที่บ้าน")
        manual.save_revision().publish()
        manual.refresh_from_db()
        news_create(self.news, "ข่าวไม่ใช่ข้อมูลเผยแพร่ตามประกาศ", self.today)
        response = self._get()
        updates = response.context["latest_updates"]
        self.assertEqual([(page.title, label) for page, label in updates], [("การขอเลขที่บ้าน", "คู่มือสำหรับประชาชน")])
        published = timezone.localtime(manual.last_published_at)
        thai_month = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
                      "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"][published.month - 1]  # fmt: skip
        self.assertContains(response, f"ปรับปรุงเมื่อ <time datetime=\"{published.isoformat()}\">"
                            f"{published.day} {thai_month} {published.year + 543}</time>")  # fmt: skip

    def test_latest_updates_leave_out_other_agencies(self):
        other = agency_setup("เทศบาลเมืองเพชรบุรี", "Phetchaburi Town Municipality", "town.localhost")
        other_services = ServiceIndexPage.objects.child_of(other.root_page).get()
        manual_create(other_services, "คู่มือของเทศบาล").save_revision().publish()
        response = self._get()
        self.assertEqual(response.context["latest_updates"], [])
        self.assertNotContains(response, "คู่มือของเทศบาล")

    def _count_queries(self):
        self._get()
        with CaptureQueriesContext(connection) as ctx:
            self._get()
        return len(ctx.captured_queries)

    def _fill(self, count, prefix):
        for i in range(count):
            news_create(self.news, f"ข่าวที่ {i}", self.today, urgent=i % 3 == 0)
            manual_create(self.services, f"คู่มือ {i}", slug=f"{prefix}-{i}").save_revision().publish()

    def test_query_count_does_not_grow_with_news_and_updates(self):
        self._fill(5, "a")
        with_five = self._count_queries()
        NewsPage.objects.all().delete()
        self._fill(30, "b")
        self.assertEqual(self._count_queries(), with_five)
