"""The demo agency is ITA-ready (issue 15): after the demo content is loaded, every OIT 2566 item has live, public
evidence, the public ITA page shows no item without it, and the procedure's own appointment order is published."""

import io

from django.core.management import call_command
from django.db import transaction

from wagtail.models import Page

import pytest

from integrity import demo as integrity_demo
from integrity.models import IntegrityIndexPage, IntegrityItemKind, IntegrityItemPage
from oversight.models import ItaFramework
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


def test_loading_the_demo_again_adds_nothing(db, demo_site):
    section = IntegrityIndexPage.objects.child_of(demo_site.root_page).get()
    before = (Page.objects.descendant_of(section).count(), Page.objects.filter(ita_items__isnull=False).count())
    integrity_demo.load(demo_site)
    after = (Page.objects.descendant_of(section).count(), Page.objects.filter(ita_items__isnull=False).count())
    assert after == before
