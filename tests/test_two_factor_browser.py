"""Two-factor enrolment in the editor's browser (Debian's Chromium): from the account page to the QR code, the
app's code and the recovery codes."""

import re
from base64 import b32decode

import pytest
from playwright.sync_api import expect

from accounts.tests.utils import totp_code
from publishing.models import AgencyRole
from publishing.tests.utils import member_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_enrols_from_the_account_page(live_server, admin_session, agency_site):
    member_make(agency_site, AgencyRole.EDITORS, "editor")
    context, page = admin_session("editor")
    page.goto(f"{live_server.url}/admin/account/")
    page.get_by_role("tab", name="การดำเนินการอื่น").click()
    page.get_by_role("link", name="การยืนยันตัวตนสองขั้นตอน").click()
    page.wait_for_url(re.compile(r".*/admin/accounts/two-factor/$"))

    qr = page.get_by_role("img", name="คิวอาร์โค้ดสำหรับเพิ่มบัญชีในแอปยืนยันตัวตน")
    expect(qr).to_be_visible()
    assert qr.evaluate("element => element.tagName") == "svg"
    assert qr.bounding_box()["width"] >= 200
    expect(page.locator("h1")).to_contain_text("ตั้งค่าการยืนยันตัวตนสองขั้นตอน")

    # What a person types from the screen into the app, and the code the app then shows.
    secret = page.locator("code.prongsai-secret").inner_text().replace(" ", "")
    page.fill("#id_code", totp_code(b32decode(secret).hex()))
    page.get_by_role("button", name="ยืนยันและเปิดใช้").click()
    expect(page.locator("h1")).to_contain_text("รหัสกู้คืน")
    expect(page.locator(".prongsai-recovery-codes li")).to_have_count(10)
    context.close()
