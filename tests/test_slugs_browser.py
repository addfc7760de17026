"""Thai slugs in the editor's browser (Debian's Chromium): typing a Thai title fills the slug spelt right, with
its vowels and tone marks, the same as the server makes it; the page is then served at that address."""

import re

import pytest
from playwright.sync_api import expect

from core.slugs import thai_slugify
from home.models import StandardPage
from publishing.models import AgencyRole
from publishing.tests.utils import member_make
from tests.browser import rich_text_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "การขออนุญาตจัดงานเทศกาลประจำปี"


def test_typing_a_thai_title_gives_a_rightly_spelt_slug(live_server, admin_session, agency_site):
    member_make(agency_site, AgencyRole.EDITORS, "editor")
    context, page = admin_session("editor")

    page.goto(f"{live_server.url}/admin/pages/add/home/standardpage/{agency_site.root_page_id}/")
    page.locator("#id_title").click()
    page.keyboard.type(TITLE + " ๒๕๖๘")
    page.locator("#id_title").blur()
    # Wagtail's title-to-slug sync is debounced.
    expect(page.locator("#id_slug")).to_have_value(re.compile("๘$"))
    slug = page.locator("#id_slug").input_value()
    assert slug == f"{TITLE}-๒๕๖๘" == thai_slugify(TITLE + " ๒๕๖๘")

    # The editor saves a draft: the server keeps the slug as typed.
    rich_text_type(page, "รายละเอียด")
    page.locator("button.action-save").first.click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/"))
    assert StandardPage.objects.get(title=TITLE + " ๒๕๖๘").slug == slug
    context.close()


def test_the_account_page_opens_without_a_script_error(live_server, admin_session, agency_site):
    """The account page once threw "Invalid time zone specified: localtime" in the browser: Bangkok is the only time
    zone (WAGTAIL_USER_TIME_ZONES), so the page has no time-zone choice to localise."""
    member_make(agency_site, AgencyRole.EDITORS, "editor")
    context, page = admin_session("editor")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/admin/account/")
    page.wait_for_load_state("networkidle")
    assert "บัญชีผู้ใช้" in page.title()
    assert page.locator("select[name$='current_time_zone']").count() == 0
    assert errors == []
    context.close()
