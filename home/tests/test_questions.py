"""ถาม-ตอบ (ITA O8): a citizen asks through the agency's Q&A page and gets a reference; the question is
never public; spam and floods are refused in Thai; the agency's own staff — and nobody else's — read it in the admin;
the answer reaches the public only after the working group's check and the administrators' approval; the asker's
name and contact never appear on the public site."""

import datetime
import io
import re
import time

from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.test.client import RequestFactory
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from core import page_cache
from home import questions
from home.models import HomePage, Question, QuestionAnswerPage, QuestionIndexPage
from publishing.models import AgencyRole
from publishing.tests.utils import admin_approve, client_for, member_make, reload, wg_approve

pytestmark = pytest.mark.django_db

URL = "/questions/"
QUESTION = "ขอทราบขั้นตอนการขออนุญาตตั้งแผงลอยจำหน่ายสินค้าริมถนนในเขตเทศบาลว่าต้องใช้เอกสารอะไรบ้าง"
NAME = "นางสาวพรทิพย์ ตัวอย่างผู้ถาม"
EMAIL = "porntip.asker@example.com"
PHONE = "089 876 5432"
ANSWER = "ยื่นคำขออนุญาตที่สำนักงานเทศบาลพร้อมสำเนาบัตรประจำตัวประชาชน ใช้เวลาพิจารณา 15 วันทำการ"


def _form(**fields):
    data = {
        "question": QUESTION,
        "name": NAME,
        "email": EMAIL,
        "phone": PHONE,
        "consent": "on",
        "website": "",
        # Shown ten seconds ago: a person's timing.
        "started": questions.started_token(time.time() - 10),
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def _csrf(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def _public_pages_show(client, *texts) -> list[str]:
    """The texts found on the Q&A page and on every live Q&A entry."""
    urls = [URL] + [page.url for page in QuestionAnswerPage.objects.live()]
    shown = []
    for url in urls:
        body = client.get(url).content.decode()
        shown += [f"{url}: {text}" for text in texts if text in body]
    return shown


def test_the_page_type_lives_once_under_a_home_page_and_holds_only_answers(agency_site):
    index = QuestionIndexPage.objects.child_of(agency_site.root_page).get()
    assert index.live and index.show_in_menus
    assert QuestionIndexPage in HomePage.allowed_subpage_models()
    assert QuestionIndexPage.allowed_subpage_models() == [QuestionAnswerPage]
    assert QuestionIndexPage.allowed_parent_page_models() == [HomePage]
    assert QuestionAnswerPage.allowed_parent_page_models() == [QuestionIndexPage]
    assert QuestionAnswerPage.allowed_subpage_models() == []
    assert not QuestionIndexPage.can_create_at(agency_site.root_page.specific)  # one per agency


def test_a_citizen_asks_and_sees_the_reference(agency_site):
    client = Client(enforce_csrf_checks=True)
    page = client.get(URL)
    body = page.content.decode()
    assert page.status_code == 200
    for text in ("ส่งคำถามถึงหน่วยงาน", "ประกาศการคุ้มครองข้อมูลส่วนบุคคล", "ระยะเวลาเก็บ", "ผู้ที่เห็นข้อมูล", 'name="consent"'):
        assert text in body, text

    response = client.post(URL, _form(csrfmiddlewaretoken=_csrf(page)))
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.site == agency_site
    assert (question.question, question.name, question.email, question.phone) == (QUESTION, NAME, EMAIL, PHONE)
    assert re.fullmatch(r"QA-25\d\d-\d{5}", question.reference)
    assert question.consented_at is not None

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "ได้รับคำถามของท่านแล้ว" in thanks.content.decode()
    assert question.reference in thanks.content.decode()
    # And by e-mail, to the address the asker gave, with nothing of what they typed but the reference.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [EMAIL]
    assert question.reference in mail.outbox[0].subject and question.reference in mail.outbox[0].body
    assert QUESTION not in mail.outbox[0].body

    # The question is not public until it is answered and published; a forged thank-you address shows nothing.
    assert _public_pages_show(client, QUESTION[:40], NAME, EMAIL, PHONE) == []
    forged = client.get(URL, {"sent": "QA-2569-99999"}).content.decode()
    assert "QA-2569-99999" not in forged and "ได้รับคำถามของท่านแล้ว" not in forged


def test_a_question_without_contact_details_sends_no_mail(agency_site, client):
    response = client.post(URL, _form(name="", email="", phone=""))
    assert response.status_code == 302
    assert Question.objects.get().email == ""
    assert mail.outbox == []


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong_in_thai(agency_site, client):
    response = client.post(URL, _form(email="porntip-at-example", consent=None, phone="โทรหาหน่อย"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "รูปแบบอีเมลไม่ถูกต้อง" in body
    assert "กรุณาทำเครื่องหมายยินยอม" in body
    assert "หมายเลขโทรศัพท์ใช้ได้เฉพาะตัวเลข" in body
    # What was typed is still there.
    assert QUESTION in body and NAME in body and "porntip-at-example" in body
    assert not Question.objects.exists()

    response = client.post(URL, _form(question="ถามหน่อย"))
    assert "คำถามสั้นเกินไป" in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"website": "https://spam.example.com"}, "ช่องที่ต้องเว้นว่าง"),
        ({"started": lambda: questions.started_token()}, "ส่งคำถามเร็วเกินไป"),
        ({"started": "forged"}, "ระบบไม่รับคำถามนี้"),
        ({"started": None}, "ระบบไม่รับคำถามนี้"),
        (
            {"started": lambda: questions.started_token(time.time() - questions.MAX_FORM_AGE_SECONDS - 60)},
            "เปิดไว้นานเกินไป",
        ),
    ],
    ids=["honeypot", "too-fast", "forged-time", "no-time", "stale-form"],
)
def test_spam_guards_refuse_without_an_error_and_store_nothing(agency_site, client, fields, message):
    # A token is made when the request is (the "too fast" one must be fresh).
    fields = {key: value() if callable(value) else value for key, value in fields.items()}
    response = client.post(URL, _form(**fields))
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert QUESTION in body  # nothing typed is lost
    assert not Question.objects.exists()
    assert mail.outbox == []


def test_the_throttle_answers_429_in_thai_per_client_address(agency_site, client, monkeypatch, settings):
    monkeypatch.setattr(questions, "POSTS_PER_HOUR", 3)
    for _ in range(3):
        assert client.post(URL, _form(), REMOTE_ADDR="203.0.113.7").status_code == 302
    refused = client.post(URL, _form(), REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert "ส่งคำถามจากเครื่องของท่านถี่เกินไป" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert Question.objects.count() == 3
    # Another citizen is not held up; behind the trusted proxy, the address it added is the client.
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client.post(URL, _form(), REMOTE_ADDR="203.0.113.8").status_code == 302
    proxied = client.post(URL, _form(), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert proxied.status_code == 429
    assert Question.objects.count() == 4


def test_the_form_page_is_never_cached_with_someone_elses_token(agency_site, settings):
    settings.PAGE_CACHE_SECONDS = 86400
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    # The page cache is on: an ordinary page is served from it the second time.
    first.get("/contact/")
    assert first.get("/contact/")[page_cache.HEADER] == "hit"

    pages = [first.get(URL), first.get(URL), second.get(URL)]
    for response in pages:
        assert response.status_code == 200
        assert page_cache.HEADER not in response
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    request = RequestFactory().get(URL, HTTP_HOST="testserver")
    assert cache.get(page_cache.ENTRY + page_cache.entry_key(request)) is None
    # Each visitor's page carries a token of its own cookie, and each can post with it.
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert second.post(URL, _form(csrfmiddlewaretoken=_csrf(pages[2]))).status_code == 302
    assert first.post(URL, _form(csrfmiddlewaretoken=_csrf(pages[1]))).status_code == 302
    # Another visitor's token is refused (it belongs to another cookie).
    assert second.post(URL, _form(csrfmiddlewaretoken="x" * 64)).status_code == 403


def _question(site, text=QUESTION, **fields):
    now = timezone.now()
    question = Question.objects.create(site=site, question=text, consented_at=now, **fields)
    question.reference = questions.reference_for(question)
    question.save(update_fields=["reference"])
    return question


def test_an_agencys_staff_see_its_questions_and_another_agency_does_not(agency_site, second_agency_site):
    mine = _question(agency_site, name=NAME, email=EMAIL, phone=PHONE)
    theirs = _question(second_agency_site, text="คำถามถึงเทศบาลเมืองเพชรบุรีเรื่องการเก็บขยะในชุมชน")
    editor = member_make(agency_site, AgencyRole.EDITORS, "editor")
    other_editor = member_make(second_agency_site, AgencyRole.EDITORS, "town-editor")
    other_admin = member_make(second_agency_site, AgencyRole.ADMINISTRATORS, "town-admin")
    executive = member_make(agency_site, AgencyRole.EXECUTIVES, "executive")

    listing = client_for(editor).get(reverse("home_questions:index"))
    assert listing.status_code == 200
    assert mine.reference in listing.content.decode() and theirs.reference not in listing.content.decode()
    inspect = client_for(editor).get(reverse("home_questions:inspect", args=[mine.pk]))
    assert inspect.status_code == 200
    for text in (NAME, EMAIL, PHONE, "เขียนคำตอบ"):
        assert text in inspect.content.decode(), text

    # Agency B's staff: not in the listing, and every URL naming A's question is refused, nothing changed.
    for user in (other_editor, other_admin):
        client = client_for(user)
        listing = client.get(reverse("home_questions:index"), {"q": "แผงลอย"})
        assert listing.status_code == 200
        assert mine.reference not in listing.content.decode() and NAME not in listing.content.decode()
        for name in ("inspect", "edit", "delete", "history", "usage", "answer"):
            for method in ("get", "post"):
                response = getattr(client, method)(reverse(f"home_questions:{name}", args=[mine.pk]))
                assert response.status_code in (302, 403, 404), (name, method, response.status_code)
                assert response.status_code != 302 or response["Location"] == reverse("wagtailadmin_home")
                assert NAME not in response.content.decode()
    mine.refresh_from_db()
    assert not mine.closed and mine.answer_page is None and Question.objects.filter(pk=mine.pk).exists()
    # Executives read reports, not citizens' contact details.
    assert client_for(executive).get(reverse("home_questions:inspect", args=[mine.pk])).status_code in (302, 403)
    # Nobody adds a question in the admin; an editor closes one with a note but cannot delete it.
    assert client_for(editor).get(reverse("home_questions:add")).status_code in (302, 403)
    edit = client_for(editor).post(
        reverse("home_questions:edit", args=[mine.pk]), {"closed": "on", "staff_note": "ตอบทางโทรศัพท์แล้ว"}
    )
    assert edit.status_code == 302
    mine.refresh_from_db()
    assert mine.closed and mine.staff_note == "ตอบทางโทรศัพท์แล้ว" and mine.name == NAME
    client_for(editor).post(reverse("home_questions:delete", args=[mine.pk]))
    assert Question.objects.filter(pk=mine.pk).exists()


def _answer_data(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "question": "ขอทราบขั้นตอนการขออนุญาตตั้งแผงลอยจำหน่ายสินค้าริมถนนในเขตเทศบาล",
        "asked_on": page.asked_on.isoformat(),
        "answer": rich_text(f"<p>{ANSWER}</p>"),
        "information_class": "on_change",
        "review_interval_days": "365",
        "ita_items": inline_formset([]),
        "comments": inline_formset([]),
        "action-submit": "submit",
    }
    data.update(overrides)
    return nested_form_data({key: value for key, value in data.items() if value is not None})


def test_the_answer_is_public_only_after_the_working_group_and_the_administrators(agency_site, client):
    editor = member_make(agency_site, AgencyRole.EDITORS, "editor")
    reviewer = member_make(agency_site, AgencyRole.WORKING_GROUP, "reviewer")
    admin = member_make(agency_site, AgencyRole.ADMINISTRATORS, "webadmin")
    assert client.post(URL, _form()).status_code == 302
    question = Question.objects.get()

    # The editor writes the answer from the question: a draft under the Q&A page, without the asker's details.
    staff = client_for(editor)
    assert "สร้างร่างคำตอบ" in staff.get(reverse("home_questions:answer", args=[question.pk])).content.decode()
    response = staff.post(reverse("home_questions:answer", args=[question.pk]))
    page = QuestionAnswerPage.objects.get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and page.question == QUESTION and page.get_parent().specific_class is QuestionIndexPage
    assert Question.objects.get().answer_page == page
    assert staff.post(reverse("home_questions:answer", args=[question.pk])).status_code == 302
    assert QuestionAnswerPage.objects.count() == 1  # once

    # Without an answer nothing is submitted; with one, it goes to the working group.
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    refused = staff.post(edit_url, _answer_data(page, answer=rich_text("")))
    assert refused.status_code == 200 and "กรุณาเขียนคำตอบ" in refused.content.decode()
    assert reload(page).current_workflow_state is None
    assert staff.post(edit_url, _answer_data(page)).status_code == 302
    assert reload(page).current_workflow_state is not None
    assert ANSWER not in client.get(URL).content.decode()
    assert client.get(f"{URL}{page.slug}/").status_code == 404

    wg_approve(reviewer, page)
    assert not reload(page).live
    assert ANSWER not in client.get(URL).content.decode()
    admin_approve(admin, page)
    page = reload(page)
    assert page.live
    assert "ขอทราบขั้นตอนการขออนุญาตตั้งแผงลอย" in client.get(URL).content.decode()
    entry = client.get(page.url).content.decode()
    assert ANSWER in entry
    assert Question.objects.get().status_label == "เผยแพร่คำตอบแล้ว"
    # The asker's name and contact are on no public page.
    assert _public_pages_show(client, NAME, EMAIL, PHONE) == []


def test_contact_details_are_forgotten_after_the_retention_period(agency_site):
    old = _question(agency_site, name=NAME, email=EMAIL, phone=PHONE)
    Question.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=366))
    recent = _question(agency_site, name=NAME, email=EMAIL, phone=PHONE)
    assert questions.question_contacts_forget() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.email, old.phone) == ("", "", "") and old.contact_erased_at is not None
    assert old.question == QUESTION  # the record of what was asked stays
    assert (recent.name, recent.email, recent.phone) == (NAME, EMAIL, PHONE)
    assert questions.question_contacts_forget() == 0
    Question.objects.filter(pk=recent.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    out = io.StringIO()
    call_command("forget_question_contacts", stdout=out)
    assert "1" in out.getvalue()
    recent.refresh_from_db()
    assert (recent.name, recent.email, recent.phone) == ("", "", "")


def test_the_demo_tags_its_qa_page_for_o8_and_publishes_answers(agency_site, client):
    from home import demo

    demo.load(agency_site)
    demo.load(agency_site)  # idempotent
    index = QuestionIndexPage.objects.child_of(agency_site.root_page).get()
    assert [tag.item.code for tag in index.ita_items.select_related("item")] == ["O8"]
    assert QuestionAnswerPage.objects.child_of(index).live().count() == 2
    waiting = Question.objects.get(site=agency_site)
    body = client.get(URL).content.decode()
    assert waiting.question[:30] not in body and waiting.name not in body and waiting.phone not in body
    assert Page.objects.get(pk=index.pk).live
