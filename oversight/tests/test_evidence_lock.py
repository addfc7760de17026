"""Evidence URLs do not move during an ITA assessment window (oversight/evidence_lock.py), through the real admin
views: move, slug change, unpublish, delete and the page listing's bulk actions."""

import datetime
import json
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageLogEntry, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from core.thai import format_thai_date
from home.models import StandardPage
from oversight import evidence_lock
from oversight.models import ItaFramework, PageItaItem
from publishing.models import APPROVE_URL_CHANGE, APPROVE_URL_CHANGE_LABEL, AgencyRole, PublishingTask
from publishing.tests.utils import act, action_url, client_for, current_task_state, member_make, submit, wg_approve

pytestmark = pytest.mark.django_db

CONFIRM = {evidence_lock.CONFIRM_FIELD: "1"}


def _page(parent, slug, codes=(), framework=None):
    page = StandardPage(title=f"หน้า {slug}", slug=slug, body="<p>ข้อมูล</p>")
    page.ita_items = [PageItaItem(item=framework.items.get(code=code)) for code in codes]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


@pytest.fixture
def tree(agency_site):
    """A framework whose window is open today; under the home page a parent page whose child is evidence for O1,
    and another page to move things to; the agency's editor, administrator and a superuser."""
    today = timezone.localdate()
    oit = ItaFramework.objects.get(name="OIT 2566")
    oit.window_start, oit.window_end = today - datetime.timedelta(days=10), today + datetime.timedelta(days=10)
    oit.save()
    home = agency_site.root_page.specific
    parent = _page(home, "lock-parent")
    child = _page(parent, "lock-evidence", ["O1"], oit)
    other = _page(home, "lock-archive")
    return SimpleNamespace(
        site=agency_site,
        oit=oit,
        parent=parent,
        child=child,
        other=other,
        editor=member_make(agency_site, AgencyRole.EDITORS, "editor"),
        reviewer=member_make(agency_site, AgencyRole.WORKING_GROUP, "reviewer"),
        admin=member_make(agency_site, AgencyRole.ADMINISTRATORS, "webadmin"),
        superuser=get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-123456"),
    )


def _close_window(framework):
    """The window of last year: nothing is asked any more."""
    today = timezone.localdate()
    framework.window_start = today - datetime.timedelta(days=400)
    framework.window_end = today - datetime.timedelta(days=300)
    framework.save()


def _reload(page):
    return StandardPage.objects.filter(pk=page.pk).first()


def _messages(response):
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def _confirmation_screen(response):
    return response.status_code == 200 and "oversight/evidence_lock_confirm.html" in [
        template.name for template in response.templates
    ]


def _logged(page, change):
    entries = PageLogEntry.objects.filter(page_id=page.pk, action=evidence_lock.LOG_ACTION)
    return [entry for entry in entries if entry.data.get("change") == change]


def _move_url(page, destination):
    return reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])


def _edit_data(page, **overrides):
    """The page editor's form for ``page`` (a StandardPage) as the browser posts it, its ITA tags included."""
    links = list(page.ita_items.all())
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": "",
        "body": rich_text(page.body),
        "comments": inline_formset([]),
        "information_class": "on_change",
        "review_interval_days": "365",
        "published_documents": inline_formset([]),
        "ita_items": inline_formset(
            [{"id": link.pk, "item": link.item_id, "ORDER": str(number)} for number, link in enumerate(links, 1)],
            initial=len(links),
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


# -- The selector ------------------------------------------------------------------------------------------------


def test_frameworks_in_window_for_a_subtree_in_one_query(tree, django_assert_num_queries):
    today = timezone.localdate()
    with django_assert_num_queries(1):
        assert evidence_lock.evidence_frameworks_in_window(tree.parent, today) == [tree.oit]
    assert evidence_lock.evidence_frameworks_in_window(tree.child, today) == [tree.oit]
    assert evidence_lock.evidence_frameworks_in_window(tree.other, today) == []
    assert evidence_lock.evidence_frameworks_in_window(tree.parent, today + datetime.timedelta(days=11)) == []


def test_who_may_confirm(tree, second_agency_site):
    other_admin = member_make(second_agency_site, AgencyRole.ADMINISTRATORS, "town-webadmin")
    assert evidence_lock.user_may_confirm(tree.admin, tree.child)
    assert evidence_lock.user_may_confirm(tree.superuser, tree.child)
    assert not evidence_lock.user_may_confirm(tree.editor, tree.child)
    assert not evidence_lock.user_may_confirm(tree.reviewer, tree.child)
    assert not evidence_lock.user_may_confirm(other_admin, tree.child)


# -- Editors and the working group: refused -----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["editor", "reviewer"])
def test_slug_change_refused_for_editors_and_working_group(tree, who):
    revisions = tree.child.revisions.count()
    response = client_for(getattr(tree, who)).post(
        reverse("wagtailadmin_pages:edit", args=[tree.child.pk]), _edit_data(tree.child, slug="lock-evidence-2569")
    )

    assert response.status_code == 302 and response.url == reverse("wagtailadmin_pages:edit", args=[tree.child.pk])
    text = _messages(response)
    assert "เปลี่ยน URL (slug) ของหน้าไม่ได้ในขณะนี้" in text
    assert "OIT 2566" in text
    assert format_thai_date(tree.oit.window[0]) in text and format_thai_date(tree.oit.window[1]) in text
    assert "ผู้ประเมินจะเปิดเฉพาะลิงก์เดิม" in text
    assert tree.child.revisions.count() == revisions
    assert _reload(tree.child).slug == "lock-evidence"


def test_editor_may_still_save_the_evidence_page_without_changing_its_slug(tree):
    revisions = tree.child.revisions.count()
    response = client_for(tree.editor).post(
        reverse("wagtailadmin_pages:edit", args=[tree.child.pk]), _edit_data(tree.child, title="โครงสร้างหน่วยงาน")
    )
    assert response.status_code == 302
    assert tree.child.revisions.count() == revisions + 1


def test_parent_slug_change_refused_for_editors(tree):
    response = client_for(tree.editor).post(
        reverse("wagtailadmin_pages:edit", args=[tree.parent.pk]), _edit_data(tree.parent, slug="lock-parent-2569")
    )
    assert response.status_code == 302 and "OIT 2566" in _messages(response)
    assert _reload(tree.parent).get_latest_revision().content["slug"] == "lock-parent"


def test_autosave_with_another_slug_gets_a_json_refusal(tree):
    response = client_for(tree.editor).post(
        reverse("wagtailadmin_pages:edit", args=[tree.child.pk]),
        _edit_data(tree.child, slug="lock-evidence-2569"),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error_code"] == "blocked_by_hook"
    assert "OIT 2566" in response.json()["error_message"]


def test_editor_move_delete_unpublish_refused(tree):
    """Wagtail's move view runs the hook before its permission check: the editor reads why. Its delete and unpublish
    views check permissions first (editors may not delete or unpublish live pages: 403); the hooks refuse them too,
    with the Thai message, should an editor ever be given those permissions."""
    client = client_for(tree.editor)
    response = client.post(_move_url(tree.parent, tree.other))
    assert response.status_code == 302 and "ย้ายหน้าไม่ได้ในขณะนี้" in _messages(response)
    assert _reload(tree.parent).get_parent().pk == tree.site.root_page.pk
    # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and its own message.
    response = client.post(reverse("wagtailadmin_pages:delete", args=[tree.parent.pk]))
    assert response.status_code in (302, 403) and _reload(tree.parent) is not None
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[tree.child.pk]))
    assert response.status_code in (302, 403) and _reload(tree.child).live

    home = tree.site.root_page.pk
    for call, back_to in (
        (lambda request: evidence_lock.before_move_page(request, tree.parent, tree.other), home),
        (lambda request: evidence_lock.before_delete_page(request, tree.parent), home),
        (lambda request: evidence_lock.before_unpublish_page(request, tree.child), tree.parent.pk),
    ):
        request = RequestFactory().post("/admin/", HTTP_ACCEPT="text/html")
        request.user, request.session = tree.editor, SessionStore()
        request._messages = FallbackStorage(request)
        response = call(request)
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_explore", args=[back_to])
        assert "OIT 2566" in " ".join(str(message) for message in request._messages)


# -- Administrators and superusers: only with the explicit confirmation ---------------------------------------------


def test_administrator_moves_evidence_only_with_confirmation_and_the_old_url_redirects(tree, client):
    admin = client_for(tree.admin)
    url = _move_url(tree.child, tree.other)

    screen = admin.get(url)
    assert _confirmation_screen(screen)
    html = screen.content.decode()
    assert "O1" in html and "OIT 2566" in html and evidence_lock.CONFIRM_FIELD in html
    assert "ระบบจะสร้างการเปลี่ยนเส้นทาง (redirect)" in html

    # Wagtail's own dialog posts without the field: nothing moves, the confirmation screen answers.
    assert _confirmation_screen(admin.post(url))
    assert _reload(tree.child).url_path.endswith("/lock-parent/lock-evidence/")
    assert not _logged(tree.child, "move")

    response = admin.post(url, CONFIRM)
    assert response.status_code == 302
    moved = _reload(tree.child)
    assert moved.get_parent().pk == tree.other.pk
    [entry] = _logged(tree.child, "move")
    assert entry.data["frameworks"][0]["id"] == tree.oit.pk and entry.data["items"][0]["code"] == "O1"
    assert entry.data["old_url_path"].endswith("/lock-parent/lock-evidence/")
    assert "OIT 2566" in entry.message and "ยืนยัน" in entry.message

    # The old URL is left redirecting to the new one (wagtail.contrib.redirects, WAGTAILREDIRECTS_AUTO_CREATE).
    assert Redirect.objects.filter(old_path="/lock-parent/lock-evidence", redirect_page=moved).exists()
    old = client.get("/lock-parent/lock-evidence/")
    assert old.status_code in (301, 302) and old["Location"].endswith("/lock-archive/lock-evidence/")
    assert client.get("/lock-archive/lock-evidence/").status_code == 200


def test_administrator_deletes_a_parent_of_evidence_only_with_confirmation(tree):
    admin = client_for(tree.admin)
    url = reverse("wagtailadmin_pages:delete", args=[tree.parent.pk])

    assert _confirmation_screen(admin.get(url))
    assert _confirmation_screen(admin.post(url))
    assert _reload(tree.parent) is not None and _reload(tree.child) is not None

    assert admin.post(url, CONFIRM).status_code == 302
    assert _reload(tree.parent) is None and _reload(tree.child) is None
    [entry] = _logged(tree.parent, "delete")
    assert [item["code"] for item in entry.data["items"]] == ["O1"]


def test_administrator_moves_a_parent_of_evidence_only_with_confirmation(tree):
    admin = client_for(tree.admin)
    url = _move_url(tree.parent, tree.other)
    assert _confirmation_screen(admin.post(url))
    assert _reload(tree.parent).get_parent().pk == tree.site.root_page.pk

    assert admin.post(url, CONFIRM).status_code == 302
    assert _reload(tree.child).url_path.endswith("/lock-archive/lock-parent/lock-evidence/")
    assert _logged(tree.parent, "move")


def test_administrator_unpublishes_evidence_only_with_confirmation(tree):
    admin = client_for(tree.admin)
    url = reverse("wagtailadmin_pages:unpublish", args=[tree.child.pk])

    screen = admin.post(url)
    assert _confirmation_screen(screen)
    assert "ยกเลิกการเผยแพร่หน้าไม่ได้ในขณะนี้" in _messages(screen)
    assert _reload(tree.child).live

    assert admin.post(url, CONFIRM).status_code == 302
    assert not _reload(tree.child).live
    assert _logged(tree.child, "unpublish")


def test_unpublishing_a_parent_guards_its_evidence_children_only_with_include_descendants(tree):
    """Wagtail still serves live children under an unpublished parent: their URLs only go with the descendants."""
    admin = client_for(tree.admin)
    url = reverse("wagtailadmin_pages:unpublish", args=[tree.parent.pk])

    screen = admin.post(url, {"include_descendants": "on"})
    assert _confirmation_screen(screen)
    assert 'name="include_descendants" value="on"' in screen.content.decode()  # sent again with the confirmation
    assert _reload(tree.parent).live and _reload(tree.child).live

    assert admin.post(url).status_code == 302
    assert not _reload(tree.parent).live and _reload(tree.child).live


def test_administrator_changes_the_slug_only_with_confirmation(tree):
    admin = client_for(tree.admin)
    url = reverse("wagtailadmin_pages:edit", args=[tree.child.pk])
    revisions = tree.child.revisions.count()
    data = _edit_data(tree.child, slug="lock-evidence-2569")

    screen = admin.post(url, data)
    assert _confirmation_screen(screen)
    html = screen.content.decode()
    assert 'name="slug" value="lock-evidence-2569"' in html  # the whole form is sent again with the confirmation
    assert tree.child.revisions.count() == revisions

    assert admin.post(url, {**data, **CONFIRM}).status_code == 302
    assert _reload(tree.child).get_latest_revision().content["slug"] == "lock-evidence-2569"
    [entry] = _logged(tree.child, "slug")
    assert entry.data["old_slug"] == "lock-evidence" and entry.data["new_slug"] == "lock-evidence-2569"


def test_superuser_crafted_post_refused_and_confirmed_publish_redirects(
    tree, client, django_capture_on_commit_callbacks
):
    superuser = client_for(tree.superuser)
    move = _move_url(tree.child, tree.other)
    assert _confirmation_screen(superuser.post(move))
    assert _reload(tree.child).get_parent().pk == tree.parent.pk

    edit = reverse("wagtailadmin_pages:edit", args=[tree.child.pk])
    data = _edit_data(tree.child, slug="lock-evidence-2569", **{"action-publish": "action-publish"})
    assert _confirmation_screen(superuser.post(edit, data))
    assert _reload(tree.child).slug == "lock-evidence"

    # Wagtail sends page_slug_changed (which makes the redirect) once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        assert superuser.post(edit, {**data, **CONFIRM}).status_code == 302
    assert _reload(tree.child).slug == "lock-evidence-2569"
    assert _logged(tree.child, "slug")
    old = client.get("/lock-parent/lock-evidence/")
    assert old.status_code in (301, 302) and old["Location"].endswith("/lock-parent/lock-evidence-2569/")
    assert client.get("/lock-parent/lock-evidence-2569/").status_code == 200


def test_bulk_delete_from_the_listing_only_with_confirmation(tree):
    admin = client_for(tree.admin)
    explore = reverse("wagtailadmin_explore", args=[tree.site.root_page.pk])
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        + f"?id={tree.parent.pk}&id={tree.other.pk}&next={explore}"
    )

    assert _confirmation_screen(admin.post(url))
    assert _reload(tree.parent) is not None and _reload(tree.other) is not None

    assert admin.post(url, CONFIRM).status_code == 302
    assert _reload(tree.parent) is None and _reload(tree.other) is None
    assert _logged(tree.parent, "delete") and not _logged(tree.other, "delete")


def test_the_editor_reads_a_warning_on_the_evidence_page(tree):
    response = client_for(tree.editor).get(reverse("wagtailadmin_pages:edit", args=[tree.child.pk]))
    assert response.status_code == 200
    assert "ห้ามเปลี่ยน URL (slug) ระหว่างช่วงการประเมิน" in _messages(response)


# -- Outside every window: as before ---------------------------------------------------------------------------------


def test_outside_the_window_nothing_is_asked(tree):
    _close_window(tree.oit)
    editor, admin = client_for(tree.editor), client_for(tree.admin)

    edit = reverse("wagtailadmin_pages:edit", args=[tree.child.pk])
    assert editor.post(edit, _edit_data(tree.child, slug="lock-evidence-2569")).status_code == 302
    assert _reload(tree.child).get_latest_revision().content["slug"] == "lock-evidence-2569"

    assert not _confirmation_screen(admin.get(_move_url(tree.parent, tree.other)))
    assert admin.post(_move_url(tree.parent, tree.other)).status_code == 302
    assert _reload(tree.parent).get_parent().pk == tree.other.pk

    assert admin.post(reverse("wagtailadmin_pages:unpublish", args=[tree.child.pk])).status_code == 302
    assert not _reload(tree.child).live
    assert admin.post(reverse("wagtailadmin_pages:delete", args=[tree.parent.pk])).status_code == 302
    assert _reload(tree.parent) is None
    assert not PageLogEntry.objects.filter(action=evidence_lock.LOG_ACTION).exists()


# -- A draft with another slug, saved before the window, approved in the administrators' workflow step --------------


def _window(framework, start_days, end_days):
    today = timezone.localdate()
    framework.window_start = today + datetime.timedelta(days=start_days)
    framework.window_end = today + datetime.timedelta(days=end_days)
    framework.save()


@pytest.fixture
def checked_new_slug(tree):
    """Before the window opens, the editor saves a draft of the evidence page under another slug and submits it;
    the working group checks it. The administrators' step is next."""
    _window(tree.oit, 5, 30)
    edit = reverse("wagtailadmin_pages:edit", args=[tree.child.pk])
    assert client_for(tree.editor).post(edit, _edit_data(tree.child, slug="lock-evidence-2569")).status_code == 302
    submit(tree.child, tree.editor)
    assert wg_approve(tree.reviewer, tree.child).status_code == 302
    assert isinstance(current_task_state(tree.child).task.specific, PublishingTask)
    return tree


def _action_names(task_state, user):
    return [
        name
        for name, _label, _modal in task_state.task.specific.get_actions(task_state.workflow_state.content_object, user)
    ]


def test_approving_a_new_evidence_slug_during_the_window_needs_the_confirmation(
    checked_new_slug, client, django_capture_on_commit_callbacks
):
    tree = checked_new_slug
    _window(tree.oit, -1, 10)  # the window opens
    task_state = current_task_state(tree.child)
    assert _action_names(task_state, tree.admin) == ["reject", APPROVE_URL_CHANGE]
    assert _action_names(task_state, tree.superuser) == ["reject", APPROVE_URL_CHANGE]
    assert _action_names(task_state, tree.reviewer) == []

    # Plain "approve", as the modal's button or a crafted POST sends it: refused by Wagtail's view (403; without the
    # modal's XMLHttpRequest header, Wagtail's admin answers with a redirect to the dashboard), nothing published.
    admin = client_for(tree.admin)
    xhr = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    assert admin.post(action_url(tree.child, "approve", task_state), {}, **xhr).status_code == 403
    assert act(tree.admin, tree.child, "approve").url == reverse("wagtailadmin_home")
    confirmed = {"confirm_evidence_url_change": "on"}
    reviewer = client_for(tree.reviewer)
    assert reviewer.post(action_url(tree.child, APPROVE_URL_CHANGE, task_state), confirmed, **xhr).status_code == 403
    assert _reload(tree.child).slug == "lock-evidence"
    assert current_task_state(tree.child).pk == task_state.pk

    # The page editor's action menu offers it too.
    editor_page = admin.get(reverse("wagtailadmin_pages:edit", args=[tree.child.pk]))
    assert editor_page.status_code == 200 and APPROVE_URL_CHANGE_LABEL in editor_page.content.decode()

    # The modal names what breaks and asks for the confirmation.
    url = action_url(tree.child, APPROVE_URL_CHANGE, task_state)
    modal = admin.get(url)
    assert modal.status_code == 200
    html = json.loads(modal.content)["html"]
    assert "“lock-evidence” เป็น “lock-evidence-2569”" in html
    assert "OIT 2566" in html and "O1" in html and format_thai_date(tree.oit.window[1]) in html
    assert 'name="confirm_evidence_url_change"' in html and "ผู้ประเมินจะเปิดเฉพาะลิงก์เดิม" in html

    # Without the checkbox: the form again, with the Thai message; nothing published.
    response = admin.post(url, {"comment": "ปรับ URL"}, **xhr)
    assert response.status_code == 200
    assert "กรุณายืนยันการเปลี่ยน URL ของหลักฐาน ITA ก่อนอนุมัติ" in json.loads(response.content)["html"]
    assert admin.post(url, {"comment": "ปรับ URL"}).status_code == 302
    assert _reload(tree.child).slug == "lock-evidence"
    assert current_task_state(tree.child).pk == task_state.pk
    assert not _logged(tree.child, "slug")

    # With it: published under the new slug, the old URL redirects, the confirmation is in the audit log.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(url, {"comment": "ปรับ URL", **confirmed})
    assert response.status_code == 302
    page = _reload(tree.child)
    assert page.slug == "lock-evidence-2569" and page.live and not page.workflow_in_progress
    assert TaskState.objects.get(pk=task_state.pk).comment == "ปรับ URL"
    old = client.get("/lock-parent/lock-evidence/")
    assert old.status_code in (301, 302) and old["Location"].endswith("/lock-parent/lock-evidence-2569/")
    assert client.get("/lock-parent/lock-evidence-2569/").status_code == 200
    [entry] = _logged(tree.child, "slug")
    assert entry.user_id == tree.admin.pk
    assert entry.data["old_slug"] == "lock-evidence" and entry.data["new_slug"] == "lock-evidence-2569"
    assert entry.data["frameworks"][0]["id"] == tree.oit.pk and entry.data["items"][0]["code"] == "O1"
    assert entry.data["old_url_path"].endswith("/lock-parent/lock-evidence/")
    assert "OIT 2566" in entry.message and "ยืนยัน" in entry.message


def test_approve_url_change_refused_without_the_confirmation_whatever_the_way_in(checked_new_slug):
    """The page editor passes a workflow action's data straight to ``on_action``: it checks as the modal does."""
    tree = checked_new_slug
    _window(tree.oit, -1, 10)
    task_state = current_task_state(tree.child)
    task = task_state.task.specific
    for user, action, data in (
        (tree.admin, "approve", {}),
        (tree.admin, APPROVE_URL_CHANGE, {}),
        (tree.reviewer, APPROVE_URL_CHANGE, {"confirm_evidence_url_change": True}),
    ):
        with pytest.raises(PermissionDenied):
            task.on_action(task_state, user, action, **data)
    assert _reload(tree.child).slug == "lock-evidence"
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS


def test_outside_the_window_the_new_slug_is_approved_as_usual(checked_new_slug):
    tree = checked_new_slug
    assert _action_names(current_task_state(tree.child), tree.admin) == ["reject", "approve", "approve"]
    assert act(tree.admin, tree.child, "approve").status_code == 302
    assert _reload(tree.child).slug == "lock-evidence-2569"
    assert not PageLogEntry.objects.filter(action=evidence_lock.LOG_ACTION).exists()


def test_the_same_slug_during_the_window_is_approved_as_usual(tree):
    edit = reverse("wagtailadmin_pages:edit", args=[tree.child.pk])
    assert client_for(tree.editor).post(edit, _edit_data(tree.child, title="โครงสร้างหน่วยงาน")).status_code == 302
    submit(tree.child, tree.editor)
    wg_approve(tree.reviewer, tree.child)
    assert "approve" in _action_names(current_task_state(tree.child), tree.admin)
    assert act(tree.admin, tree.child, "approve").status_code == 302
    assert _reload(tree.child).title == "โครงสร้างหน่วยงาน"
