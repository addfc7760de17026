"""The public site's small files and what pages say about themselves (R2.1): robots.txt, favicon, web
manifest, the sitemap, the Atom feeds, sharing tags and the print reference with its QR code."""

import datetime
import io
import json

from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile
from django.test import TestCase
from django.utils import timezone

from wagtail.images.models import Image
from wagtail.models import Page, PageViewRestriction

from defusedxml import ElementTree
from PIL import Image as PILImage

from agencies.services import agency_setup
from core.models import AgencySettings, agency_data_publish
from core.qr import qr_matrix, qr_svg
from disclosure.models import LawIndexPage, LawPage, LawType
from home.models import NewsIndexPage
from home.tests.test_home_page import news_create
from services.models import ServiceIndexPage
from services.tests.factories import manual_create

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _image(title="ภาพประจำหน่วยงาน"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), "#0b4f8a").save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name="agency.png"))


class PublicSiteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
        home = cls.site.root_page
        cls.news_index = NewsIndexPage.objects.child_of(home).get()
        cls.services = ServiceIndexPage.objects.child_of(home).get()
        cls.laws = LawIndexPage.objects.child_of(home).get()
        today = datetime.date(2026, 11, 1)
        cls.news = news_create(cls.news_index, "ประกาศรับสมัครพนักงานราชการ", today, summary="รับสมัคร 3 ตำแหน่ง")
        cls.manual = manual_create(cls.services, "การขอเลขที่บ้าน", slug="house-number")
        cls.manual.summary = "เจ้าบ้านขอเลขประจำบ้านสำหรับบ้านที่สร้างใหม่"
        cls.manual.save_revision().publish()
        cls.law = LawPage(
            title="ประกาศจังหวัดเพชรบุรี เรื่อง การเผยแพร่ข้อมูล",
            slug="announcement",
            law_type=LawType.ANNOUNCEMENT,
            source_url="https://www.ratchakitcha.soc.go.th/",
            source_name="ราชกิจจานุเบกษา",
        )
        cls.laws.add_child(instance=cls.law)
        cls.law.save_revision().publish()
        # Never public: a draft, a manual behind a password, a manual no longer live; and another agency's news.
        cls.draft = manual_create(cls.services, "ร่างคู่มือที่ยังไม่อนุมัติ", slug="draft")
        Page.objects.filter(pk=cls.draft.pk).update(live=False)  # as the admin saves a page never published
        cls.private = manual_create(cls.services, "คู่มือสำหรับเจ้าหน้าที่", slug="private")
        cls.private.save_revision().publish()
        PageViewRestriction.objects.create(page=cls.private, restriction_type="password", password="x")
        cls.withdrawn = manual_create(cls.services, "คู่มือที่ยกเลิกแล้ว", slug="withdrawn")
        cls.withdrawn.save_revision().publish()
        cls.withdrawn.unpublish()
        other = agency_setup("เทศบาลเมืองเพชรบุรี", "Phetchaburi Town Municipality", "town.localhost")
        cls.other_news = news_create(NewsIndexPage.objects.child_of(other.root_page).get(), "ข่าวของเทศบาล", today)

    def _get(self, url, **extra):
        return self.client.get(url, HTTP_HOST="localhost", **extra)

    def _live_public_urls(self):
        pages = Page.objects.live().public().descendant_of(self.site.root_page, inclusive=True)
        return {page.full_url for page in pages}

    # -- robots.txt, favicon, manifest ------------------------------------------------------------------------------

    def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_search_and_admin(self):
        response = self._get("/robots.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertEqual(lines[0], "User-agent: *")
        self.assertIn("Disallow: /search/", lines)
        self.assertIn("Disallow: /admin/", lines)
        self.assertIn("Sitemap: http://localhost/sitemap.xml", lines)
        self.assertEqual(self.client.post("/robots.txt", HTTP_HOST="localhost").status_code, 405)

    def test_favicon_is_an_icon_with_the_usual_sizes(self):
        response = self._get("/favicon.ico")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/vnd.microsoft.icon")
        self.assertIn("max-age", response["Cache-Control"])
        icon = PILImage.open(io.BytesIO(b"".join(response.streaming_content)))
        self.assertEqual(icon.format, "ICO")
        self.assertEqual(icon.info["sizes"], {(16, 16), (32, 32), (48, 48)})

    def test_manifest_names_the_agency_and_its_icons_exist(self):
        response = self._get("/manifest.webmanifest")
        self.assertEqual(response["Content-Type"], "application/manifest+json")
        manifest = json.loads(response.content)
        self.assertEqual(manifest["name"], "จังหวัดเพชรบุรี")
        self.assertEqual((manifest["lang"], manifest["start_url"]), ("th", "/"))
        sizes = set()
        for icon in manifest["icons"]:
            path = finders.find(icon["src"].removeprefix("/static/"))
            self.assertIsNotNone(path, icon["src"])
            if icon["type"] == "image/png":
                with PILImage.open(path) as image:
                    self.assertEqual(f"{image.width}x{image.height}", icon["sizes"])
                    sizes.add(image.width)
        self.assertEqual(sizes, {192, 512})
        other = json.loads(self.client.get("/manifest.webmanifest", HTTP_HOST="town.localhost").content)
        self.assertEqual(other["name"], "เทศบาลเมืองเพชรบุรี")

    # -- sitemap -----------------------------------------------------------------------------------------------------

    def test_sitemap_lists_the_live_public_pages_of_the_site_with_lastmod(self):
        response = self._get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        urls = ElementTree.fromstring(response.content).findall(f"{SITEMAP}url")
        listed = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in urls}
        self.assertEqual(set(listed), self._live_public_urls())
        self.assertIn(self.manual.full_url, listed)
        for page in (self.draft, self.private, self.withdrawn, self.other_news):
            self.assertNotIn(page.full_url, listed)
        self.assertTrue(all(listed.values()), "every URL has its lastmod")
        published = Page.objects.get(pk=self.manual.pk).last_published_at
        self.assertEqual(listed[self.manual.full_url][:10], timezone.localtime(published).date().isoformat())

    # -- feeds -------------------------------------------------------------------------------------------------------

    def _feed(self, url):
        response = self._get(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        feed = ElementTree.fromstring(response.content)
        self.assertEqual(feed.tag, f"{ATOM}feed")
        self.assertTrue(feed.findtext(f"{ATOM}title"))
        self.assertTrue(feed.findtext(f"{ATOM}updated"))
        entries = {}
        for entry in feed.findall(f"{ATOM}entry"):
            for name in ("title", "id", "updated", "published", "summary"):
                self.assertTrue(entry.findtext(f"{ATOM}{name}"), f"{url}: an entry without {name}")
            entries[entry.find(f"{ATOM}link").get("href")] = entry
        return feed, entries

    def test_news_feed_lists_the_agencys_live_public_news(self):
        feed, entries = self._feed("/feeds/news/")
        self.assertEqual(set(entries), {self.news.full_url})
        entry = entries[self.news.full_url]
        self.assertEqual(entry.findtext(f"{ATOM}title"), "ประกาศรับสมัครพนักงานราชการ")
        self.assertEqual(entry.findtext(f"{ATOM}summary"), "รับสมัคร 3 ตำแหน่ง")
        self.assertEqual(feed.findtext(f"{ATOM}author/{ATOM}name"), "จังหวัดเพชรบุรี")
        _, town = self._feed_for("town.localhost", "/feeds/news/")
        self.assertEqual(town, [self.other_news.full_url])

    def _feed_for(self, host, url):
        feed = ElementTree.fromstring(self.client.get(url, HTTP_HOST=host).content)
        return feed, [entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")]

    def test_updates_feeds_list_new_and_updated_disclosures_per_category(self):
        _, everything = self._feed("/feeds/updates/")
        self.assertEqual(set(everything), {self.manual.full_url, self.law.full_url})
        _, manuals = self._feed(f"/feeds/updates/{self.services.slug}/")
        self.assertEqual(set(manuals), {self.manual.full_url})
        entry = manuals[self.manual.full_url]
        self.assertEqual(entry.find(f"{ATOM}category").get("term"), self.services.title)
        self.assertEqual(entry.findtext(f"{ATOM}summary"), "เจ้าบ้านขอเลขประจำบ้านสำหรับบ้านที่สร้างใหม่")
        # An update moves the page to the top, with its new date; its id stays the page's URL.
        self.law.save_revision().publish()
        _, everything = self._feed("/feeds/updates/")
        self.assertEqual(list(everything)[0], self.law.full_url)
        self.assertEqual(everything[self.law.full_url].findtext(f"{ATOM}id"), self.law.full_url)
        _, laws = self._feed(f"/feeds/updates/{self.laws.slug}/")
        self.assertEqual(set(laws), {self.law.full_url})

    def test_an_unknown_category_feed_is_a_thai_404(self):
        response = self._get("/feeds/updates/no-such-category/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "ไม่พบหน้าที่ต้องการ", status_code=404)
        # The news index is not a mandated category.
        self.assertEqual(self._get(f"/feeds/updates/{self.news_index.slug}/").status_code, 404)

    def test_pages_link_their_feeds(self):
        response = self._get(self.manual.url)
        links = {
            href: title
            for href, title in _links(response.content.decode(), "alternate", "application/atom+xml").items()
        }
        self.assertEqual(set(links), {"/feeds/news/", "/feeds/updates/", f"/feeds/updates/{self.services.slug}/"})
        self.assertIn("คู่มือสำหรับประชาชน", links[f"/feeds/updates/{self.services.slug}/"])
        for href in links:
            self._feed(href)
        news_links = _links(self._get(self.news.url).content.decode(), "alternate", "application/atom+xml")
        self.assertEqual(set(news_links), {"/feeds/news/", "/feeds/updates/"})

    # -- sharing tags and print reference ---------------------------------------------------------------------------

    def test_sharing_tags_use_the_agency_image_or_the_default(self):
        meta = _meta(self._get(self.manual.url).content.decode())
        self.assertEqual(meta["og:url"], self.manual.full_url)
        self.assertEqual(meta["og:title"], "การขอเลขที่บ้าน")
        self.assertEqual(meta["og:description"], "เจ้าบ้านขอเลขประจำบ้านสำหรับบ้านที่สร้างใหม่")
        self.assertEqual(meta["description"], meta["og:description"])
        self.assertEqual(meta["og:site_name"], "จังหวัดเพชรบุรี")
        self.assertEqual(meta["twitter:card"], "summary_large_image")
        self.assertEqual(meta["og:image"], "http://localhost/static/img/share-default.png")
        self.assertIsNotNone(finders.find("img/share-default.png"))

        settings = AgencySettings.for_site(self.site)
        settings.share_image = _image()
        agency_data_publish(settings)
        meta = _meta(self._get(self.news.url).content.decode())
        self.assertEqual(meta["og:type"], "article")
        self.assertRegex(meta["og:image"], r"^http://localhost/media/images/agency\.[0-9a-f]+\.fill-1200x630")
        self.assertEqual((meta["og:image:width"], meta["og:image:height"]), ("1200", "630"))
        self.assertEqual(meta["twitter:image"], meta["og:image"])

    def test_a_page_without_a_description_names_itself_and_the_agency(self):
        meta = _meta(self._get(self.law.url).content.decode())
        self.assertEqual(meta["og:description"], f"{self.law.title} เผยแพร่โดยจังหวัดเพชรบุรี")

    def test_manuals_and_disclosure_pages_print_their_url_and_a_qr_code_to_it(self):
        for page in (self.manual, self.law):
            html = self._get(page.url).content.decode()
            self.assertIn('<aside class="print-reference"', html)
            self.assertIn(f'<p class="print-reference__url">{page.full_url}</p>', html)
            self.assertIn(qr_svg(page.full_url, f"คิวอาร์โค้ดของหน้า {page.title}"), html)
        # The news is not a disclosure page: no print reference.
        self.assertNotIn("print-reference", self._get(self.news.url).content.decode())


class QrCodeTests(TestCase):
    def test_the_svg_draws_every_module_of_the_code(self):
        url = "http://localhost/%E0%B8%84%E0%B8%B9%E0%B9%88%E0%B8%A1%E0%B8%B7%E0%B8%AD/"
        svg = str(qr_svg(url, "คิวอาร์โค้ด"))
        tree = ElementTree.fromstring(svg)
        matrix = qr_matrix(url)
        size = len(matrix)
        self.assertEqual(tree.get("viewBox"), f"-4 -4 {size + 8} {size + 8}")
        # Redraw the path's runs ("M x y h n v1 h-n z") and compare with the code's own modules.
        drawn = [[False] * size for _ in range(size)]
        path = tree.find("{http://www.w3.org/2000/svg}path").get("d")
        for run in path.split("z")[:-1]:
            start, rest = run[1:].split("h", 1)
            x, y = (int(value) for value in start.split())
            width = int(rest.split("v", 1)[0])
            for column in range(x, x + width):
                self.assertFalse(drawn[y][column])
                drawn[y][column] = True
        self.assertEqual(drawn, matrix)
        # Decoding the printed code back to its URL is checked in Chromium (tests/test_public_browser.py).


def _links(html: str, rel: str, kind: str) -> dict[str, str]:
    """href -> title of the ``<link rel=... type=...>`` elements of ``html``."""
    import re

    found = {}
    for tag in re.findall(r"<link [^>]*>", html):
        attrs = dict(re.findall(r'(\w[\w:-]*)="([^"]*)"', tag))
        if attrs.get("rel") == rel and attrs.get("type") == kind:
            found[attrs["href"]] = attrs.get("title", "")
    return found


def _meta(html: str) -> dict[str, str]:
    """property or name -> content of the ``<meta>`` elements of ``html``, unescaped."""
    import html as html_module
    import re

    found = {}
    for tag in re.findall(r"<meta [^>]*>", html):
        attrs = dict(re.findall(r'(\w[\w:-]*)="([^"]*)"', tag))
        key = attrs.get("property") or attrs.get("name")
        if key and "content" in attrs:
            found[key] = html_module.unescape(attrs["content"])
    return found
