"""The demo agency is ITA-ready: after the demo content is loaded, every OIT 2566 item has live, public
evidence, the public ITA page shows no item without it, and the procedure's own appointment order is published."""

import io
import re

from django.core.management import call_command
from django.db import transaction

from wagtail.models import Page

import pytest

from integrity import demo as integrity_demo
from integrity.models import IntegrityIndexPage, IntegrityItemKind, IntegrityItemPage
from oversight.models import ItaFramework, PageItaItem
from oversight.selectors import MISSING, evidence_rows


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The Phetchaburi demo as ``bootstrap_demo`` loads it (every app's ``demo.load``), once for the module, inside a
    transaction rolled back at the end."""
    from agencies.services import agency_setup
    from conftest import _restore_wagtail_initial_data

    with django_db_blocker.unblock(), transaction.atomic():
        _restore_wagtail_initial_data()
        site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
        call_command("load_demo_content", hostname="localhost", stdout=io.StringIO())
        yield site
        transaction.set_rollback(True)


def test_every_oit_2566_item_has_public_evidence(db, demo_site):
    framework = ItaFramework.objects.get(name="OIT 2566", agency_type="")
    rows = evidence_rows(framework, demo_site, public_only=True)
    assert len(rows) == 43
    missing = [row.item.code for row in rows if row.status == MISSING]
    assert missing == []


def test_the_public_ita_page_shows_no_item_without_evidence(db, demo_site, client):
    response = client.get("/ita-2566/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "ยังไม่มีข้อมูลเผยแพร่" not in text
    for code in ("O19", "O22", "O29", "O35", "O38", "O43"):
        assert f'id="ita-{code.lower()}"' in text
    assert "/integrity/procurement-plan-2568/" in text and "/integrity/corruption-complaints/" in text


def test_existing_demo_pages_are_tagged_for_the_items_they_answer(db, demo_site):
    framework = ItaFramework.objects.get(name="OIT 2566", agency_type="")
    pages = {row.item.code: {page.slug for page in row.pages} for row in evidence_rows(framework, demo_site)}
    assert "contact" in pages["O5"] and "news" in pages["O7"] and "privacy-policy" in pages["O10"]
    assert pages["O8"] & {"contact", "questions", "qa"}  # the Q&A page where there is one, else contact
    assert "oia-9-4-complaint-manual" in pages["O14"]
    assert {"commercial-registration", "complaints"} <= pages["O18"]
    assert {"oia-9-8-invitation-meeting-room", "oia-9-8-winner-meeting-room"} <= pages["O20"]
    assert "social-networks" in pages["O9"]


def test_the_working_group_appointment_order_is_published_with_its_document(db, demo_site, client):
    order = IntegrityItemPage.objects.live().get(kind=IntegrityItemKind.APPOINTMENT)
    assert list(order.ita_items.values_list("item__code", flat=True)) == ["EB8"]
    document = order.published_documents.get().document
    assert document.is_public and document.file_size > 0
    text = client.get(order.url).content.decode()
    assert "คณะทำงานเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์" in text and "ผู้ดูแลระบบเว็บไซต์" in text
    assert document.url in text


def test_oit_2569_structured_items_have_complete_public_pages(db, demo_site, client):
    """O10, O18-O20, O25 and O26 of OIT 2569 are answered by the structured pages, of the years the framework asks
    for (plans 2569, reports 2568), with nothing the assessor would find missing."""
    framework = ItaFramework.objects.get(name="OIT 2569", agency_type="")
    rows = {row.item.code: row for row in evidence_rows(framework, demo_site, public_only=True)}
    expected = {
        "O10": ("e-services-2569", 2569),
        "O18": ("corruption-complaints", None),
        "O19": ("participation-2569", 2569),
        "O20": ("no-gift-policy-2569", 2569),
        "O25": ("ita-result-measures-2569", 2569),
        "O26": ("integrity-measures-report-2568", 2568),
    }
    for code, (slug, year) in expected.items():
        assert rows[code].status != MISSING, code
        (page,) = [page.specific for page in rows[code].pages if page.slug == slug]
        assert page.ita_minimum_problems() == [], code
        assert year is None or page.report_year == year, code
        assert client.get(page.url).status_code == 200, code
    complaints = client.get("/integrity/corruption-complaints/").content.decode()
    assert "ไตรมาสที่ 4 (ก.ค.-ก.ย.)" in complaints and "รวมทั้งปีงบประมาณ 2568" in complaints
    e_services = client.get("/integrity/e-services-2569/").content.decode()
    assert "ตุลาคม 2568" in e_services and "กันยายน 2569" in e_services
    # The OIT 2566 tags stay.
    assert rows["O18"].pages and "O29" in set(rows["O18"].pages[0].ita_items.values_list("item__code", flat=True))


def test_every_oit_2569_item_has_public_evidence_of_the_right_year_and_every_link_answers(db, demo_site, client):
    """The demo agency as assessed now: its OIT 2566 evidence carried to OIT 2569 along the successions (what did not
    carry is printed), plus the pages of 2569's own year; all 26 items have live public evidence that the matrix finds
    nothing wrong with, and every link of the public ITA page for 2569 answers 200."""
    from oversight.succession import ita_carry_over_plan

    framework = ItaFramework.objects.get(name="OIT 2569", agency_type="")
    rows = evidence_rows(framework, demo_site, public_only=True, check_criteria=True)
    assert len(rows) == 26
    problems = {row.item.code: row.problems for row in rows if row.problems}
    assert [(row.item.code, row.status) for row in rows if row.status != "ok"] == [], problems
    carried = PageItaItem.objects.filter(
        item__framework=framework, page__in=Page.objects.descendant_of(demo_site.root_page)
    )
    left = ita_carry_over_plan(framework, demo_site)
    wrong_year = sum(len(line.wrong_year) for line in left.lines)
    print(
        f"\nOIT 2569 demo: {carried.count()} page tags on {carried.values('item').distinct().count()} items; "
        f"not carried: {wrong_year} pieces of another year, {len(left.without_successor)} 2566/2568 items "
        f"without successor ({', '.join(code for _fw, code, _name, _n in left.without_successor)})"
    )
    assert left.page_tags == [] and left.document_tags == []  # everything that fits is carried

    html = client.get("/ita-2569/").content.decode()
    assert html.count('class="ita-item"') == 26 and "ยังไม่มีข้อมูลเผยแพร่" not in html
    start = html.index('class="ita-list"')
    listing = html[start : html.index("</ol>", start)]
    links = sorted(set(re.findall(r'href="([^"]+)"', listing)))
    assert len(links) >= 26
    for link in links:
        assert client.get(link).status_code == 200, link
    # 2566 stays browsable.
    assert client.get("/ita-2566/").status_code == 200


def test_loading_the_demo_again_adds_nothing(db, demo_site):
    section = IntegrityIndexPage.objects.child_of(demo_site.root_page).get()
    before = (Page.objects.descendant_of(section).count(), Page.objects.filter(ita_items__isnull=False).count())
    integrity_demo.load(demo_site)
    after = (Page.objects.descendant_of(section).count(), Page.objects.filter(ita_items__isnull=False).count())
    assert after == before
