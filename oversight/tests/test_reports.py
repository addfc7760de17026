"""The yearly (R4.1) and quarterly (R4.2) reports: figures from a constructed history equal hand counts, at the
fiscal-year and quarter boundaries in local time; PDF and XLSX hold them; who may read, write and acknowledge."""

import contextlib
import datetime
import io
import re
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from core import thai
from home.models import StandardPage
from oversight.models import (
    ItaFramework,
    PageItaItem,
    ReportAcknowledgement,
    WorkingGroupFinding,
    WorkingGroupReport,
    YearlyReportNote,
)
from oversight.reports import quarterly_report, yearly_report
from oversight.services import quarterly_findings_save, quarterly_findings_sign_off
from publishing.models import ChecklistReview
from publishing.services import scheduled_publishing_run
from publishing.tests.utils import (
    act,
    admin_approve,
    client_for,
    manual_draft,
    reload,
    submit,
    team_make,
    wg_approve,
)

pytestmark = pytest.mark.django_db

CATEGORY = "คู่มือสำหรับประชาชน"
OTHER = "หน้าอื่น ๆ ของเว็บไซต์"
IMMEDIATE = "ข้อมูลที่มีผลกระทบต่อประชาชนต้องเผยแพร่ทันที"
ON_CHANGE = "ข้อมูลที่ต้องปรับปรุงแก้ไขเมื่อมีการเปลี่ยนแปลง"
FIXED = "ข้อมูลที่มีระยะเวลาในการเผยแพร่ที่แน่นอน"
UNCLASSIFIED = "หน้าทั่วไป (ไม่ได้จัดชั้นข้อมูล)"


def local(*args) -> datetime.datetime:
    """An aware datetime in the site's time zone (Asia/Bangkok)."""
    return timezone.make_aware(datetime.datetime(*args))


@contextlib.contextmanager
def at(moment):
    """Run what follows as if it were ``moment``: Wagtail, the workflow and the checklist all read the clock through
    ``timezone.now`` (the checklist's ``decided_at`` default is a reference to it, patched separately)."""
    field = ChecklistReview._meta.get_field("decided_at")
    with (
        mock.patch("django.utils.timezone.now", return_value=moment),
        mock.patch.object(field, "_get_default", lambda: moment),
    ):
        yield


@pytest.fixture
def team(agency_site):
    return team_make(agency_site)


@pytest.fixture
def root_user(db):
    return get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-123456")


@pytest.fixture
def history(agency_site, team, root_user):
    """Fiscal years 2567-2569 of one agency, built through the real workflow with a moved clock.

    A  manual, on change: first live 30 Sep 2024 23:59 (FY 2567); an update submitted 1 Oct 00:00:30, checked
       1 Oct 08:00, live 10 Oct 09:00 (FY 2568 Q1; more than 3 days after the check: late).
    B  manual submitted 31 Dec 2024 09:00, sent back 31 Dec 23:50 (Q1), resubmitted and checked as "immediate"
       1 Jan 2025 00:10 (Q2), live 2 Jan 10:00 (34 h: late); review every 30 days (overdue from 1 Feb 2025);
       evidence for O1.
    C  manual, fixed period 1 Mar 08:00 - 30 Sep 2025 22:00: submitted 20 Feb 09:00, checked 21 Feb 09:00,
       approved 22 Feb (scheduled), live 1 Mar 08:00:30 (on time), expired 30 Sep 23:59 (FY 2568).
    D  manual, fixed period, a superuser's direct publish 1 Oct 2024 00:30 Bangkok (still 30 Sep in UTC):
       FY 2568 Q1, no checklist; expired 1 Oct 2025 00:00:10 (FY 2569).
    E  a standard page (no class), a superuser's direct publish 30 Sep 2025 23:59 (FY 2568), unpublished
       1 Oct 2025 00:00:01 (FY 2569).
    F  manual checked as "immediate" 29 Sep 2025 10:00 and never approved: late and still waiting (Q4).
    """
    editor, reviewer, admin = team["editor"], team["reviewer"], team["admin"]
    pages = {}

    with at(local(2024, 9, 30, 9, 0)):
        a = manual_draft(agency_site, editor, title="คู่มือ ก", slug="manual-a")
        submit(a, editor)
    with at(local(2024, 9, 30, 12, 0)):
        wg_approve(reviewer, a)
    with at(local(2024, 9, 30, 23, 59)):
        admin_approve(admin, a)
    with at(local(2024, 10, 1, 0, 0, 30)):
        a = reload(a)
        a.summary = "ปรับปรุงขั้นตอน"
        a.save_revision(user=editor)
        submit(a, editor)
    with at(local(2024, 10, 1, 8, 0)):
        wg_approve(reviewer, a)
    with at(local(2024, 10, 10, 9, 0)):
        admin_approve(admin, a)
    pages["a"] = reload(a)

    with at(local(2024, 10, 1, 0, 30)):
        d = manual_draft(
            agency_site,
            editor,
            title="ประกาศรับสมัคร ง",
            slug="manual-d",
            information_class="fixed_period",
            go_live_at=local(2024, 10, 1, 0, 30),
            expire_at=local(2025, 9, 30, 23, 59, 30),
        )
        d.get_latest_revision().publish(user=root_user)
    pages["d"] = reload(d)

    with at(local(2024, 12, 31, 9, 0)):
        o1 = ItaFramework.objects.get(name="OIT 2568").items.get(code="O1")
        b = manual_draft(
            agency_site,
            editor,
            title="คู่มือ ข",
            slug="manual-b",
            review_interval_days=30,
            ita_items=[PageItaItem(item=o1)],
        )
        submit(b, editor)
    with at(local(2024, 12, 31, 23, 50)):
        act(reviewer, b, "reject", {"comment": "แนบแบบฟอร์ม"})
    with at(local(2025, 1, 1, 0, 5)):
        b = reload(b)
        b.save_revision(user=editor)
        b.current_workflow_state.resume(user=editor)
    with at(local(2025, 1, 1, 0, 10)):
        wg_approve(reviewer, b, information_class="immediate")
    with at(local(2025, 1, 2, 10, 0)):
        admin_approve(admin, b)
    pages["b"] = reload(b)

    with at(local(2025, 2, 20, 9, 0)):
        c = manual_draft(
            agency_site,
            editor,
            title="ประกาศ ค",
            slug="manual-c",
            information_class="fixed_period",
            go_live_at=local(2025, 3, 1, 8, 0),
            expire_at=local(2025, 9, 30, 22, 0),
        )
        submit(c, editor)
    with at(local(2025, 2, 21, 9, 0)):
        wg_approve(reviewer, c, information_class="fixed_period")
    with at(local(2025, 2, 22, 9, 0)):
        admin_approve(admin, c)
    with at(local(2025, 3, 1, 8, 0, 30)):
        assert [action for action, _pk in scheduled_publishing_run()] == ["publish"]
    pages["c"] = reload(c)

    with at(local(2025, 9, 29, 9, 0)):
        f = manual_draft(agency_site, editor, title="ประกาศด่วน ฉ", slug="manual-f")
        submit(f, editor)
    with at(local(2025, 9, 29, 10, 0)):
        wg_approve(reviewer, f, information_class="immediate")
    pages["f"] = reload(f)

    with at(local(2025, 9, 30, 23, 59)):
        e = StandardPage(title="ประกาศทั่วไป จ", slug="notice-e", body="<p>ข้อมูล</p>", live=False)
        agency_site.root_page.add_child(instance=e)
        e.save_revision(user=root_user).publish(user=root_user)
        assert [action for action, _pk in scheduled_publishing_run()] == ["expire"]  # C
    with at(local(2025, 10, 1, 0, 0, 1)):
        reload(e).unpublish(user=root_user)
    with at(local(2025, 10, 1, 0, 0, 10)):
        assert [action for action, _pk in scheduled_publishing_run()] == ["expire"]  # D
    pages["e"] = reload(e)
    return pages


NOW = local(2026, 1, 15, 12, 0)


def denied(response) -> bool:
    """Refused: a 403, or Wagtail's way for a page request, back to the dashboard with an error message."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


def _row(rows, label):
    return next(row for row in rows if row.label == label)


def _counts(row):
    return (row.published, row.updated, row.unpublished, row.expired)


def test_yearly_report_figures_equal_hand_counts(agency_site, history):
    report = yearly_report(agency_site, 2568, now=NOW)

    assert (report.first_day, report.last_day) == (datetime.date(2024, 10, 1), datetime.date(2025, 9, 30))
    # Published for the first time: D, B, C, E; updated: A; expired: C (30 Sep 23:59); nothing unpublished.
    assert _counts(report.totals) == (4, 1, 0, 1)
    assert _counts(_row(report.categories, CATEGORY)) == (3, 1, 0, 1)
    assert _counts(_row(report.categories, OTHER)) == (1, 0, 0, 0)
    # E, a policy page (home.StandardPage), is classed too: "update on change", its default.
    assert _counts(_row(report.classes, ON_CHANGE)) == (1, 1, 0, 0)
    assert _counts(_row(report.classes, IMMEDIATE)) == (1, 0, 0, 0)  # the class the working group corrected to
    assert _counts(_row(report.classes, FIXED)) == (2, 0, 0, 1)
    assert _counts(_row(report.classes, UNCLASSIFIED)) == (0, 0, 0, 0)

    timeliness = {row.information_class: (row.on_time, row.late, row.unchecked) for row in report.timeliness}
    assert timeliness == {"immediate": (0, 1, 0), "on_change": (0, 1, 1), "fixed_period": (1, 0, 1), "": (0, 0, 0)}
    assert (report.on_time, report.late, report.unchecked) == (1, 2, 2)

    listed = [(p.title, p.kind_label, timezone.localtime(p.live_at)) for p in report.publications]
    assert listed == [
        ("ประกาศรับสมัคร ง", "เผยแพร่ใหม่", local(2024, 10, 1, 0, 30)),
        ("คู่มือ ก", "ปรับปรุงข้อมูล", local(2024, 10, 10, 9, 0)),
        ("คู่มือ ข", "เผยแพร่ใหม่", local(2025, 1, 2, 10, 0)),
        ("ประกาศ ค", "เผยแพร่ใหม่", local(2025, 3, 1, 8, 0, 30)),
        ("ประกาศทั่วไป จ", "เผยแพร่ใหม่", local(2025, 9, 30, 23, 59)),
    ]
    b = report.publications[2]
    assert b.submitted_at == local(2024, 12, 31, 9, 0)  # the first submission, before it was sent back
    assert b.checked_at == local(2025, 1, 1, 0, 10) and b.approved_at == local(2025, 1, 2, 10, 0)
    assert b.url == "http://localhost/services/manual-b/"
    assert report.publications[3].scheduled and report.publications[3].on_time
    assert [(r.title, r.kind_label) for r in report.removals] == [("ประกาศ ค", "สิ้นสุดระยะเวลาเผยแพร่")]
    # On 30 Sep 2025 only B (review every 30 days from 2 Jan) is overdue; C and D are fixed-period.
    assert report.as_of == datetime.date(2025, 9, 30)
    assert [(item.title, item.next_review_date) for item in report.overdue_reviews] == [
        ("คู่มือ ข", datetime.date(2025, 2, 1))
    ]


def test_fiscal_year_boundary_30_september_1_october(agency_site, history):
    before = yearly_report(agency_site, 2567, now=NOW)
    assert [(p.title, p.kind_label) for p in before.publications] == [("คู่มือ ก", "เผยแพร่ใหม่")]
    assert _counts(before.totals) == (1, 0, 0, 0)

    after = yearly_report(agency_site, 2569, now=NOW)
    assert after.publications == []
    # E unpublished at 00:00:01 and D expired at 00:00:10 on 1 October: the next fiscal year.
    assert _counts(after.totals) == (0, 0, 1, 1)
    assert [(r.title, r.kind_label) for r in after.removals] == [
        ("ประกาศทั่วไป จ", "ยกเลิกการเผยแพร่"),
        ("ประกาศรับสมัคร ง", "สิ้นสุดระยะเวลาเผยแพร่"),
    ]
    assert _counts(_row(after.classes, ON_CHANGE)) == (0, 0, 1, 0)  # E: a policy page, classed
    assert _counts(_row(after.classes, UNCLASSIFIED)) == (0, 0, 0, 0)
    assert _counts(_row(after.classes, FIXED)) == (0, 0, 0, 1)


def test_quarterly_report_figures_and_the_31_december_1_january_boundary(agency_site, history):
    q1 = quarterly_report(agency_site, 2568, 1, now=NOW)
    assert (q1.first_day, q1.last_day) == (datetime.date(2024, 10, 1), datetime.date(2024, 12, 31))
    assert [p.title for p in q1.publications] == ["ประกาศรับสมัคร ง", "คู่มือ ก"]
    assert (q1.through_workflow, q1.without_workflow) == (1, 1)
    # A's check (1 Oct) and B's sending back (31 Dec 23:50).
    assert (q1.checklists_total, q1.checklists_complete, q1.checklists_rejected) == (2, 1, 1)
    submit_to_check, check_to_approve, approve_to_live, total = q1.durations
    assert submit_to_check.median == datetime.timedelta(hours=7, minutes=59, seconds=30)
    assert check_to_approve.worst == datetime.timedelta(days=9, hours=1)
    assert approve_to_live.worst == datetime.timedelta(0)
    assert q1.late_immediate == []

    q2 = quarterly_report(agency_site, 2568, 2, now=NOW)
    assert [p.title for p in q2.publications] == ["คู่มือ ข", "ประกาศ ค"]
    assert (q2.through_workflow, q2.without_workflow) == (2, 0)
    # B's check on 1 January 00:10 belongs to Q2; C's check in February.
    assert (q2.checklists_total, q2.checklists_complete, q2.checklists_rejected) == (2, 2, 0)
    submit_to_check, check_to_approve, approve_to_live, total = q2.durations
    # B: 31 Dec 09:00 -> 1 Jan 00:10 (15 h 10 min); C: 24 h.
    assert submit_to_check.median == datetime.timedelta(hours=19, minutes=35)
    assert submit_to_check.worst == datetime.timedelta(hours=24)
    # C waited from its approval on 22 Feb 09:00 for its start on 1 Mar 08:00:30.
    assert approve_to_live.worst == datetime.timedelta(days=6, hours=23, seconds=30)
    assert total.worst == datetime.timedelta(days=8, hours=23, seconds=30)
    assert [(item.title, item.hours) for item in q2.late_immediate] == [("คู่มือ ข", 33.8)]
    assert [item.title for item in q2.overdue_reviews] == ["คู่มือ ข"]  # as of 31 March 2025
    assert q2.framework.name == "OIT 2568" and q2.ita_total == 26
    assert len(q2.ita_missing) == 25 and "O1" not in {item.code for item in q2.ita_missing}

    q4 = quarterly_report(agency_site, 2568, 4, now=NOW)
    assert [p.title for p in q4.publications] == ["ประกาศทั่วไป จ"]
    assert [(item.title, item.pending) for item in q4.late_immediate] == [("ประกาศด่วน ฉ", True)]

    q1_next = quarterly_report(agency_site, 2569, 1, now=NOW)
    assert q1_next.publications == [] and q1_next.checklists_total == 0


def test_nothing_crosses_agencies(agency_site, second_agency_site, history):
    other = yearly_report(second_agency_site, 2568, now=NOW)
    assert other.publications == [] and other.removals == [] and _counts(other.totals) == (0, 0, 0, 0)
    quarter = quarterly_report(second_agency_site, 2568, 2, now=NOW)
    assert quarter.publications == [] and quarter.late_immediate == [] and quarter.checklists_total == 0

    town = team_make(second_agency_site, prefix="town-")
    for user in (town["admin"], town["executive"]):
        client = client_for(user)
        for name in ("oversight_report_yearly", "oversight_report_quarterly"):
            assert denied(client.get(reverse(name), {"site": agency_site.pk, "year": 2568}))
            html = client.get(reverse(name), {"year": 2568, "quarter": 2}).content.decode()
            assert "คู่มือ ข" not in html and "เทศบาลเมืองเพชรบุรี" in html
        export = client.get(reverse("oversight_report_yearly_export", args=["xlsx"]), {"site": agency_site.pk})
        assert denied(export)


def pdf_text(content: bytes) -> str:
    """The PDF's text as pypdf extracts it, and once more with the lines joined (Thai has no spaces to lose where
    a long phrase wraps)."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return text + "\n" + text.replace("\n", "")


def test_yearly_pdf_holds_the_thai_headings_and_figures(agency_site, team, history):
    YearlyReportNote.objects.create(site=agency_site, fiscal_year=2568, problems="ผู้จัดทำข้อมูลมีไม่เพียงพอ")
    response = client_for(team["executive"]).get(
        reverse("oversight_report_yearly_export", args=["pdf"]), {"year": 2568}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4
    # The list of every publication is on landscape pages, its dates short: a row on two or three lines.
    listing = [page for page in reader.pages if "รายการการเผยแพร่ทั้งหมด" in page.extract_text()]
    assert listing and listing[0].mediabox.width == pytest.approx(841.9, abs=1), "A4 landscape"
    short_months = "|".join(re.escape(month) for month in thai.MONTHS_SHORT)
    assert re.search(rf"\d{{1,2}} ({short_months}) 256[78]", listing[0].extract_text())
    # The list's pages (documents.long_table) are numbered in the run of WeasyPrint's, which go on after them.
    for number, page in enumerate(reader.pages[1:], start=2):
        assert f"- {number} -" in page.extract_text(), number
    assert "ผู้รายงานและการรับทราบ" in reader.pages[-1].extract_text()
    assert all(title in listing[0].extract_text() for title in ("คู่มือ ก", "คู่มือ ข", "ประกาศ ค"))
    text = pdf_text(response.content)
    for expected in (
        "จังหวัดเพชรบุรี",
        "รายงานผลการเผยแพร่และการปรับปรุงข้อมูล",
        "ประจำปีงบประมาณ พ.ศ. 2568",
        "ผลการเผยแพร่และการปรับปรุงข้อมูล",
        "จำแนกตามหมวดข้อมูล",
        "จำแนกตามประเภทข้อมูล",
        "ปัญหาและอุปสรรคในการดำเนินงาน",
        "ผู้จัดทำข้อมูลมีไม่เพียงพอ",
        "เผยแพร่ข้อมูลใหม่ 4",
        "ปรับปรุงข้อมูล (เผยแพร่ฉบับแก้ไข) 1",
        "สิ้นสุดระยะเวลาเผยแพร่ 1",
        "คู่มือ ข",
        "1 ตุลาคม 2567",
        "30 กันยายน 2568",
        "ผู้บริหาร",
    ):
        assert expected in text, expected


def test_quarterly_pdf_holds_the_thai_headings_and_figures(agency_site, team, history):
    response = client_for(team["reviewer"]).get(
        reverse("oversight_report_quarterly_export", args=["pdf"]), {"year": 2568, "quarter": 2}
    )
    text = pdf_text(response.content)
    for expected in (
        "รายงานผู้บริหารเป็นรายไตรมาส",
        "ไตรมาสที่ 2 ปีงบประมาณ พ.ศ. 2568",
        "ผ่านครบทั้ง 2 ขั้นตอน",
        "ตรวจสอบครบทุกด้านและเสนอขออนุมัติเผยแพร่ 2",
        "ข้อมูลเผยแพร่ทันทีที่เกินระยะเวลาที่กำหนด (รายการ) 1",
        "ตัวชี้วัด ITA ที่ยังไม่มีหลักฐาน (รายการ) 25",
        "คณะทำงานเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์",
    ):
        assert expected in text, expected


def test_xlsx_exports_open_and_hold_the_figures(agency_site, team, history):
    client = client_for(team["admin"])
    response = client.get(reverse("oversight_report_yearly_export", args=["xlsx"]), {"year": 2568})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in workbook["สรุป"].iter_rows(values_only=True) if row and row[0]}
    assert summary["เผยแพร่ใหม่"] == 4 and summary["ปรับปรุงข้อมูล"] == 1 and summary["สิ้นสุดระยะเวลาเผยแพร่"] == 1
    assert summary["เกินระยะเวลาที่กำหนด"] == 2 and summary["ข้อมูลที่เลยกำหนดทบทวน (รายการ)"] == 1
    by_category = {row[0]: row[1:5] for row in workbook["ตามหมวดข้อมูล"].iter_rows(min_row=2, values_only=True)}
    assert by_category[CATEGORY] == (3, 1, 0, 1) and by_category["รวม"] == (4, 1, 0, 1)
    listed = list(workbook["รายการเผยแพร่"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in listed] == ["ประกาศรับสมัคร ง", "คู่มือ ก", "คู่มือ ข", "ประกาศ ค", "ประกาศทั่วไป จ"]
    assert listed[2][8] == "2 มกราคม 2568 เวลา 10:00 น." and listed[2][10] == "เกินระยะเวลาที่กำหนด"

    response = client.get(reverse("oversight_report_quarterly_export", args=["xlsx"]), {"year": 2568, "quarter": 2})
    workbook = load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in workbook["สรุป"].iter_rows(values_only=True) if row and row[0]}
    assert summary["เผยแพร่ทั้งหมด"] == 2
    assert summary["ตรวจสอบครบทุกด้านและเสนอขออนุมัติ"] == 2
    assert summary["ตัวชี้วัด ITA ที่ยังไม่มีหลักฐาน (รายการ)"] == 25
    times = list(workbook["ระยะเวลาดำเนินการ"].iter_rows(min_row=2, values_only=True))
    assert times[0][1:3] == (2, 19.6)
    assert [row[0] for row in workbook["เผยแพร่ทันทีเกินกำหนด"].iter_rows(min_row=2, values_only=True)] == ["คู่มือ ข"]


def test_an_executive_reads_and_acknowledges_but_changes_nothing(agency_site, team):
    executive, admin = team["executive"], team["admin"]
    client = client_for(executive)
    url = reverse("oversight_report_yearly") + f"?site={agency_site.pk}&year=2568"
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "รายงานผลการเผยแพร่และการปรับปรุงข้อมูล ประจำปีงบประมาณ พ.ศ. 2568" in html
    assert "รับทราบรายงาน" in html and 'name="problems"' not in html
    assert "ระหว่างวันที่ 1 ตุลาคม 2567 ถึง 30 กันยายน 2568" in html

    assert denied(client.post(url, {"action": "problems", "problems": "แก้โดยผู้บริหาร"}))
    assert not YearlyReportNote.objects.exists()

    assert client.post(url, {"action": "acknowledge"}).status_code == 302
    assert client.post(url, {"action": "acknowledge"}).status_code == 302  # once per executive
    acknowledgement = ReportAcknowledgement.objects.get()
    assert (acknowledgement.user, acknowledgement.fiscal_year, acknowledgement.quarter) == (executive, 2568, 0)
    assert "รับทราบเมื่อ" in client.get(url).content.decode()

    # A quarter's report once the working group has signed it off (R4.2; see test_working_group_report.py).
    quarterly_findings_save(agency_site, 2568, 3, team["reviewer"], summary="เป็นไปตามขั้นตอน", findings=[], followups={})
    quarterly_findings_sign_off(agency_site, 2568, 3, team["reviewer"])
    quarterly = reverse("oversight_report_quarterly") + "?year=2568&quarter=3"
    assert client.post(quarterly, {"action": "acknowledge"}).status_code == 302
    assert ReportAcknowledgement.objects.filter(quarter=3, user=executive).exists()

    # The administrators write the problems and obstacles, but the acknowledgement is the executives'.
    admin_client = client_for(admin)
    assert admin_client.post(url, {"action": "problems", "problems": "งบประมาณจำกัด"}).status_code == 302
    note = YearlyReportNote.objects.get(site=agency_site, fiscal_year=2568)
    assert (note.problems, note.updated_by) == ("งบประมาณจำกัด", admin)
    assert denied(admin_client.post(url, {"action": "acknowledge"}))
    assert ReportAcknowledgement.objects.count() == 2
    html = client.get(url).content.decode()
    assert "งบประมาณจำกัด" in html and "แก้ไขหลังการรับทราบ" in html

    # The working group reads, and does neither.
    reviewer_client = client_for(team["reviewer"])
    assert reviewer_client.get(url).status_code == 200
    assert denied(reviewer_client.post(url, {"action": "problems", "problems": "x"}))
    assert denied(reviewer_client.post(url, {"action": "acknowledge"}))


def test_editors_get_403_and_no_menu(agency_site, team):
    client = client_for(team["editor"])
    for name in ("oversight_report_yearly", "oversight_report_quarterly"):
        assert denied(client.get(reverse(name)))
    for name in ("oversight_report_yearly_export", "oversight_report_quarterly_export"):
        for fmt in ("pdf", "xlsx"):
            assert denied(client.get(reverse(name, args=[fmt])))
    assert reverse("oversight_report_yearly") not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert (
        reverse("oversight_report_yearly")
        in client_for(team["executive"]).get(reverse("wagtailadmin_home")).content.decode()
    )


def test_report_queries_do_not_grow_with_the_number_of_pages(agency_site, team, root_user):
    """Neither with the number of pages nor with the working group's findings and follow-ups: the report functions,
    the screen with the working group's forms, and the XLSX export run the same number of queries."""

    def publish(count, start):
        for number in range(start, start + count):
            with at(local(2025, 1, 5, 9, number)):
                page = manual_draft(agency_site, team["editor"], title=f"คู่มือ {number}", slug=f"m-{number}")
                submit(page, team["editor"])
                wg_approve(team["reviewer"], page)
                admin_approve(team["admin"], page)
            with at(local(2025, 2, 1, 9, number)):
                reload(page).save_revision(user=root_user).publish(user=root_user)
                reload(page).unpublish(user=root_user)

    def findings(count):
        """Q1 signed off with ``count`` corrective actions; Q2 (a draft) follows each up and has ``count`` findings."""
        WorkingGroupReport.objects.filter(site=agency_site).delete()
        rows = [
            {"finding": f"ข้อค้นพบ {n}", "corrective_action": "แก้ไข", "responsible": "กลุ่มงาน", "due_date": NOW.date()}
            for n in range(count)
        ]
        quarterly_findings_save(agency_site, 2568, 1, team["reviewer"], summary="สรุป", findings=rows, followups={})
        quarterly_findings_sign_off(agency_site, 2568, 1, team["reviewer"])
        done = {"status": "done", "done_on": datetime.date(2025, 2, 1), "note": ""}
        previous = WorkingGroupFinding.objects.filter(report__quarter=1).values_list("pk", flat=True)
        followups = {pk: done for pk in previous}
        quarterly_findings_save(agency_site, 2568, 2, team["reviewer"], summary="", findings=rows, followups=followups)

    reviewer, executive = client_for(team["reviewer"]), client_for(team["executive"])
    screen = reverse("oversight_report_quarterly") + "?year=2568&quarter=2"
    export = reverse("oversight_report_quarterly_export", args=["xlsx"]) + "?year=2568&quarter=2"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            yearly = yearly_report(agency_site, 2568, now=NOW)
            quarterly = quarterly_report(agency_site, 2568, 2, now=NOW)
        with CaptureQueriesContext(connection) as on_screen:
            html = reviewer.get(screen).content.decode()
        with CaptureQueriesContext(connection) as exported:
            assert executive.get(export).status_code == 200
        return (len(captured), len(on_screen), len(exported)), yearly, quarterly, html

    publish(2, 0)
    findings(1)
    queries()  # warms the caches of the admin's first request
    few, yearly, quarterly, html = queries()
    assert yearly.totals.published == 2 and len(quarterly.publications) == 4
    assert len(quarterly.working_group.findings) == 1 and 'name="followup-' in html
    publish(6, 2)
    findings(8)
    many, yearly, quarterly, html = queries()
    assert yearly.totals.published == 8 and yearly.totals.unpublished == 8 and len(quarterly.publications) == 16
    assert len(quarterly.working_group.findings) == 8 and len(quarterly.working_group.previous_findings) == 8
    assert html.count('name="followup-') >= 8 and "ข้อค้นพบ 7" in html
    assert many == few
