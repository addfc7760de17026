"""The personal-data guard: what is found (and what is not) in text, in a page under review and in the documents
it publishes; the working group must tick the personal-data check before approving when something was found."""

import json

from django.urls import reverse

from wagtail.models import TaskState

import pytest

from core.models import AgencySettings, OrganisationUnit, PageDocument, agency_data_publish
from documents.models import LibraryDocument
from documents.tests import samples
from publishing import personal_data
from publishing.models import ChecklistReview, ChecklistTask
from publishing.personal_data import (
    MAX_SCAN_CHARS,
    AgencyContacts,
    agency_contacts,
    personal_data_of_task_state,
    text_personal_data,
    thai_id_is_valid,
)
from publishing.services import ChecklistRefused, checklist_decide
from services.models import ServiceStep

from .utils import CHECKS, client_for, current_task_state, manual_draft, reload, submit, team_make, wg_approve

pytestmark = pytest.mark.django_db


def national_id(first12: str) -> str:
    """A national ID number with a valid check digit."""
    total = sum(int(digit) * weight for digit, weight in zip(first12, range(13, 1, -1), strict=True))
    return first12 + str((11 - total % 11) % 10)


def wrong_check_digit(first12: str) -> str:
    valid = national_id(first12)
    return valid[:12] + str((int(valid[12]) + 1) % 10)


VALID_ID = national_id("110170012345")  # 1101700123454
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def kinds(text, contacts=None):
    found, _truncated = text_personal_data(text, contacts or AgencyContacts())
    return found


# Finding --------------------------------------------------------------------------------------------------------


def test_the_check_digit():
    assert thai_id_is_valid(VALID_ID)
    assert not thai_id_is_valid(wrong_check_digit("110170012345"))
    assert thai_id_is_valid("3100600123457") == (national_id("310060012345") == "3100600123457")


@pytest.mark.parametrize(
    "written",
    [
        VALID_ID,
        f"{VALID_ID[0]}-{VALID_ID[1:5]}-{VALID_ID[5:10]}-{VALID_ID[10:12]}-{VALID_ID[12]}",
        f"{VALID_ID[0]} {VALID_ID[1:5]} {VALID_ID[5:10]} {VALID_ID[10:12]} {VALID_ID[12]}",
        VALID_ID.translate(THAI),
        f"{VALID_ID[0]}-{VALID_ID[1:5]}-{VALID_ID[5:10]}-{VALID_ID[10:12]}-{VALID_ID[12]}".translate(THAI),
    ],
)
def test_national_id_numbers_are_found_plain_grouped_and_in_thai_digits(written):
    assert kinds(f"ผู้ยื่นคำขอ นายสมชาย ใจดี เลขประจำตัวประชาชน {written} ที่อยู่") == [("national_id", VALID_ID)]


def test_thirteen_digits_with_a_wrong_check_digit_are_not_flagged():
    contract = wrong_check_digit("660514000123")
    grouped = f"{contract[:1]}-{contract[1:5]}-{contract[5:10]}-{contract[10:12]}-{contract[12]}"
    assert kinds(f"เลขที่โครงการ {contract} สัญญาเลขที่ {grouped}") == []
    # Nor part of a longer number.
    assert kinds(f"เลขอ้างอิง 9{VALID_ID}7") == []


def test_mobile_numbers_and_emails_are_found_landlines_are_not():
    text = (
        "ติดต่อ นางสาวสมหญิง 081-234-5678 หรือ ๐๘๙ ๑๒๓ ๔๕๖๗ หรือ +66 62 345 6789 "
        "สำนักงาน 0 3242 5000 ต่อ 102 หรือ 02-123-4567 อีเมล Somying.J@Gmail.com"
    )
    assert kinds(text) == [
        ("mobile", "0812345678"),
        ("mobile", "0891234567"),
        ("mobile", "0623456789"),
        ("email", "somying.j@gmail.com"),
    ]


def test_the_agencys_own_contact_details_are_not_flagged(agency_site):
    settings = AgencySettings.for_site(agency_site)
    settings.phone, settings.email = "032-425-000, 081-111-2222", "saraban@phetchaburi.go.th"
    settings.save()
    agency_data_publish(
        OrganisationUnit(site=agency_site, name="สำนักงานจังหวัด", phone="089-999-0000", email="office.pbi@gmail.com")
    )
    contacts = agency_contacts(agency_site)
    text = (
        "ติดต่อ 081-111-2222 หรือ 089 999 0000 อีเมล saraban@phetchaburi.go.th ict@phetchaburi.go.th "
        "office.pbi@gmail.com ส่วนตัว 086-555-1234 somchai@gmail.com"
    )
    assert kinds(text, contacts) == [("mobile", "0865551234"), ("email", "somchai@gmail.com")]


def test_a_webmail_domain_is_never_the_agencys_own(agency_site):
    settings = AgencySettings.for_site(agency_site)
    settings.email = "pbi.province@gmail.com"
    settings.save()
    assert kinds("somchai@gmail.com", agency_contacts(agency_site)) == [("email", "somchai@gmail.com")]


def test_a_large_source_is_scanned_up_to_the_cap_only(monkeypatch):
    monkeypatch.setattr(personal_data, "MAX_SCAN_CHARS", 1000)
    before_cap = "ก" * 900 + f" {VALID_ID} " + "ข" * 200
    found, truncated = text_personal_data(before_cap)
    assert found == [("national_id", VALID_ID)] and truncated
    after_cap = "ก" * 1000 + f" {VALID_ID}"
    assert text_personal_data(after_cap) == ([], True)
    assert text_personal_data("ก" * 1000) == ([], False)
    # The default cap is the one declared, and bounds what a document contributes.
    assert MAX_SCAN_CHARS == 1_000_000


def test_masked_values_hide_most_digits():
    scan = personal_data.personal_data_scan([("ที่อยู่", f"{VALID_ID} 0812345678 somchai@gmail.com")], AgencyContacts())
    assert [(f.kind_label, f.where, f.masked) for f in scan.findings] == [
        ("เลขประจำตัวประชาชน", "ที่อยู่", f"X-XXXX-XXXX{VALID_ID[9]}-{VALID_ID[10:12]}-{VALID_ID[12]}"),
        ("หมายเลขโทรศัพท์เคลื่อนที่", "ที่อยู่", "XXX-XXX-5678"),
        ("อีเมล", "ที่อยู่", "so*****@gmail.com"),
    ]


# In the procedure -------------------------------------------------------------------------------------------------


@pytest.fixture
def team(agency_site):
    return team_make(agency_site)


@pytest.fixture
def docx_with_an_id(agency_site, team):
    """A DOCX form filled in with a citizen's national ID number, uploaded by the editor."""
    collection = AgencySettings.for_site(agency_site).collection
    response = client_for(team["editor"]).post(
        reverse("wagtaildocs:add"),
        {
            "title": "คำร้องขออนุญาตก่อสร้าง (ตัวอย่างที่กรอกแล้ว)",
            "file": samples.upload("คำร้อง.docx", samples.docx_bytes(f"ผู้ยื่นคำร้อง เลขประจำตัวประชาชน {VALID_ID}")),
            "collection": collection.pk,
            "kind": "form",
            "language": "th",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = LibraryDocument.objects.get()
    assert VALID_ID in document.extracted_text
    return document


@pytest.fixture
def submitted_with_docx(agency_site, team, docx_with_an_id):
    page = manual_draft(agency_site, team["editor"])
    page.published_documents.add(PageDocument(document=docx_with_an_id))
    page.save_revision(user=team["editor"])
    submit(page, team["editor"])
    return reload(page)


def _modal(user, page):
    state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    return json.loads(client_for(user).get(url).content)["html"]


def test_a_docx_with_a_national_id_is_flagged_and_needs_the_tick(team, submitted_with_docx, docx_with_an_id):
    page = submitted_with_docx
    html = _modal(team["reviewer"], page)
    assert "พบข้อมูลส่วนบุคคล" in html
    assert f"เอกสาร “{docx_with_an_id.title}”" in html
    assert f"X-XXXX-XXXX{VALID_ID[9]}-{VALID_ID[10:12]}-{VALID_ID[12]}" in html
    assert VALID_ID not in html  # never shown whole
    assert 'name="personal_data"' in html

    # Approving with the four checks but without the personal-data tick: refused, in the modal...
    state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    response = client_for(team["reviewer"]).post(
        url,
        {**CHECKS, "information_class": "on_change", "review_of": state.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert "ต้องตรวจสอบข้อมูลส่วนบุคคลก่อนอนุมัติ" in json.loads(response.content)["html"]
    # ... and on a crafted POST that leaves out the modal's hidden field, and on the service itself.
    response = wg_approve(team["reviewer"], page)
    assert response.status_code in (302, 403)
    state = current_task_state(page)
    assert isinstance(state.task.specific, ChecklistTask) and state.status == TaskState.STATUS_IN_PROGRESS
    with pytest.raises(ChecklistRefused, match="ข้อมูลส่วนบุคคล"):
        checklist_decide(state, team["reviewer"], "approve", {**CHECKS, "information_class": "on_change"})
    assert not ChecklistReview.objects.exists()

    # With the tick: accepted, and the findings are stored (masked) with the review.
    wg_approve(team["reviewer"], page, personal_data="on")
    review = ChecklistReview.objects.get()
    assert review.personal_data and review.all_checked and review.personal_data_count == 1
    assert review.personal_data_findings == [
        {
            "kind": "national_id",
            "where": f"เอกสาร “{docx_with_an_id.title}”",
            "masked": f"X-XXXX-XXXX{VALID_ID[9]}-{VALID_ID[10:12]}-{VALID_ID[12]}",
            "count": 1,
        }
    ]
    assert VALID_ID not in json.dumps(review.personal_data_findings)
    assert type(current_task_state(page).task.specific) is not ChecklistTask


def test_personal_data_in_the_pages_own_text_and_child_rows_is_found(agency_site, team):
    page = manual_draft(agency_site, team["editor"])
    page.complaint_channels = "ร้องเรียนได้ที่ นายสมชาย 086-555-1234"
    page.steps = [ServiceStep(name=f"ยื่นคำขอพร้อมสำเนาบัตร {VALID_ID}", duration=15, unit="minutes")]
    page.save_revision(user=team["editor"])
    state = submit(page, team["editor"])
    scan = personal_data_of_task_state(state)
    where = {(finding.kind, finding.where) for finding in scan.findings}
    assert ("mobile", "ช่องทางการร้องเรียน") in where, where
    assert any(kind == "national_id" and "ลำดับที่ 1" in place for kind, place in where), where


def test_nothing_found_needs_no_tick(team, agency_site):
    page = manual_draft(agency_site, team["editor"])
    page.complaint_channels = f"เลขที่สัญญา {wrong_check_digit('660514000123')} โทร 0 3242 5000"
    page.save_revision(user=team["editor"])
    submit(page, team["editor"])
    assert "พบข้อมูลส่วนบุคคล" not in _modal(team["reviewer"], page)
    wg_approve(team["reviewer"], page)
    review = ChecklistReview.objects.get()
    assert review.all_checked and not review.personal_data and review.personal_data_findings == []


def test_a_register_of_citizens_lists_a_bounded_number_of_values(monkeypatch):
    monkeypatch.setattr(personal_data, "MAX_FINDINGS_PER_SOURCE", 2)
    ids = [national_id(f"1101700{n:05d}") for n in range(5)]
    scan = personal_data.personal_data_scan([("ทะเบียน", " ".join(ids + ids[:1]))], AgencyContacts())
    assert [(f.masked == personal_data.MORE, f.count) for f in scan.findings] == [(False, 2), (False, 1), (True, 3)]
