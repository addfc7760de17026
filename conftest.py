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


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the test settings' in-memory cache lives as long as the test process,
    and what one test counts (search throttling, say) must not limit the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def agency_site(db):
    """The Phetchaburi demo agency's site, as ``setup_agency`` makes it."""
    from agencies.services import agency_setup

    _restore_wagtail_initial_data()

    return agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")


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


@pytest.fixture
def phone(browser):
    """A 360 px wide phone in Thai."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="th-TH")
    page = context.new_page()
    yield page
    context.close()
