"""The citizen's side in Debian's Chromium (R2.1), at 360 and 1280 px: every public page type (heading on
the first screen of a phone, no sideways scrolling, sharing tags, axe-core), the menu without JavaScript, text size
and contrast by keyboard, a printed manual's QR code, a manual's page weight, and a keyboard-only walk from the search
box to a manual's form.

The agency and its content (one page or more of every page type, demo content where it is quick to make) are built
once for the module and served by a live server of the module's own: pytest-django's ``live_server`` would empty the
database after each test. Tests here hold no ``db`` fixture, so they run after the transactional ones; the database
is emptied at the end, as a transactional test leaves it."""

import datetime
import importlib
import re
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps as django_apps
from django.core.management import call_command

from wagtail.models import Page

import pytest

from conftest import _restore_wagtail_initial_data

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "assets" / "axe.min.js"
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 800}
HEADING_WITHIN_PX = 300
PAGE_WEIGHT_LIMIT = 250 * 1024
MANUAL_TITLE = "การขอเลขที่บ้าน"

# document.activeElement's focus indicator, and what it is.
FOCUS_JS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, cls: typeof el.className === "string" ? el.className : "",
    text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 60),
    href: el.getAttribute("href") || "",
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== "none",
    shown: rect.width > 0 && rect.height > 0 && style.visibility !== "hidden",
  };
}"""


# Indexes of the elements matching a selector that are wholly on screen.
FULLY_SHOWN_JS = """(selector) => [...document.querySelectorAll(selector)]
  .map((el, i) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight ? i : -1; })
  .filter((i) => i >= 0)"""


# Resolves once the page has stopped scrolling (Chromium scrolls smoothly on PageDown and the arrow keys).
SCROLL_SETTLED_JS = """() => new Promise((resolve) => {
  let last = -1;
  const tick = () => { if (scrollY === last) resolve(); else { last = scrollY; setTimeout(tick, 60); } };
  tick();
})"""


def _seed(module: str) -> None:
    """Run a data migration's ``seed`` again: a transactional test before this module may have emptied its table."""
    importlib.import_module(module).seed(django_apps, None)


def _content(site) -> None:
    """The demo's home, manuals, ITA section and page and basic information and laws, plus one page of each other
    disclosure type (the demo's plans and procurement take a minute to make)."""
    from core.models import AgencySettings
    from disclosure import demo as disclosure_demo
    from disclosure.models import (
        BasicInfoIndexPage,
        LawIndexPage,
        MonitoringReportPage,
        OfficialInfoCategory,
        OfficialInfoIndexPage,
        OfficialInfoPage,
        PlanIndexPage,
        PlanPage,
        PlanType,
        ProcurementSummaryPage,
        ReportPeriod,
    )
    from home import demo as home_demo
    from integrity import demo as integrity_demo
    from oversight import demo as oversight_demo
    from oversight.models import ItaFramework
    from services import demo as services_demo

    if not OfficialInfoCategory.objects.exists():
        _seed("disclosure.migrations.0003_seed_official_info_categories")
    if not ItaFramework.objects.exists():
        _seed("oversight.migrations.0002_seed_ita_frameworks")
    home_demo.load(site)
    services_demo.load(site)
    root = site.root_page
    collection = AgencySettings.for_site(site).collection
    units = disclosure_demo._units(site)
    people = disclosure_demo._people(site, collection)
    disclosure_demo._basic_info(BasicInfoIndexPage.objects.child_of(root).get(), collection, units, people)
    disclosure_demo._laws(LawIndexPage.objects.child_of(root).get(), collection, units)

    def publish(parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    plans = PlanIndexPage.objects.child_of(root).get()
    plan = publish(
        plans,
        PlanPage(
            title="แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2568",
            slug="action-plan-2568",
            plan_type=PlanType.ANNUAL_ACTION,
            fiscal_year_start=2568,
            fiscal_year_end=2568,
        ),
    )
    publish(
        plans,
        MonitoringReportPage(
            title="รายงานผลการดำเนินงานตามแผนปฏิบัติราชการ ไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2568",
            slug="action-plan-2568-q1",
            plan=plan,
            period=ReportPeriod.QUARTER,
            report_fiscal_year=2568,
            quarter=1,
            results_summary="<p>ดำเนินการแล้วร้อยละ 80 ของโครงการทั้งหมด</p>",
        ),
    )
    oia = OfficialInfoIndexPage.objects.child_of(root).get()
    publish(
        oia,
        OfficialInfoPage(
            title="โครงสร้างและการจัดองค์กรในการดำเนินงาน",
            slug="oia-7-1",
            category=OfficialInfoCategory.objects.get(code="7(1)"),
            info_date=datetime.date(2025, 1, 15),
            summary="โครงสร้างของสำนักงานจังหวัดเพชรบุรีตามมาตรา 7 (1)",
        ),
    )
    publish(
        oia,
        ProcurementSummaryPage(
            title="สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนเมษายน 2568",
            slug="procurement-2568-04",
            category=OfficialInfoCategory.objects.get(code="9(8)-1"),
            month=4,
            year_be=2568,
            no_procurement=True,
        ),
    )
    integrity_demo.load(site)
    oversight_demo.load(site)


@contextmanager
def _test_database():
    """The test database: pytest-django sets it up only when some collected test asks for ``db`` (always in the
    whole suite); this module alone sets it up itself, so that it never writes to (nor empties) a real database."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
        yield
        return
    config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        yield
    finally:
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="module")
def public_site(django_db_setup, django_db_blocker):
    """(base URL, {page type name: URL of one live page of that type}) on a server of the module's own."""
    from pytest_django.live_server_helper import LiveServer

    from agencies.services import agency_setup

    with django_db_blocker.unblock(), _test_database():
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            _restore_wagtail_initial_data()
            site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
            # Page URLs (canonical, sharing tags, the printed QR code) name the server the browser talks to.
            site.port = server.thread.port
            site.save()
            _content(site)
            pages = {}
            for page in Page.objects.live().public().descendant_of(site.root_page, inclusive=True).specific():
                pages.setdefault(type(page).__name__, page.url)
            yield server.url, pages
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def phone_context(browser):
    context = browser.new_context(viewport=PHONE, locale="th-TH")
    yield context
    context.close()


@pytest.fixture(scope="module")
def desktop_context(browser):
    context = browser.new_context(viewport=DESKTOP, locale="th-TH")
    yield context
    context.close()


def _axe_serious(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each (rule, impact, first targets)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in results
        if violation["impact"] in ("serious", "critical")
    ]


def _meta(page, key: str) -> str | None:
    locator = page.locator(f'meta[property="{key}"], meta[name="{key}"]')
    return locator.first.get_attribute("content") if locator.count() else None


def _tab_until(page, predicate, stops: list, limit: int = 60) -> dict:
    """Press Tab until ``predicate(focus)`` holds, recording every stop; each stop must show a visible focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        stops.append(focus)
        assert focus["shown"] and (focus["outline"] or focus["shadow"]), f"no visible focus on {focus}"
        if predicate(focus):
            return focus
    raise AssertionError(f"never reached the target; stops: {[stop['text'] or stop['tag'] for stop in stops]}")


def test_the_module_has_every_page_type(public_site):
    _, pages = public_site
    page_types = {
        model.__name__
        for model in django_apps.get_models()
        if issubclass(model, Page) and model is not Page and model._meta.app_label != "wagtailcore"
    }
    assert page_types - set(pages) == set()


@pytest.mark.parametrize("context_name", ["phone_context", "desktop_context"])
def test_every_page_type(public_site, context_name, request):
    """Per page load: the heading on a phone's first screen, no sideways scrolling, the sharing tags, and no serious
    or critical axe-core violation."""
    base, pages = public_site
    context = request.getfixturevalue(context_name)
    page = context.new_page()
    width = page.viewport_size["width"]
    urls = {**pages, "search": "/search/?q=ทะเบียน", "open data": "/open-data/", "not found": "/no-such-page/"}
    problems = []
    for name, url in urls.items():
        response = page.goto(base + url)
        assert response.status == (404 if name == "not found" else 200), url
        heading = page.locator("main h1")
        assert heading.count() == 1, f"{url}: {heading.count()} h1"
        top = page.evaluate("document.querySelector('main h1').getBoundingClientRect().top + window.scrollY")
        if width == PHONE["width"] and top >= HEADING_WITHIN_PX:
            problems.append(f"{url}: the heading starts {top:.0f} px down")
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            problems.append(f"{url}: scrolls sideways")
        title, image = _meta(page, "og:title"), _meta(page, "og:image")
        if not (title and _meta(page, "og:description") and image and _meta(page, "twitter:card")):
            problems.append(f"{url}: sharing tags missing")
        if name not in ("search", "not found"):
            canonical = page.locator('link[rel="canonical"]').get_attribute("href")
            if canonical != base + url or _meta(page, "og:url") != canonical:
                problems.append(f"{url}: canonical {canonical}")
        problems += [f"{url} at {width}px: {line}" for line in _axe_serious(page)]
    image = page.request.get(_meta(page, "og:image"))
    assert image.ok and image.headers["content-type"] == "image/png"
    page.close()
    assert problems == []


def test_menu_works_without_javascript_and_keeps_the_focus_order(public_site, browser):
    base, pages = public_site
    context = browser.new_context(viewport=PHONE, locale="th-TH", java_script_enabled=False)
    page = context.new_page()
    page.goto(base + pages["ServicePage"])
    nav_link = page.locator(".site-nav a").first
    assert not nav_link.is_visible()
    assert page.locator("[data-display-tools]").is_hidden()  # the controls need the script: not shown without it
    stops = []
    _tab_until(page, lambda focus: focus["text"] == "ข้ามไปยังเนื้อหาหลัก", stops, limit=1)
    _tab_until(page, lambda focus: "site-brand" in focus["cls"], stops, limit=1)
    _tab_until(page, lambda focus: focus["tag"] == "summary" and focus["text"] == "เมนู", stops, limit=1)
    page.keyboard.press("Enter")
    assert page.locator("details.site-menu").get_attribute("open") is not None
    assert nav_link.is_visible()
    first = _tab_until(page, lambda focus: focus["tag"] == "a", stops, limit=1)
    assert first["text"] == nav_link.inner_text()
    # Closed again, the menu's links are out of the tab order: the next stop after the button is the breadcrumb.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert not nav_link.is_visible()
    crumb = _tab_until(page, lambda focus: focus["tag"] == "a", stops, limit=1)
    assert crumb["text"] == "หน้าแรก"
    # On a wide screen the menu is open without the button, still without JavaScript.
    page.set_viewport_size(DESKTOP)
    assert nav_link.is_visible()
    assert page.locator("summary.site-menu__toggle").is_hidden()
    context.close()


def test_text_size_and_contrast_by_keyboard_remembered_in_the_browser(public_site, browser):
    base, pages = public_site
    context = browser.new_context(viewport=PHONE, locale="th-TH")
    page = context.new_page()
    page.goto(base + pages["ServicePage"])
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "16px"
    stops = []
    _tab_until(page, lambda focus: focus["tag"] == "summary", stops)
    page.keyboard.press("Enter")
    larger = _tab_until(page, lambda focus: focus["text"].startswith("ก++"), stops)
    assert larger["tag"] == "button"
    page.keyboard.press("Enter")
    _tab_until(page, lambda focus: focus["text"] == "ความคมชัดสูง", stops)
    page.keyboard.press("Space")
    assert page.locator("[data-text-size=larger]").get_attribute("aria-pressed") == "true"
    assert page.locator("[data-contrast]").get_attribute("aria-pressed") == "true"
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "22px"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    # Remembered in localStorage, without a cookie, and applied on the next page before it is drawn.
    assert page.evaluate("localStorage.getItem('prongsai-display')") == '{"size":"larger","contrast":true}'
    assert context.cookies() == []
    page.goto(base + pages["NewsPage"])
    assert page.evaluate("document.documentElement.className") == "text-larger contrast-high"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for url in (pages["HomePage"], pages["ServicePage"]):
        page.goto(base + url)
        assert _axe_serious(page) == [], url
    # Back to normal by keyboard too.
    _tab_until(page, lambda focus: focus["tag"] == "summary", stops)
    page.keyboard.press("Enter")
    _tab_until(page, lambda focus: focus["text"].startswith("ก") and "ปกติ" in focus["text"], stops)
    page.keyboard.press("Enter")
    _tab_until(page, lambda focus: focus["text"] == "ความคมชัดสูง", stops)
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.className") == ""
    context.close()


def test_a_printed_manual_lists_everything_and_its_qr_code_opens_the_page(public_site, desktop_context, tmp_path):
    base, pages = public_site
    page = desktop_context.new_page()
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(base + pages["ServicePage"])
    page.emulate_media(media="print")
    for chrome in (".site-header", ".site-footer", ".breadcrumbs", ".skip-link"):
        assert page.locator(chrome).is_hidden(), chrome
    for part in ("#service-steps", "#service-documents", "#service-fees", "#service-forms", ".service-steps__item"):
        assert page.locator(part).first.is_visible(), part
    assert "ระยะเวลา" in page.locator(".service-steps").inner_text()
    reference = page.locator(".print-reference")
    assert reference.is_visible()
    assert page.locator(".print-reference__url").inner_text() == base + pages["ServicePage"]
    qr = tmp_path / "qr.png"
    page.locator(".print-reference .qr-code").screenshot(path=str(qr), scale="device")
    assert shutil.which("zbarimg"), "zbarimg (Debian's zbar-tools) decodes the printed QR code"
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(qr)], capture_output=True, text=True, check=True)
    assert decoded.stdout.strip() == base + pages["ServicePage"]
    # On screen the reference is not shown; a disclosure page prints one too.
    page.emulate_media(media="screen")
    assert reference.is_hidden()
    page.goto(base + pages["LawPage"])
    page.emulate_media(media="print")
    assert page.locator(".print-reference__url").inner_text() == base + pages["LawPage"]
    assert page.locator(".site-nav").is_hidden()
    page.close()


def test_a_manual_page_transfers_under_250_kb(public_site, browser):
    """HTML, CSS, JavaScript, fonts and images of a manual, as Chromium received them (headers included), on a first
    visit with an empty cache."""
    base, pages = public_site
    context = browser.new_context(viewport=PHONE, locale="th-TH")
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    received = {}
    session.on(
        "Network.responseReceived", lambda event: received.setdefault(event["requestId"], event["response"]["url"])
    )
    sizes = {}
    session.on(
        "Network.loadingFinished", lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"])
    )
    page.goto(base + pages["ServicePage"], wait_until="networkidle")
    total = sum(sizes.values())
    kinds = {re.sub(r".*\.", "", received.get(key, "html").split("?")[0].rstrip("/")) for key in sizes}
    assert {"css", "js", "woff2"} <= kinds, kinds
    assert 0 < total < PAGE_WEIGHT_LIMIT, f"{total} bytes: {sorted((received.get(k), v) for k, v in sizes.items())}"
    context.close()


def test_keyboard_walk_from_the_search_box_to_a_manuals_form(public_site, desktop_context):
    base, pages = public_site
    page = desktop_context.new_page()
    page.goto(base + "/")
    stops = []
    _tab_until(page, lambda focus: focus["id"] == "home-search-q", stops)
    page.keyboard.type("เลขที่บ้าน")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/search/\?q="))
    _tab_until(page, lambda focus: focus["tag"] == "a" and focus["text"] == MANUAL_TITLE, stops)
    page.keyboard.press("Enter")
    page.wait_for_url("**" + pages["ServicePage"])
    assert page.locator("main h1").inner_text() == MANUAL_TITLE
    # Skip to the content, then read down to the steps with the keyboard.
    _tab_until(page, lambda focus: focus["text"] == "ข้ามไปยังเนื้อหาหลัก", stops, limit=1)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    steps = page.locator(".service-steps__item")
    count, read = steps.count(), set()
    heading = page.locator("#service-steps")
    for _ in range(20):  # a screen at a time down to the steps' heading, then a line at a time through the steps
        if heading.evaluate("el => el.getBoundingClientRect().top < innerHeight"):
            break
        page.keyboard.press("PageDown")
        page.evaluate(SCROLL_SETTLED_JS)
    for _ in range(200):
        read |= set(page.evaluate(FULLY_SHOWN_JS, ".service-steps__item"))
        if count - 1 in read:
            break
        page.keyboard.press("ArrowDown")
        page.evaluate(SCROLL_SETTLED_JS)
    assert count >= 2 and read == set(range(count)), f"steps read: {sorted(read)} of {count}"
    assert "ระยะเวลา" in steps.first.inner_text()
    form = _tab_until(page, lambda focus: "document-list__link" in focus["cls"], stops)
    # Enter on the link asks the server for the form, which answers with the PDF. The answer is read here and the
    # browser told "no content", so that it stays on the manual: headless Chromium's PDF viewer, once open, may
    # never let the page close.
    answers = []

    def read_the_form(route):
        answer = route.fetch()
        answers.append((answer.status, answer.headers, answer.body()))
        route.fulfill(status=204)

    page.route("**/documents/**", read_the_form)
    with page.expect_response(lambda response: "/documents/" in response.url):
        page.keyboard.press("Enter")
    ((status, headers, body),) = answers
    assert status == 200 and headers["content-type"] == "application/pdf" and body[:5] == b"%PDF-"
    assert "filename" in headers["content-disposition"]
    assert form["text"]
    assert len(stops) > 10 and all(stop["outline"] or stop["shadow"] for stop in stops)
    page.close()
