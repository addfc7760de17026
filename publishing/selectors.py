"""Reads of the publishing procedure: pages due for review, late "immediate" items, a user's agencies and the
request-to-publish record of a published page. Reports and screens call these, and so do the tests."""

import dataclasses
import datetime

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, Site, TaskState, WorkflowState

from core.models import ClassifiedPageMixin, InformationClass
from publishing.models import ChecklistDecision, ChecklistReview, ChecklistTask

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
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


@dataclasses.dataclass
class PublishRecord:
    """บันทึกขออนุมัติเผยแพร่ข้อมูล: the request, the working group's checks, the administrators' publication."""

    page: Page
    revision: object
    workflow_state: WorkflowState | None
    review: ChecklistReview | None
    approval: TaskState | None
    publish_entry: PageLogEntry | None
    schedule_entry: PageLogEntry | None
    steps: list
    information_class: str

    @property
    def requested_by(self):
        return self.workflow_state.requested_by if self.workflow_state else None

    @property
    def names(self) -> dict[str, str]:
        """Who did each step, as shown on the record ("" when nobody did)."""
        return {
            "requested_by": user_display_name(self.requested_by),
            "reviewer": user_display_name(self.review.user if self.review else None),
            "approver": user_display_name(self.approval.finished_by if self.approval else None),
            "publisher": user_display_name(self.published_by),
        }

    @property
    def requested_at(self):
        return self.workflow_state.created_at if self.workflow_state else None

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
        return self.review is None

    @property
    def approval_skipped(self) -> bool:
        """Published without the website administrators' approval step."""
        return self.approval is None

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


def publish_request_record(page: Page) -> PublishRecord | None:
    """The request-to-publish record of ``page``'s live version, or ``None`` when it is not live. Found from
    Wagtail's workflow records and audit log, and the working group's ``ChecklistReview``."""
    page = page.specific
    revision = page.live_revision
    if not page.live or revision is None:
        return None
    entries = PageLogEntry.objects.filter(page=page, revision=revision).select_related("user")
    publish_entry = entries.filter(action__in=PUBLISH_ACTIONS).order_by("-timestamp").first()
    schedule_entry = entries.filter(action="wagtail.publish.schedule").order_by("-timestamp").first()
    workflow_state = (
        WorkflowState.objects.for_instance(page)
        .filter(task_states__revision=revision)
        .select_related("requested_by", "workflow")
        .order_by("-created_at", "-pk")
        .first()
    )
    review = approval = None
    steps = []
    if workflow_state is not None:
        review = (
            ChecklistReview.objects.filter(
                task_state__workflow_state=workflow_state, revision=revision, decision=ChecklistDecision.APPROVED
            )
            .select_related("user")
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
        reviews = {
            review.task_state_id: review
            for review in ChecklistReview.objects.filter(task_state__workflow_state=workflow_state)
        }
        for state in (
            TaskState.objects.filter(workflow_state=workflow_state)
            .exclude(status=TaskState.STATUS_IN_PROGRESS)
            .select_related("task", "finished_by")
            .order_by("started_at", "pk")
        ):
            steps.append({"state": state, "review": reviews.get(state.pk)})
    return PublishRecord(
        page=page,
        revision=revision,
        workflow_state=workflow_state,
        review=review,
        approval=approval,
        publish_entry=publish_entry,
        schedule_entry=schedule_entry,
        steps=steps,
        information_class=getattr(page, "information_class", ""),
    )
