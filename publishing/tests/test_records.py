"""Records: the audit log of one full run, the request-to-publish record (screen, print, PDF), logins."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from wagtail.models import ModelLogEntry, PageLogEntry

import pytest

from publishing.selectors import publish_request_record

from .utils import CHECKS_LOGGED, act, admin_approve, client_for, manual_draft, reload, submit, team_make, wg_approve

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(agency_site):
    return team_make(agency_site)


@pytest.fixture
def published(agency_site, team):
    """One full run: written and submitted by the editor, sent back once, corrected, checked, published."""
    page = manual_draft(agency_site, team["editor"])
    submit(page, team["editor"])
    act(team["reviewer"], page, "reject", {"comment": "เพิ่มเอกสารประกอบ"})
    page = reload(page)
    page.summary = "ขออนุญาตก่อสร้าง ดัดแปลง หรือรื้อถอนอาคาร"
    page.save_revision(user=team["editor"])
    page.current_workflow_state.resume(user=team["editor"])
    wg_approve(team["reviewer"], page, information_class="immediate", comment="ถูกต้องครบถ้วน")
    admin_approve(team["admin"], page)
    return reload(page)


def test_every_step_of_a_run_is_in_the_audit_log(team, published):
    actions = list(PageLogEntry.objects.filter(page=published).order_by("pk").values_list("action", "user__username"))
    steps = [(a, u) for a, u in actions if a.startswith(("wagtail.workflow", "prongsai", "wagtail.publish"))]
    assert steps == [
        ("wagtail.workflow.start", "editor"),
        ("prongsai.checklist.reject", "reviewer"),
        ("wagtail.workflow.reject", "reviewer"),
        ("wagtail.workflow.resume", "editor"),
        ("prongsai.checklist.approve", "reviewer"),
        ("wagtail.workflow.approve", "reviewer"),
        ("wagtail.workflow.approve", "webadmin"),
        ("wagtail.publish", "webadmin"),
    ]
    approve = PageLogEntry.objects.get(page=published, action="prongsai.checklist.approve")
    assert approve.data["checks"] == CHECKS_LOGGED
    assert approve.data["class_after"] == "immediate"
    # Wagtail's history screen shows them with Thai labels.
    html = client_for(team["admin"]).get(reverse("wagtailadmin_pages:history", args=[published.pk])).content.decode()
    assert "คณะทำงานฯ ตรวจสอบ 4 ด้านแล้ว" in html
    assert "คณะทำงานฯ ส่งกลับให้แก้ไข" in html


def test_request_to_publish_record_of_a_full_run(team, published):
    record = publish_request_record(published)
    assert record.requested_by == team["editor"]
    assert record.review.user == team["reviewer"] and record.review.all_checked
    assert record.approval.finished_by == team["admin"]
    assert record.published_by == team["admin"]
    assert record.class_requested == "ข้อมูลที่ต้องปรับปรุงแก้ไขเมื่อมีการเปลี่ยนแปลง"
    assert record.class_final == "ข้อมูลที่มีผลกระทบต่อประชาชนต้องเผยแพร่ทันที"
    assert not record.checklist_skipped and not record.late
    assert record.hours_to_live is not None and record.hours_to_live < 1
    assert [step["state"].status for step in record.steps] == ["rejected", "approved", "approved"]

    response = client_for(team["executive"]).get(reverse("publishing:record", args=[published.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "บันทึกขออนุมัติเผยแพร่ข้อมูล",
        published.title,
        "ความถูกต้อง",
        "ความครบถ้วน",
        "ความเป็นปัจจุบัน",
        "ความเหมาะสม",
        "☑ ตรวจสอบแล้ว",
        "reviewer",
        "webadmin",
        "ถูกต้องครบถ้วน",
        "เพิ่มเอกสารประกอบ",
        "@media print",
    ):
        assert text in html, text
    assert "ไม่ผ่านการตรวจสอบของคณะทำงานฯ" not in html

    pdf = client_for(team["admin"]).get(reverse("publishing:record_pdf", args=[published.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_record_is_for_the_agencys_groups_only(second_agency_site, team, published):
    other = team_make(second_agency_site, prefix="town-")
    url = reverse("publishing:record", args=[published.pk])
    for user in (other["admin"], other["executive"]):
        response = client_for(user).get(url)
        assert response.status_code in (302, 403)
        assert published.title not in response.content.decode()
    assert Client().get(url).status_code == 302  # to the login page


def test_record_flags_a_superusers_publish_without_the_checklist(agency_site, team):
    root = get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-123456")
    page = manual_draft(agency_site, team["editor"], slug="direct")
    page.get_latest_revision().publish(user=root)
    record = publish_request_record(reload(page))
    assert record.checklist_skipped and record.published_by == root
    html = client_for(team["admin"]).get(reverse("publishing:record", args=[page.pk])).content.decode()
    assert "ไม่ผ่านการตรวจสอบของคณะทำงานฯ" in html
    assert "ผู้ดูแลระบบสูงสุด" in html


def test_page_header_offers_the_record_and_still_current(team, published):
    html = client_for(team["reviewer"]).get(reverse("wagtailadmin_explore", args=[published.pk])).content.decode()
    assert reverse("publishing:record", args=[published.pk]) in html
    assert reverse("publishing:still_current", args=[published.pk]) in html


def test_logins_logouts_and_failed_logins_are_logged(team):
    client = Client()
    login = reverse("wagtailadmin_login")
    client.post(login, {"username": "editor", "password": "wrong-password"})
    client.post(login, {"username": "nobody", "password": "wrong-password"})
    client.post(login, {"username": "editor", "password": "x-secret-123456"})
    client.post(reverse("wagtailadmin_logout"))
    entries = ModelLogEntry.objects.filter(action__startswith="prongsai.").order_by("pk")
    entries = list(entries.values_list("action", "label", "data"))
    assert [(action, label) for action, label, _ in entries] == [
        ("prongsai.login_failed", "editor"),
        ("prongsai.login_failed", "nobody"),
        ("prongsai.login", "editor"),
        ("prongsai.logout", "editor"),
    ]
    assert entries[1][2]["username"] == "nobody"
    assert entries[2][2]["ip"] == "127.0.0.1"
