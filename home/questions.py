"""Citizens' questions (ITA O8): receiving a question from the Q&A page's form, its reference number and
e-mail, the spam guards and throttle, the draft answer an editor writes from it, and forgetting the asker's contact
details after the retention period.

The form posts to the Q&A page itself (``home.models.QuestionIndexPage.serve``); a valid question is stored and the
visitor is redirected to the page's thank-you screen (POST/redirect/GET), whose address carries the reference signed
(nobody can make the page thank them for a reference they did not get). Nothing of a ``Question`` is ever shown on
the public site: an answer reaches the public only as a ``QuestionAnswerPage`` that went through the agency's
workflow.
"""

import datetime
import logging
import time
from urllib.parse import urlencode

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import Truncator

from wagtail.log_actions import log
from wagtail.models import Site

from core.thai import BE_OFFSET
from home.models import Question, QuestionAnswerPage, QuestionIndexPage
from search import throttle

logger = logging.getLogger(__name__)

# The asker's name, e-mail and phone are erased this many days after the question was sent (the page's notice says
# so); the question itself stays, as the record of what was asked.
CONTACT_RETENTION_DAYS = 365
# Questions one client address may post per hour (valid or not); more get a Thai "too often" page (429).
POSTS_PER_HOUR = 10
THROTTLE_WINDOW_SECONDS = 60 * 60
# A form sent back sooner than this after it was shown was not filled in by a person.
MIN_FILL_SECONDS = 3
# A form shown longer ago than this is refused with a message (and the typed text kept): a fresh one is rendered.
MAX_FORM_AGE_SECONDS = 12 * 60 * 60
# The thank-you screen's signed reference stays valid this long (a reload or the back button still shows it).
THANK_YOU_MAX_AGE_SECONDS = 24 * 60 * 60

STARTED_SALT = "home.questions.started"
SENT_SALT = "home.questions.sent"


# --- spam guards and throttle ---------------------------------------------------------------------------------------


def started_token(now: float | None = None) -> str:
    """The signed time the form is shown, rendered in its hidden ``started`` field."""
    return signing.dumps(round(time.time() if now is None else now, 1), salt=STARTED_SALT)


def started_problem(token: str) -> str:
    """The Thai message refusing a form sent back too soon after it was shown (a robot), or shown too long ago, or
    without a valid token; "" when the timing is a person's."""
    try:
        started = float(signing.loads(token, salt=STARTED_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return "ระบบไม่รับคำถามนี้ กรุณาตรวจสอบข้อความแล้วกดส่งคำถามอีกครั้ง"
    elapsed = time.time() - started
    if elapsed > MAX_FORM_AGE_SECONDS:
        return "แบบฟอร์มนี้เปิดไว้นานเกินไป ระบบเก็บข้อความที่ท่านพิมพ์ไว้แล้ว กรุณากดส่งคำถามอีกครั้ง"
    if elapsed < MIN_FILL_SECONDS:
        return "ส่งคำถามเร็วเกินไป ระบบเก็บข้อความที่ท่านพิมพ์ไว้แล้ว กรุณาตรวจสอบแล้วกดส่งคำถามอีกครั้ง"
    return ""


def seconds_to_wait(request) -> int:
    """0 when this client (``core.client_address``) may post one more question this hour (and count it)."""
    return throttle.seconds_to_wait(request, "question", POSTS_PER_HOUR, window=THROTTLE_WINDOW_SECONDS)


def throttled_response(request, wait: int):
    minutes = max(1, -(-wait // 60))
    response = TemplateResponse(
        request, "home/question_throttled.html", {"retry_minutes": minutes, "page": None}, status=429
    )
    response["Retry-After"] = str(wait)
    return response


# --- receiving a question -------------------------------------------------------------------------------------------


def reference_for(question: Question) -> str:
    """``QA-<Buddhist-era year>-<number>``: short enough to read over the phone, unique across agencies."""
    year = timezone.localtime(question.created_at).year + BE_OFFSET
    return f"QA-{year}-{question.pk:05d}"


def question_receive(index: QuestionIndexPage, data: dict, request=None) -> Question:
    """Store a citizen's question to the agency whose Q&A page ``index`` is, give it its reference and, when the asker
    gave an e-mail address, send them the reference. Contact details past the retention period are forgotten on the
    way (``question_contacts_forget``). The question is not public: the page lists only published answers."""
    site = index.get_site()
    now = timezone.now()
    with transaction.atomic():
        question = Question.objects.create(
            site=site,
            question=data["question"],
            name=data.get("name", "").strip(),
            email=data.get("email", "").strip(),
            phone=data.get("phone", "").strip(),
            created_at=now,
            consented_at=now,
        )
        question.reference = reference_for(question)
        question.save(update_fields=["reference"])
        log(instance=question, action="wagtail.create", user=None)
    question_contacts_forget(now)
    if question.email:
        _receipt_send(question, index, request)
    return question


def _receipt_send(question: Question, index: QuestionIndexPage, request) -> None:
    """The reference by e-mail. A mail server that fails is logged: the question is stored and the thank-you screen
    shows the reference anyway."""
    agency = _agency_name(question.site)
    context = {
        "question": question,
        "agency": agency,
        "page_url": index.get_full_url(request),
        "retention_days": CONTACT_RETENTION_DAYS,
    }
    try:
        send_mail(
            f"[{agency}] ได้รับคำถามของท่านแล้ว เลขที่อ้างอิง {question.reference}",
            render_to_string("home/email/question_received.txt", context),
            None,
            [question.email],
        )
    except Exception:  # noqa: BLE001 - the question is stored; the mail is a courtesy
        logger.exception("The receipt of question %s could not be sent", question.reference)


def _agency_name(site: Site) -> str:
    from core.models import AgencySettings

    settings_row = AgencySettings.objects.filter(site=site).first()
    return (settings_row.name_th if settings_row else "") or site.site_name


def thank_you_url(index: QuestionIndexPage, question: Question) -> str:
    token = signing.dumps(question.reference, salt=SENT_SALT, compress=True)
    return f"{index.url}?{urlencode({'sent': token})}#question-sent"


def thank_you_reference(token: str) -> str:
    """The reference a thank-you address carries, or "" when it carries none (or a forged or stale one)."""
    if not token:
        return ""
    try:
        return str(signing.loads(token, salt=SENT_SALT, max_age=THANK_YOU_MAX_AGE_SECONDS))
    except signing.BadSignature:
        return ""


# --- after receiving -------------------------------------------------------------------------------------------------


def question_contacts_forget(now: datetime.datetime | None = None) -> int:
    """Erase the asker's name, e-mail and phone of every question sent more than ``CONTACT_RETENTION_DAYS`` ago
    (what the Q&A page's notice promises). Returns how many questions were cleared. One UPDATE."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=CONTACT_RETENTION_DAYS)
    return (
        Question.objects.filter(created_at__lt=cutoff, contact_erased_at__isnull=True)
        .exclude(name="", email="", phone="")
        .update(name="", email="", phone="", contact_erased_at=now)
    )


class NoQuestionPage(Exception):
    """The agency has no Q&A page to hold the answer."""


def question_answer_draft(question: Question, user) -> QuestionAnswerPage:
    """The draft ``QuestionAnswerPage`` in which ``user`` answers ``question``, under the agency's Q&A page: made once,
    with the question's text (never the asker's name or contact) for the editor to check for personal data and
    answer; a second call returns the same page. The page is published only through the agency's workflow.

    Raises ``NoQuestionPage`` when the agency has no Q&A page, ``PermissionDenied`` when ``user`` may not add pages
    there."""
    if question.answer_page_id is not None:
        return question.answer_page
    index = QuestionIndexPage.objects.descendant_of(question.site.root_page, inclusive=False).first()
    if index is None:
        raise NoQuestionPage
    if not index.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    with transaction.atomic():
        page = QuestionAnswerPage(
            title=Truncator(" ".join(question.question.split())).chars(120),
            slug=question.reference.lower(),
            question=question.question,
            asked_on=timezone.localtime(question.created_at).date(),
            live=False,
            owner=user,
        )
        index.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        question.answer_page = page
        question.save(update_fields=["answer_page"])
    return page
