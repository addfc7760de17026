"""Fixtures shared by every app's tests."""

import os

import pytest

# Debian's Chromium: browser tests never download a browser.
CHROMIUM = "/usr/bin/chromium"
# The password of the members that publishing.tests.utils.member_make creates.
MEMBER_PASSWORD = "x-secret-123456"


def _restore_wagtail_initial_data():
    """Transactional tests flush every table, including what Wagtail's migrations create: the page tree root,
    the default locale and the root collection. Put them back when they are gone."""
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="th")
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root", content_type_id=None))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")


# What migrations leave in the test database (Wagtail's root page, locale and collection, the OIA categories...),
# serialised once per test process by ``django_db_setup`` below.
_MIGRATED_ROWS = {}
TRANSACTIONAL_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.db import connections

    with django_db_blocker.unblock():
        for alias in connections:
            connection = connections[alias]
            # Only a test database pytest-django made (none when no collected test asks for the database).
            if connection.settings_dict["NAME"] != connection.creation._get_test_db_name():
                continue
            _MIGRATED_ROWS[alias] = (connection.settings_dict["NAME"], connection.creation.serialize_db_to_string())
            _agency_snapshot_build(connection)


# -- The demo agency, built once per test process ---------------------------------------------------------------
#
# ``agency_setup`` takes about 1.7 s (40 pages saved, revised, published, indexed with Thai segmentation), and most
# tests start from the agency it makes: built for each of them it was half of the suite's time. It is built once per
# test process instead (``django_db_setup``), and the rows it changed are kept in tables of their own
# (``SNAPSHOT_PREFIX``, never a model's table: ``flush`` and ``dumpdata`` leave them alone); the database is then put
# back as migrations left it. ``agency_site`` copies the kept rows in, table by table, in one transaction, when the
# tables it would change hold exactly what they held before the build (otherwise, say after a test's own fixture
# wrote to one of them, it runs ``agency_setup`` itself).

SNAPSHOT_PREFIX = "zz_agency_snapshot_"
_AGENCY_SNAPSHOT = {}  # alias -> {"name", "site_id", "tables": [(table, select, before, after, insert)], "sequences"}
# An SQLite FTS5 table keeps its index in shadow tables, which are rebuilt from the virtual table's own rows.
FTS5_SHADOW_SUFFIXES = ("data", "idx", "content", "docsize", "config")


def _snapshot_tables(connection):
    """[(table, SELECT of its rows, INSERT ... prefix to copy rows in)] of every table of the database."""
    quote = connection.ops.quote_name
    names = [
        name for name in connection.introspection.table_names() if not name.startswith((SNAPSHOT_PREFIX, "sqlite_"))
    ]
    virtual = set()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
            virtual = {row[0] for row in cursor.fetchall()}
        shadow = {f"{table}_{suffix}" for table in virtual for suffix in FTS5_SHADOW_SUFFIXES}
        names = [name for name in names if name not in shadow]
    tables = []
    for name in names:
        if name in virtual:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT * FROM {quote(name)} LIMIT 0")
                columns = ", ".join(quote(column[0]) for column in cursor.description)
            tables.append(
                (name, f"SELECT rowid, {columns} FROM {quote(name)}", f"INSERT INTO {quote(name)} (rowid, {columns})")
            )
        else:
            tables.append((name, f"SELECT * FROM {quote(name)}", f"INSERT INTO {quote(name)}"))
    return tables


def _holds(cursor, select, kept) -> bool:
    """Whether the rows of ``select`` are exactly those of the table ``kept`` (rows have keys: no duplicates)."""
    cursor.execute(
        f"SELECT (SELECT count(*) FROM ({select}) AS now_rows), (SELECT count(*) FROM {kept}), "
        f"(SELECT count(*) FROM ({select} EXCEPT SELECT * FROM {kept}) AS differing)"
    )
    now, before, differing = cursor.fetchone()
    return now == before and differing == 0


def _copy_in(connection, tables, which):
    from django.db import transaction

    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for table, _select, before, after, insert in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
            cursor.execute(f"{insert} SELECT * FROM {before if which == 'before' else after}")


def _demo_agency_setup():
    """The agency most tests start from: what the snapshot keeps and what ``agency_site`` builds without it."""
    from agencies.services import agency_setup

    return agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")


def _agency_snapshot_build(connection):
    from django.apps import apps
    from django.core.cache import cache
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for name in connection.introspection.table_names():
            if name.startswith(SNAPSHOT_PREFIX):
                cursor.execute(f"DROP TABLE {connection.ops.quote_name(name)}")
    _restore_wagtail_initial_data()
    tables = _snapshot_tables(connection)
    with connection.cursor() as cursor:
        for number, (_table, select, _insert) in enumerate(tables):
            cursor.execute(f"CREATE TABLE {SNAPSHOT_PREFIX}{number}_before AS {select}")
    site = _demo_agency_setup()
    changed = []
    with connection.cursor() as cursor:
        for number, (table, select, insert) in enumerate(tables):
            before = f"{SNAPSHOT_PREFIX}{number}_before"
            if _holds(cursor, select, before):
                cursor.execute(f"DROP TABLE {before}")
                continue
            after = f"{SNAPSHOT_PREFIX}{number}_after"
            cursor.execute(f"CREATE TABLE {after} AS {select}")
            changed.append((table, select, before, after, insert))
    _copy_in(connection, changed, "before")
    names = {table for table, *_ in changed}
    models = [model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in names]
    sequences = connection.ops.sequence_reset_sql(no_style(), models)
    _reset_sequences(connection, sequences)
    cache.clear()
    _AGENCY_SNAPSHOT[connection.alias] = {
        "name": connection.settings_dict["NAME"],
        "site_id": site.pk,
        "tables": changed,
        "sequences": sequences,
    }


def _reset_sequences(connection, statements):
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _agency_snapshot_restore():
    """The agency's site copied in from the snapshot, or None when the database is not as the snapshot expects."""
    from django.db import connection

    from wagtail.models import Site

    snapshot = _AGENCY_SNAPSHOT.get(connection.alias)
    if snapshot is None or connection.settings_dict["NAME"] != snapshot["name"]:
        return None
    with connection.cursor() as cursor:
        for _table, select, before, _after, _insert in snapshot["tables"]:
            if not _holds(cursor, select, before):
                return None
    _copy_in(connection, snapshot["tables"], "after")
    _reset_sequences(connection, snapshot["sequences"])
    return Site.objects.get(pk=snapshot["site_id"])


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ()))) or bool(
        marker and marker.kwargs.get("transaction")
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying every table, what migrations wrote included, and so does a module's
    fixture that serves a live server (tests/test_public_browser.py). Put those rows back, so that the tests after it
    find the database as migrations left it, whichever order they run in (pytest-xdist sends each worker a file at a
    time, so a file of ordinary tests can follow one with a browser test)."""
    yield
    # After the last test the session's fixtures are gone, the test database with them: nothing to put back.
    if nextitem is None or not _MIGRATED_ROWS:
        return
    if not (_transactional(item) or nextitem.path != item.path):
        return
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connections

    from wagtail.models import Page

    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for alias, (name, rows) in _MIGRATED_ROWS.items():
            connection = connections[alias]
            if connection.settings_dict["NAME"] != name:  # never a database other than the test one
                continue
            if Page.objects.using(alias).exists():  # not emptied
                continue
            call_command("flush", database=alias, interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(rows)
            # The flush reset the id sequences (PostgreSQL): move them past the rows put back.
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                    cursor.execute(statement)
        # The flush's post_migrate made content types with other ids, and the in-process cache remembers those.
        ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the test settings' in-memory cache lives as long as the test process,
    and what one test counts (search throttling, say) must not limit the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def agency_site(db):
    """The Phetchaburi demo agency's site, as ``agency_setup`` makes it (copied in from the snapshot)."""
    _restore_wagtail_initial_data()
    site = _agency_snapshot_restore()
    if site is not None:
        return site
    return _demo_agency_setup()


@pytest.fixture
def second_agency_site(db, agency_site):
    from agencies.services import agency_setup

    return agency_setup("เทศบาลเมืองเพชรบุรี", "Phetchaburi Town Municipality", "town.localhost")


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium driven by Playwright, for the tests marked ``browser`` (with a transactional db and
    ``live_server``)."""
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; Django's ORM calls from the test body are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def wait_for_live_server_idle(live_server, quiet=0.5, timeout=15):
    """Wait until the live server has answered every request the browser sent and none has come for ``quiet``
    seconds. With SQLite in memory the server's threads share the test's database connection: a request still
    running when the test's teardown empties the tables (a closing editor's edit-session release, a late ping) makes
    the flush fail with "database table is locked", and the next test finds the last one's rows."""
    import time

    server = getattr(live_server.thread, "httpd", None)
    if server is None:
        return
    deadline = time.monotonic() + timeout
    idle_since = time.monotonic()
    while time.monotonic() < deadline:
        running = [thread for thread in list(getattr(server, "_threads", ()) or ()) if thread.is_alive()]
        if running:
            for thread in running:
                thread.join(max(0.0, deadline - time.monotonic()))
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since >= quiet:
            return
        else:
            time.sleep(0.05)


@pytest.fixture
def admin_session(browser, live_server):
    """``sign_in(username)``: a desktop browser context in Thai, signed into the admin as a member made with
    ``publishing.tests.utils.member_make`` (its default password); returns ``(context, page)`` on the dashboard."""
    import re

    contexts = []

    def sign_in(username, password=MEMBER_PASSWORD):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
        contexts.append(context)
        page = context.new_page()
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_url(re.compile(r".*/admin/$"))
        return context, page

    yield sign_in
    for context in contexts:
        try:
            context.close()
        except Exception:  # noqa: BLE001 - already closed by the test
            pass
    wait_for_live_server_idle(live_server)


@pytest.fixture
def phone(browser, live_server):
    """A 360 px wide phone in Thai."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="th-TH")
    page = context.new_page()
    yield page
    context.close()
    wait_for_live_server_idle(live_server)
