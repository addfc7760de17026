"""Ranking: one statement per search, from the full-text index out (SQLite: from the FTS table; PostgreSQL: through the
GIN indexes, the candidates ranked in full capped), the same order as ranking every match by the ORM, and result
lists that one series of near-identical items does not crowd."""

import contextlib
import datetime
import itertools

from django.db import DatabaseError, connection, transaction

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest
from modelsearch.query import PlainText

from home.models import NewsIndexPage, NewsPage
from search import backend as search_backend
from search.backend import index_scans
from search.selectors import SIMILAR_RESULT_DECAY, SearchHit, diversified, site_search

# PostgreSQL's candidate cap and its use of the GIN indexes: SQLite has neither. These run in the PostgreSQL pass of
# .ci/run (DATABASE_URL=postgres://...), not in the SQLite one.
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's ranking: runs in the PostgreSQL pass of .ci/run"
)

WORD = "ลำไย"


def news_create(site, title, body):
    index = NewsIndexPage.objects.child_of(site.root_page).get()
    page = NewsPage(
        title=title,
        slug=f"ranking-{NewsPage.objects.count() + 1}",
        date=datetime.date(2025, 1, 1),
        body=f"<p>{body}</p>",
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def longan_pages(agency_site):
    """Two pages with the word in their title and four that only repeat it in their body."""
    in_title = [news_create(agency_site, f"ราคา{WORD}ปี {year}", "ราคาผลไม้ของจังหวัด") for year in (2567, 2568)]
    in_body = [news_create(agency_site, f"ข่าวเกษตรฉบับที่ {n}", " ".join([f"สวน{WORD}"] * (5 + n))) for n in range(4)]
    return in_title, in_body


def _search(site, query, stop):
    return list(Page.objects.live().descendant_of(site.root_page).search(query)[:stop])


def _ranked_every_match(site, query):
    """What ranking every match with the ORM gives (the compiler's ``search``, a queryset joined to the index)."""
    backend = get_search_backend()
    compiler = backend.query_compiler_class(Page.objects.live().descendant_of(site.root_page), PlainText(query))
    return list(compiler.search(compiler.get_config(backend), 0, None, score_field="_score"))


def test_below_the_cap_the_order_is_that_of_ranking_every_match(agency_site, longan_pages):
    found = _search(agency_site, WORD, 10)
    assert len(found) == 6
    assert [page.pk for page in found] == [page.pk for page in _ranked_every_match(agency_site, WORD)]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["!!!", "---", "พ ร บ", "ก", "''"])
def test_a_query_without_a_word_finds_nothing_and_fails_nowhere(agency_site, longan_pages, query):
    """Punctuation and lone Thai letters leave no word to search for (an editor's search in the admin, a chooser)."""
    pages = Page.objects.live()
    assert list(pages.search(query)[:10]) == []
    assert pages.search(query).count() == 0
    assert list(pages.search(query, order_by_relevance=False)[:10]) == []
    assert list(pages.autocomplete(query)[:10]) == []
    assert site_search(agency_site, query).hits == []


@pytest.mark.django_db
def test_an_editor_searching_punctuation_in_the_admin_gets_an_empty_listing(admin_client, agency_site, longan_pages):
    for url, query in (("/admin/pages/search/", "!!!"), ("/admin/documents/", "!!!"), ("/admin/pages/search/", "ราคา")):
        response = admin_client.get(url, {"q": query})
        assert response.status_code == 200, (url, query)


@postgres_only
def test_a_phrase_finds_only_its_own_matches_and_reads_no_other_body(agency_site, longan_pages):
    """``พ.ร.บ.`` is the phrase ``'พ' <-> 'ร' <-> 'บ'``: a window matches its letters through the GIN index alone, and
    the phrase is tested on the entries looked at, so pages with the letters apart are not found."""
    act = [news_create(agency_site, f"ข่าวกฎหมายฉบับที่ {n}", f"ประกาศตาม พ.ร.บ. สวน{WORD} ฉบับที่ {n}") for n in range(3)]
    apart = [news_create(agency_site, f"ข่าวสวนฉบับที่ {n}", f"พ สวน{WORD} ร ราคา บ ผลไม้ {n}") for n in range(3)]
    for query in ("พ.ร.บ.", f"พ.ร.บ.สวน{WORD}"):
        found = [page.pk for page in _search(agency_site, query, 10)]
        assert sorted(found) == sorted(page.pk for page in act), query
        assert found == [page.pk for page in _ranked_every_match(agency_site, query)], query
    # The pages with the letters apart are among what a window matches through the index, and the phrase left them.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM wagtailsearch_indexentry WHERE body @@ to_tsquery('simple', 'พ & ร & บ') "
            "AND object_id = ANY(%s)",
            [[str(page.pk) for page in act + apart]],
        )
        assert cursor.fetchone()[0] == 6

    backend = get_search_backend()
    compiler = backend.query_compiler_class(Page.objects.live(), PlainText("พ.ร.บ."))
    with index_scans(), connection.cursor() as cursor:
        db, sql, params = compiler.ranked_statement(compiler.get_config(backend), 0, 10)
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Rows Removed by Index Recheck" not in plan, plan


@postgres_only
def test_above_the_cap_title_matches_are_kept_and_everything_is_counted(agency_site, longan_pages, monkeypatch):
    in_title, in_body = longan_pages
    monkeypatch.setattr(search_backend, "RANK_IN_FULL", 2)
    top = _search(agency_site, WORD, 2)
    print(f"\nranked in full: 2 of 6 matches; top 2 = {[page.title for page in top]}")
    assert {page.pk for page in top} == {page.pk for page in in_title}
    results = Page.objects.live().descendant_of(agency_site.root_page).search(WORD)
    assert results.count() == 6
    assert {page.pk for page in results[:6]} == {page.pk for page in in_title + in_body}
    assert [page.pk for page in results[2:4]] == [page.pk for page in _search(agency_site, WORD, 4)[2:4]]


@postgres_only
def test_past_those_ranked_in_full_the_candidates_follow_newest_first_with_lower_scores(
    agency_site, longan_pages, monkeypatch
):
    in_title, in_body = longan_pages
    monkeypatch.setattr(search_backend, "RANK_IN_FULL", 3)
    ranked = Page.objects.live().descendant_of(agency_site.root_page).search(WORD)[:6].ranked_ids()
    ids, scores = [int(pk) for pk, _ in ranked], [score for _, score in ranked]
    print(f"\nranked in full: 3 of 6; scores {[round(score, 4) for score in scores]}")
    # The two title matches and the newest body match, ranked in full; then the older body matches, newest first.
    assert set(ids[:3]) == {in_title[0].pk, in_title[1].pk, in_body[3].pk}
    assert ids[3:] == [in_body[2].pk, in_body[1].pk, in_body[0].pk]
    assert scores[:3] == sorted(scores[:3], reverse=True)
    assert min(scores[:3]) > scores[3] > scores[4] > scores[5] > 0
    # Ranked every match instead, the same six (the order of the older three comes from their bodies then).
    monkeypatch.setattr(search_backend, "RANK_IN_FULL", 100)
    assert {page.pk for page in _search(agency_site, WORD, 6)} == set(ids)


@postgres_only
def test_above_the_cap_the_newest_body_matches_of_the_queryset_fill_it(
    agency_site, second_agency_site, longan_pages, monkeypatch
):
    in_title, in_body = longan_pages
    news_create(second_agency_site, "ข่าวเทศบาล", WORD)  # the newest body match, of another site: not a candidate
    monkeypatch.setattr(search_backend, "RANK_IN_FULL", 4)
    found = _search(agency_site, WORD, 4)
    # Every title match, then the body matches newest first, checked against the queryset until four are found.
    assert {page.pk for page in found} == {page.pk for page in [*in_title, *in_body[2:]]}


def test_the_windows_of_the_newest_entries_cover_every_id_once(monkeypatch):
    monkeypatch.setattr(search_backend, "RECENT_WINDOW", 10)
    monkeypatch.setattr(search_backend, "RECENT_WINDOW_GROWTH", 4)
    assert search_backend.recent_windows(None) == [(None, None)]
    assert search_backend.recent_windows(7) == [(None, None)]
    assert search_backend.recent_windows(100) == [(90, 100), (60, 90), (None, 60)]
    windows = search_backend.recent_windows(100_000)
    assert windows[0] == (99_990, 100_000) and windows[-1][0] is None
    assert all(newer[0] == older[1] for newer, older in itertools.pairwise(windows))
    assert [upper - lower for lower, upper in windows[1:-1]] == [30, 120, 480, 1920, 7680, 30720]


@postgres_only
def test_body_matches_are_read_window_by_window_newest_first_and_no_further_than_needed(
    agency_site, longan_pages, monkeypatch
):
    in_title, in_body = longan_pages
    garden = "สวน"  # only in the bodies of the four body pages, the newest entries of the index
    monkeypatch.setattr(search_backend, "RANK_IN_FULL", 1)
    one_window = [page.pk for page in _search(agency_site, garden, 4)]
    monkeypatch.setattr(search_backend, "RECENT_WINDOW", 1)
    monkeypatch.setattr(search_backend, "RECENT_WINDOW_GROWTH", 2)
    assert [page.pk for page in _search(agency_site, garden, 4)] == one_window
    assert set(one_window) == {page.pk for page in in_body}
    assert [page.pk for page in _search(agency_site, garden, 2)][1:] == [in_body[2].pk]

    backend = get_search_backend()
    compiler = backend.query_compiler_class(Page.objects.live(), PlainText(garden))
    with index_scans(), connection.cursor() as cursor:
        db, sql, params = compiler.ranked_statement(compiler.get_config(backend), 0, 2)
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    windows = [line for line in plan if "Bitmap Heap Scan on wagtailsearch_indexentry" in line][1:-1]
    print(f"\n{len(windows)} windows for 2 candidates, {sum('never executed' in w for w in windows)} not read")
    content_types = compiler._statement_parts(compiler.get_config(backend))["content_types"]
    top = search_backend._index_top(db, "wagtailsearch_indexentry", content_types)
    assert len(windows) == len(search_backend.recent_windows(top))
    assert "never executed" not in windows[0] and "never executed" in windows[-1]


@postgres_only
def test_the_windows_start_at_the_newest_entry_of_the_models_searched(agency_site):
    """Entries are numbered as they are indexed, one model after another when the index is rebuilt: a search of
    documents starts its windows at the newest document's entry, not at the newest page's."""
    from django.contrib.contenttypes.models import ContentType

    from modelsearch.conf import get_app_config

    from disclosure.tests.utils import document_make
    from documents.models import LibraryDocument

    document_make("ตารางสถิติลำไย")
    news_create(agency_site, "ข่าวลำไย", "ลำไย")
    entries = get_app_config().get_model("IndexEntry").objects
    documents, news = (ContentType.objects.get_for_model(model).pk for model in (LibraryDocument, NewsPage))
    newest_document = entries.filter(content_type_id=documents).order_by("-id").values_list("id", flat=True)[0]
    newest = entries.order_by("-id").values_list("id", flat=True)[0]
    assert newest_document < newest
    table = "wagtailsearch_indexentry"
    for read in (contextlib.nullcontext, index_scans):  # read here, or with the planner settings
        with read():
            assert search_backend._index_top(connection.alias, table, [documents]) == newest_document
            assert search_backend._index_top(connection.alias, table, [documents, news]) == newest
            assert search_backend._index_top(connection.alias, table, [0]) is None


def test_only_the_querysets_own_items_are_ranked(agency_site, second_agency_site, longan_pages):
    other = news_create(second_agency_site, f"{WORD}ของเทศบาล", WORD)
    found = _search(agency_site, WORD, 50)
    assert other.pk not in {page.pk for page in found} and len(found) == 6
    assert Page.objects.none().search(WORD).count() == 0
    assert list(Page.objects.filter(pk__in=[]).search(WORD)) == []


@postgres_only
def test_matching_reads_the_gin_indexes_and_the_planner_setting_is_restored(agency_site, longan_pages):
    with transaction.atomic(), connection.cursor() as cursor:
        _search(agency_site, WORD, 10)
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone()[0] == "on"
        # The public search sets it once for its searches of pages and documents, and puts it back.
        assert site_search(agency_site, WORD).hits
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
        # A statement that fails inside: the caller's rollback to its savepoint puts the setting back.
        with pytest.raises(DatabaseError), transaction.atomic(), index_scans():
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "off"
            cursor.execute("SHOW enable_indexscan")
            assert cursor.fetchone()[0] == "off"
            cursor.execute("SELECT 1 / 0")
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone()[0] == "on"

    backend = get_search_backend()
    compiler = backend.query_compiler_class(Page.objects.live(), PlainText(WORD))
    db, sql, params = compiler.ranked_statement(compiler.get_config(backend), 0, 10)
    with index_scans(db), connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on wagtailsear_body" in plan, plan
    assert "Seq Scan on wagtailsearch_indexentry" not in plan, plan


@postgres_only
def test_the_planner_keeps_the_frequencies_of_the_10000_commonest_words_of_the_index(db):
    """Migration search.0004: with the default statistics target a two-word query was estimated at a few rows when it
    had thousands, and every window of the newest entries read them all (bench/bench_search.py at 100,000 items)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstattarget FROM pg_attribute "
            "WHERE attrelid = 'wagtailsearch_indexentry'::regclass AND attname IN ('title', 'body')"
        )
        assert dict(cursor.fetchall()) == {"title": 1000, "body": 1000}


_pks = itertools.count(1)


def _hit(score, *, parent="00010001", kind=None):
    if kind:
        return SearchHit(pk=next(_pks), is_document=True, score=score, group=("document", kind))
    return SearchHit(pk=next(_pks), is_document=False, score=score, group=("page", parent))


def test_a_series_does_not_crowd_out_other_results():
    series = [_hit(1.0 - n / 100, parent="000100010003") for n in range(6)]
    law = _hit(0.8, parent="000100010004")
    forms = [_hit(0.9, kind="form"), _hit(0.85, kind="form"), _hit(0.84, kind="form")]
    ranked = diversified([*series, law, *forms])
    # The first two of each group keep their score; the third counts half, the fourth a quarter...
    assert ranked[:6] == [series[0], series[1], forms[0], forms[1], law, series[2]]
    assert SIMILAR_RESULT_DECAY == 0.5
    assert ranked.index(forms[2]) < ranked.index(series[3])
    assert sorted(ranked, key=id) == sorted([*series, law, *forms], key=id)
