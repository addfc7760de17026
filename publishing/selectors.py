"""Reads of the publishing procedure: pages due for review, late "immediate" items, a user's agencies and the
request-to-publish record of a page or snippet from its submission. Reports and screens call these, and so do the
tests."""

import dataclasses
import datetime
import functools

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, PageLogEntry, Site, TaskState, WorkflowPage, WorkflowState

from core.models import ClassifiedPageMixin, InformationClass
from publishing.checks import CHECKS
from publishing.models import ChecklistDecision, ChecklistReview, ChecklistTask, StaffProfile

PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def disclosure_models() -> list[type[ClassifiedPageMixin]]:
    """Every concrete page type the procedure classifies (``ClassifiedPageMixin``: the disclosure pages and the home
    app's news, policies, contact and home pages), whichever app defines it."""
    return [model for model in apps.get_models() if issubclass(model, ClassifiedPageMixin)]


def agency_sites_for_user(user, roles=None) -> list[Site]:
    """The agencies in whose groups ``user`` is (only those ``roles``, when given); every agency for a superuser.
    The default site comes first."""
    if not user.is_authenticated:
        return []
    sites = Site.objects.filter(agency_groups__isnull=False)
    if not user.is_superuser:
        # One filter() call, so that the user's group and the role are those of the same AgencyGroup row.
        membership = {"agency_groups__group__user": user}
        if roles is not None:
            membership["agency_groups__role__in"] = roles
        sites = sites.filter(**membership)
    return list(sites.distinct().select_related("root_page").order_by("-is_default_site", "site_name", "pk"))


def site_for_page(page: Page) -> Site | None:
    """The agency site whose tree holds ``page``."""
    for site in Site.objects.filter(agency_groups__isnull=False).distinct().select_related("root_page"):
        if page.path.startswith(site.root_page.path):
            return site
    return None


def pages_due_for_review(site: Site, on: datetime.date) -> list[ClassifiedPageMixin]:
    """The agency's live disclosure pages whose next review date is ``on`` or earlier, earliest first. Items with
    a fixed publication period end on their own date and are left out."""
    pages = []
    for model in disclosure_models():
        pages += list(
            model.objects.live()
            .descendant_of(site.root_page, inclusive=True)
            .filter(next_review_date__lte=on)
            .exclude(information_class=InformationClass.FIXED_PERIOD)
            .select_related("responsible_unit")
        )
    return sorted(pages, key=lambda page: (page.next_review_date, page.title))


@dataclasses.dataclass
class ImmediateItem:
    page: Page
    approved_at: datetime.datetime
    live_at: datetime.datetime | None
    hours: float
    late: bool

    @property
    def pending(self) -> bool:
        return self.live_at is None


def _first_live_at(page_id: int, since: datetime.datetime) -> datetime.datetime | None:
    entry = (
        PageLogEntry.objects.filter(page_id=page_id, action__in=PUBLISH_ACTIONS, timestamp__gte=since)
        .order_by("timestamp")
        .first()
    )
    return entry.timestamp if entry else None


def immediate_items(site: Site, now=None, since_days: int = 90) -> list[ImmediateItem]:
    """Items the working group approved as "publish immediately" (R3.1) in the last ``since_days`` days, with the
    time from that approval to live (R3.3); still waiting ones count until now. ``late`` is past
    ``IMMEDIATE_PUBLISH_LIMIT_HOURS``. Items sent back or withdrawn after approval are left out."""
    now = now or timezone.now()
    limit = datetime.timedelta(hours=settings.IMMEDIATE_PUBLISH_LIMIT_HOURS)
    reviews = (
        ChecklistReview.objects.filter(
            decision=ChecklistDecision.APPROVED,
            class_after=InformationClass.IMMEDIATE,
            decided_at__gte=now - datetime.timedelta(days=since_days),
            page__path__startswith=site.root_page.path,
        )
        .select_related("page", "task_state__workflow_state")
        .order_by("decided_at")
    )
    items = []
    for review in reviews:
        live_at = _first_live_at(review.page_id, review.decided_at)
        if live_at is None:
            workflow_state = review.task_state.workflow_state
            if workflow_state.status not in (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_APPROVED):
                continue
        elapsed = (live_at or now) - review.decided_at
        items.append(
            ImmediateItem(
                page=review.page,
                approved_at=review.decided_at,
                live_at=live_at,
                hours=round(elapsed.total_seconds() / 3600, 1),
                late=elapsed > limit,
            )
        )
    return items


def immediate_items_late(site: Site, now=None) -> list[ImmediateItem]:
    """The "immediate" items past the limit: still waiting for the administrators, or published late."""
    return [item for item in immediate_items(site, now) if item.late]


def user_display_name(user) -> str:
    """A person as the records name them: full name, else username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def user_position(user) -> str:
    """A person's position (ตำแหน่ง) from their ``StaffProfile``, "" when not given."""
    if user is None:
        return ""
    profile = StaffProfile.objects.filter(user=user).first()
    return profile.position if profile else ""


def site_for_object(obj, workflow_state: WorkflowState | None = None) -> Site | None:
    """The agency an object belongs to: a page's by its tree; a snippet's by its ``site`` when it has one, else by
    its workflow (each agency's workflow is the one on its home page)."""
    if isinstance(obj, Page):
        return site_for_page(obj)
    site = getattr(obj, "site", None)
    if isinstance(site, Site):
        return site
    workflow_id = workflow_state.workflow_id if workflow_state is not None else None
    if workflow_id is None:
        state = WorkflowState.objects.for_instance(obj).order_by("-created_at").first()
        workflow_id = state.workflow_id if state else None
    link = WorkflowPage.objects.filter(workflow_id=workflow_id).select_related("page").first() if workflow_id else None
    return site_for_page(link.page) if link else None


@dataclasses.dataclass
class Person:
    """Someone who acted, as the record shows them: name, position, when."""

    user: object
    at: datetime.datetime | None = None

    @property
    def name(self) -> str:
        return user_display_name(self.user)

    @functools.cached_property
    def position(self) -> str:
        # Read once per person shown: the record prints it in its table and again in the signature blocks.
        return user_position(self.user)


@dataclasses.dataclass
class Round:
    """One submission (the first, or a resubmission after changes were asked) and the steps taken on it."""

    workflow_state: WorkflowState
    number: int
    submitted: Person
    steps: list  # {"state": TaskState, "review": ChecklistReview | None, "by": Person}


def _rounds(workflow_state: WorkflowState, obj) -> list[Round]:
    """The rounds of one workflow run: it starts with the request; each resubmission after a step asked for
    changes (Wagtail's "resume", found in the audit log by the task state it restarted after) starts another."""
    reviews = {
        review.task_state_id: review
        for review in ChecklistReview.objects.filter(task_state__workflow_state=workflow_state).select_related("user")
    }
    resumes = {}
    for entry in (
        log_registry.get_logs_for_instance(obj)
        .filter(action="wagtail.workflow.resume", timestamp__gte=workflow_state.created_at)
        .select_related("user")
    ):
        task_state_id = (entry.data.get("workflow") or {}).get("task_state_id")
        resumes.setdefault(task_state_id, entry)
    rounds = [Round(workflow_state, 1, Person(workflow_state.requested_by, workflow_state.created_at), [])]
    for state in (
        TaskState.objects.filter(workflow_state=workflow_state)
        .select_related("task", "finished_by")
        .order_by("started_at", "pk")
    ):
        rounds[-1].steps.append(
            {"state": state, "review": reviews.get(state.pk), "by": Person(state.finished_by, state.finished_at)}
        )
        if state.status == TaskState.STATUS_REJECTED and state.pk in resumes:
            entry = resumes[state.pk]
            rounds.append(Round(workflow_state, len(rounds) + 1, Person(entry.user, entry.timestamp), []))
    return rounds


@dataclasses.dataclass
class PublishRecord:
    """บันทึกขออนุมัติเผยแพร่ข้อมูล of one request: the submission that was approved (or is under review), the working
    group's checks, the administrators' approval and the publication; earlier rounds and runs as history."""

    object: object
    revision: object
    workflow_state: WorkflowState | None
    rounds: list[Round]
    history: list[Round]
    review: ChecklistReview | None
    approval: TaskState | None
    publish_entry: object | None
    schedule_entry: object | None
    information_class: str
    waiting_for: list[str]  # the groups that must act now
    waiting_task: str

    @property
    def page(self):
        return self.object if isinstance(self.object, Page) else None

    @property
    def title(self) -> str:
        obj = self.object
        return obj.get_admin_display_title() if hasattr(obj, "get_admin_display_title") else str(obj)

    @property
    def kind(self) -> str:
        obj = self.object
        model = obj.specific_class if isinstance(obj, Page) else type(obj)
        return str(model._meta.verbose_name)

    @property
    def check_rows(self) -> list[dict]:
        """Each declared check on the working group's approval: whether it applied and was ticked."""
        if self.review is None:
            return []
        found = self.review.personal_data_count > 0
        return [
            {"check": check, "applies": check.applies(found), "ticked": getattr(self.review, check.name)}
            for check in CHECKS
        ]

    @property
    def current_round(self) -> Round | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def steps(self) -> list:
        """Every step of this request, all rounds, in order."""
        return [step for round_ in self.rounds for step in round_.steps]

    @property
    def in_moderation(self) -> bool:
        return self.workflow_state is not None and self.workflow_state.status in (
            WorkflowState.STATUS_IN_PROGRESS,
            WorkflowState.STATUS_NEEDS_CHANGES,
        )

    @property
    def needs_changes(self) -> bool:
        return self.workflow_state is not None and self.workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    @property
    def requester(self) -> Person:
        return self.current_round.submitted if self.current_round else Person(None)

    @property
    def requested_by(self):
        return self.requester.user

    @property
    def requested_at(self):
        return self.requester.at

    @property
    def reviewer(self) -> Person:
        return Person(self.review.user, self.review.decided_at) if self.review else Person(None)

    @property
    def approver(self) -> Person:
        return Person(self.approval.finished_by, self.approval.finished_at) if self.approval else Person(None)

    @property
    def publisher(self) -> Person:
        """Who published: the administrator whose approval published, else whoever published directly."""
        if self.approval is not None:
            return self.approver
        return Person(self.published_by, self.live_at)

    @property
    def names(self) -> dict[str, str]:
        """Who did each step, as shown on the record ("" when nobody did)."""
        return {
            "requested_by": self.requester.name,
            "reviewer": self.reviewer.name,
            "approver": self.approver.name,
            "publisher": user_display_name(self.published_by),
        }

    @property
    def class_requested(self) -> str:
        value = self.review.class_before if self.review else self.information_class
        return InformationClass(value).label if value in InformationClass.values else ""

    @property
    def class_final(self) -> str:
        value = self.information_class
        return InformationClass(value).label if value in InformationClass.values else ""

    @property
    def published_by(self):
        return self.publish_entry.user if self.publish_entry else None

    @property
    def live_at(self):
        return self.publish_entry.timestamp if self.publish_entry else None

    @property
    def checklist_skipped(self) -> bool:
        """Published without the working group's checks: a superuser's direct publish, or the system's."""
        return self.publish_entry is not None and self.review is None

    @property
    def approval_skipped(self) -> bool:
        """Published without the website administrators' approval step."""
        return self.publish_entry is not None and self.approval is None

    @property
    def review_of_another_revision(self) -> bool:
        """The working group checked another revision than this one (changes asked at the administrators' step
        restart that step only, as Wagtail resumes a workflow)."""
        return bool(self.review and self.revision and self.review.revision_id != self.revision.pk)

    @property
    def hours_to_live(self) -> float | None:
        if self.review and self.live_at:
            return round((self.live_at - self.review.decided_at).total_seconds() / 3600, 1)
        return None

    @property
    def late(self) -> bool:
        return (
            self.information_class == InformationClass.IMMEDIATE
            and self.hours_to_live is not None
            and self.hours_to_live > settings.IMMEDIATE_PUBLISH_LIMIT_HOURS
        )


def _record_workflow_state(obj, live_revision) -> WorkflowState | None:
    """The request the record is about: the one under way (in moderation or sent back); else the one that
    published the live revision; else, for an object not live, the latest."""
    states = (
        WorkflowState.objects.for_instance(obj)
        .select_related("requested_by", "workflow")
        .order_by("-created_at", "-pk")
    )
    current = states.filter(status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES]).first()
    if current is not None:
        return current
    if live_revision is not None:
        return states.filter(task_states__revision=live_revision).first()
    return states.first()


def publish_request_record(obj, workflow_state: WorkflowState | None = None) -> PublishRecord | None:
    """The request-to-publish record of ``obj`` (a page or a workflow snippet): of ``workflow_state`` when given,
    else of the request under way, else of the one that published the live version. ``None`` when there is
    nothing to record (never submitted, never published). Found from Wagtail's workflow records and audit log and
    the working group's ``ChecklistReview``; the earlier rounds and runs for the same object are its history."""
    if isinstance(obj, Page):
        obj = obj.specific
    live = getattr(obj, "live", True)
    live_revision = getattr(obj, "live_revision", None) if live else None
    if workflow_state is None:
        workflow_state = _record_workflow_state(obj, live_revision)
    if workflow_state is None and live_revision is None:
        return None

    rounds = _rounds(workflow_state, obj) if workflow_state is not None else []
    history = []
    earlier = WorkflowState.objects.for_instance(obj).select_related("requested_by", "workflow")
    if workflow_state is not None:
        earlier = earlier.filter(created_at__lt=workflow_state.created_at)
    for state in earlier.order_by("created_at", "pk"):
        history += _rounds(state, obj)
    history += rounds[:-1]

    task_states = [step["state"] for step in rounds[-1].steps] if rounds else []
    if task_states:
        revision = task_states[-1].revision
    else:
        revision = live_revision
    review = approval = None
    if workflow_state is not None:
        review = (
            ChecklistReview.objects.filter(
                task_state__workflow_state=workflow_state, decision=ChecklistDecision.APPROVED
            )
            .select_related("user", "revision")
            .order_by("-decided_at")
            .first()
        )
        approval = (
            TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_APPROVED)
            .exclude(task__in=ChecklistTask.objects.all())
            .select_related("finished_by", "task")
            .order_by("-finished_at")
            .first()
        )
    publish_entry = schedule_entry = None
    if revision is not None:
        entries = log_registry.get_logs_for_instance(obj).filter(revision=revision).select_related("user")
        publish_entry = entries.filter(action__in=PUBLISH_ACTIONS).order_by("-timestamp").first()
        schedule_entry = entries.filter(action="wagtail.publish.schedule").order_by("-timestamp").first()

    waiting_for, waiting_task = [], ""
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        current = workflow_state.current_task_state
        if current is not None:
            task = current.task.specific
            waiting_task = task.name
            waiting_for = [group.name for group in getattr(task, "groups", Group.objects.none()).order_by("name")]

    information_class = getattr(obj, "information_class", "")
    if revision is not None and workflow_state is not None and not publish_entry:
        information_class = revision.content.get("information_class", information_class) or ""
    return PublishRecord(
        object=obj,
        revision=revision,
        workflow_state=workflow_state,
        rounds=rounds,
        history=history,
        review=review,
        approval=approval,
        publish_entry=publish_entry,
        schedule_entry=schedule_entry,
        information_class=information_class,
        waiting_for=waiting_for,
        waiting_task=waiting_task,
    )
