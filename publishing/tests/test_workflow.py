"""The two-stage procedure (R3): the working group's checklist, then the website administrators' publication."""

import datetime
import json

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry, TaskState, Workflow, WorkflowPage, WorkflowState

import pytest

from publishing.models import AgencyGroup, AgencyRole, ChecklistDecision, ChecklistReview, ChecklistTask, PublishingTask
from publishing.services import ChecklistRefused, checklist_decide
from services.tests.test_pages import manual_form_data

from .utils import (
    CHECKS,
    CHECKS_LOGGED,
    act,
    admin_approve,
    client_for,
    current_task_state,
    manual_draft,
    reload,
    submit,
    team_make,
    wg_approve,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(agency_site):
    return team_make(agency_site)


@pytest.fixture
def draft(agency_site, team):
    return manual_draft(agency_site, team["editor"])


def _edit_post(user, page, **extra):
    data = manual_form_data(title=page.title, slug=page.slug)
    return client_for(user).post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, **extra})


def test_each_agency_gets_one_workflow_on_its_tree_idempotently(agency_site, second_agency_site):
    for site in (agency_site, second_agency_site):
        workflow = WorkflowPage.objects.get(page=site.root_page).workflow
        checklist, approval = workflow.tasks.specific()
        assert isinstance(checklist, ChecklistTask) and type(approval) is PublishingTask
        wg = AgencyGroup.objects.get(site=site, role=AgencyRole.WORKING_GROUP).group
        admins = AgencyGroup.objects.get(site=site, role=AgencyRole.ADMINISTRATORS).group
        assert list(checklist.groups.all()) == [wg]
        assert list(approval.groups.all()) == [admins]
        assert site.root_page.get_children().first().get_workflow() == workflow
    counts = (Workflow.objects.count(), WorkflowPage.objects.count(), ChecklistTask.objects.count())
    call_command("setup_agency", "จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
    assert (Workflow.objects.count(), WorkflowPage.objects.count(), ChecklistTask.objects.count()) == counts


def test_editor_crafted_publish_post_leaves_nothing_live(agency_site, team, draft):
    response = _edit_post(team["editor"], draft, **{"action-publish": "action-publish"})
    assert response.status_code == 302
    page = reload(draft)
    assert not page.live
    assert not PageLogEntry.objects.filter(page=page, action__startswith="wagtail.publish").exists()
    # Nor by scheduling: a go-live time in the future on the same crafted POST schedules nothing.
    go_live = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    _edit_post(team["editor"], draft, go_live_at=go_live, **{"action-publish": "action-publish"})
    assert not reload(draft).revisions.filter(approved_go_live_at__isnull=False).exists()
    # Nor unpublish a live page.
    live = agency_site.root_page.get_children().get(slug="services")
    client_for(team["editor"]).post(reverse("wagtailadmin_pages:unpublish", args=[live.pk]))
    assert reload(live).live


def test_editor_submits_and_the_working_group_is_notified(agency_site, team, draft, second_agency_site):
    other = team_make(second_agency_site, prefix="town-")
    response = _edit_post(team["editor"], draft, **{"action-submit": "action-submit"})
    assert response.status_code == 302
    state = current_task_state(draft)
    assert isinstance(state.task.specific, ChecklistTask)
    assert state.workflow_state.requested_by == team["editor"]
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {team["reviewer"].email}
    assert other["reviewer"].email not in recipients
    assert "เสนอขออนุมัติเผยแพร่ข้อมูล" in mail.outbox[0].subject


def test_approval_without_the_four_checks_is_refused(team, draft):
    submit(draft, team["editor"])
    for missing in CHECKS:
        data = {**CHECKS, "information_class": "on_change"}
        del data[missing]
        act(team["reviewer"], draft, "approve", data)
        state = current_task_state(draft)
        assert isinstance(state.task.specific, ChecklistTask) and state.status == TaskState.STATUS_IN_PROGRESS
    # The modal shows why, in Thai.
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", current_task_state(draft).pk])
    response = client_for(team["reviewer"]).post(
        url, {"accuracy": "on", "information_class": "on_change"}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert "ต้องตรวจสอบความครบถ้วนก่อนอนุมัติ" in json.loads(response.content)["html"]
    assert not ChecklistReview.objects.exists()


def test_crafted_editor_view_post_without_the_checks_is_refused(team, draft):
    """Wagtail's page editor passes a workflow action's data to the task unchecked; the task checks it."""
    submit(draft, team["editor"])
    response = _edit_post(
        team["reviewer"],
        draft,
        **{
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"accuracy": True, "information_class": "on_change"}),
        },
    )
    assert response.status_code in (302, 403)
    state = current_task_state(draft)
    assert isinstance(state.task.specific, ChecklistTask) and state.status == TaskState.STATUS_IN_PROGRESS
    assert not ChecklistReview.objects.exists()
    with pytest.raises(ChecklistRefused):
        checklist_decide(state, team["reviewer"], "approve", {"accuracy": True, "information_class": "on_change"})


def test_working_group_approval_records_the_checks_and_corrects_the_class(team, draft):
    submit(draft, team["editor"])
    mail.outbox.clear()
    wg_approve(team["reviewer"], draft, information_class="immediate", comment="ครบถ้วน")
    review = ChecklistReview.objects.get()
    assert review.decision == ChecklistDecision.APPROVED and review.all_checked
    assert (review.class_before, review.class_after, review.user) == ("on_change", "immediate", team["reviewer"])
    assert review.comment == "ครบถ้วน"
    assert review.page_id == draft.pk and review.content_object.pk == draft.pk
    page = reload(draft)
    assert page.get_latest_revision().content["information_class"] == "immediate"
    assert page.information_class == "immediate"
    state = current_task_state(draft)
    assert type(state.task.specific) is PublishingTask
    # The administrators of this agency are told, nobody else.
    assert {address for message in mail.outbox for address in message.to} == {team["admin"].email}
    entry = PageLogEntry.objects.get(page=draft, action="prongsai.checklist.approve")
    assert entry.user == team["reviewer"]
    assert entry.data["checks"] == CHECKS_LOGGED
    assert (entry.data["class_before"], entry.data["class_after"]) == ("on_change", "immediate")


def test_fixed_period_class_without_dates_is_refused(team, draft):
    submit(draft, team["editor"])
    wg_approve(team["reviewer"], draft, information_class="fixed_period")
    assert isinstance(current_task_state(draft).task.specific, ChecklistTask)
    assert not ChecklistReview.objects.exists()


def test_working_group_cannot_take_the_administrators_step(team, draft):
    submit(draft, team["editor"])
    wg_approve(team["reviewer"], draft)
    response = admin_approve(team["reviewer"], draft)
    assert response.status_code in (302, 403)
    assert not reload(draft).live
    assert current_task_state(draft).status == TaskState.STATUS_IN_PROGRESS
    # Nor may the editor or an executive.
    for who in ("editor", "executive"):
        admin_approve(team[who], draft)
        assert not reload(draft).live


def test_administrator_of_another_agency_cannot_act(agency_site, second_agency_site, team, draft):
    other = team_make(second_agency_site, prefix="town-")
    submit(draft, team["editor"])
    act(other["reviewer"], draft, "approve", {**CHECKS, "information_class": "on_change"})
    assert isinstance(current_task_state(draft).task.specific, ChecklistTask)
    wg_approve(team["reviewer"], draft)
    admin_approve(other["admin"], draft)
    assert not reload(draft).live
    assert current_task_state(draft).status == TaskState.STATUS_IN_PROGRESS


def test_administrators_approval_publishes_and_tells_the_editor(team, draft):
    submit(draft, team["editor"])
    wg_approve(team["reviewer"], draft)
    mail.outbox.clear()
    admin_approve(team["admin"], draft)
    page = reload(draft)
    assert page.live and not page.has_unpublished_changes
    assert page.current_workflow_state is None
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED
    assert [message.to for message in mail.outbox] == [[team["editor"].email]]
    assert "อนุมัติเผยแพร่ข้อมูลแล้ว" in mail.outbox[0].subject


def test_administrators_approval_schedules_with_a_go_live_time(agency_site, team):
    go_live = (timezone.now() + datetime.timedelta(hours=3)).replace(microsecond=0)
    draft = manual_draft(agency_site, team["editor"], go_live_at=go_live)
    submit(draft, team["editor"])
    wg_approve(team["reviewer"], draft)
    admin_approve(team["admin"], draft)
    page = reload(draft)
    assert not page.live
    revision = page.get_latest_revision()
    assert revision.approved_go_live_at == go_live
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.schedule").exists()


def test_rejection_needs_a_comment_and_returns_the_page_to_its_editor(team, draft):
    submit(draft, team["editor"])
    act(team["reviewer"], draft, "reject", {"comment": "   "})
    assert current_task_state(draft).status == TaskState.STATUS_IN_PROGRESS
    mail.outbox.clear()
    act(team["reviewer"], draft, "reject", {"comment": "ระยะเวลาขั้นตอนที่ 1 ไม่ตรงกับประกาศ"})
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    review = ChecklistReview.objects.get()
    assert review.decision == ChecklistDecision.REJECTED
    assert review.comment == "ระยะเวลาขั้นตอนที่ 1 ไม่ตรงกับประกาศ"
    assert [message.to for message in mail.outbox] == [[team["editor"].email]]
    assert "ระยะเวลาขั้นตอนที่ 1 ไม่ตรงกับประกาศ" in mail.outbox[0].body
    assert "ส่งกลับให้แก้ไข" in mail.outbox[0].subject
    # The editor sees the comment on the page's edit screen.
    response = client_for(team["editor"]).get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert "ระยะเวลาขั้นตอนที่ 1 ไม่ตรงกับประกาศ" in response.content.decode()
    assert not reload(draft).live


def test_administrator_cannot_publish_outside_the_workflow(team, draft):
    response = _edit_post(team["admin"], draft, **{"action-publish": "action-publish"})
    assert response.status_code == 302
    assert not reload(draft).live
    edit = client_for(team["admin"]).get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert 'name="action-publish"' not in edit
    assert 'name="action-submit"' in edit


def test_superuser_direct_publish_is_flagged_in_the_audit_log(django_user_model, team, draft):
    root = django_user_model.objects.create_superuser("root", "root@example.go.th", "x-secret-123456")
    _edit_post(root, draft, **{"action-publish": "action-publish"})
    page = reload(draft)
    assert page.live
    entry = PageLogEntry.objects.get(page=page, action="prongsai.publish.unreviewed")
    assert entry.user == root


def _resubmit(page, editor, title):
    """The editor changes the page after a send-back and submits again, as the edit view does: a new revision,
    then Wagtail resumes the workflow (restarting the step that sent it back)."""
    page = reload(page)
    page.title = title
    page.save_revision(user=editor)
    page.current_workflow_state.resume(editor)


def test_a_version_sent_back_by_the_administrators_goes_to_the_working_group_again(team, draft):
    """Wagtail restarts the step that asked for changes; the administrators' step sends a changed version to the
    working group's checklist first (R3.2 before R3.3), and only what the working group checked is published."""
    submit(draft, team["editor"])
    wg_approve(team["reviewer"], draft)
    assert act(team["admin"], draft, "reject", {"comment": "แก้ชื่อหน่วยงาน"}).status_code in (200, 302)
    _resubmit(draft, team["editor"], "การขออนุญาตก่อสร้างอาคาร (ฉบับแก้ไข)")
    state = current_task_state(draft)
    assert isinstance(state.task.specific, ChecklistTask)
    assert state.revision_id == reload(draft).latest_revision_id
    assert not reload(draft).live

    wg_approve(team["reviewer"], draft)
    state = current_task_state(draft)
    assert type(state.task.specific) is PublishingTask
    admin_approve(team["admin"], draft)
    page = reload(draft)
    assert page.live and page.title == "การขออนุญาตก่อสร้างอาคาร (ฉบับแก้ไข)"
    checked = ChecklistReview.objects.filter(page=draft, decision=ChecklistDecision.APPROVED).order_by("decided_at")
    assert [review.revision_id for review in checked][-1] == page.live_revision_id


def test_a_version_sent_back_by_the_working_group_restarts_at_the_working_group(team, draft):
    submit(draft, team["editor"])
    act(team["reviewer"], draft, "reject", {"comment": "เพิ่มเอกสาร"})
    _resubmit(draft, team["editor"], "การขออนุญาตก่อสร้างอาคาร (ครบถ้วน)")
    assert isinstance(current_task_state(draft).task.specific, ChecklistTask)


def test_the_working_group_checks_the_version_it_sees_its_own_corrections_included(team, draft):
    submit(draft, team["editor"])
    started_on = current_task_state(draft).revision_id
    page = reload(draft)
    page.title = "การขออนุญาตก่อสร้างอาคาร (คณะทำงานฯ แก้คำผิด)"
    corrected = page.save_revision(user=team["reviewer"])
    assert corrected.pk != started_on
    wg_approve(team["reviewer"], draft)
    review = ChecklistReview.objects.get(page=draft)
    assert review.revision_id == corrected.pk
    assert type(current_task_state(draft).task.specific) is PublishingTask  # not a second checklist round
    admin_approve(team["admin"], draft)
    assert reload(draft).live_revision_id == corrected.pk


def test_the_end_of_the_workflow_publishes_the_checked_version_not_a_later_edit(team, draft):
    """Belt and braces under Wagtail's re-approval rule: the finishing action publishes the revision the working
    group approved in this run, and a later revision stays a draft."""
    from publishing.workflows import workflow_state_publish

    submit(draft, team["editor"])
    wg_approve(team["reviewer"], draft)
    checked = ChecklistReview.objects.get(page=draft).revision
    page = reload(draft)
    page.title = "แก้ไขหลังการตรวจสอบ"
    later = page.save_revision(user=team["admin"])
    workflow_state_publish(reload(draft).current_workflow_state, user=team["admin"])
    page = reload(draft)
    assert page.live and page.live_revision_id == checked.pk != later.pk
    assert page.title != "แก้ไขหลังการตรวจสอบ" and page.has_unpublished_changes


def test_existing_workflows_get_the_publishing_task_when_set_up_again(agency_site):
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import GroupApprovalTask, Task

    from agencies.services import agency_setup

    workflow = WorkflowPage.objects.get(page=agency_site.root_page).workflow
    approval = [task.specific for task in workflow.tasks.all()][1]
    Task.objects.filter(pk=approval.pk).update(content_type=ContentType.objects.get_for_model(GroupApprovalTask))
    assert type(Task.objects.get(pk=approval.pk).specific) is GroupApprovalTask
    agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
    assert [type(task.specific) for task in workflow.tasks.all()] == [ChecklistTask, PublishingTask]
    assert Task.objects.get(pk=approval.pk).specific.groups.exists()
