"""Every public page type of the home app is classed: class, responsible unit, review cycle, ITA items;
the flood warning's time to live is measured against the "immediate" limit; the demo's O5, O7 and O10 show."""

import datetime

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from wagtail.models import Page, TaskState

import pytest

from core.models import ClassifiedPageMixin, InformationClass
from home import demo
from home.models import ContactPage, NewsIndexPage, NewsPage, StandardPage
from oversight.models import ItaFramework
from oversight.selectors import evidence_rows
from publishing.models import ChecklistReview, ChecklistTask
from publishing.selectors import disclosure_models, immediate_items, immediate_items_late, pages_due_for_review
from publishing.tests.utils import CHECKS, act, admin_approve, current_task_state, reload, submit, team_make, wg_approve

pytestmark = pytest.mark.django_db

HOME_PAGE_MODELS = [model for model in apps.get_app_config("home").get_models() if issubclass(model, Page)]


@pytest.fixture
def team(agency_site):
    return team_make(agency_site)


def _flood_warning(site, editor, slug="flash-flood"):
    """An editor's urgent notice, saved as a draft with the class left at its default."""
    page = NewsPage(
        title="ประกาศเตือนภัยน้ำท่วมฉับพลัน ลุ่มน้ำเพชรบุรี",
        slug=slug,
        date=timezone.localdate(),
        urgent=True,
        body="<p>ขอให้ประชาชนริมแม่น้ำเพชรบุรีขนย้ายสิ่งของขึ้นที่สูง</p>",
        live=False,
        owner=editor,
    )
    NewsIndexPage.objects.child_of(site.root_page).get().add_child(instance=page)
    page.save_revision(user=editor)
    return page


def test_every_page_type_of_the_home_app_is_classed():
    assert len(HOME_PAGE_MODELS) == 7  # with the Q&A page and its entries (ITA O8)
    classed = disclosure_models()
    for model in HOME_PAGE_MODELS:
        assert issubclass(model, ClassifiedPageMixin), model
        assert model in classed, model
        form_class = model.get_edit_handler().get_form_class()
        assert {"information_class", "responsible_unit", "review_interval_days"} <= set(form_class.base_fields), model
        assert "ita_items" in form_class.formsets, model
    # Documents and the fiscal year where they make sense: news and policies.
    for model in (NewsPage, StandardPage):
        form_class = model.get_edit_handler().get_form_class()
        assert "fiscal_year" in form_class.base_fields and "published_documents" in form_class.formsets


def test_the_flood_warning_is_immediate_and_its_lateness_is_measured(agency_site, team):
    page = _flood_warning(agency_site, team["editor"])
    assert page.information_class == InformationClass.IMMEDIATE
    submit(page, team["editor"])

    # The working group must confirm a class for news too: an approval without one is refused.
    act(team["reviewer"], page, "approve", {**CHECKS, "information_class": ""})
    state = current_task_state(page)
    assert isinstance(state.task.specific, ChecklistTask) and state.status == TaskState.STATUS_IN_PROGRESS
    assert not ChecklistReview.objects.exists()

    wg_approve(team["reviewer"], page, information_class="immediate")
    review = ChecklistReview.objects.get(page=page)
    assert (review.class_before, review.class_after) == ("immediate", "immediate")

    # Left unpublished past the limit: late, and shown as still waiting.
    limit = datetime.timedelta(hours=settings.IMMEDIATE_PUBLISH_LIMIT_HOURS)
    within = review.decided_at + limit - datetime.timedelta(minutes=5)
    past = review.decided_at + limit + datetime.timedelta(minutes=5)
    assert immediate_items_late(agency_site, now=within) == []
    [late] = immediate_items_late(agency_site, now=past)
    assert late.page.pk == page.pk and late.pending

    # A second warning published within the limit is not late, however long after one asks.
    other = _flood_warning(agency_site, team["editor"], slug="flash-flood-2")
    submit(other, team["editor"])
    wg_approve(team["reviewer"], other, information_class="immediate")
    admin_approve(team["admin"], other)
    assert reload(other).live
    much_later = timezone.now() + limit * 3
    items = {item.page.pk: item for item in immediate_items(agency_site, now=much_later)}
    assert not items[other.pk].late and not items[other.pk].pending
    assert [item.page.pk for item in immediate_items_late(agency_site, now=much_later)] == [page.pk]


def test_home_pages_come_up_for_review(agency_site):
    contact = ContactPage.objects.child_of(agency_site.root_page).get()
    contact.save_revision().publish()
    contact = reload(contact)
    assert contact.next_review_date == timezone.localdate() + datetime.timedelta(days=365)
    due = pages_due_for_review(agency_site, contact.next_review_date)
    assert contact.pk in [page.pk for page in due]
    assert contact.pk not in [page.pk for page in pages_due_for_review(agency_site, timezone.localdate())]


def test_demo_tags_contact_news_and_privacy_policy_as_evidence(agency_site):
    demo.load(agency_site)
    demo.load(agency_site)
    oit = ItaFramework.objects.get(name="OIT 2566")
    rows = {row.item.code: row for row in evidence_rows(oit, agency_site)}
    home = agency_site.root_page
    expected = {
        "O5": ContactPage.objects.child_of(home).get(),
        "O7": NewsIndexPage.objects.child_of(home).get(),
        "O10": StandardPage.objects.child_of(home).get(slug="privacy-policy"),
    }
    for code, page in expected.items():
        assert rows[code].status == "ok", code
        assert [evidence.pk for evidence in rows[code].pages] == [page.pk], code
    # Loading twice tags once.
    assert expected["O5"].ita_items.count() == 1


def test_demo_flood_warning_is_immediate(agency_site):
    demo.load(agency_site)
    flood = NewsPage.objects.get(slug="flash-flood-warning")
    assert flood.information_class == InformationClass.IMMEDIATE
    assert NewsPage.objects.exclude(slug="flash-flood-warning").filter(information_class="immediate").count() == 0
