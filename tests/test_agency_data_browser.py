"""Agency data end to end in Debian's Chromium: an editor proposes a new executive, the working group checks the four
points, the website administrator approves (which publishes), and only then does a citizen see the person."""

import pytest

from disclosure.models import ExecutiveEntry, ExecutivesPage, Person
from disclosure.models.basic_info import PENDING
from disclosure.tests.utils import basic_info_index, publish_under
from publishing.models import AgencyRole, ChecklistReview
from publishing.tests.utils import member_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "นางสาวรัตนา ศรีเพชร (ตัวอย่าง)"


def test_editor_proposes_an_executive_and_the_public_sees_them_after_both_approvals(
    browser, live_server, admin_session, agency_site
):
    member_make(agency_site, AgencyRole.EDITORS, "editor")
    member_make(agency_site, AgencyRole.WORKING_GROUP, "reviewer")
    member_make(agency_site, AgencyRole.ADMINISTRATORS, "webadmin")
    executives = publish_under(basic_info_index(agency_site), ExecutivesPage(title="คณะผู้บริหาร", slug="executives"))
    visitor = browser.new_context(locale="th-TH")
    anonymous = visitor.new_page()
    public_url = live_server.url + executives.url

    # 1. The editor creates the person and submits them at once; there is no publish button.
    context, page = admin_session("editor")
    page.goto(f"{live_server.url}/admin/snippets/disclosure/person/add/")
    page.fill("#id_name", NAME)
    page.fill("#id_phone", "032 425 111")
    assert page.locator('button[name="action-publish"]').count() == 0
    with page.expect_navigation():
        page.locator('button[name="action-submit"]').dispatch_event("click")
    person = Person.objects.get(name=NAME)
    assert person.site == agency_site and not person.live and person.workflow_in_progress
    context.close()

    # The executives page names the person (its own change went through the page workflow, tested elsewhere):
    # until the person is approved, the public sees that the data is being checked, not the unchecked draft.
    executives.executives = [ExecutiveEntry(position="รองผู้ว่าราชการจังหวัดเพชรบุรี", person=person)]
    executives.save_revision().publish()
    anonymous.goto(public_url)
    assert NAME not in anonymous.content() and PENDING in anonymous.content()

    # 2. The working group ticks the four checks in the modal.
    context, page = admin_session("reviewer")
    page.goto(f"{live_server.url}/admin/snippets/disclosure/person/edit/{person.pk}/")
    page.locator('button[data-workflow-action-name="approve"]').first.dispatch_event("click")
    modal = page.locator(".modal")
    modal.locator("#id_accuracy").wait_for()
    for name in ("accuracy", "completeness", "currency", "appropriateness"):
        modal.locator(f"#id_{name}").check()
    modal.locator("#id_comment").fill("ตรวจสอบคำสั่งแต่งตั้งแล้ว")
    with page.expect_navigation():
        modal.locator("button[type=submit]").click()
    review = ChecklistReview.objects.get()
    assert review.all_checked and review.user.username == "reviewer" and review.content_object == person
    context.close()
    anonymous.goto(public_url)
    assert NAME not in anonymous.content()

    # 3. The website administrator approves the last step, which publishes.
    context, page = admin_session("webadmin")
    page.goto(f"{live_server.url}/admin/snippets/disclosure/person/edit/{person.pk}/")
    assert page.locator('button[name="action-publish"]').count() == 0
    person.refresh_from_db()
    with page.expect_navigation():
        page.locator(
            'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
        ).first.dispatch_event("click")
    context.close()
    person.refresh_from_db()
    assert person.live and not person.workflow_in_progress
    # The steps changed nothing in the content: the working group's check is on what was published.
    assert person.revisions.count() == 1 and review.revision_id == person.live_revision_id

    # 4. The citizen sees the new executive.
    assert anonymous.goto(public_url).status == 200
    assert NAME in anonymous.content() and "032 425 111" in anonymous.content()
    visitor.close()
