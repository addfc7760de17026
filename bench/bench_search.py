"""Thai search: indexing time, index size and query latency (median, p95) at 1,000 and 10,000 generated Thai pages
and documents (half each; ``--sizes 1000 10000 100000`` for a province after ten years), on SQLite and PostgreSQL.

    .venv/bin/python bench/bench_search.py [--sizes 1000 10000] [--databases sqlite postgres] [--queries 200] [--keep]

``--keep`` (PostgreSQL only) keeps the generated database and reuses it on the next run with ``--keep``: the query
figures again without generating and indexing again (the indexing columns then say 0).

SQLite is a temporary file; PostgreSQL is a database created and dropped here on BENCH_POSTGRES_URL's server
(default postgres://postgres@127.0.0.1:5432/prongsai_bench_search). A query is what the search page runs: the
selector ``site_search`` (pages and documents, Thai segmentation, fallbacks) and the description of the first ten
results (snippets, categories). Not part of the test run.
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/prongsai_bench_search")
SEED = 2568


def _thai_vocabulary(rng):
    from pythainlp.corpus import thai_words

    words = sorted(word for word in thai_words() if 2 <= len(word) <= 12 and " " not in word)
    return rng.sample(words, 3000)


def _text(rng, vocabulary, words, spaced_every=12):
    """Thai as it is written: words run together, with a space between phrases, a number now and then."""
    parts = []
    for n in range(words):
        parts.append(rng.choice(vocabulary))
        if n % spaced_every == spaced_every - 1:
            parts.append(" " + str(rng.randint(2540, 2570)) + " ")
    return "".join(parts)


def _run(database, size, queries, rng_seed, keep=False):
    """One fresh database: generate ``size`` items, index them, query; returns a dict of figures."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.test", BENCH_CHILD="1")
    var_dir = tempfile.mkdtemp(prefix="prongsai-bench-search-")
    env["VAR_DIR"] = var_dir
    if database == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{var_dir}/bench.sqlite3"
    else:
        name = POSTGRES_URL.rsplit("/", 1)[1] + (f"_{size}" if keep else "")
        env["DATABASE_URL"] = POSTGRES_URL.rsplit("/", 1)[0] + "/" + name
        admin = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"
        exists = subprocess.run(
            ["psql", admin, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        if not (keep and exists):
            subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True, capture_output=True)
            subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(size), str(queries), str(rng_seed)],
        env=env,
        capture_output=True,
        text=True,
    )
    if database != "sqlite" and not keep:
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], capture_output=True)
    shutil.rmtree(var_dir, ignore_errors=True)  # the SQLite database (hundreds of MB), the cache
    if result.returncode != 0:
        raise SystemExit(result.stderr[-4000:])
    if os.environ.get("BENCH_PROFILE"):
        sys.stderr.write(result.stderr)
    return eval(result.stdout.strip().splitlines()[-1])  # noqa: S307 (our own child's repr of a dict)


def _child(size, query_count, seed):
    import django

    django.setup()
    import logging

    from django.core.management import call_command

    from wagtail.models import Page

    logging.disable(logging.WARNING)
    call_command("migrate", verbosity=0)
    from agencies.services import agency_setup
    from core.models import AgencySettings
    from documents.models import LibraryDocument
    from home.models import NewsIndexPage, NewsPage
    from search.selectors import hits_describe, site_search

    rng = random.Random(seed)
    vocabulary = _thai_vocabulary(rng)
    site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
    collection = AgencySettings.for_site(site).collection
    news = NewsIndexPage.objects.child_of(site.root_page).get()

    if NewsPage.objects.exists():  # a database kept by --keep: query it again as it is
        generated = indexing = index_size = 0
    else:
        generated, indexing, index_size = _generate(rng, vocabulary, size, news, collection)

    qrng = random.Random(seed + 1)
    queries = [
        "".join(qrng.sample(vocabulary, qrng.choice([1, 1, 2]))) if n % 3 else qrng.choice(vocabulary)
        for n in range(query_count)
    ]
    for query in queries[:10]:  # warm-up
        site_search(site, query)
    timings, found = [], 0
    profiler = None
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    for query in queries:
        t0 = time.perf_counter()
        outcome = site_search(site, query)
        hits_describe(outcome.hits[:10], outcome.terms)
        timings.append((time.perf_counter() - t0) * 1000)
        found += bool(outcome.hits)
    if profiler:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    timings.sort()
    print(
        repr(
            {
                "items": Page.objects.type(NewsPage).count() + LibraryDocument.objects.count(),
                "generate_s": round(generated, 1),
                "index_s": round(indexing, 1),
                "index_mb": round(index_size / 1024 / 1024, 1),
                "median_ms": round(statistics.median(timings), 1),
                "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
                "found": f"{found}/{len(queries)}",
            }
        )
    )


def _generate(rng, vocabulary, size, news, collection):
    """``size`` items, half pages, half documents, then the index; returns (generate s, index s, index bytes)."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.models.signals import post_save

    from wagtail.search import index as wagtail_index

    from modelsearch import signal_handlers

    from documents.models import DocumentKind, LibraryDocument
    from home.models import NewsPage

    # Generate without indexing (indexing is timed on its own below).
    for model in wagtail_index.get_indexed_models():
        post_save.disconnect(signal_handlers.post_save_signal_handler, sender=model)
    pages, documents = size // 2, size - size // 2
    started = time.perf_counter()
    _bulk_children(
        news,
        [
            NewsPage(
                title=_text(rng, vocabulary, rng.randint(5, 9), spaced_every=5),
                slug=f"news-{n}",
                date="2025-01-01",
                summary=_text(rng, vocabulary, 20),
                body="<p>" + _text(rng, vocabulary, 150) + "</p>",
            )
            for n in range(pages)
        ],
    )
    LibraryDocument.objects.bulk_create(
        [
            LibraryDocument(
                title=_text(rng, vocabulary, rng.randint(4, 8), spaced_every=4),
                file=f"documents/bench-{n}.pdf",
                collection=collection,
                kind=rng.choice(DocumentKind.values),
                description=_text(rng, vocabulary, 25),
                extracted_text=_text(rng, vocabulary, 600),
                is_public=True,
            )
            for n in range(documents)
        ],
        batch_size=500,
    )
    generated = time.perf_counter() - started

    size_before = _index_size(connection)
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    indexing = time.perf_counter() - started
    index_size = _index_size(connection) - size_before
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk load on a real server: the planner's statistics and the visibility
        # map. Without them the first run's plans read every body (about 4x slower at 10,000 items).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return generated, indexing, index_size


def _bulk_children(parent, pages, batch=2000):
    """Insert ``pages`` (of one specific type) as live children of ``parent`` in batches: the page rows with their
    tree paths computed here, then the specific rows. What ``add_child`` writes, at a few thousand pages a second
    instead of a few dozen (100,000 items are 50,000 pages)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models import F
    from django.utils import timezone

    from wagtail.models import Page

    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    parent.refresh_from_db()
    now = timezone.now()
    specific_fields = [field for field in model._meta.local_concrete_fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in specific_fields)
    placeholders = ", ".join(["%s"] * len(specific_fields))
    for first in range(0, len(pages), batch):
        chunk = pages[first : first + batch]
        bases = []
        for offset, page in enumerate(chunk):
            step = parent.numchild + first + offset + 1
            bases.append(
                Page(
                    title=page.title,
                    draft_title=page.title,
                    slug=page.slug,
                    content_type=content_type,
                    live=True,
                    has_unpublished_changes=False,
                    url_path=f"{parent.url_path}{page.slug}/",
                    path=Page._get_path(parent.path, parent.depth + 1, step),
                    depth=parent.depth + 1,
                    numchild=0,
                    locale_id=parent.locale_id,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
        Page.objects.bulk_create(bases)
        rows = []
        for base, page in zip(bases, chunk, strict=True):
            page.page_ptr_id = page.pk = base.pk
            rows.append([field.get_db_prep_save(getattr(page, field.attname), connection) for field in specific_fields])
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.refresh_from_db()


def _index_size(connection) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('wagtailsearch_indexentry')")
            return cursor.fetchone()[0]
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return Path(connection.settings_dict["NAME"]).stat().st_size


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep and reuse the PostgreSQL databases")
    args = parser.parse_args()
    print(
        f"{'database':<10} {'items':>6} {'generate s':>10} {'index s':>8} {'index MB':>9} {'median ms':>10} "
        f"{'p95 ms':>7} {'found':>8}"
    )
    for database in args.databases:
        for size in args.sizes:
            r = _run(database, size, args.queries, SEED, keep=args.keep)
            print(
                f"{database:<10} {r['items']:>6} {r['generate_s']:>10} {r['index_s']:>8} {r['index_mb']:>9} "
                f"{r['median_ms']:>10} {r['p95_ms']:>7} {r['found']:>8}",
                flush=True,
            )


if __name__ == "__main__":
    main()
