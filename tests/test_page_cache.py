"""The page cache: anonymous visitors get pages from the shared cache; each change purges exactly the pages
that show it (the URLs purged are asserted), at once and after the commit, and the front cache gets the same purges."""

import datetime
import http.server
import logging
import threading
from unittest import mock
from urllib.parse import urlsplit

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

import pytest

from core.models import AgencySettings, OrganisationUnit, PageDocument, agency_data_publish
from core.page_cache import HEADER, page_cache_purged
from disclosure.models import ExecutiveEntry, ExecutivesPage, OfficialInfoCategory, Person, PlanIndexPage, PlanPage
from disclosure.tests.utils import basic_info_index, document_make, publish_under
from home.models import NewsIndexPage, NewsPage, StandardPage
from oversight.models import ItaEvidencePage, ItaFramework, PageItaItem
from publishing.models import AgencyRole
from publishing.tests.utils import client_for, member_make
from services.models import ServiceIndexPage, ServicePage
from services.tests.factories import manual_create

pytestmark = pytest.mark.django_db


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def site(agency_site):
    """The agency with a few pages of each kind that lists or shows another: news, a manual with its unit, the
    executives with a person, a policy publishing a document, and the ITA evidence page."""
    home = agency_site.root_page
    news = NewsIndexPage.objects.child_of(home).get()
    for slug in ("first", "second"):
        news.add_child(
            instance=NewsPage(title=f"ข่าว {slug}", slug=slug, date=timezone.localdate(), body="<p>ข่าว</p>", live=False)
        )
        _publish(NewsPage.objects.get(slug=slug))
    unit = OrganisationUnit(site=agency_site, name="กองทะเบียน")
    agency_data_publish(unit)
    manual = manual_create(
        ServiceIndexPage.objects.child_of(home).get(), "การจดทะเบียนพาณิชย์", slug="commerce", unit=unit
    )
    _publish(manual)
    person = Person(site=agency_site, name="นายสมชาย ใจดี")
    agency_data_publish(person)
    publish_under(
        basic_info_index(agency_site),
        ExecutivesPage(
            title="คณะผู้บริหาร", slug="executives", executives=[ExecutiveEntry(position="ผู้ว่า", person=person)]
        ),
    )
    oit = ItaFramework.objects.get(name="OIT 2566")
    document = document_make("ตารางสถิติผู้ใช้บริการ")
    document.collection_id = AgencySettings.for_site(agency_site).collection_id
    document.save()
    document.ita_items.add(oit.items.get(code="O1"))
    policy = StandardPage.objects.child_of(home).get(slug="website-policy")
    policy.published_documents = [PageDocument(document=document)]
    policy.ita_items = [PageItaItem(item=oit.items.get(code="O2"))]
    _publish(policy)
    home.add_child(instance=ItaEvidencePage(title="การเปิดเผยข้อมูลสาธารณะ", slug="ita", framework=oit))
    _publish(ItaEvidencePage.objects.get(slug="ita"))
    return {"site": agency_site, "person": person, "unit": unit, "document": document, "policy": policy}


WARM = [
    "/",
    "/news/",
    "/news/first/",
    "/news/second/",
    "/services/",
    "/services/commerce/",
    "/basic-information/",
    "/basic-information/executives/",
    "/website-policy/",
    "/contact/",
    "/ita/",
]


@pytest.fixture
def warm(client, site):
    """Every page of ``WARM`` in the cache: returns a function that does it again."""

    def fill():
        for url in WARM:
            response = client.get(url)
            assert response.status_code == 200, url
            assert client.get(url)[HEADER] == "hit", url

    fill()
    return fill


@pytest.fixture
def purged(django_capture_on_commit_callbacks):
    """``with purged() as paths:`` runs the block, commits, and collects the paths (with query) that were purged."""
    from contextlib import contextmanager

    @contextmanager
    def capture():
        paths = set()

        def receiver(sender, urls, **kwargs):
            paths.update(
                urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "") for url in urls
            )

        page_cache_purged.connect(receiver, weak=False, dispatch_uid="test_purged")
        try:
            with django_capture_on_commit_callbacks(execute=True):
                yield paths
        finally:
            page_cache_purged.disconnect(dispatch_uid="test_purged")

    return capture


def test_an_anonymous_visitor_is_served_from_the_cache_without_a_query(client, site, django_assert_num_queries):
    first = client.get("/news/first/")
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/news/first/")
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert client.head("/news/first/")[HEADER] == "hit"
    # A query string the page does not use is rendered without the cache; the listing's own parameter is cached.
    assert HEADER not in client.get("/news/first/?utm_source=line")
    client.get("/news/?page=2")
    assert client.get("/news/?page=2")[HEADER] == "hit"


def test_editors_and_previews_are_never_served_from_the_cache(client, site):
    page = NewsPage.objects.get(slug="first")
    client.get(page.url)
    editor = client_for(member_make(site["site"], AgencyRole.EDITORS, "editor"))
    response = editor.get(page.url)
    assert response.status_code == 200 and HEADER not in response
    page.title = "ร่างข่าวที่ยังไม่ผ่านการตรวจสอบ"
    page.save_revision()
    preview = editor.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert "ร่างข่าวที่ยังไม่ผ่านการตรวจสอบ" in preview.content.decode() and HEADER not in preview
    public = client.get("/news/first/")
    assert public[HEADER] == "hit" and "ร่างข่าวที่ยังไม่ผ่านการตรวจสอบ" not in public.content.decode()


def test_private_pages_are_never_cached_and_making_one_private_purges_it(client, site, warm, purged):
    with purged() as paths:
        PageViewRestriction.objects.create(
            page=Page.objects.get(slug="second"), restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    assert paths == set(WARM)  # a restriction changes listings and the navigation: the whole site
    for _ in range(2):
        assert HEADER not in client.get("/news/second/")
    assert "ข่าว second" not in client.get("/news/").content.decode()


def test_publishing_a_news_item_purges_it_its_listing_and_the_home_page(client, site, warm, purged):
    page = NewsPage.objects.get(slug="first")
    page.title = "ข่าวแก้ไขแล้ว"
    with purged() as paths:
        _publish(page)
    assert paths == {"/news/first/", "/news/", "/"}
    assert "ข่าวแก้ไขแล้ว" in client.get("/").content.decode()
    assert client.get("/services/commerce/")[HEADER] == "hit"


def test_the_home_pages_lists_are_computed_once_and_purged_with_what_they_list(client, site, purged):
    """A render the page cache does not serve (a logged-in editor here) reads the home page's lists from the shared
    cache (core.page_cache.fragment); a change to a listed page purges them, and the anonymous visitors' entry, which
    took its dependencies from the fragment, with them."""
    editor = client_for(member_make(site["site"], AgencyRole.EDITORS, "editor"))
    first = editor.get("/").content.decode()
    assert "ข่าว first" in first
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as again:
        editor.get("/?again=1")
    with CaptureQueriesContext(connection) as anonymous:
        assert client.get("/")[HEADER] == "miss"  # rendered with the kept lists, and stored
    for render in (again, anonymous):
        assert not any("home_newspage" in query["sql"] for query in render.captured_queries)
    page = NewsPage.objects.get(slug="first")
    page.title = "ข่าวแก้ไขในรายการหน้าแรก"
    with purged() as paths:
        _publish(page)
    assert "/" in paths
    assert "ข่าวแก้ไขในรายการหน้าแรก" in editor.get("/").content.decode()
    assert "ข่าวแก้ไขในรายการหน้าแรก" in client.get("/").content.decode()


def test_a_new_urgent_notice_is_on_the_home_page_as_soon_as_it_goes_live(client, site, warm, purged):
    notice = NewsPage(
        title="ประกาศเตือนภัยน้ำท่วม", slug="flood", date=timezone.localdate(), urgent=True, body="<p>x</p>", live=False
    )
    NewsIndexPage.objects.get().add_child(instance=notice)
    with purged() as paths:
        _publish(NewsPage.objects.get(slug="flood"))
    assert paths == {"/news/", "/"}
    assert "ประกาศเตือนภัยน้ำท่วม" in client.get("/").content.decode()


def test_scheduled_go_live_and_expiry_purge_like_a_publication(client, site, warm, purged):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)
    news = NewsIndexPage.objects.get()
    page = NewsPage(
        title="ประกาศปิดถนน", slug="road", date=timezone.localdate(), urgent=True, body="<p>x</p>", live=False
    )
    page.go_live_at, page.expire_at = start, start + datetime.timedelta(days=1)
    news.add_child(instance=page)
    with purged() as paths:
        page.save_revision().publish()  # scheduled: nothing is live yet
    assert paths == set()
    with purged() as paths, mock.patch("django.utils.timezone.now", return_value=start + datetime.timedelta(minutes=1)):
        call_command("run_scheduler", "--once")
    assert paths == {"/news/", "/"}
    assert "ประกาศปิดถนน" in client.get("/").content.decode()
    client.get("/news/road/")
    client.get("/news/")
    end = start + datetime.timedelta(days=1, minutes=1)
    with purged() as paths, mock.patch("django.utils.timezone.now", return_value=end):
        call_command("run_scheduler", "--once")
    assert paths == {"/news/road/", "/news/", "/"}
    assert "ประกาศปิดถนน" not in client.get("/").content.decode()


def test_unpublishing_moving_and_deleting_purge_the_page_and_its_listings(client, site, warm, purged):
    policy = StandardPage.objects.get(slug="privacy-policy")
    with purged() as paths:
        policy.move(site["policy"], pos="last-child")
    # A page of the footer moved: every page shows the footer.
    assert paths == set(WARM)

    warm()
    second = NewsPage.objects.get(slug="second")
    with purged() as paths:
        second.unpublish()
    assert paths == {"/news/second/", "/news/", "/"}
    assert client.get("/news/second/").status_code == 404
    _publish(second)

    warm()
    with purged() as paths:
        NewsPage.objects.get(slug="first").delete()
    assert paths == {"/news/first/", "/news/", "/"}
    assert client.get("/news/first/").status_code == 404


def test_agency_data_purges_the_pages_that_show_it(client, site, second_agency_site, warm, purged):
    client.get("/", HTTP_HOST="town.localhost")
    person = site["person"]
    person.name = "นายสมศักดิ์ ใจดี"
    with purged() as paths:
        agency_data_publish(person)
    assert paths == {"/basic-information/executives/"}
    assert "นายสมศักดิ์ ใจดี" in client.get("/basic-information/executives/").content.decode()

    unit = site["unit"]
    unit.name = "กองทะเบียนและบัตร"
    with purged() as paths:
        agency_data_publish(unit)
    assert paths == {"/services/commerce/", "/services/"}  # the manual and the listing's filter by unit

    warm()
    agency = AgencySettings.for_site(site["site"])
    agency.phone = "032 000 000"
    with purged() as paths:
        agency_data_publish(agency)
    assert paths == set(WARM)  # every page of this agency shows it in the footer, no page of the other agency
    assert "032 000 000" in client.get("/contact/").content.decode()
    assert client.get("/", HTTP_HOST="town.localhost")[HEADER] == "hit"


def test_the_official_information_index_follows_every_page_type_it_lists(
    client, site, second_agency_site, warm, purged
):
    """the Act's index lists the agency's manuals (s.9(4)) and plans (s.9(3)) wherever they are in its
    tree: publishing or unpublishing one purges the index; another agency's manual does not."""

    def index_cached():
        client.get("/official-information/")
        assert client.get("/official-information/")[HEADER] == "hit"

    manual = manual_create(
        ServiceIndexPage.objects.child_of(site["site"].root_page).get(), "การขออนุญาตจัดงาน", slug="fair"
    )
    ServicePage.objects.filter(pk=manual.pk).update(live=False)  # a draft until it is published below
    manual.live = False
    warm()
    index_cached()
    with purged() as paths:
        _publish(manual)
    assert paths == {"/services/", "/official-information/", "/"}
    assert "การขออนุญาตจัดงาน" in client.get("/official-information/", {"category": "9(4)"}).content.decode()

    warm()
    index_cached()
    plan = PlanPage(
        title="แผนปฏิบัติราชการ 2569",
        slug="plan",
        plan_type="annual_action",
        fiscal_year_start=2569,
        fiscal_year_end=2569,
        live=False,
    )
    PlanIndexPage.objects.child_of(site["site"].root_page).get().add_child(instance=plan)
    with purged() as paths:
        _publish(plan)
    # The index filtered by a category is purged too (it was cached above).
    assert paths == {"/official-information/", "/official-information/?category=9%284%29", "/"}
    assert "แผนปฏิบัติราชการ 2569" in client.get("/official-information/", {"category": "9(3)"}).content.decode()

    warm()
    index_cached()
    with purged() as paths:
        manual.unpublish()
    assert paths == {"/services/", "/official-information/", "/official-information/?category=9%283%29", "/"}
    assert "การขออนุญาตจัดงาน" not in client.get("/official-information/").content.decode()

    theirs = manual_create(
        ServiceIndexPage.objects.child_of(second_agency_site.root_page).get(), "แผงลอย", slug="stall"
    )
    index_cached()
    with purged() as paths:
        _publish(theirs)
    assert "/official-information/" not in paths
    assert client.get("/official-information/")[HEADER] == "hit"


def test_the_official_information_indexs_listing_is_computed_once_and_purged_with_what_it_lists(client, site, purged):
    """A render the page cache does not serve (a logged-in editor; an anonymous visitor's after a purge elsewhere)
    reads the Act's index's listing and counts per category from the shared cache (core.page_cache.fragment); a
    change to a page it lists, or to the categories, purges them with the index's own entries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def listing_queries(render):
        return [query for query in render.captured_queries if "oia_category_id" in query["sql"]]

    editor = client_for(member_make(site["site"], AgencyRole.EDITORS, "editor"))
    with CaptureQueriesContext(connection) as first:
        assert "การจดทะเบียนพาณิชย์" in editor.get("/official-information/").content.decode()
    assert len(listing_queries(first)) == 3  # the number of items, the page of them, the counts per category
    with CaptureQueriesContext(connection) as again:
        editor.get("/official-information/?again=1")
    with CaptureQueriesContext(connection) as anonymous:
        assert client.get("/official-information/")[HEADER] == "miss"  # rendered with the kept listing, and stored
    assert listing_queries(again) == listing_queries(anonymous) == []

    manual = ServicePage.objects.get(slug="commerce")
    manual.title = "การจดทะเบียนพาณิชย์ (ฉบับปรับปรุง)"
    with purged() as paths:
        _publish(manual)
    assert "/official-information/" in paths
    assert "การจดทะเบียนพาณิชย์ (ฉบับปรับปรุง)" in editor.get("/official-information/").content.decode()
    assert "การจดทะเบียนพาณิชย์ (ฉบับปรับปรุง)" in client.get("/official-information/").content.decode()

    category = OfficialInfoCategory.objects.get(code="9(4)")
    category.name = "คู่มือสำหรับประชาชน (ปรับปรุงชื่อ)"
    with purged() as paths:
        category.save()
    assert "/official-information/" in paths
    with CaptureQueriesContext(connection) as after:
        assert "คู่มือสำหรับประชาชน (ปรับปรุงชื่อ)" in editor.get("/official-information/").content.decode()
    assert len(listing_queries(after)) == 3


def test_a_document_title_or_privacy_purges_the_pages_that_list_it(client, site, warm, purged):
    document = type(site["document"]).objects.get(pk=site["document"].pk)
    document.title = "ตารางสถิติผู้ใช้บริการรายเดือน"
    with purged() as paths:
        document.save()
    assert paths == {"/website-policy/", "/ita/"}
    warm()
    assert document.url in client.get("/ita/").content.decode()
    with purged() as paths:
        site["policy"].unpublish()
    # The policy left the footer of every page; the document it published became private.
    assert paths == set(WARM)
    assert not type(document).objects.get(pk=document.pk).is_public
    for _ in range(2):
        ita = client.get("/ita/")
        assert document.url not in ita.content.decode()
    assert ita[HEADER] == "hit"


class _PurgeServer(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.received.append((self.headers["Host"], self.path))
        self.send_response(500)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_front_cache_gets_the_same_purges_and_a_failure_is_only_logged(client, site, settings, caplog, purged):
    server = http.server.HTTPServer(("127.0.0.1", 0), _PurgeServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "core.frontend_cache.HTTPPurgeBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    _PurgeServer.received.clear()
    client.get("/news/first/")
    client.get("/news/")
    page = NewsPage.objects.get(slug="first")
    page.title = "ข่าวหลังแก้ไข"
    try:
        with caplog.at_level(logging.ERROR), purged() as paths:
            _publish(page)
    finally:
        server.shutdown()
    assert paths == {"/news/first/", "/news/"}
    assert {("testserver", "/news/first/"), ("testserver", "/news/")} <= set(_PurgeServer.received)
    assert "Front cache purge of http://testserver/news/first/ failed: HTTP 500" in caplog.text
    assert NewsPage.objects.get(slug="first").title == "ข่าวหลังแก้ไข"


@pytest.fixture(params=["redis", "file"])
def shared_backend(request, settings, tmp_path):
    """The caches that workers share: Redis (production; a database number of its own) and the folder of
    ``make run``."""
    if request.param == "redis":
        location = "redis://127.0.0.1:6379/13"
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}}
    else:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
        }
    from django.core.cache import cache

    cache.clear()
    yield request.param
    cache.clear()


def test_the_shared_backends_serve_and_purge(client, site, shared_backend, purged):
    assert client.get("/news/first/")[HEADER] == "miss"
    client.get("/news/")
    assert client.get("/news/first/")[HEADER] == "hit"
    page = NewsPage.objects.get(slug="first")
    page.title = f"ข่าวแก้ไขแล้ว ({shared_backend})"
    with purged() as paths:
        _publish(page)
    assert paths == {"/news/first/", "/news/"}
    response = client.get("/news/first/")
    assert response[HEADER] == "miss" and f"ข่าวแก้ไขแล้ว ({shared_backend})" in response.content.decode()
