"""The search page as a citizen uses it, on the demo content: results, filters, snippets, pagination, the query log,
promotions, privacy, and bad input that never gives a 500."""

from django.db import connection
from django.utils import timezone

import pytest

from documents.models import LibraryDocument
from search.backend import QUERY_MAX_CHARS
from search.models import SearchQueryDay
from search.selectors import popular_searches

pytestmark = pytest.mark.django_db

# The search page's statements: site, filters' choices, popular searches, promotions, pages and documents (and the
# fallback searches), the query log...
BASE_QUERIES = 24
if connection.vendor == "postgresql":
    # ...and on PostgreSQL, for each of the (at most four) searches, its planner setting put back inside the test's
    # transaction, and its results read by id.
    BASE_QUERIES += 4 * 3
# ...and for each page type among the ten results shown, its specific fields and the relations its text is read from
# (a manual's steps, fees, channels; a page's documents and responsible unit), whatever the number of its results.
QUERIES_PER_PAGE_TYPE = 6
PER_PAGE = 10
MAX_QUERIES_PER_SEARCH = BASE_QUERIES + QUERIES_PER_PAGE_TYPE * PER_PAGE


def get(client, **params):
    return client.get("/search/", params, HTTP_HOST="localhost")


def test_the_home_page_search_box_leads_here(client, demo_site):
    home = client.get("/", HTTP_HOST="localhost").content.decode()
    assert 'action="/search/"' in home and 'name="q"' in home
    response = get(client, q="ไข้เลือดออก")
    assert response.status_code == 200
    page = response.content.decode()
    assert "รณรงค์ป้องกันโรคไข้เลือดออก" in page
    assert "<mark>ไข้เลือดออก</mark>" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_results_show_category_be_date_and_documents_with_pages(client, demo_site):
    page = get(client, q="สขร.1").content.decode()
    assert "แบบ สขร.1 เดือนกุมภาพันธ์ 2568" in page  # a document
    assert "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน" in page  # pages
    assert "หมวด ข้อมูลข่าวสารที่จัดไว้ให้ประชาชนตรวจดูได้" in page
    assert f" {timezone.localdate().year + 543}</time>" in page or " 256" in page  # a Buddhist-era year


def test_filters_narrow_by_category_kind_and_fiscal_year(client, demo_site):
    from disclosure.models import PlanIndexPage

    plans = PlanIndexPage.objects.get()
    by_category = get(client, q="ปีงบประมาณ", category=plans.pk).content.decode()
    assert "รายงานผลการดำเนินงานตามแผนปฏิบัติราชการ" in by_category
    assert "สถิติการให้บริการศูนย์ดำรงธรรม" not in by_category
    by_kind = get(client, q="แบบคำร้อง", kind="form").content.decode()
    assert "แบบคำร้องขอเลขที่บ้าน" in by_kind
    assert "หน้าเว็บ" not in by_kind.split('class="search-results"')[1]
    by_year = get(client, q="แผนปฏิบัติราชการ", year=2567).content.decode()
    assert "พ.ศ. 2567" in by_year and "พ.ศ. 2569 จังหวัดเพชรบุรี" not in by_year


def test_unknown_filter_values_are_ignored(client, demo_site):
    response = get(client, q="น้ำท่วม", category="999999", kind="exe", year="abc")
    assert response.status_code == 200
    assert "ประกาศเตือนภัยน้ำท่วม" in response.content.decode()


def test_pagination_keeps_the_query_and_a_page_beyond_the_last_shows_the_last(client, demo_site):
    first = get(client, q="ปีงบประมาณ").content.decode()
    assert 'rel="next"' in first and "q=%E0%B8%9B" in first
    far = get(client, q="ปีงบประมาณ", page="999999")
    assert far.status_code == 200
    assert "แสดงหน้าสุดท้ายของผลการค้นหาแทน" in far.content.decode()


def test_no_results_gives_a_thai_message_and_is_logged(client, demo_site):
    page = get(client, q="ดาวอังคาร").content.decode()
    assert "ไม่พบข้อมูลที่ตรงกับ “ดาวอังคาร”" in page
    row = SearchQueryDay.objects.get(query_string="ดาวอังคาร")
    assert (row.hits, row.no_result_hits) == (1, 1)


def test_popular_searches_are_those_that_found_something(client, demo_site):
    for _ in range(3):
        get(client, q="น้ำท่วม")
    get(client, q="ดาวพฤหัส")
    get(client, q="ดาวพฤหัส")
    assert popular_searches(demo_site)[0] == "น้ำท่วม"
    assert "ดาวพฤหัส" not in popular_searches(demo_site)
    page = get(client).content.decode()
    assert "คำค้นยอดนิยม" in page and "น้ำท่วม" in page


def test_spelling_is_corrected_from_the_sites_words(client, demo_site):
    page = get(client, q="ไข้เลือดอออก").content.decode()
    assert "แสดงผลการค้นหาสำหรับ" in page
    assert "รณรงค์ป้องกันโรคไข้เลือดออก" in page


def test_search_promotions_come_first(client, demo_site):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import Page

    contact = Page.objects.get(slug="contact")
    SearchPromotion.objects.create(query=Query.get("ติดต่อ"), page=contact, description="ที่อยู่และโทรศัพท์")
    page = get(client, q="ติดต่อ").content.decode()
    assert "ข้อมูลแนะนำ" in page
    assert page.index("ที่อยู่และโทรศัพท์") < page.index('class="search-results"')


def test_only_live_public_pages_and_public_documents(client, demo_site):
    from wagtail.models import Page, PageViewRestriction

    flood = Page.objects.get(slug="flash-flood-warning")
    flood.unpublish()
    assert "ประกาศเตือนภัยน้ำท่วม" not in get(client, q="น้ำท่วมฉับพลัน").content.decode()
    dengue = Page.objects.get(slug="dengue-campaign")
    PageViewRestriction.objects.create(page=dengue, restriction_type="login")
    assert "รณรงค์ป้องกันโรคไข้เลือดออก" not in get(client, q="ไข้เลือดออก").content.decode()
    form = LibraryDocument.objects.get(title="แบบคำร้องขอเลขที่บ้าน (ท.ร.31)")
    LibraryDocument.objects.filter(pk=form.pk).update(is_public=False)
    assert "แบบคำร้องขอเลขที่บ้าน (ท.ร.31)" not in get(client, q="ท.ร.31").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "ก" * 10_000,
        "ประกาศจังหวัดเพชรบุรี" * 500,
        "\x00\x01\x1b[31m\u202e",
        '"*()-:^',
        "ราคา' OR 1=1; DROP TABLE wagtailcore_page; --",
        'title:"x" AND NOT (a OR b*) NEAR(c d)',
        "%%%",
        "\\",
    ],
)
def test_bad_input_is_answered_with_bounded_work_and_never_a_500(
    client, demo_site, query, segmenter_calls, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_QUERIES_PER_SEARCH):
        response = get(client, q=query, page="x" * 5000)
    assert response.status_code == 200
    # The Thai segmenter (the work that grows with the input) never sees more than the capped query.
    assert max((length for length, _ in segmenter_calls), default=0) <= QUERY_MAX_CHARS
    if len(query) > 100:
        assert "คำค้นยาวเกินไป" in response.content.decode()


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, stopped at 10 s into a minute (a test must not cross into the next minute by chance);
    ``clock.now`` moves it."""
    from types import SimpleNamespace

    from search import throttle

    clock = SimpleNamespace(now=1_800_000_010.0)
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=lambda: clock.now))
    return clock


def test_a_flood_of_requests_gets_a_thai_too_often_page(client, demo_site, settings, segmenter_calls, clock):
    settings.SEARCH_RATE_PER_MINUTE = 5
    for n in range(5):
        assert get(client, q=f"ก{n}" * 300).status_code == 200
    segmented = len(segmenter_calls)
    flood = [get(client, q=f"ข{n}" * 300) for n in range(5, 40)]
    assert {response.status_code for response in flood} == {429}
    assert "มีการค้นหาจากเครื่องของท่านถี่เกินไป" in flood[-1].content.decode()
    assert flood[-1]["Retry-After"] == "50"
    assert flood[-1]["X-Robots-Tag"] == "noindex, nofollow"
    assert len(segmenter_calls) == segmented  # no search work for the flood
    assert not SearchQueryDay.objects.filter(query_string__startswith="ข").exists()
    clock.now += 50  # the next minute
    assert get(client, q="น้ำท่วม").status_code == 200


def test_the_limit_is_per_client_behind_the_proxy(client, demo_site, settings, clock):
    settings.SEARCH_RATE_PER_MINUTE = 2
    settings.SUGGEST_RATE_PER_MINUTE = 2

    def search_from(forwarded_for, remote="127.0.0.1"):
        return client.get(
            "/search/", {"q": "น้ำท่วม"}, HTTP_HOST="localhost", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for
        ).status_code

    # nginx (a trusted proxy) appends the client's address last; what the client sent before it does not count.
    assert [search_from("203.0.113.9"), search_from("198.51.100.1, 203.0.113.9")] == [200, 200]
    assert search_from("198.51.100.2, 203.0.113.9") == 429
    assert search_from("203.0.113.10") == 200
    # From an address that is not a trusted proxy, X-Forwarded-For is ignored.
    assert [search_from("203.0.113.11", remote="192.0.2.7") for _ in range(3)] == [200, 200, 429]
    assert search_from("203.0.113.12", remote="192.0.2.7") == 429

    suggest = [client.get("/search/suggest/", {"q": "ไข้เลือ"}, HTTP_HOST="localhost") for _ in range(3)]
    assert [response.status_code for response in suggest] == [200, 200, 429]
    assert suggest[-1].json()["suggestions"] == []


def test_the_search_page_reads_per_page_type_not_per_result(client, demo_site, django_assert_max_num_queries):
    from search.selectors import hits_describe, site_search

    get(client, q="ไข้เลือดออก")  # the site's words for the spelling check are read once, then cached
    for query in ("ไข้เลือดออก", "จังหวัด", "สรุปผลการดำเนินการจัดซื้อจัดจ้าง"):
        first_page = hits_describe(site_search(demo_site, query).hits[:PER_PAGE], [])
        page_types = {type(hit.obj.specific_deferred) for hit in first_page if not hit.is_document}
        bound = BASE_QUERIES + QUERIES_PER_PAGE_TYPE * len(page_types)
        with django_assert_max_num_queries(bound) as queries:
            assert get(client, q=query).status_code == 200
        print(f"\nsearch page {query!r}: {len(queries)} queries, {len(page_types)} page types (bound {bound})")


def test_only_get_and_head(client, demo_site):
    assert client.post("/search/", {"q": "x"}, HTTP_HOST="localhost").status_code == 405


def test_suggest_finds_titles_from_partial_thai_words(client, demo_site):
    response = client.get("/search/suggest/", {"q": "ไข้เลือ"}, HTTP_HOST="localhost")
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["suggestions"]]
    assert "รณรงค์ป้องกันโรคไข้เลือดออก 3 เก็บ ป้องกัน 3 โรค" in titles
    assert client.get("/search/suggest/", {"q": '"*'}, HTTP_HOST="localhost").json() == {"suggestions": []}


def test_the_report_of_searches_that_found_nothing(client, demo_site, django_user_model):
    get(client, q="ใบขับขี่")
    get(client, q="ใบขับขี่")
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "pw-long-enough")
    client.force_login(admin)
    page = client.get("/admin/reports/searches-without-results/").content.decode()
    assert "คำค้นที่ไม่พบผลลัพธ์" in page and "ใบขับขี่" in page
    export = client.get("/admin/reports/searches-without-results/?export=csv")
    assert "ใบขับขี่" in b"".join(export.streaming_content).decode("utf-8-sig")
    editor = django_user_model.objects.create_user("editor", "e@example.com", "pw-long-enough")
    client.force_login(editor)
    assert client.get("/admin/reports/searches-without-results/").status_code in (302, 403)


def test_editors_search_the_admin_in_thai(client, demo_site, django_user_model):
    """Wagtail's admin searches (pages, documents) go through the same Thai backend and its one-statement ranking."""
    admin = django_user_model.objects.create_superuser("webmaster", "w@example.com", "pw-long-enough")
    client.force_login(admin)
    pages = client.get("/admin/pages/search/", {"q": "เลือดออก"}, HTTP_HOST="localhost")
    assert pages.status_code == 200
    assert "รณรงค์ป้องกันโรคไข้เลือดออก" in pages.content.decode()
    documents = client.get("/admin/documents/", {"q": "ท.ร.31"}, HTTP_HOST="localhost")
    assert documents.status_code == 200
    assert "แบบคำร้องขอเลขที่บ้าน (ท.ร.31)" in documents.content.decode()


def test_the_forms_fiscal_years_and_sections_follow_publishing(client, demo_site):
    """The form's choices come from the shared cache (building them costs more than the search): a publication, an
    unpublication and a restriction change them at once."""
    from wagtail.models import PageViewRestriction

    from disclosure.models import PlanIndexPage, PlanPage

    def choices():
        return get(client, q="แผน").content.decode().split('class="search-results"')[0]

    plan = PlanPage.objects.live().first()
    assert 'value="2590"' not in choices()
    plan.fiscal_year = 2590
    plan.save_revision().publish()
    assert 'value="2590"' in choices()
    plan.unpublish()
    assert 'value="2590"' not in choices()

    plans = PlanIndexPage.objects.get()
    assert f'value="{plans.pk}"' in choices()
    restriction = PageViewRestriction.objects.create(page=plans, restriction_type="login")
    assert f'value="{plans.pk}"' not in choices()
    restriction.delete()
    assert f'value="{plans.pk}"' in choices()
