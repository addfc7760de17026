"""The working group's part of the quarterly report (R4.2): its members write findings and corrective actions, sign
them off (frozen from then on; reopening is explicit and logged), the executives acknowledge only after sign-off,
the next quarter follows up the corrective actions (Q1 looks back at the previous fiscal year's Q4); on screen, in
the PDF and in the XLSX; nobody else writes, and another agency is refused."""

import datetime
import io
from html.parser import HTMLParser
from unittest import mock

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest
from openpyxl import load_workbook

from oversight.models import FindingFollowUp, ReportAcknowledgement, WorkingGroupFinding, WorkingGroupReport
from oversight.reports import quarterly_report
from oversight.services import quarterly_findings_reopen, quarterly_findings_save, quarterly_findings_sign_off
from oversight.tests.test_reports import denied, local, pdf_text
from publishing.models import AgencyRole
from publishing.tests.utils import client_for, member_make, team_make

pytestmark = pytest.mark.django_db

LATE = {
    "finding": "ประกาศด่วนเรื่องน้ำท่วมเผยแพร่ช้ากว่า 24 ชั่วโมง",
    "corrective_action": "ผู้ดูแลระบบเว็บไซต์ตรวจคิวรออนุมัติทุกเช้า",
    "responsible": "กลุ่มงานเทคโนโลยีสารสนเทศ",
    "due_date": "2025-04-30",
}
SKIPPED = {
    "finding": "คู่มือสำหรับประชาชนสองรายการเผยแพร่โดยไม่ผ่านคณะทำงานฯ",
    "corrective_action": "ยกเลิกสิทธิ์เผยแพร่โดยตรงของผู้ดูแลระบบสูงสุด",
    "responsible": "นายสมศักดิ์ รักงาน",
    "due_date": "2025-05-15",
}


@pytest.fixture
def team(agency_site):
    return {
        **team_make(agency_site),
        "chair": member_make(agency_site, AgencyRole.WORKING_GROUP, "wg-chair", first_name="สมชาย", last_name="ใจดี"),
    }


def url(site, year, quarter) -> str:
    return reverse("oversight_report_quarterly") + f"?site={site.pk}&year={year}&quarter={quarter}"


def findings_post(summary, findings=(), *, stored=0, followups=None, sign_off=False, blank=1, based_on=None) -> dict:
    """The POST of the working group's form: the summary, the findings formset (``stored`` of them already saved,
    then ``blank`` empty rows as the page shows them), the follow-ups ``{finding pk: fields}`` and the version of the
    report the page was opened on (``based_on``, a report; none when it did not exist yet)."""
    data = {
        "action": "findings",
        "summary": summary,
        "loaded_at": based_on.updated_at.isoformat() if based_on else "",
        "findings-TOTAL_FORMS": len(findings) + blank,
        "findings-INITIAL_FORMS": stored,
        "findings-MIN_NUM_FORMS": 0,
        "findings-MAX_NUM_FORMS": 50,
    }
    rows = [*findings, *({"id": "", **dict.fromkeys(LATE, "")} for _ in range(blank))]
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"findings-{index}-{name}"] = value
    for pk, fields in (followups or {}).items():
        for name, value in fields.items():
            data[f"followup-{pk}-{name}"] = value
    if sign_off:
        data["sign_off"] = "1"
    return data


def signed_report(site, user, year, quarter, findings, summary="การเผยแพร่ส่วนใหญ่เป็นไปตามขั้นตอน", followups=None):
    """A signed-off working-group report, written through the services."""
    rows = [{**row, "due_date": datetime.date.fromisoformat(row["due_date"])} for row in findings]
    quarterly_findings_save(site, year, quarter, user, summary=summary, findings=rows, followups=followups or {})
    return quarterly_findings_sign_off(site, year, quarter, user)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


class _FormFields(HTMLParser):
    """What a browser would post from the working group's form: inputs, checked radios and textareas."""

    def __init__(self):
        super().__init__()
        self.data, self.inside, self.textarea = {}, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "working-group-form" in (attrs.get("class") or ""):
            self.inside = True
        if not self.inside or not attrs.get("name"):
            return
        if tag == "input" and attrs.get("type") in ("radio", "checkbox"):
            if "checked" in attrs:
                self.data[attrs["name"]] = attrs.get("value", "on")
        elif tag == "input":
            self.data[attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = ""

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            value = self.data[self.textarea]
            self.data[self.textarea] = value[1:] if value.startswith("\n") else value  # as browsers read it
            self.textarea = None
        elif tag == "form":
            self.inside = False


def page_form(client, page) -> dict:
    parser = _FormFields()
    parser.feed(client.get(page).content.decode())
    assert parser.data, "the page has no working-group form"
    return parser.data


def test_the_pages_own_form_round_trips(agency_site, team):
    """Posting back what the page shows (as a browser does) saves, and saves again, without a false conflict."""
    client = client_for(team["reviewer"])
    page = url(agency_site, 2568, 2)
    data = page_form(client, page)
    data.update({"summary": "สรุปจากหน้าจอ", **{f"findings-0-{name}": value for name, value in LATE.items()}})
    assert client.post(page, data).status_code == 302

    data = page_form(client, page)
    assert data["summary"] == "สรุปจากหน้าจอ" and data["findings-0-finding"] == LATE["finding"]
    data["findings-0-responsible"] = "สำนักงานจังหวัด"
    response = client.post(page, {**data, "sign_off": "1"}, follow=True)
    assert "ลงนามรายงานแล้ว ผู้บริหารบันทึกการรับทราบได้" in messages_of(response)
    report = WorkingGroupReport.objects.get()
    assert report.signed_off and [f.responsible for f in report.findings.all()] == ["สำนักงานจังหวัด"]


def test_a_working_group_member_writes_findings_and_signs_off(agency_site, team):
    chair = team["chair"]
    client = client_for(chair)
    page = client.get(url(agency_site, 2568, 2))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="findings-0-finding"' in html and "บันทึกและลงนามรายงาน" in html
    assert "ผู้บริหารบันทึกการรับทราบได้หลังจากคณะทำงานฯ ลงนาม" in html

    response = client.post(url(agency_site, 2568, 2), findings_post("มีการเผยแพร่ล่าช้า 1 รายการ", [LATE, SKIPPED]))
    assert response.status_code == 302
    report = WorkingGroupReport.objects.get(site=agency_site, fiscal_year=2568, quarter=2)
    assert (report.summary, report.updated_by, report.signed_off) == ("มีการเผยแพร่ล่าช้า 1 รายการ", chair, False)
    stored = list(report.findings.all())
    assert [(f.finding, f.responsible, f.due_date) for f in stored] == [
        (LATE["finding"], LATE["responsible"], datetime.date(2025, 4, 30)),
        (SKIPPED["finding"], SKIPPED["responsible"], datetime.date(2025, 5, 15)),
    ]
    assert ModelLogEntry.objects.filter(object_id=str(report.pk), action="wagtail.edit", user=chair).count() == 1
    # The page carries the version it shows, so that the next save is checked against it.
    html = client.get(url(agency_site, 2568, 2)).content.decode()
    assert f'name="loaded_at" value="{report.updated_at.isoformat()}"' in html
    assert f'name="findings-0-id" value="{stored[0].pk}"' in html and 'name="findings-INITIAL_FORMS" value="2"' in html

    # Edit the first, delete the second, add a third; then sign off in the same POST.
    edited = {**LATE, "id": stored[0].pk, "responsible": "กลุ่มงานสารสนเทศ"}
    removed = {**SKIPPED, "id": stored[1].pk, "DELETE": "on"}
    third = {**SKIPPED, "id": "", "finding": "ไม่ได้ทบทวนข้อมูลตามรอบ 3 รายการ"}
    response = client.post(
        url(agency_site, 2568, 2),
        findings_post("มีการเผยแพร่ล่าช้า", [edited, removed, third], stored=2, sign_off=True, based_on=report),
        follow=True,
    )
    assert "ลงนามรายงานแล้ว ผู้บริหารบันทึกการรับทราบได้" in messages_of(response)
    report.refresh_from_db()
    assert report.signed_off_by == chair and report.signed_off_at is not None
    assert [(f.pk, f.responsible) for f in report.findings.all()][0] == (stored[0].pk, "กลุ่มงานสารสนเทศ")
    assert [f.finding for f in report.findings.all()] == [LATE["finding"], third["finding"]]
    assert ModelLogEntry.objects.filter(object_id=str(report.pk), action="prongsai.report.sign_off").count() == 1

    html = response.content.decode()
    assert "ลงนามโดย สมชาย ใจดี (คณะทำงานฯ)" in html
    assert 'name="findings-0-finding"' not in html and "ไม่ได้ทบทวนข้อมูลตามรอบ 3 รายการ" in html

    # Frozen: a crafted POST changes nothing.
    response = client.post(url(agency_site, 2568, 2), findings_post("แก้หลังลงนาม", [LATE], based_on=report), follow=True)
    assert any("ลงนามรายงานของไตรมาสนี้แล้ว จึงแก้ไขไม่ได้" in m for m in messages_of(response))
    report.refresh_from_db()
    assert report.summary == "มีการเผยแพร่ล่าช้า" and report.findings.count() == 2


def test_bad_input_gets_a_thai_message_and_loses_nothing(agency_site, team):
    client = client_for(team["reviewer"])
    typo = {**LATE, "id": "", "responsible": "", "due_date": "2568-04-30"}  # a Buddhist-era year
    response = client.post(url(agency_site, 2568, 2), findings_post("สรุปที่พิมพ์ไว้ยาว ๆ", [typo, SKIPPED]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "ยังบันทึกไม่ได้ กรุณาแก้ไขข้อมูลตามข้อความที่แสดงด้านล่าง" in messages_of(response)
    assert "กรุณากรอกผู้รับผิดชอบ (บุคคลหรือหน่วยงาน)" in html
    assert "ปีที่ระบุ (2568) ไม่ถูกต้อง" in html
    # Everything typed is still there.
    for typed in ("สรุปที่พิมพ์ไว้ยาว ๆ", LATE["finding"], LATE["corrective_action"], SKIPPED["finding"], "2025-05-15"):
        assert typed in html, typed
    assert not WorkingGroupReport.objects.exists()

    # A partly filled new row is an error too, not silently dropped.
    half = {**dict.fromkeys(LATE, ""), "id": "", "finding": "เขียนไว้ครึ่งเดียว"}
    response = client.post(url(agency_site, 2568, 2), findings_post("สรุป", [half]))
    assert "กรุณากรอกแนวทางแก้ไข" in response.content.decode() and not WorkingGroupReport.objects.exists()

    # Signing off without a summary saves the findings but does not sign.
    response = client.post(url(agency_site, 2568, 2), findings_post("", [LATE], sign_off=True), follow=True)
    assert "กรุณาบันทึกสรุปผลการตรวจสอบของคณะทำงานฯ ก่อนลงนาม" in messages_of(response)
    report = WorkingGroupReport.objects.get()
    assert report.findings.count() == 1 and not report.signed_off

    # Nor before the quarter's last day (31 March for Q2): its figures are not complete.
    with mock.patch("django.utils.timezone.now", return_value=local(2025, 3, 30, 23, 0)):
        quarterly_findings_save(agency_site, 2568, 2, team["reviewer"], summary="สรุป", findings=[], followups={})
        with pytest.raises(ValidationError, match="ลงนามได้ตั้งแต่วันสุดท้ายของไตรมาส \\(31 มีนาคม 2568\\)"):
            quarterly_findings_sign_off(agency_site, 2568, 2, team["reviewer"])
    with mock.patch("django.utils.timezone.now", return_value=local(2025, 3, 31, 9, 0)):
        assert quarterly_findings_sign_off(agency_site, 2568, 2, team["reviewer"]).signed_off


def test_executives_acknowledge_only_after_sign_off(agency_site, team):
    executive = team["executive"]
    client = client_for(executive)
    page = url(agency_site, 2568, 2)
    quarterly_findings_save(
        agency_site, 2568, 2, team["reviewer"], summary="ฉบับร่าง", findings=[], followups={}
    )  # a draft only
    assert 'value="acknowledge"' not in client.get(page).content.decode()

    response = client.post(page, {"action": "acknowledge"}, follow=True)  # crafted
    assert "ผู้บริหารบันทึกการรับทราบได้หลังจากคณะทำงานฯ ลงนามรายงานของไตรมาสนี้แล้วเท่านั้น" in messages_of(response)
    assert not ReportAcknowledgement.objects.exists()
    with pytest.raises(ValidationError):
        from oversight.services import report_acknowledge

        report_acknowledge(agency_site, 2568, 2, executive)

    quarterly_findings_sign_off(agency_site, 2568, 2, team["reviewer"])
    assert 'value="acknowledge"' in client.get(page).content.decode()
    assert client.post(page, {"action": "acknowledge"}).status_code == 302
    acknowledgement = ReportAcknowledgement.objects.get()
    assert (acknowledgement.user, acknowledgement.fiscal_year, acknowledgement.quarter) == (executive, 2568, 2)

    # Acknowledged: the working group can no longer reopen it.
    response = client_for(team["reviewer"]).post(page, {"action": "reopen", "reason": "พิมพ์ผิด"}, follow=True)
    assert "ผู้บริหารรับทราบรายงานของไตรมาสนี้แล้ว จึงเปิดเพื่อแก้ไขไม่ได้" in messages_of(response)
    assert WorkingGroupReport.objects.get().signed_off


def test_reopening_is_explicit_and_logged(agency_site, team):
    report = signed_report(agency_site, team["chair"], 2568, 2, [LATE])
    client = client_for(team["reviewer"])
    page = url(agency_site, 2568, 2)
    assert "เปิดรายงานเพื่อแก้ไข" in client.get(page).content.decode()

    response = client.post(page, {"action": "reopen", "reason": "  "})
    assert response.status_code == 200 and "กรุณากรอกเหตุผลที่ต้องเปิดรายงานเพื่อแก้ไข" in response.content.decode()
    assert WorkingGroupReport.objects.get().signed_off

    assert client.post(page, {"action": "reopen", "reason": "ผู้รับผิดชอบไม่ถูกต้อง"}).status_code == 302
    report.refresh_from_db()
    assert not report.signed_off and report.signed_off_by is None
    entry = ModelLogEntry.objects.get(object_id=str(report.pk), action="prongsai.report.reopen")
    assert entry.user == team["reviewer"]
    assert entry.data["reason"] == "ผู้รับผิดชอบไม่ถูกต้อง" and entry.data["signed_off_by"] == "wg-chair"
    assert 'name="findings-0-finding"' in client.get(page).content.decode()

    # Once the next quarter has followed up its actions, it stays closed.
    quarterly_findings_sign_off(agency_site, 2568, 2, team["reviewer"])
    finding = report.findings.get()
    quarterly_findings_save(
        agency_site,
        2568,
        3,
        team["reviewer"],
        summary="",
        findings=[],
        followups={finding.pk: {"status": "done", "done_on": datetime.date(2025, 4, 20), "note": ""}},
    )
    with pytest.raises(ValidationError, match="ติดตามผล"):
        quarterly_findings_reopen(agency_site, 2568, 2, team["reviewer"], "อีกครั้ง")


def test_editors_and_other_agencies_are_refused(agency_site, second_agency_site, team):
    signed_report(agency_site, team["chair"], 2568, 2, [LATE])
    page = url(agency_site, 2568, 3)
    town = team_make(second_agency_site, prefix="town-")
    for user in (team["editor"], town["reviewer"], town["executive"]):
        client = client_for(user)
        assert denied(client.get(page))
        assert denied(client.get(url(agency_site, 2568, 2)))
        assert denied(client.post(page, findings_post("แทรกโดยผู้อื่น", [LATE])))
        assert denied(client.post(url(agency_site, 2568, 2), {"action": "reopen", "reason": "x"}))
        for fmt in ("pdf", "xlsx"):
            export = reverse("oversight_report_quarterly_export", args=[fmt])
            assert denied(client.get(export, {"site": agency_site.pk}))
    # Another agency's working group sees its own agency's report, never this one's findings.
    html = client_for(town["reviewer"]).get(reverse("oversight_report_quarterly"), {"year": 2568, "quarter": 2})
    assert LATE["finding"] not in html.content.decode()

    # The agency's administrators and executives read the findings but do not write them.
    for user in (team["admin"], team["executive"]):
        client = client_for(user)
        html = client.get(url(agency_site, 2568, 2)).content.decode()
        assert LATE["finding"] in html and 'name="findings-0-finding"' not in html
        assert denied(client.post(page, findings_post("แทรกโดยผู้อื่น", [LATE])))
        assert denied(client.post(url(agency_site, 2568, 2), {"action": "reopen", "reason": "x"}))
        with pytest.raises(PermissionDenied):
            quarterly_findings_save(agency_site, 2568, 3, user, summary="x", findings=[], followups={})
    assert not WorkingGroupReport.objects.filter(quarter=3).exists()
    assert WorkingGroupReport.objects.get(quarter=2).signed_off


def test_a_crafted_id_cannot_reach_another_report(agency_site, second_agency_site, team):
    town = team_make(second_agency_site, prefix="town-")
    theirs = signed_report(second_agency_site, town["reviewer"], 2568, 2, [LATE]).findings.get()
    client = client_for(team["reviewer"])
    # Editing their finding through our form; following it up from our Q3.
    response = client.post(url(agency_site, 2568, 2), findings_post("x", [{**SKIPPED, "id": theirs.pk}], stored=1))
    assert "ไม่พบข้อค้นพบที่ต้องการแก้ไขในรายงานนี้" in " ".join(messages_of(response))
    with pytest.raises(ValidationError):
        quarterly_findings_save(
            agency_site,
            2568,
            3,
            team["reviewer"],
            summary="x",
            findings=[],
            followups={theirs.pk: {"status": "done", "done_on": datetime.date(2025, 4, 1), "note": ""}},
        )
    assert WorkingGroupFinding.objects.get(pk=theirs.pk).finding == LATE["finding"]
    assert not FindingFollowUp.objects.exists()


def test_next_quarter_follows_up_last_quarters_actions(agency_site, team):
    q2 = signed_report(agency_site, team["chair"], 2568, 2, [LATE, SKIPPED])
    late, skipped = q2.findings.all()
    client = client_for(team["reviewer"])
    page = url(agency_site, 2568, 3)
    html = client.get(page).content.decode()
    assert "6. ผลการดำเนินการตามแนวทางแก้ไขของรายงานไตรมาสที่ 2 ปีงบประมาณ พ.ศ. 2568" in html
    assert f'name="followup-{late.pk}-status"' in html and LATE["corrective_action"] in html

    # Signing off while an action has no follow-up is refused.
    response = client.post(page, findings_post("ไตรมาส 3 เรียบร้อย", sign_off=True), follow=True)
    assert any("ยังขาด 2 รายการ" in m for m in messages_of(response))

    q3 = WorkingGroupReport.objects.get(fiscal_year=2568, quarter=3)

    # "Not done" needs a note, "done" a date; the rest of the form is kept.
    followups = {late.pk: {"status": "done", "done_on": ""}, skipped.pk: {"status": "not_done", "note": ""}}
    response = client.post(page, findings_post("ไตรมาส 3 เรียบร้อย", followups=followups, based_on=q3))
    html = response.content.decode()
    assert "กรุณาระบุวันที่ดำเนินการแล้วเสร็จ" in html and "กรุณาระบุเหตุผลหรือแผนการดำเนินการ" in html
    assert "ไตรมาส 3 เรียบร้อย" in html and not FindingFollowUp.objects.exists()

    followups = {
        late.pk: {"status": "done", "done_on": "2025-04-20", "note": ""},
        skipped.pk: {"status": "not_done", "done_on": "", "note": "รอคำสั่งแต่งตั้งใหม่"},
    }
    data = findings_post("ไตรมาส 3 เรียบร้อย", followups=followups, sign_off=True, based_on=q3)
    response = client.post(page, data, follow=True)
    assert "ลงนามรายงานแล้ว ผู้บริหารบันทึกการรับทราบได้" in messages_of(response)
    assert {f.finding_id: (f.status, f.done_on, f.note, f.report_id) for f in FindingFollowUp.objects.all()} == {
        late.pk: ("done", datetime.date(2025, 4, 20), "", q3.pk),
        skipped.pk: ("not_done", None, "รอคำสั่งแต่งตั้งใหม่", q3.pk),
    }

    report = quarterly_report(agency_site, 2568, 3)
    wg = report.working_group
    assert (wg.previous_fiscal_year, wg.previous_quarter, wg.previous_report) == (2568, 2, q2)
    assert [(f.finding, f.followup_or_none.status) for f in wg.previous_findings] == [
        (LATE["finding"], "done"),
        (SKIPPED["finding"], "not_done"),
    ]
    html = response.content.decode()
    assert 'data-followup="done"' in html and "ดำเนินการแล้ว เมื่อ 20 เมษายน 2568" in html
    assert 'data-followup="not_done"' in html and "รอคำสั่งแต่งตั้งใหม่" in html


def test_q1_follows_up_the_previous_fiscal_years_q4(agency_site, team):
    q4 = signed_report(agency_site, team["chair"], 2568, 4, [{**LATE, "due_date": "2025-11-30"}])
    report = quarterly_report(agency_site, 2569, 1)
    wg = report.working_group
    assert (wg.previous_fiscal_year, wg.previous_quarter, wg.previous_report) == (2568, 4, q4)
    assert [f.finding for f in wg.previous_findings] == [LATE["finding"]] and wg.followups_missing
    assert report.previous_label == "ไตรมาสที่ 4 ปีงบประมาณ พ.ศ. 2568"
    html = client_for(team["reviewer"]).get(url(agency_site, 2569, 1)).content.decode()
    assert "แนวทางแก้ไขของรายงานไตรมาสที่ 4 ปีงบประมาณ พ.ศ. 2568" in html
    assert f'name="followup-{q4.findings.get().pk}-status"' in html
    # Q2 of the same year looks at Q1, not at the previous year's Q4.
    assert quarterly_report(agency_site, 2569, 2).working_group.previous_findings == []


def test_pdf_and_xlsx_hold_the_findings_and_their_follow_up(agency_site, team):
    q2 = signed_report(agency_site, team["chair"], 2568, 2, [LATE, SKIPPED])
    late, skipped = q2.findings.all()
    signed_report(
        agency_site,
        team["chair"],
        2568,
        3,
        [{**SKIPPED, "finding": "ผู้จัดทำข้อมูลไม่แนบแบบฟอร์ม", "due_date": "2025-08-31"}],
        summary="ยังพบการเผยแพร่ล่าช้า",
        followups={
            late.pk: {"status": "done", "done_on": datetime.date(2025, 4, 20), "note": ""},
            skipped.pk: {"status": "not_done", "done_on": None, "note": "รอคำสั่งแต่งตั้งใหม่"},
        },
    )
    client = client_for(team["executive"])
    query = {"site": agency_site.pk, "year": 2568, "quarter": 3}

    workbook = load_workbook(
        io.BytesIO(client.get(reverse("oversight_report_quarterly_export", args=["xlsx"]), query).content)
    )
    summary = [row for row in workbook["สรุป"].iter_rows(values_only=True) if row and row[0]]
    assert ("ยังพบการเผยแพร่ล่าช้า",) == summary[[row[0] for row in summary].index("ผลการตรวจสอบของคณะทำงานฯ") + 1][:1]
    assert any(row[0] == "ลงนามโดย สมชาย ใจดี" for row in summary)
    assert ("แนวทางแก้ไขของไตรมาสที่ 2 ปีงบประมาณ พ.ศ. 2568 ดำเนินการแล้ว", "1 จาก 2") in [row[:2] for row in summary]
    findings = list(workbook["ข้อค้นพบและแนวทางแก้ไข"].iter_rows(min_row=2, values_only=True))
    assert findings == [
        (1, "ผู้จัดทำข้อมูลไม่แนบแบบฟอร์ม", SKIPPED["corrective_action"], SKIPPED["responsible"], "31 สิงหาคม 2568")
    ]
    followed = list(workbook["ติดตามผลไตรมาสก่อน"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in followed] == [LATE["finding"], SKIPPED["finding"]]
    assert followed[0][5:] == ("ดำเนินการแล้ว", "20 เมษายน 2568", "-")
    assert followed[1][5:] == ("ยังไม่ได้ดำเนินการ", "-", "รอคำสั่งแต่งตั้งใหม่")

    response = client.get(reverse("oversight_report_quarterly_export", args=["pdf"]), query)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    # Table cells wrap where pypdf loses or adds spaces: compare without them.
    text = "".join(pdf_text(response.content).split())
    for expected in (
        "ผลการตรวจสอบการเผยแพร่ตามขั้นตอนของคณะทำงานฯ",
        "ยังพบการเผยแพร่ล่าช้า",
        "ผู้จัดทำข้อมูลไม่แนบแบบฟอร์ม",
        SKIPPED["responsible"],
        "31 สิงหาคม 2568",
        "ผลการดำเนินการตามแนวทางแก้ไขของรายงานไตรมาสที่ 2 ปีงบประมาณ พ.ศ. 2568",
        LATE["corrective_action"],
        "ดำเนินการแล้ว เมื่อ 20 เมษายน 2568",
        "รอคำสั่งแต่งตั้งใหม่",
        "(สมชาย ใจดี)",
        "ลงนามในระบบเมื่อ",
    ):
        assert "".join(expected.split()) in text, expected


def test_two_members_saving_at_once_lose_nothing(agency_site, team):
    """A member who opened the page before another member saved is told so, with what they typed still on the
    page; saving again is then their deliberate choice."""
    first, second = client_for(team["reviewer"]), client_for(team["chair"])
    page = url(agency_site, 2568, 2)
    assert second.post(page, findings_post("ฉบับของประธาน", [SKIPPED])).status_code == 302

    response = first.post(page, findings_post("ฉบับของสมาชิก", [LATE]))  # opened before the chair saved
    html = response.content.decode()
    assert response.status_code == 200
    assert any("สมชาย ใจดี บันทึกรายงานนี้เมื่อ" in m for m in messages_of(response))
    assert "ฉบับของสมาชิก" in html and LATE["finding"] in html
    report = WorkingGroupReport.objects.get()
    assert report.summary == "ฉบับของประธาน" and [f.finding for f in report.findings.all()] == [SKIPPED["finding"]]

    # The page now carries the stored version: saving again replaces it, knowingly.
    loaded_at = response.context["working_group_forms"].summary["loaded_at"].value()
    assert loaded_at == report.updated_at.isoformat()
    assert first.post(page, {**findings_post("ฉบับของสมาชิก", [LATE]), "loaded_at": loaded_at}).status_code == 302
    report.refresh_from_db()
    assert report.summary == "ฉบับของสมาชิก" and [f.finding for f in report.findings.all()] == [LATE["finding"]]
