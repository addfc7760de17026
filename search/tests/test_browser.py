"""A citizen on a 360 px phone searches in Thai, in Debian's Chromium (never a downloaded browser)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_with_news(agency_site):
    from home.demo import load

    load(agency_site)
    return agency_site


def _no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_citizen_searches_in_thai_on_a_phone(live_server, site_with_news, phone, tmp_path):
    phone.goto(live_server.url + "/")
    phone.fill("#home-search-q", "ไข้เลือดออก")
    phone.click(".home-search button")
    phone.wait_for_url("**/search/?q=*")
    assert phone.locator("h1").inner_text() == "ค้นหาข้อมูล"
    first = phone.locator(".search-result").first
    assert "ไข้เลือดออก" in first.locator(".search-result__title").inner_text()
    assert first.locator("mark").first.inner_text() == "ไข้เลือดออก"
    assert "หมวด ข่าวประชาสัมพันธ์" in first.locator(".meta").inner_text()
    assert _no_horizontal_scroll(phone)
    phone.screenshot(path=str(tmp_path / "search-360.png"), full_page=True)

    # Type-ahead on an unfinished Thai word.
    phone.fill("#search-q", "")
    phone.locator("#search-q").press_sequentially("น้ำท่ว", delay=30)
    suggestion = phone.locator("#search-suggestions a").first
    suggestion.wait_for(timeout=5000)
    assert "น้ำท่วม" in suggestion.inner_text()
    suggestion.click()
    phone.wait_for_url("**/news/flash-flood-warning/")
    assert "น้ำท่วม" in phone.locator("h1").inner_text()

    # Nothing found: a helpful Thai message.
    phone.goto(live_server.url + "/search/?q=ดาวอังคาร")
    assert "ไม่พบข้อมูลที่ตรงกับ" in phone.locator(".search-empty").inner_text()
    assert _no_horizontal_scroll(phone)
