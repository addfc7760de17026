"""Writes of the publishing procedure (R3, R2.3): who may do what in which agency's tree, the agency's workflow,
the working group's checklist decisions, "still current" confirmations, scheduled publishing and expiry, review
reminders and the scheduler's lock."""

import datetime
import logging
import os
import socket
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.models import ClassifiedPageMixin, InformationClass
from publishing.checks import CHECKS, checks_applying, checks_summary
from publishing.forms import ChecklistApproveForm, ChecklistRejectForm
from publishing.models import (
    AgencyGroup,
    AgencyRole,
    ChecklistDecision,
    ChecklistReview,
    ChecklistTask,
    PublishingTask,
    ReminderKind,
    ReviewReminder,
    SchedulerLock,
)

logger = logging.getLogger(__name__)

# Page permissions each role holds on its own agency's tree only (R2.2, R3).
ROLE_PAGE_PERMISSIONS = {
    # Editors add and change; they can never publish, schedule or unpublish.
    AgencyRole.EDITORS: ["add_page", "change_page"],
    # The working group reviews and may correct a draft or its information class before approving.
    AgencyRole.WORKING_GROUP: ["change_page"],
    AgencyRole.ADMINISTRATORS: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
    AgencyRole.EXECUTIVES: [],
}

ROLE_COLLECTION_PERMISSIONS = {
    AgencyRole.EDITORS: [
        "add_document",
        "change_document",
        "choose_document",
        "add_image",
        "change_image",
        "choose_image",
    ],
    AgencyRole.WORKING_GROUP: ["choose_document", "choose_image"],
    AgencyRole.ADMINISTRATORS: [
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
        "add_image",
        "change_image",
        "choose_image",
        "delete_image",
    ],
    AgencyRole.EXECUTIVES: [],
}


# The agency's own data under the same workflow (people, units, the agency's details). Django model permissions,
# which say what a role may do; the admin views (disclosure/agency_snippets.py) say on which agency's rows.
AGENCY_DATA_MODELS = [("disclosure", "person"), ("core", "organisationunit"), ("core", "agencysettings")]
ROLE_AGENCY_DATA_PERMISSIONS = {
    # Editors propose: a new row or a change is a draft they submit to the workflow; never publish.
    AgencyRole.EDITORS: ["add", "change"],
    # The working group opens the draft to check it (and may correct it), as with pages.
    AgencyRole.WORKING_GROUP: ["change"],
    # Administrators approve the last step, which publishes. Unlike pages, Wagtail 7.4 checks the approver's
    # "publish" permission when a snippet's workflow finishes (wagtail.workflows.publish_workflow_state), so they
    # hold it; publishing/wagtail_hooks.py still refuses a direct publish to everyone but superusers.
    AgencyRole.ADMINISTRATORS: ["add", "change", "delete", "publish", "lock", "unlock"],
    AgencyRole.EXECUTIVES: [],
}


def _agency_data_permissions_set(group: Group, role: str) -> None:
    wanted = {
        f"{action}_{model}" for action in ROLE_AGENCY_DATA_PERMISSIONS[role] for _app, model in AGENCY_DATA_MODELS
    }
    scope = Q()
    for app_label, model in AGENCY_DATA_MODELS:
        scope |= Q(content_type__app_label=app_label, content_type__model=model)
    managed = Permission.objects.filter(scope)
    group.permissions.remove(*managed.exclude(codename__in=wanted))
    group.permissions.add(*managed.filter(codename__in=wanted))


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _permission_for(codename: str) -> Permission:
    app_label = {"document": "wagtaildocs", "image": "wagtailimages", "page": "wagtailcore"}[codename.rsplit("_", 1)[1]]
    return _permission(app_label, codename)


@transaction.atomic
def agency_groups_ensure(site: Site, agency_name: str, collection: Collection) -> dict[str, Group]:
    """Create, or bring back in line, the agency's four groups with permissions scoped to its own tree.

    Idempotent: run again, it adds what is missing and removes page or collection permissions that a role should
    not have on this agency's tree, and never touches another agency's groups.
    """
    home: Page = site.root_page
    access_admin = _permission("wagtailadmin", "access_admin")
    groups = {}
    for role in AgencyRole:
        link = AgencyGroup.objects.filter(site=site, role=role).select_related("group").first()
        name = f"{role.label} — {agency_name}"
        if link is None:
            group, _ = Group.objects.get_or_create(name=name)
            AgencyGroup.objects.create(site=site, role=role, group=group)
        else:
            group = link.group
            if group.name != name:
                group.name = name
                group.save(update_fields=["name"])
        group.permissions.add(access_admin)
        _agency_data_permissions_set(group, role)

        wanted_pages = {_permission_for(c).pk for c in ROLE_PAGE_PERMISSIONS[role]}
        GroupPagePermission.objects.filter(group=group, page=home).exclude(permission_id__in=wanted_pages).delete()
        for permission_id in wanted_pages:
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission_id=permission_id)

        wanted_collections = {_permission_for(c).pk for c in ROLE_COLLECTION_PERMISSIONS[role]}
        GroupCollectionPermission.objects.filter(group=group, collection=collection).exclude(
            permission_id__in=wanted_collections
        ).delete()
        for permission_id in wanted_collections:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission_id=permission_id
            )
        groups[role.value] = group
    return groups


def _workflow_names(agency_name: str) -> tuple[str, str, str]:
    return (
        f"ขั้นตอนการเผยแพร่ข้อมูล — {agency_name}",
        f"คณะทำงานฯ ตรวจสอบข้อมูล — {agency_name}",
        f"ผู้ดูแลระบบเว็บไซต์อนุมัติเผยแพร่ — {agency_name}",
    )


@transaction.atomic
def agency_workflow_ensure(site: Site, agency_name: str, groups: dict[str, Group]) -> Workflow:
    """Create, or bring back in line, the agency's workflow on its home page (so on its whole tree): first the
    working group's checklist task, then the website administrators' group approval task, whose approval publishes
    (or schedules, with a go-live time). Idempotent; never touches another agency's workflow."""
    workflow_name, checklist_name, approval_name = _workflow_names(agency_name)
    home = site.root_page
    link = WorkflowPage.objects.filter(page=home).select_related("workflow").first()
    if link is None:
        workflow = Workflow.objects.create(name=workflow_name)
        WorkflowPage.objects.create(page=home, workflow=workflow)
    else:
        workflow = link.workflow
    if workflow.name != workflow_name or not workflow.active:
        workflow.name, workflow.active = workflow_name, True
        workflow.save(update_fields=["name", "active"])

    tasks = list(workflow.tasks.specific())
    checklist = next((t for t in tasks if isinstance(t, ChecklistTask)), None)
    if checklist is None:
        checklist = ChecklistTask.objects.create(name=checklist_name)
    approval = next((t for t in tasks if type(t) in (PublishingTask, GroupApprovalTask)), None)
    publishing_type = ContentType.objects.get_for_model(PublishingTask, for_concrete_model=False)
    if approval is None:
        approval = PublishingTask.objects.create(name=approval_name, content_type=publishing_type)
    elif approval.content_type_id != publishing_type.pk:
        # A workflow made before the administrators' step had its own type: same row, now a PublishingTask.
        Task.objects.filter(pk=approval.pk).update(content_type=publishing_type)
        approval = PublishingTask.objects.get(pk=approval.pk)
    steps = (
        (checklist, checklist_name, AgencyRole.WORKING_GROUP),
        (approval, approval_name, AgencyRole.ADMINISTRATORS),
    )
    for task, name, role in steps:
        if task.name != name or not task.active:
            task.name, task.active = name, True
            task.save(update_fields=["name", "active"])
        task.groups.set([groups[role.value]])
    if [t.pk for t in tasks] != [checklist.pk, approval.pk]:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        WorkflowTask.objects.create(workflow=workflow, task=checklist, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=approval, sort_order=1)
    return workflow


class ChecklistRefused(PermissionDenied):
    """The working group's decision was refused: a check missing, no comment on a request for changes, or a user
    who may not take this step. The message is Thai, for the screen."""


@transaction.atomic
def checklist_decide(task_state, user, action_name: str, data: dict) -> None:
    """Record the working group's decision on ``task_state`` and move the workflow on.

    Approving needs every check of ``publishing.checks`` that applies ticked (the four of R3.2; the personal-data
    check when the revision under review, or a document it publishes, holds personal data: found again here, never
    taken from the form) and, on a disclosure page, an information class (R3.1); a corrected class is written into
    the revision under review, so the administrators publish what was checked.
    Requesting changes needs a comment; the page goes back to its editor with it. Whatever the way in (the modal,
    the page editor, a crafted POST), invalid data raises ``ChecklistRefused`` and nothing changes. Both decisions
    are stored as a ``ChecklistReview`` (with the personal data found, masked) and written into Wagtail's audit log
    with the checks."""
    from publishing.personal_data import personal_data_of_task_state

    task = task_state.task.specific
    workflow_state = task_state.workflow_state
    obj = workflow_state.content_object
    page = obj.specific if isinstance(obj, Page) else obj
    subject = {
        "page": page if isinstance(page, Page) else None,
        "base_content_type_id": workflow_state.base_content_type_id,
        "object_id": workflow_state.object_id,
    }
    if task_state.status != task_state.STATUS_IN_PROGRESS:
        raise ChecklistRefused("ขั้นตอนนี้ดำเนินการไปแล้ว")
    if action_name not in {name for name, _label, _modal in task.get_actions(page, user)}:
        raise ChecklistRefused("ท่านไม่ได้เป็นคณะทำงานฯ ของหน่วยงานนี้")

    latest = obj.get_latest_revision()
    if latest is not None and latest.pk != task_state.revision_id:
        # During its step only the working group (and superusers) can edit: what it checks is what it sees now,
        # its own corrections included. The record and the publication follow this revision.
        task_state.revision = latest
        task_state.save(update_fields=["revision"])
    revision = task_state.revision
    if action_name == "reject":
        form = ChecklistRejectForm(data={"comment": data.get("comment", "")})
        if not form.is_valid():
            raise ChecklistRefused("กรุณาระบุสิ่งที่ผู้จัดทำข้อมูลต้องแก้ไข")
        comment = form.cleaned_data["comment"]
        review = ChecklistReview.objects.create(
            task_state=task_state,
            **subject,
            revision=revision,
            user=user,
            decision=ChecklistDecision.REJECTED,
            class_before=revision.content.get("information_class") or "",
            comment=comment,
        )
        log(
            instance=page,
            action="prongsai.checklist.reject",
            user=user,
            revision=revision,
            data={"task_state_id": task_state.pk, "comment": comment, "checks": review.checks_data},
        )
        task_state.reject(user=user, comment=comment)
        return None

    if action_name != "approve":
        raise ChecklistRefused("ไม่รู้จักการดำเนินการนี้")
    scan = personal_data_of_task_state(task_state)
    form = ChecklistApproveForm(
        data={key: value for key, value in data.items() if value not in (False, None) and key != "review_of"},
        personal_data_found=scan.found,
    )
    if not form.is_valid():
        applying = checks_applying(scan.found)
        raise ChecklistRefused(
            f"ต้องตรวจสอบครบทั้ง {len(applying)} ด้าน ({checks_summary(scan.found)})"
            + (" เนื่องจากพบข้อมูลส่วนบุคคล" if scan.found else "")
        )
    is_disclosure = isinstance(page, ClassifiedPageMixin)
    class_before = (revision.content.get("information_class") or "") if is_disclosure else ""
    class_after = form.cleaned_data["information_class"] if is_disclosure else ""
    if is_disclosure and not class_after:
        raise ChecklistRefused("กรุณายืนยันหรือแก้ไขประเภทข้อมูล")
    if class_after == InformationClass.FIXED_PERIOD and not revision.content.get("expire_at"):
        raise ChecklistRefused("ข้อมูลที่มีระยะเวลาในการเผยแพร่ที่แน่นอนต้องมีวันที่เริ่มและสิ้นสุดการเผยแพร่ กรุณาส่งกลับให้ผู้จัดทำข้อมูลระบุ")
    if class_after and class_after != class_before:
        # Correct the class in the revision under review (no new revision: the checks stay on what was checked).
        revision.content["information_class"] = class_after
        revision.save(update_fields=["content"])
        if not page.live:
            type(page).objects.filter(pk=page.pk).update(information_class=class_after)

    comment = form.cleaned_data["comment"].strip()
    review = ChecklistReview.objects.create(
        task_state=task_state,
        **subject,
        revision=revision,
        user=user,
        decision=ChecklistDecision.APPROVED,
        **{check.name: check.applies(scan.found) for check in CHECKS},
        personal_data_count=sum(finding.count for finding in scan.findings),
        personal_data_findings=[finding.as_json() for finding in scan.findings],
        personal_data_partly_scanned=scan.partly_scanned,
        class_before=class_before,
        class_after=class_after,
        comment=comment,
    )
    log(
        instance=page,
        action="prongsai.checklist.approve",
        user=user,
        revision=revision,
        data={
            "task_state_id": task_state.pk,
            "checks": review.checks_data,
            "personal_data_findings": review.personal_data_findings,
            "class_before": class_before,
            "class_after": class_after,
            "comment": comment,
        },
    )
    task_state.approve(user=user, comment=comment)
    return None


def _agency_link(page: Page, user, roles) -> bool:
    """Whether ``user`` holds one of ``roles`` in the agency whose tree holds ``page``."""
    from publishing.selectors import site_for_page

    site = site_for_page(page)
    return site is not None and AgencyGroup.objects.filter(site=site, role__in=roles, group__user=user).exists()


def user_can_confirm_still_current(user, page: Page) -> bool:
    """The working group of the page's own agency (or a superuser) confirms it is still current."""
    if not user.is_active:
        return False
    return user.is_superuser or _agency_link(page, user, [AgencyRole.WORKING_GROUP])


def user_can_view_record(user, obj, workflow_state=None) -> bool:
    """Any of the four groups of the object's own agency (or a superuser) may read its request-to-publish record;
    the object is a page or a snippet under its agency's workflow."""
    from publishing.selectors import site_for_object

    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    site = site_for_object(obj, workflow_state)
    return site is not None and AgencyGroup.objects.filter(site=site, group__user=user).exists()


@transaction.atomic
def page_still_current_confirm(page: Page, user, comment: str = "") -> ClassifiedPageMixin:
    """ "Still current" (R2.3): the working group confirms an unchanged live page is still accurate. Records the
    verification time (shown publicly as the data's date), starts the review interval again from now and writes
    the audit log; no new revision of the content is made."""
    page = page.specific
    if not isinstance(page, ClassifiedPageMixin) or not page.live:
        raise PermissionDenied("ยืนยันได้เฉพาะหน้าข้อมูลที่เผยแพร่อยู่")
    if not user_can_confirm_still_current(user, page):
        raise PermissionDenied("เฉพาะคณะทำงานฯ ของหน่วยงานนี้เท่านั้นที่ยืนยันได้")
    now = timezone.now()
    previous_review_date = page.next_review_date
    next_review_date = (timezone.localtime(now) + datetime.timedelta(days=page.review_interval_days)).date()
    type(page).objects.filter(pk=page.pk).update(last_verified_at=now, next_review_date=next_review_date)
    log(
        instance=page,
        action="prongsai.still_current",
        user=user,
        revision=page.live_revision,
        data={
            "verified_at": now,
            "previous_review_date": previous_review_date,
            "next_review_date": next_review_date,
            "comment": comment,
        },
    )
    page.last_verified_at, page.next_review_date = now, next_review_date
    return page


def direct_publish_allowed(user, page: Page) -> bool:
    """Publishing outside the workflow is for superusers only (and it shows in the records); everyone else
    publishes through the working group's checklist and the administrators' approval."""
    return user.is_superuser or page.get_workflow() is None


# Scheduler -----------------------------------------------------------------------------------------------------

SCHEDULER_LOCK = "scheduler"
SCHEDULER_LEASE = datetime.timedelta(minutes=10)


def _this_host() -> str:
    return socket.gethostname()[:40]


def scheduler_owner() -> str:
    """The name a scheduler process holds the lease under: its host and process id (so that a run killed on this
    host is noticed at once, ``scheduler_lock_acquire``) and a random part."""
    return f"{_this_host()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _owner_has_ended(owner: str) -> bool:
    """True when ``owner`` names a process of this host that no longer exists (killed, crashed, the machine
    restarted). A process on another host, or a name of another form, is presumed alive: its lease lapses."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != _this_host() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process: alive
        return False
    return False


def scheduler_lock_acquire(owner: str, now=None, name: str = SCHEDULER_LOCK, lease=SCHEDULER_LEASE) -> bool:
    """Take the scheduler's lease if it is free or has lapsed, or if the process holding it has ended on this host
    (a run killed mid-way must not stop the next one for the rest of the lease: what it left undone is done now).
    Each take is a single conditional UPDATE, so two processes can never both get it, on SQLite as on PostgreSQL.
    ``name``: another job's own lease (the link checker's, one per agency: ``oversight.link_checker``)."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            SchedulerLock.objects.get_or_create(name=name)
    except IntegrityError:
        pass  # created by the other process at the same moment
    taken = (
        SchedulerLock.objects.filter(name=name)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + lease, owner=owner)
    )
    if taken:
        return True
    holder = SchedulerLock.objects.filter(name=name).values_list("owner", flat=True).first()
    if holder and holder != owner and _owner_has_ended(holder):
        logger.warning("The scheduler run %s ended without releasing its lock; %s takes it over", holder, owner)
        taken = SchedulerLock.objects.filter(name=name, owner=holder).update(locked_until=now + lease, owner=owner)
    return taken == 1


def scheduler_lock_renew(owner: str, name: str = SCHEDULER_LOCK, lease=SCHEDULER_LEASE) -> bool:
    return bool(SchedulerLock.objects.filter(name=name, owner=owner).update(locked_until=timezone.now() + lease))


def scheduler_lock_release(owner: str, name: str = SCHEDULER_LOCK) -> None:
    SchedulerLock.objects.filter(name=name, owner=owner).update(locked_until=None, owner="", last_run_at=timezone.now())


def scheduled_publishing_run() -> list[tuple[str, int]]:
    """Publish every revision whose go-live time has come and unpublish every page whose end date has passed,
    in the order the times fell (after downtime: a page that went live at 10:00 and ended at 12:00 is published,
    then unpublished), each once. Returns ``("publish", revision id)`` / ``("expire", page id)`` in order."""
    done: list[tuple[str, int]] = []
    tried_revisions: set[int] = set()
    tried_pages: set[int] = set()
    while True:
        now = timezone.now()
        revision = (
            Revision.objects.filter(approved_go_live_at__lte=now)
            .exclude(pk__in=tried_revisions)
            .order_by("approved_go_live_at", "pk")
            .first()
        )
        page = (
            Page.objects.filter(live=True, expire_at__lte=now)
            .exclude(pk__in=tried_pages)
            .order_by("expire_at", "pk")
            .first()
        )
        if revision is None and page is None:
            return done
        if revision is not None and (page is None or revision.approved_go_live_at <= page.expire_at):
            tried_revisions.add(revision.pk)
            try:
                with transaction.atomic():
                    revision.publish(log_action="wagtail.publish.scheduled")
                done.append(("publish", revision.pk))
            except Exception:
                logger.exception("Scheduled publishing of revision %s failed", revision.pk)
        else:
            tried_pages.add(page.pk)
            try:
                with transaction.atomic():
                    page.specific.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
                done.append(("expire", page.pk))
            except Exception:
                logger.exception("Scheduled expiry of page %s failed", page.pk)


def _reminder_recipients(site: Site, page: ClassifiedPageMixin) -> list:
    """The page's responsible editors (its owner and the author of its latest revision, when they are the
    agency's editors; else all the agency's editors) and the agency's working group: active, with an e-mail."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    editors = users.filter(groups__agency_role__site=site, groups__agency_role__role=AgencyRole.EDITORS)
    latest = page.get_latest_revision()
    responsible_ids = {uid for uid in (page.owner_id, latest.user_id if latest else None) if uid}
    responsible = editors.filter(pk__in=responsible_ids)
    if not responsible.exists():
        responsible = editors
    working_group = users.filter(groups__agency_role__site=site, groups__agency_role__role=AgencyRole.WORKING_GROUP)
    return list((responsible | working_group).distinct().order_by("pk"))


def review_reminders_send(today: datetime.date | None = None) -> int:
    """E-mail, once per page and review date, the reminders that a page is due for review within
    ``REVIEW_REMINDER_DAYS`` days (and again once it is overdue), to the responsible editors and the working group
    of the page's own agency only; one message per person listing their pages. Returns the messages sent."""
    from publishing.selectors import pages_due_for_review

    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.REVIEW_REMINDER_DAYS)
    sent = 0
    for link in AgencyGroup.objects.filter(role=AgencyRole.WORKING_GROUP).select_related("site__root_page"):
        site = link.site
        per_user: dict[int, tuple] = {}
        for page in pages_due_for_review(site, horizon):
            kind = ReminderKind.OVERDUE if page.next_review_date < today else ReminderKind.DUE_SOON
            recipients = _reminder_recipients(site, page)
            try:
                with transaction.atomic():
                    ReviewReminder.objects.create(
                        page=page,
                        review_date=page.next_review_date,
                        kind=kind,
                        recipients=", ".join(u.email for u in recipients),
                    )
            except IntegrityError:
                continue  # already sent (or being sent by another run)
            for user in recipients:
                per_user.setdefault(user.pk, (user, []))[1].append((page, kind))
        for user, items in per_user.values():
            context = {
                "user": user,
                "site": site,
                "items": [
                    {
                        "page": page,
                        "overdue": kind == ReminderKind.OVERDUE,
                        "url": settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    }
                    for page, kind in items
                ],
            }
            subject = f"[{site.site_name}] แจ้งเตือนการทบทวนความเป็นปัจจุบันของข้อมูล ({len(items)} รายการ)"
            send_mail(subject, render_to_string("publishing/email/review_reminder.txt", context), None, [user.email])
            sent += 1
    return sent


def scheduler_run(owner: str | None = None) -> dict | None:
    """One run of the scheduler's jobs under its lock: scheduled publishing and expiry in order, then review
    reminders. Returns what was done, or ``None`` when another run holds the lock (it does the work)."""
    owner = owner or scheduler_owner()
    if not scheduler_lock_acquire(owner):
        return None
    try:
        done = scheduled_publishing_run()
        scheduler_lock_renew(owner)
        reminders = review_reminders_send()
        return {"published_or_expired": done, "reminders": reminders}
    finally:
        scheduler_lock_release(owner)
