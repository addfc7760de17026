"""Admin screens of the procedure: the "still current" confirmation and the request-to-publish record (screen,
print and PDF). Thin: permissions and data come from ``services`` and ``selectors``."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from wagtail.models import Page, WorkflowMixin, WorkflowState

from core.models import ClassifiedPageMixin
from core.thai import format_thai_date
from documents.generate import pdf_from_html
from publishing.checks import CHECKS
from publishing.forms import StillCurrentForm
from publishing.selectors import publish_request_record, site_for_object
from publishing.services import page_still_current_confirm, user_can_confirm_still_current, user_can_view_record

RECORD_TITLE = "บันทึกขออนุมัติเผยแพร่ข้อมูล"


def still_current(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, ClassifiedPageMixin) or not page.live:
        raise Http404
    if not user_can_confirm_still_current(request.user, page):
        raise PermissionDenied
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = StillCurrentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        page = page_still_current_confirm(page, request.user, form.cleaned_data["comment"])
        messages.success(
            request,
            f"บันทึกการยืนยันว่า “{page.title}” ยังเป็นปัจจุบันแล้ว ทบทวนครั้งถัดไปภายในวันที่ "
            f"{format_thai_date(page.next_review_date)}",
        )
        return redirect(next_url or reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    return TemplateResponse(request, "publishing/still_current.html", {"page": page, "form": form, "next": next_url})


def record_url(obj, workflow_state=None, pdf=False) -> str:
    """The request-to-publish record of one request (``workflow_state``), or of ``obj``'s current one: a page by its
    id, a workflow snippet by its content type and id."""
    suffix = "_pdf" if pdf else ""
    if workflow_state is not None:
        return reverse(f"publishing:record_state{suffix}", args=[workflow_state.pk])
    if isinstance(obj, Page):
        return reverse(f"publishing:record{suffix}", args=[obj.pk])
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return reverse(f"publishing:record_object{suffix}", args=[content_type.pk, obj.pk])


def _record_response(request, obj, workflow_state=None, pdf=False):
    if not user_can_view_record(request.user, obj, workflow_state):
        raise PermissionDenied
    record = publish_request_record(obj, workflow_state)
    if record is None:
        raise Http404("ยังไม่ได้เสนอขออนุมัติเผยแพร่ข้อมูลนี้")
    context = {
        "record": record,
        "page": record.page,
        "site": site_for_object(obj, record.workflow_state),
        "checks": CHECKS,
        "title": RECORD_TITLE,
        "record_url": record_url(obj, workflow_state),
        "pdf_url": record_url(obj, workflow_state, pdf=True),
        "back_url": _admin_url(obj),
    }
    if not pdf:
        return TemplateResponse(request, "publishing/record.html", context)
    body = render_to_string("publishing/record_body.html", {**context, "for_pdf": True}, request=request)
    response = HttpResponse(pdf_from_html(RECORD_TITLE, body), content_type="application/pdf")
    name = f"publish-record-{record.workflow_state.pk if record.workflow_state else obj.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _admin_url(obj) -> str:
    if isinstance(obj, Page):
        return reverse("wagtailadmin_explore", args=[obj.get_parent().pk])
    from wagtail.admin.admin_url_finder import AdminURLFinder

    return AdminURLFinder().get_edit_url(obj) or reverse("wagtailadmin_home")


def _object(content_type_id, object_id):
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None or not issubclass(model, WorkflowMixin):
        raise Http404
    obj = get_object_or_404(model, pk=object_id)
    return obj.specific if isinstance(obj, Page) else obj


def record(request, page_id):
    return _record_response(request, get_object_or_404(Page, pk=page_id).specific)


def record_pdf(request, page_id):
    return _record_response(request, get_object_or_404(Page, pk=page_id).specific, pdf=True)


def record_object(request, content_type_id, object_id):
    return _record_response(request, _object(content_type_id, object_id))


def record_object_pdf(request, content_type_id, object_id):
    return _record_response(request, _object(content_type_id, object_id), pdf=True)


def _state(workflow_state_id):
    state = get_object_or_404(WorkflowState, pk=workflow_state_id)
    obj = state.content_object
    if obj is None:
        raise Http404
    return (obj.specific if isinstance(obj, Page) else obj), state


def record_state(request, workflow_state_id):
    return _record_response(request, *_state(workflow_state_id))


def record_state_pdf(request, workflow_state_id):
    return _record_response(request, *_state(workflow_state_id), pdf=True)
