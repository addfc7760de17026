"""The procedure end to end in Debian's Chromium (never a downloaded browser): an editor writes a citizen's manual
and submits it, the working group approves with the checklist, the website administrator publishes, and only then
does an anonymous visitor see it."""

import re

import pytest
from playwright.sync_api import expect

from publishing.models import AgencyRole, ChecklistReview
from publishing.tests.utils import member_make
from services.models import ServiceIndexPage, ServicePage
from tests.browser import fill_settled, rich_text_type, select_settled

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _click_workflow_action(page, selector):
    """Workflow actions sit in the editor's action menu dropdown; Wagtail's script listens for their clicks."""
    page.locator(selector).first.dispatch_event("click")


@pytest.mark.parametrize("approved_from", ["dashboard", "editor"])
def test_editor_to_working_group_to_administrator_to_the_public(
    browser, live_server, admin_session, agency_site, approved_from
):
    member_make(agency_site, AgencyRole.EDITORS, "editor")
    member_make(agency_site, AgencyRole.WORKING_GROUP, "reviewer")
    member_make(agency_site, AgencyRole.ADMINISTRATORS, "webadmin")
    index = ServiceIndexPage.objects.descendant_of(agency_site.root_page).get()
    public_url = live_server.url + "/services/building-permit/"

    visitor = browser.new_context(locale="th-TH")
    anonymous = visitor.new_page()
    assert anonymous.goto(public_url).status == 404

    # 1. The editor writes a citizen's manual and submits it (เสนอขออนุมัติเผยแพร่ข้อมูล).
    context, page = admin_session("editor")
    page.goto(f"{live_server.url}/admin/pages/add/services/servicepage/{index.pk}/")
    fill_settled(page, "#id_title", "การขออนุญาตก่อสร้างอาคาร")
    select_settled(page, "#id_category", "permit")
    fill_settled(page, "#id_legal_basis", "พระราชบัญญัติควบคุมอาคาร พ.ศ. 2522")
    rich_text_type(page, "ยื่นคำขอพร้อมแบบแปลนอาคาร")
    page.get_by_role("tab", name="ขั้นตอน เอกสาร และค่าธรรมเนียม").click()
    page.locator("#id_steps-ADD").click()
    fill_settled(page, "#id_steps-0-name", "ยื่นคำขอและตรวจเอกสาร")
    fill_settled(page, "#id_steps-0-duration", "30")
    select_settled(page, "#id_steps-0-unit", "minutes")
    page.check("#id_no_fee")
    fill_settled(page, "#id_complaint_channels", "ศูนย์ดำรงธรรมจังหวัดเพชรบุรี สายด่วน 1567")
    page.get_by_role("tab", name="การโปรโมต").dispatch_event("click")
    fill_settled(page, "#id_slug", "building-permit")
    page.locator("#id_slug").blur()
    expect(page.locator("#id_slug")).to_have_value("building-permit")
    assert page.locator('button[name="action-publish"]').count() == 0
    # What the form will send, checked once more just before sending it.
    expect(page.locator("#id_steps-0-name")).to_have_value("ยื่นคำขอและตรวจเอกสาร")
    expect(page.locator("#id_steps-0-duration")).to_have_value("30")
    expect(page.locator("#id_no_fee")).to_be_checked()
    with page.expect_navigation():
        page.locator('button[name="action-submit"]').dispatch_event("click")
    page.wait_for_url(re.compile(rf".*/admin/pages/{index.pk}/$"))
    manual = ServicePage.objects.get(slug="building-permit")
    assert not manual.live
    context.close()
    assert anonymous.goto(public_url).status == 404

    # 2. The working group checks the four points and confirms the information class.
    context, page = admin_session("reviewer")
    page.goto(f"{live_server.url}/admin/pages/{manual.pk}/edit/")
    _click_workflow_action(page, 'button[data-workflow-action-name="approve"]')
    modal = page.locator(".modal")
    modal.locator("#id_accuracy").wait_for()
    for name in ("accuracy", "completeness", "currency", "appropriateness"):
        modal.locator(f"#id_{name}").check()
    assert modal.locator("#id_information_class").input_value() == "on_change"
    modal.locator("#id_comment").fill("ตรวจสอบแล้ว ถูกต้องครบถ้วน")
    with page.expect_navigation():
        modal.locator("button[type=submit]").click()
    review = ChecklistReview.objects.get()
    assert review.all_checked and review.user.username == "reviewer" and review.class_after == "on_change"
    context.close()
    assert anonymous.goto(public_url).status == 404

    # 3. The website administrator approves, from the dashboard's review panel or from the page editor; it publishes.
    context, page = admin_session("webadmin")
    if approved_from == "dashboard":
        approve = page.locator(f'button[data-workflow-action-url*="/{manual.pk}/approve/"]:not([data-launch-modal])')
        with page.expect_navigation():
            approve.first.dispatch_event("click")
    else:
        page.goto(f"{live_server.url}/admin/pages/{manual.pk}/edit/")
        with page.expect_navigation():
            _click_workflow_action(page, 'button[data-workflow-action-name="approve"]')
    context.close()
    manual.refresh_from_db()
    assert manual.live
    # Approving changed nothing in the content: the working group's check still stands.
    assert manual.revisions.count() == 1

    # 4. The public sees it now.
    response = anonymous.goto(public_url)
    assert response.status == 200
    assert anonymous.locator("h1").inner_text() == "การขออนุญาตก่อสร้างอาคาร"
    assert "ยื่นคำขอและตรวจเอกสาร" in anonymous.content()
    visitor.close()
