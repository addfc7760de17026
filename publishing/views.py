"""Admin screens of the procedure: the "still current" confirmation and the request-to-publish record (screen,
print and PDF). Thin: permissions and data come from ``services`` and ``selectors``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from wagtail.models import Page

from core.models import DisclosurePage
from core.thai import format_thai_date
from documents.generate import pdf_from_html
from publishing.checks import CHECKS
from publishing.forms import StillCurrentForm
from publishing.selectors import publish_request_record, site_for_page
from publishing.services import page_still_current_confirm, user_can_confirm_still_current, user_can_view_record

RECORD_TITLE = "บันทึกขออนุมัติเผยแพร่ข้อมูล"


def still_current(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, DisclosurePage) or not page.live:
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


def _record_context(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not user_can_view_record(request.user, page):
        raise PermissionDenied
    record = publish_request_record(page)
    if record is None:
        raise Http404("หน้านี้ยังไม่ได้เผยแพร่")
    site = site_for_page(page)
    return {"record": record, "page": page, "site": site, "checks": CHECKS, "title": RECORD_TITLE}


def record(request, page_id):
    context = _record_context(request, page_id)
    return TemplateResponse(request, "publishing/record.html", context)


def record_pdf(request, page_id):
    context = _record_context(request, page_id)
    body = render_to_string("publishing/record_body.html", {**context, "for_pdf": True}, request=request)
    response = HttpResponse(pdf_from_html(RECORD_TITLE, body), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="publish-record-{context["page"].pk}.pdf"'
    return response
