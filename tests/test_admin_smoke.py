"""Admin smoke test: each role of the demo agency, and a superuser, walks every screen the admin menu
offers them and the listing, add, edit, inspect and history screens reachable from there: no server error, and no
English that a Thai civil servant would have to read. The superuser's system screens (users, groups, sites,
collections, workflows, redirects, promoted results) are held to the same rule.

``SMOKE_DUMP=FILE`` writes, for each role, ``FILE.<role>``: the URLs visited, then the English found on them."""

import io
import os

from django.core.management import call_command
from django.db import transaction
from django.test import Client

import pytest

from publishing.models import AgencyRole
from publishing.tests.utils import (
    act,
    action_url,
    current_task_state,
    manual_draft,
    member_make,
    submit,
    wg_approve,
)
from tests.admin_crawl import admin_crawl

ROLES = {
    "editor": AgencyRole.EDITORS,
    "working_group": AgencyRole.WORKING_GROUP,
    "administrator": AgencyRole.ADMINISTRATORS,
    "executive": AgencyRole.EXECUTIVES,
}
# English still on screens, with why: Wagtail renders a page published without a user (the demo loader) as "None".
KNOWN_ENGLISH = {
    ("/admin/reports/aging-pages/", "None"),
    # The choosers' "Search" tab reads ค้นหา in a fresh process (checked with the dev settings) but English in the
    # test process, where Wagtail's chooser views were built inside migrate's no_translations.
    ("/admin/images/chooser/", "Search"),
    ("/admin/documents/chooser/", "Search"),
}
# Choosers open in modals (JSON carrying HTML).
CHOOSERS = ["/admin/choose-page/", "/admin/documents/chooser/", "/admin/images/chooser/"]
# The screens of the two manuals in the workflow, for every role (some answer 403 or 302 to some roles).
PAGE_VIEWS = ["edit", "history", "workflow_history"]


@pytest.fixture(scope="module")
def demo_admin(django_db_setup, django_db_blocker):
    """The demo agency with its content, one person per role, a superuser, a manual sent back by the working group
    with a comment and another waiting for the administrators. Built once for the module (the demo content takes
    half a minute) inside a transaction that is rolled back at the end; each test runs in a savepoint within it."""
    from django.contrib.auth import get_user_model

    from wagtail.models import Collection, Locale, Page

    from agencies.services import agency_setup

    with django_db_blocker.unblock(), transaction.atomic():
        # As the root conftest's agency_site: transactional tests may have flushed Wagtail's initial data.
        Locale.objects.get_or_create(language_code="th")
        if not Page.get_first_root_node():
            Page.add_root(instance=Page(title="Root", slug="root", content_type_id=None))
        if not Collection.get_first_root_node():
            Collection.add_root(name="Root")
        site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
        call_command("load_demo_content", stdout=io.StringIO())
        users = {name: member_make(site, role, name) for name, role in ROLES.items()}
        users["superuser"] = get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-1234")
        sent_back = manual_draft(site, users["editor"], title="การขออนุญาตจัดงานเทศกาลประจำปี", slug="festival")
        submit(sent_back, users["editor"])
        act(users["working_group"], sent_back, "reject", {"comment": "ระยะเวลาขั้นตอนที่ 1 ไม่ตรงกับประกาศ"})
        waiting = manual_draft(site, users["editor"])
        submit(waiting, users["editor"])
        wg_approve(users["working_group"], waiting)
        pages = [f"/admin/pages/{page.pk}/{view}/" for page in (sent_back, waiting) for view in PAGE_VIEWS]
        pages += CHOOSERS
        # The administrators' step's modals: approve with comment, request changes.
        pages += [action_url(waiting, action, current_task_state(waiting)) for action in ("approve", "reject")]
        yield users, pages
        transaction.set_rollback(True)


@pytest.mark.parametrize("role", [*ROLES, "superuser"])
def test_every_admin_screen_opens_in_thai(db, demo_admin, role):
    users, pages = demo_admin
    client = Client(raise_request_exception=False)
    client.force_login(users[role])
    crawl = admin_crawl(client, ["/admin/", *pages])
    english = {
        url: [
            text for text in texts if not any(url.startswith(known) and text == word for known, word in KNOWN_ENGLISH)
        ]
        for url, texts in crawl.english.items()
    }
    english = {url: texts for url, texts in english.items() if texts}
    report = "\n".join(f"{url}: {text!r}" for url, texts in english.items() for text in texts)
    if os.environ.get("SMOKE_DUMP"):
        with open(os.environ["SMOKE_DUMP"] + f".{role}", "w") as out:
            out.write("\n".join(crawl.visited) + "\n----\n" + report + "\n")
    assert len(crawl.visited) > 5
    assert not crawl.errors, f"server errors: {crawl.errors}"
    assert not english, f"English on the admin screens of {role}:\n{report}"
