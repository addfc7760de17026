"""The Phetchaburi demo content of R1.1-R1.4: idempotent, complete, and every page renders."""

from wagtail.images import get_image_model
from wagtail.models import Page

import pytest

from core.models import OrganisationUnit
from disclosure import demo
from disclosure.models import (
    ExecutivesPage,
    LawPage,
    MonitoringReportPage,
    OfficialInfoPage,
    PlanPage,
    ProcurementSummaryPage,
)
from documents.models import LibraryDocument

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "pages": Page.objects.count(),
        "units": OrganisationUnit.objects.count(),
        "documents": LibraryDocument.objects.count(),
        "images": get_image_model().objects.count(),
    }


def test_load_twice_creates_nothing_new_and_every_page_renders(agency_site, client):
    demo.load(agency_site)
    first = _counts()
    demo.load(agency_site)
    assert _counts() == first

    pages = Page.objects.descendant_of(agency_site.root_page).live().specific()
    disclosure_pages = [page for page in pages if page._meta.app_label == "disclosure"]
    assert len(disclosure_pages) > 40
    for page in disclosure_pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        if not page.get_children().exists():
            assert "ข้อมูล ณ วันที่" in response.content.decode(), page.url


def test_demo_covers_what_the_announcement_asks_for(agency_site, client):
    demo.load(agency_site)

    executives = ExecutivesPage.objects.get()
    response = client.get(executives.url)
    assert "(ตัวอย่าง)" in response.content.decode()
    assert "ตำแหน่งว่าง" in response.content.decode()

    years = set(PlanPage.objects.values_list("fiscal_year_start", flat=True))
    assert {2566, 2567, 2568, 2569} <= years
    reports = MonitoringReportPage.objects.all()
    assert reports.count() >= 8
    assert all(report.published_documents.filter(document__file__endswith=".pdf").exists() for report in reports)

    assert LawPage.objects.count() >= 5
    announcement = LawPage.objects.get(slug="announcement-website-disclosure-2561")
    assert announcement.issued_date.isoformat() == "2018-05-01"
    assert announcement.published_documents.count() == 1
    oia = LawPage.objects.get(slug="official-information-act-2540")
    assert (oia.gazette_volume, oia.gazette_section, oia.gazette_date.isoformat()) == ("114", "46 ก", "1997-09-10")
    assert all(law.source_url or law.has_gazette_reference for law in LawPage.objects.all())

    codes = set(OfficialInfoPage.objects.exclude(category=None).values_list("category__code", flat=True))
    assert len(codes) >= 5
    summaries = ProcurementSummaryPage.objects.all()
    assert sorted((s.year_be, s.month) for s in summaries) == sorted(
        [(fiscal - 1, month) for fiscal in (2568, 2569) for month in (10, 11, 12)]
        + [(fiscal, month) for fiscal in (2568, 2569) for month in range(1, 10)]
    )
    assert summaries.filter(no_procurement=True).count() == 2
    for form in summaries.exclude(form_document=None):
        assert form.form_document.file_type_label == "XLSX"
    with_rows = [s for s in summaries if s.procurement_rows.exists()]
    assert len(with_rows) == 20
    assert sorted({s.fiscal_year for s in summaries}) == [2568, 2569]


def test_every_demo_page_opens_in_the_editor(agency_site, client, django_user_model):
    from django.urls import reverse

    demo.load(agency_site)
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.com", "password-123456"))
    seen = set()
    for page in Page.objects.descendant_of(agency_site.root_page, inclusive=False).specific():
        if page._meta.app_label != "disclosure" or type(page) in seen:
            continue
        seen.add(type(page))
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, type(page).__name__
    assert len(seen) == 12
