"""Feedback on workflow decisions, in Thai.

Wagtail confirms nothing when a reviewer approves or sends back from the dashboard's modal, and says only "page …
has been updated" when the same is done from the edit screen. ``WorkflowFeedbackMiddleware`` says what happened,
naming the page; ``send_back_message`` is what the editor reads on the edit screen until the next submission."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.models import Page, TaskState, WorkflowState

from core.thai import format_thai_datetime


def _title(obj) -> str:
    if isinstance(obj, Page):
        return obj.get_admin_display_title()
    return str(obj)


def decision_message(task_state: TaskState) -> str | None:
    """What ``task_state``'s finished decision did, in Thai, naming the object; None while it is still open."""
    workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
    obj = workflow_state.content_object
    title = _title(obj)
    if task_state.status == TaskState.STATUS_REJECTED:
        message = f"ส่งกลับ “{title}” ให้ผู้จัดทำข้อมูลแก้ไขแล้ว"
        return f"{message} พร้อมความเห็น: {task_state.comment}" if task_state.comment else message
    if task_state.status != TaskState.STATUS_APPROVED:
        return None
    next_state = workflow_state.current_task_state
    if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS and next_state and next_state.pk != task_state.pk:
        return f"อนุมัติ “{title}” แล้ว ส่งต่อให้ขั้นตอน “{next_state.task.name}” พิจารณา"
    go_live_at = getattr(task_state.revision, "approved_go_live_at", None) if task_state.revision_id else None
    if go_live_at and go_live_at > timezone.now():
        when = format_thai_datetime(timezone.localtime(go_live_at))
        return f"อนุมัติ “{title}” แล้ว จะเผยแพร่ข้อมูลต่อสาธารณะเมื่อ {when}"
    obj = type(obj).objects.get(pk=obj.pk) if obj is not None else None
    if getattr(obj, "live", False):
        return f"อนุมัติ “{title}” แล้ว และเผยแพร่ข้อมูลต่อสาธารณะแล้ว"
    return f"อนุมัติ “{title}” แล้ว"


def send_back_message(obj) -> str | None:
    """The latest send-back of ``obj``'s workflow with its comment, while the workflow waits for the editor's
    changes (Wagtail's "needs changes" state lasts until the next submission); None otherwise."""
    workflow_state = obj.current_workflow_state if hasattr(obj, "current_workflow_state") else None
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = workflow_state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_REJECTED:
        return None
    reviewer = task_state.finished_by
    who = (reviewer.get_full_name() or reviewer.get_username()) if reviewer else ""
    when = format_thai_datetime(timezone.localtime(task_state.finished_at)) if task_state.finished_at else ""
    parts = [f"ขั้นตอน “{task_state.task.name}” ส่งกลับให้แก้ไข"]
    if who:
        parts.append(f"โดย {who}")
    if when:
        parts.append(f"เมื่อ {when}")
    message = " ".join(parts)
    if task_state.comment:
        message += f" ความเห็น: “{task_state.comment}”"
    return f"{message} — แก้ไขแล้วเสนอขออนุมัติเผยแพร่ข้อมูลอีกครั้ง"


def _decided_task_state(request, match):
    """The task state that this request's workflow action finished, if any."""
    if match.url_name == "workflow_action" and "task_state_id" in match.kwargs:
        task_state = TaskState.objects.filter(pk=match.kwargs["task_state_id"]).first()
    elif match.view_name == "wagtailadmin_pages:edit" and request.POST.get("action-workflow-action"):
        task_state = (
            TaskState.objects.filter(
                workflow_state__base_content_type_id=_page_content_type_id(),
                workflow_state__object_id=str(match.kwargs.get("page_id")),
                finished_by=request.user,
                finished_at__isnull=False,
            )
            .order_by("-finished_at", "-pk")
            .first()
        )
    else:
        return None
    if task_state is None or task_state.finished_by_id != request.user.pk or task_state.finished_at is None:
        return None
    if task_state.finished_at < request.workflow_feedback_started:
        return None
    return task_state


def _page_content_type_id():
    return ContentType.objects.get_for_model(Page).pk


def _drop_update_message(request, task_state):
    """The edit view's own "page … has been updated" says nothing about the decision: drop it."""
    obj = task_state.workflow_state.content_object
    if not isinstance(obj, Page):
        return
    updated = gettext("Page '%(page_title)s' has been updated.") % {"page_title": obj.get_admin_display_title()}
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
    if queued is not None:
        queued[:] = [message for message in queued if not str(message.message).startswith(updated)]


class WorkflowFeedbackMiddleware:
    """After a workflow action (the dashboard's or the edit screen's) says in Thai what it did. Placed after
    Django's MessageMiddleware so that its message is stored with the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.workflow_feedback_started = timezone.now()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if request.method != "POST" or match is None or response.status_code >= 400:
            return response
        if not getattr(request, "user", None) or not request.user.is_authenticated:
            return response
        task_state = _decided_task_state(request, match)
        message = decision_message(task_state) if task_state else None
        if message:
            _drop_update_message(request, task_state)
            messages.success(request, message)
        return response
