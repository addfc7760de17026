"""The public site in Debian's Chromium (never a downloaded browser): a citizen on a 360 px phone."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_home_on_a_phone(live_server, agency_site, phone):
    phone.goto(live_server.url + "/")
    assert phone.locator("html").get_attribute("lang") == "th"
    assert "จังหวัดเพชรบุรี" in phone.locator(".site-brand").inner_text()
    assert _no_horizontal_scroll(phone)
    # The five mandated categories are there, and each opens its page.
    categories = phone.locator(".category-grid a")
    assert categories.count() == 5
    categories.filter(has_text="คู่มือสำหรับประชาชน").click()
    phone.wait_for_url("**/services/")
    assert phone.locator("h1").inner_text() == "คู่มือสำหรับประชาชน"
    assert "หน้าแรก" in phone.locator(".breadcrumbs").inner_text()
    assert _no_horizontal_scroll(phone)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(live_server, agency_site, phone):
    phone.goto(live_server.url + "/")
    phone.keyboard.press("Tab")
    focused = phone.evaluate("document.activeElement.textContent.trim()")
    assert focused == "ข้ามไปยังเนื้อหาหลัก"
    assert phone.locator(".skip-link").is_visible()
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"


def test_footer_has_contact_and_policy_links(live_server, agency_site, phone, tmp_path):
    phone.goto(live_server.url + "/")
    footer = phone.locator(".site-footer")
    for title in ("นโยบายเว็บไซต์", "นโยบายคุ้มครองข้อมูลส่วนบุคคล", "การเข้าถึงเว็บไซต์"):
        assert footer.get_by_role("link", name=title).count() == 1
    footer.get_by_role("link", name="นโยบายเว็บไซต์").click()
    phone.wait_for_url("**/website-policy/")
    assert phone.locator("h1").inner_text() == "นโยบายเว็บไซต์"
    phone.screenshot(path=str(tmp_path / "policy-360.png"), full_page=True)
    assert _no_horizontal_scroll(phone)
