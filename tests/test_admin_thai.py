"""The admin in Thai: the project's catalogue, Thai for new users, Sarabun, Buddhist-era dates, feedback on
workflow decisions, no third-party requests and no autosave."""

import ast
import datetime
import gettext
import json
import re

from django.conf import settings
from django.contrib.messages import get_messages
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.models import Revision, TaskState
from wagtail.users.models import UserProfile

import pytest

from core.be_dates import be_date_format
from publishing.models import AgencyRole
from publishing.tests.utils import (
    CHECKS,
    act,
    action_url,
    client_for,
    current_task_state,
    manual_draft,
    member_make,
    submit,
    team_make,
)
from services.tests.test_pages import manual_form_data

LOCALE = settings.BASE_DIR / "locale" / "th" / "LC_MESSAGES"


def _po_catalogue(path):
    """``{msgid: msgstr}`` of a .po file, keyed as gettext keys its .mo (context ``ctx\\x04id``, plural forms
    ``(id, n)``)."""
    catalogue, entry, key = {}, {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith('"') and key:
            entry[key] += ast.literal_eval(line)
        elif match := re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line):
            key = match.group(1)
            entry[key] = ast.literal_eval(match.group(2))
        elif not line.strip() and entry:
            msgid = entry["msgid"] if "msgctxt" not in entry else f"{entry['msgctxt']}\x04{entry['msgid']}"
            if "msgid_plural" in entry:
                catalogue[(msgid, 0)] = entry["msgstr[0]"]
            else:
                catalogue[msgid] = entry["msgstr"]
            entry, key = {}, None
    return catalogue


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogue_matches_its_source(domain):
    """The .mo files are compiled by ``make run`` / ``make test`` (``make messages``, never committed); what runs
    must say what the .po says (a stale compile fails here: run ``make messages``)."""
    with open(LOCALE / f"{domain}.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    source = _po_catalogue(LOCALE / f"{domain}.po")
    assert {key: value for key, value in compiled.items() if key != ""} == {
        key: value for key, value in source.items() if key != ""
    }


def test_catalogue_keeps_python_placeholders():
    for msgid, msgstr in _po_catalogue(LOCALE / "django.po").items():
        text = msgid[0] if isinstance(msgid, tuple) else msgid
        if msgid and "%(" in text:
            assert set(re.findall(r"%\(\w+\)[sd]", msgstr)) <= set(re.findall(r"%\(\w+\)[sd]", text)) or isinstance(
                msgid, tuple
            ), msgid


def test_glossary_terms_replace_machine_thai():
    with translation.override("th"):
        assert translation.gettext("Pages") == "หน้าเว็บ"
        assert translation.gettext("Dashboard") == "หน้าหลัก"
        assert translation.gettext("Submit for moderation") == "เสนอขออนุมัติเผยแพร่ข้อมูล"
        assert translation.gettext("Publish") == "เผยแพร่"
        assert translation.gettext("Workflow") == "ขั้นตอนการอนุมัติ"
        assert translation.gettext("Page '%(page_title)s' has been updated.") % {"page_title": "ก"} == (
            "บันทึกการแก้ไขหน้า “ก” แล้ว"
        )


@pytest.fixture
def team(agency_site):
    return team_make(agency_site)


@pytest.fixture
def draft(agency_site, team):
    return manual_draft(agency_site, team["editor"], title="การขออนุญาตจัดงานเทศกาลประจำปี", slug="festival")


def test_new_user_gets_thai_whatever_the_browser_asks(team):
    client = client_for(team["editor"])
    html = client.get(reverse("wagtailadmin_home"), headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert 'lang="th"' in html
    assert "หน้าและชิ้นส่วนข้อมูลของคุณที่อยู่ในขั้นตอนการอนุมัติ" in html or "ค้นหาทุกหน้า" in html
    assert "Search all pages" not in html
    assert UserProfile.get_for_user(team["editor"]).get_preferred_language() == "th"


def test_admin_loads_sarabun_from_the_project(team):
    html = client_for(team["editor"]).get(reverse("wagtailadmin_home")).content.decode()
    assert "/static/css/admin/thai.css" in html
    css = (settings.BASE_DIR / "static" / "css" / "admin" / "thai.css").read_text()
    fonts = re.findall(r'url\("\.\./\.\./(fonts/sarabun/[\w-]+\.woff2)"\)', css)
    assert len(fonts) == 4
    assert all((settings.BASE_DIR / "static" / font).exists() for font in fonts)
    assert '--w-font-sans: "Sarabun"' in css


@pytest.mark.parametrize("url_name", ["wagtailadmin_home", "wagtailadmin_account", "wagtailadmin_explore_root"])
def test_admin_pages_request_nothing_from_third_parties(django_user_model, url_name):
    root = django_user_model.objects.create_superuser("root", "root@example.go.th", "x-secret-123456")
    html = client_for(root).get(reverse(url_name)).content.decode()
    assert "gravatar.com" not in html
    assert "releases.wagtail.io" not in html
    assert "w-upgrade" not in html


def test_the_superuser_is_never_called_by_the_executives_name(django_user_model):
    """Wagtail's Thai calls a superuser "ผู้บริหาร", the name of the agencies' executives group: the admin says
    ผู้ดูแลระบบสูงสุด, in the user form's checkbox and its help text."""
    root = django_user_model.objects.create_superuser("root", "root@example.go.th", "x-secret-123456")
    other = django_user_model.objects.create_user("somchai", "somchai@example.go.th", "x-secret-123456")
    html = client_for(root).get(reverse("wagtailusers_users:edit", args=[other.pk])).content.decode()
    assert "ผู้ดูแลระบบสูงสุดจัดการข้อมูลและการตั้งค่าได้ทุกอย่าง" in html
    assert "ผู้บริหารมีอำนาจ" not in html and "ผู้บริหารของเว็บไซด์" not in html


def test_edit_screen_has_no_autosave(team, draft):
    revisions = Revision.objects.count()
    html = client_for(team["editor"]).get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    # The editor form has no autosave controller (the hidden indicator is always rendered by Wagtail).
    form = re.search(r'<form[^>]*id="page-edit-form"[^>]*>', html, re.S).group()
    assert "w-autosave" not in form
    assert "data-w-autosave-interval-value" not in html
    assert Revision.objects.count() == revisions


def test_named_date_formats_show_the_buddhist_era_explicit_ones_stay_gregorian():
    moment = datetime.datetime(2026, 11, 27, 9, 30)
    with translation.override("th"):
        assert be_date_format(moment, "DATETIME_FORMAT") == "27 พฤศจิกายน 2569, 9:30"
        assert be_date_format(moment.date()) == "27 พฤศจิกายน 2569"
        assert Template('{{ d|date:"DATE_FORMAT" }} {{ d|date:"Y-m-d" }} {{ d|date:"c" }}').render(
            Context({"d": moment})
        ) == ("27 พฤศจิกายน 2569 2026-11-27 2026-11-27T09:30:00")
    with translation.override("en"):
        assert "2026" in be_date_format(moment, "DATE_FORMAT")


def test_history_tooltips_show_the_buddhist_era(team, draft):
    html = client_for(team["editor"]).get(reverse("wagtailadmin_pages:history", args=[draft.pk])).content.decode()
    year = datetime.date.today().year
    tooltips = re.findall(r'data-w-tooltip-content-value="([^"]*)"', html)
    dated = [tip for tip in tooltips if re.search(r"\d{4}", tip)]
    assert dated and all(str(year + 543) in tip and str(year) not in tip.replace(str(year + 543), "") for tip in dated)


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_approving_from_the_dashboard_says_what_happened(team, draft):
    submit(draft, team["editor"])
    client = client_for(team["reviewer"])
    response = client.post(
        action_url(draft, "approve", current_task_state(draft)),
        {**CHECKS, "information_class": "on_change"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert json.loads(response.content)["step"] == "success"
    assert _messages(response) == [
        f"อนุมัติ “การขออนุญาตจัดงานเทศกาลประจำปี” แล้ว ส่งต่อให้ขั้นตอน “{current_task_state(draft).task.name}” พิจารณา"
    ]


def test_final_approval_says_the_page_is_live(team, draft):
    submit(draft, team["editor"])
    act(team["reviewer"], draft, "approve", {**CHECKS, "information_class": "on_change"})
    response = client_for(team["admin"]).post(action_url(draft, "approve", current_task_state(draft)), {})
    assert _messages(response) == ["อนุมัติ “การขออนุญาตจัดงานเทศกาลประจำปี” แล้ว และเผยแพร่ข้อมูลต่อสาธารณะแล้ว"]


def test_sending_back_from_the_edit_screen_says_so_and_the_editor_reads_the_comment(team, draft):
    submit(draft, team["editor"])
    data = manual_form_data(title=draft.title, slug=draft.slug)
    response = client_for(team["reviewer"]).post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        {
            **data,
            "action-workflow-action": "true",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": json.dumps({"comment": "ระยะเวลาขั้นตอนที่ 1 ไม่ตรงกับประกาศ"}),
        },
    )
    assert response.status_code == 302
    assert TaskState.objects.filter(status=TaskState.STATUS_REJECTED).exists()
    assert _messages(response) == [
        "ส่งกลับ “การขออนุญาตจัดงานเทศกาลประจำปี” ให้ผู้จัดทำข้อมูลแก้ไขแล้ว พร้อมความเห็น: ระยะเวลาขั้นตอนที่ 1 ไม่ตรงกับประกาศ"
    ]

    editor = client_for(team["editor"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    shown = _messages(editor.get(edit_url))
    assert len(shown) == 1
    assert "ส่งกลับให้แก้ไข โดย reviewer" in shown[0]
    assert "ความเห็น: “ระยะเวลาขั้นตอนที่ 1 ไม่ตรงกับประกาศ”" in shown[0]

    # Resubmitted: the comment has been dealt with.
    editor.post(edit_url, {**data, "action-restart-workflow": "true"})
    assert current_task_state(draft).status == TaskState.STATUS_IN_PROGRESS
    assert not [message for message in _messages(editor.get(edit_url)) if "ส่งกลับให้แก้ไข" in message]


def test_admin_screen_in_english_browser_is_thai_for_the_working_group(agency_site, draft, team):
    submit(draft, team["editor"])
    reviewer = member_make(agency_site, AgencyRole.WORKING_GROUP, "reviewer2")
    client = Client()
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_home"), headers={"accept-language": "en"}).content.decode()
    assert "รอการพิจารณาของคุณ" in html
    assert "Awaiting your review" not in html


def test_relative_dates_read_thai():
    from django.utils import timezone

    from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

    with translation.override("th"):
        assert timesince_simple(timezone.now() - datetime.timedelta(minutes=5)) == "5\xa0นาทีที่ผ่านมา"
        assert timesince_simple(timezone.now() - datetime.timedelta(days=3, hours=2)) == "3\xa0วันที่ผ่านมา"
        assert timesince_simple(timezone.now()) == "เมื่อสักครู่"
