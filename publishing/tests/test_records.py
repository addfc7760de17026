"""Records: the audit log of one full run, the request-to-publish record (screen, print, PDF)."""

import io

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry, WorkflowState

import pytest
from pypdf import PdfReader

from core.thai import format_thai_date, format_thai_datetime
from publishing.checks import CHECKS
from publishing.models import AgencyRole, StaffProfile
from publishing.selectors import publish_request_record

from .utils import (
    CHECKS_LOGGED,
    act,
    admin_approve,
    client_for,
    manual_draft,
    member_make,
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
    assert "คณะทำงานฯ ตรวจสอบครบทุกด้านแล้ว" in html
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


# The record from submission, with names, positions, rounds and signature blocks ------------------------------------


@pytest.fixture
def named_team(agency_site):
    """The agency's people with full names and positions, as on a real request-to-publish form."""
    people = {
        "editor": ("สมหญิง", "ตั้งใจ", "นักวิชาการเผยแพร่ปฏิบัติการ"),
        "reviewer": ("สมศักดิ์", "รอบคอบ", "หัวหน้ากลุ่มงานยุทธศาสตร์"),
        "admin": ("วิไล", "ดูแลดี", "นักวิชาการคอมพิวเตอร์ชำนาญการ"),
    }
    roles = {"editor": AgencyRole.EDITORS, "reviewer": AgencyRole.WORKING_GROUP, "admin": AgencyRole.ADMINISTRATORS}
    team = {}
    for key, (first, last, position) in people.items():
        user = member_make(agency_site, roles[key], key, first_name=first, last_name=last)
        StaffProfile.objects.create(user=user, position=position)
        team[key] = user
    team["executive"] = member_make(agency_site, AgencyRole.EXECUTIVES, "executive")
    return team


def _record_html(user, page):
    response = client_for(user).get(reverse("publishing:record", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_record_is_open_from_submission_and_says_who_must_act(agency_site, named_team):
    page = manual_draft(agency_site, named_team["editor"])
    assert client_for(named_team["admin"]).get(reverse("publishing:record", args=[page.pk])).status_code == 404
    submit(page, named_team["editor"])
    html = _record_html(named_team["executive"], page)
    assert "อยู่ระหว่างการพิจารณา" in html
    assert "รอดำเนินการ" in html and "คณะทำงานฯ — จังหวัดเพชรบุรี" in html
    assert "สมหญิง ตั้งใจ" in html and "นักวิชาการเผยแพร่ปฏิบัติการ" in html
    # The page's header offers it already.
    explore = client_for(named_team["reviewer"]).get(reverse("wagtailadmin_explore", args=[page.pk])).content.decode()
    assert reverse("publishing:record", args=[page.pk]) in explore

    wg_approve(named_team["reviewer"], page)
    html = _record_html(named_team["editor"], page)
    assert "ผู้ดูแลระบบเว็บไซต์ — จังหวัดเพชรบุรี" in html
    assert "คณะทำงานฯ — จังหวัดเพชรบุรี" not in html.split("รอดำเนินการ")[1].split("</p>")[0]


def test_the_record_shows_the_approved_submission_with_earlier_rounds_as_history(agency_site, named_team):
    page = manual_draft(agency_site, named_team["editor"])
    submit(page, named_team["editor"])
    act(named_team["reviewer"], page, "reject", {"comment": "เพิ่มเอกสารประกอบ"})
    first_round = WorkflowState.objects.get().created_at
    page = reload(page)
    page.summary = "ขออนุญาตก่อสร้าง ดัดแปลง หรือรื้อถอนอาคาร"
    page.save_revision(user=named_team["editor"])
    page.current_workflow_state.resume(user=named_team["editor"])
    wg_approve(named_team["reviewer"], page, comment="ถูกต้องครบถ้วน")
    admin_approve(named_team["admin"], page)
    page = reload(page)

    record = publish_request_record(page)
    assert record.current_round.number == 2
    resumed = PageLogEntry.objects.get(page=page, action="wagtail.workflow.resume").timestamp
    assert record.requested_at == resumed and record.requested_at > first_round
    assert [r.number for r in record.history] == [1]
    assert [step["state"].status for step in record.history[0].steps] == ["rejected"]
    assert record.publisher.user == named_team["admin"]

    html = _record_html(named_team["executive"], page)
    assert format_thai_datetime(timezone.localtime(resumed)) in html
    assert "ประวัติ: เสนอขออนุมัติเผยแพร่ข้อมูล" in html and "เสนออีกครั้ง (ครั้งที่ 2)" in html
    assert "เพิ่มเอกสารประกอบ" in html
    # Names, never usernames, in every section (steps included); positions beside them.
    for name in ("สมหญิง ตั้งใจ", "สมศักดิ์ รอบคอบ", "วิไล ดูแลดี"):
        assert name in html
    for username in (">editor<", ">reviewer<", ">admin<", " editor ", " reviewer "):
        assert username not in html
    for position in ("นักวิชาการเผยแพร่ปฏิบัติการ", "หัวหน้ากลุ่มงานยุทธศาสตร์", "นักวิชาการคอมพิวเตอร์ชำนาญการ"):
        assert position in html

    # The state's own URL gives the same record; the first run's state too.
    state_url = reverse("publishing:record_state", args=[record.workflow_state.pk])
    assert "เสนออีกครั้ง (ครั้งที่ 2)" in client_for(named_team["admin"]).get(state_url).content.decode()


def test_the_pdf_has_three_signature_blocks_with_names_and_positions(agency_site, named_team):
    page = manual_draft(agency_site, named_team["editor"])
    submit(page, named_team["editor"])
    wg_approve(named_team["reviewer"], page)
    admin_approve(named_team["admin"], page)
    page = reload(page)
    # The HTML that becomes the PDF.
    html = render_to_string(
        "publishing/record_body.html",
        {"record": publish_request_record(page), "page": page, "checks": CHECKS, "for_pdf": True},
    )
    blocks = html.split('class="record-signature"')[1:]
    assert len(blocks) == 3
    for block, (name, position, role) in zip(
        blocks,
        [
            ("สมหญิง ตั้งใจ", "นักวิชาการเผยแพร่ปฏิบัติการ", "ผู้เสนอขออนุมัติเผยแพร่ข้อมูล"),
            ("สมศักดิ์ รอบคอบ", "หัวหน้ากลุ่มงานยุทธศาสตร์", "ผู้ตรวจสอบ (คณะทำงานฯ)"),
            ("วิไล ดูแลดี", "นักวิชาการคอมพิวเตอร์ชำนาญการ", "ผู้อนุมัติเผยแพร่ (ผู้ดูแลระบบเว็บไซต์)"),
        ],
        strict=True,
    ):
        assert "ลงชื่อ" in block and f"( {name} )" in block and f"ตำแหน่ง {position}" in block and role in block
        assert "วันที่ " + format_thai_date(timezone.localdate()) in block
    # And the PDF itself.
    pdf = client_for(named_team["admin"]).get(reverse("publishing:record_pdf", args=[page.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert text.count("ลงชื่อ") == 3
    for line in ("( สมหญิง ตั้งใจ )", "ตำแหน่ง หัวหน้ากลุ่มงานยุทธศาสตร์", "( วิไล ดูแลดี )", "ผู้ตรวจสอบ (คณะทำงานฯ)"):
        assert line in text


def test_every_declared_check_is_a_row_of_the_record(agency_site, named_team):
    page = manual_draft(agency_site, named_team["editor"])
    submit(page, named_team["editor"])
    wg_approve(named_team["reviewer"], page)
    html = _record_html(named_team["reviewer"], page)
    for check in CHECKS:
        assert f'data-check="{check.name}"' in html and check.label in html


def test_another_agencys_user_is_refused_every_record_url(agency_site, second_agency_site, named_team):
    page = manual_draft(agency_site, named_team["editor"])
    state = submit(page, named_team["editor"]).workflow_state
    other = team_make(second_agency_site, prefix="town-")
    for url in (
        reverse("publishing:record", args=[page.pk]),
        reverse("publishing:record_state", args=[state.pk]),
        reverse("publishing:record_state_pdf", args=[state.pk]),
        reverse("publishing:record_object", args=[ContentType.objects.get_for_model(page).pk, page.pk]),
    ):
        response = client_for(other["reviewer"]).get(url)
        assert response.status_code in (302, 403), url
        assert page.title not in response.content.decode()
        assert client_for(named_team["executive"]).get(url).status_code == 200


def test_users_set_their_own_position_in_account_settings(named_team):
    client = client_for(named_team["editor"])
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "ตำแหน่ง" in html and "นักวิชาการเผยแพร่ปฏิบัติการ" in html
    data = {
        "name_email-first_name": "สมหญิง",
        "name_email-last_name": "ตั้งใจ",
        "name_email-email": "editor@example.go.th",
        "staff_position-position": "นักวิชาการเผยแพร่ชำนาญการ",
        "locale-preferred_language": "th",
        "locale-current_time_zone": "Asia/Bangkok",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
        "theme-keyboard_shortcuts": "true",
    }
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert StaffProfile.objects.get(user=named_team["editor"]).position == "นักวิชาการเผยแพร่ชำนาญการ"
