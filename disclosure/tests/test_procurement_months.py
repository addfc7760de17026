"""monthly procurement summaries (แบบ สขร.1, OIA s.9(8)): one per month per agency, and the months of the
current fiscal year without a live summary flagged on the dashboard and in the compliance matrix."""

import datetime
from unittest import mock

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset

import pytest

from disclosure.models import ProcurementSummaryPage
from disclosure.selectors import ReportMonth, procurement_months_due, procurement_months_missing
from publishing.models import AgencyRole
from publishing.tests.utils import client_for, member_make

from .utils import admin_add_post, category, official_info_index, page_form_data, publish_under

pytestmark = pytest.mark.django_db

# Fiscal year 2569 began on 1 October 2025; on 15 March 2026 October to February are due.
TODAY = datetime.date(2026, 3, 15)
DUPLICATE = "หน่วยงานนี้มีสรุปผลการจัดซื้อจัดจ้างประจำเดือนพฤศจิกายน 2568 แล้ว"


def _summary(site, month, year_be, live=True, slug=None):
    page = ProcurementSummaryPage(
        title=f"สรุปผลการจัดซื้อจัดจ้าง {month}/{year_be}",
        slug=slug or f"procurement-{year_be}-{month}",
        category=category("9(8)-1"),
        month=month,
        year_be=year_be,
        no_procurement=True,
    )
    if live:
        return publish_under(official_info_index(site), page)
    page.live = False
    official_info_index(site).add_child(instance=page)
    return page


def _form(month="11", year_be="2568", slug="procurement-second"):
    return page_form_data(
        title="สรุปผลการจัดซื้อจัดจ้าง พฤศจิกายน 2568 (ฉบับที่สอง)",
        slug=slug,
        category=category("9(8)-1").pk,
        month=month,
        year_be=year_be,
        summary="",
        no_procurement="on",
        form_document="",
        procurement_rows=inline_formset([]),
    )


# --- the selector ------------------------------------------------------------------------------------------------


def test_the_months_due_run_from_october_to_last_month():
    assert procurement_months_due(TODAY) == [
        ReportMonth(2568, 10),
        ReportMonth(2568, 11),
        ReportMonth(2568, 12),
        ReportMonth(2569, 1),
        ReportMonth(2569, 2),
    ]
    assert [m.label for m in procurement_months_due(TODAY)][0] == "ตุลาคม 2568"
    assert procurement_months_due(datetime.date(2025, 10, 31)) == []  # September closed the previous year
    assert procurement_months_due(datetime.date(2025, 11, 1)) == [ReportMonth(2568, 10)]
    assert len(procurement_months_due(datetime.date(2026, 9, 30))) == 11


def test_months_without_a_live_summary_of_this_agency_are_missing(agency_site, second_agency_site):
    _summary(agency_site, 11, 2568)
    _summary(agency_site, 1, 2569)
    _summary(agency_site, 12, 2568, live=False)  # a draft does not count
    _summary(agency_site, 9, 2568)  # the previous fiscal year's September does not fill anything
    _summary(second_agency_site, 10, 2568)  # another agency's October is not this agency's
    assert procurement_months_missing(agency_site, TODAY) == [
        ReportMonth(2568, 10),
        ReportMonth(2568, 12),
        ReportMonth(2569, 2),
    ]
    assert ReportMonth(2568, 10) not in procurement_months_missing(second_agency_site, TODAY)


# --- one summary per month per agency ---------------------------------------------------------------------------


def test_a_second_summary_for_the_same_month_is_refused_in_the_admin_form(agency_site, admin_client):
    first = _summary(agency_site, 11, 2568)
    response = admin_add_post(admin_client, official_info_index(agency_site), ProcurementSummaryPage, _form())
    assert response.status_code == 200
    assert DUPLICATE in response.content.decode() and first.title in response.content.decode()
    # Nothing lost: the form comes back with what was typed; nothing was saved.
    assert "สรุปผลการจัดซื้อจัดจ้าง พฤศจิกายน 2568 (ฉบับที่สอง)" in response.content.decode()
    assert ProcurementSummaryPage.objects.count() == 1
    # Another month is accepted.
    response = admin_add_post(admin_client, official_info_index(agency_site), ProcurementSummaryPage, _form("12"))
    assert response.status_code == 302
    assert ProcurementSummaryPage.objects.filter(month=12, year_be=2568).exists()


def test_editing_a_summary_onto_a_month_already_reported_is_refused(agency_site, admin_client):
    _summary(agency_site, 11, 2568)
    other = _summary(agency_site, 12, 2568)
    data = _form(slug=other.slug)
    data["action-publish"] = "action-publish"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[other.pk]), data)
    assert response.status_code == 200
    assert response.content.decode().count(DUPLICATE) == 1
    other.refresh_from_db()
    assert other.month == 12


def test_the_same_month_in_another_agency_is_accepted(agency_site, second_agency_site, admin_client):
    _summary(agency_site, 11, 2568)
    response = admin_add_post(admin_client, official_info_index(second_agency_site), ProcurementSummaryPage, _form())
    assert response.status_code == 302
    assert ProcurementSummaryPage.objects.filter(month=11, year_be=2568).count() == 2


def test_the_model_refuses_a_second_summary_for_the_month(agency_site):
    """Outside the admin form too: a draft of the same month (e.g. a copied page) is never checked or published."""
    _summary(agency_site, 11, 2568)
    draft = _summary(agency_site, 11, 2568, live=False, slug="copy")  # Wagtail checks only title and slug of a draft
    with pytest.raises(ValidationError) as error:
        draft.full_clean()
    assert "พฤศจิกายน 2568" in error.value.message_dict["month"][0]
    with pytest.raises(ValidationError):
        draft.save_revision().publish()
    assert ProcurementSummaryPage.objects.live().count() == 1


# --- where the missing months are flagged -----------------------------------------------------------------------


def test_the_dashboard_flags_the_missing_months_to_the_agencys_administrators_and_editors(
    agency_site, second_agency_site
):
    _summary(agency_site, 10, 2568)
    for month in (10, 11, 12):
        _summary(second_agency_site, month, 2568)
    for month in (1, 2):
        _summary(second_agency_site, month, 2569)
    heading = "สรุปผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1) ที่ยังไม่เผยแพร่"
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        for role in (AgencyRole.ADMINISTRATORS, AgencyRole.EDITORS):
            html = client_for(member_make(agency_site, role, f"p-{role}")).get(reverse("wagtailadmin_home"))
            html = html.content.decode()
            assert heading in html
            panel = html.split(heading, 1)[1]
            for label in ("พฤศจิกายน 2568", "ธันวาคม 2568", "มกราคม 2569", "กุมภาพันธ์ 2569"):
                assert label in panel
            assert "<li>ตุลาคม 2568</li>" not in panel
            add = reverse(
                "wagtailadmin_pages:add",
                args=["disclosure", "procurementsummarypage", official_info_index(agency_site).pk],
            )
            assert add in panel
        # The working group is not asked to write them; the other agency has every month.
        reviewer = member_make(agency_site, AgencyRole.WORKING_GROUP, "p-reviewer")
        assert heading not in client_for(reviewer).get(reverse("wagtailadmin_home")).content.decode()
        other = member_make(second_agency_site, AgencyRole.EDITORS, "p-other-editor")
        assert heading not in client_for(other).get(reverse("wagtailadmin_home")).content.decode()


def test_the_compliance_matrix_flags_the_missing_months(agency_site):
    _summary(agency_site, 10, 2568)
    _summary(agency_site, 12, 2568)
    admin = member_make(agency_site, AgencyRole.ADMINISTRATORS, "p-admin")
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        html = client_for(admin).get(reverse("oversight_compliance")).content.decode()
    assert "แบบ สขร.1) ที่ยังไม่เผยแพร่ (3 เดือน)" in html
    assert "พฤศจิกายน 2568, มกราคม 2569, กุมภาพันธ์ 2569" in html
