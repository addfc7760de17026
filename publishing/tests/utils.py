"""Builders shared by the publishing tests: people in an agency's groups, a citizen's manual draft, workflow steps."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from wagtail.models import Page

from publishing.checks import CHECK_NAMES, checks_applying
from publishing.models import AgencyGroup, AgencyRole
from services.models import ServiceIndexPage, ServicePage, ServiceStep

# The checks that always apply, ticked, as the modal posts them; and the audit log's record of them.
CHECKS = {check.name: "on" for check in checks_applying(personal_data_found=False)}
CHECKS_LOGGED = {name: name in CHECKS for name in CHECK_NAMES}


def member_make(site, role, username, **fields):
    """A user in ``role``'s group of ``site``'s agency, with an e-mail address."""
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.go.th", password="x-secret-123456", **fields
    )
    user.groups.add(AgencyGroup.objects.get(site=site, role=role).group)
    return user


def team_make(site, prefix=""):
    """An editor, a working-group member, a website administrator and an executive of ``site``'s agency."""
    return {
        "editor": member_make(site, AgencyRole.EDITORS, f"{prefix}editor"),
        "reviewer": member_make(site, AgencyRole.WORKING_GROUP, f"{prefix}reviewer"),
        "admin": member_make(site, AgencyRole.ADMINISTRATORS, f"{prefix}webadmin"),
        "executive": member_make(site, AgencyRole.EXECUTIVES, f"{prefix}executive"),
    }


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def manual_index(site) -> ServiceIndexPage:
    return ServiceIndexPage.objects.descendant_of(site.root_page).get()


def manual_draft(site, editor, title="การขออนุญาตก่อสร้างอาคาร", slug="building-permit", **fields) -> ServicePage:
    """A citizen's manual written by ``editor`` and saved as a draft (never published)."""
    page = ServicePage(
        title=title,
        slug=slug,
        category="permit",
        legal_basis="พระราชบัญญัติควบคุมอาคาร พ.ศ. 2522",
        criteria="<p>ยื่นคำขอพร้อมแบบแปลน</p>",
        complaint_channels="ศูนย์ดำรงธรรมจังหวัดเพชรบุรี สายด่วน 1567",
        no_fee=True,
        live=False,
        owner=editor,
        steps=[ServiceStep(name="ยื่นคำขอ", duration=15, unit="minutes")],
        **fields,
    )
    manual_index(site).add_child(instance=page)
    page.save_revision(user=editor)
    return page


def submit(page, user):
    """The editor's เสนอขออนุมัติเผยแพร่ข้อมูล: start the agency's workflow on the page's latest revision."""
    page = Page.objects.get(pk=page.pk).specific
    page.get_workflow().start(page, user)
    return page.current_workflow_task_state


def current_task_state(page):
    return Page.objects.get(pk=page.pk).specific.current_workflow_task_state


def action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def act(user, page, action, data=None):
    """POST a workflow action as ``user`` through Wagtail's workflow action view, as the modal does."""
    task_state = current_task_state(page)
    return client_for(user).post(action_url(page, action, task_state), data or {})


def wg_approve(reviewer, page, **extra):
    return act(reviewer, page, "approve", {**CHECKS, "information_class": "on_change", **extra})


def admin_approve(admin, page):
    return act(admin, page, "approve")


def reload(page):
    return Page.objects.get(pk=page.pk).specific
