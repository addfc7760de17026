"""Admin screens of the executives' reports: the yearly report (R4.1) and the quarterly report (R4.2), on screen,
as PDF and as XLSX. For the agency's website administrators, working group and executives only
(``sites_for_oversight``); the administrators write the yearly problems and obstacles, the working group writes
and signs off its quarterly findings, the executives acknowledge."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from core import thai
from oversight.exports import quarterly_report_xlsx, yearly_report_xlsx
from oversight.forms import ReopenForm, WorkingGroupForms, version
from oversight.models import ReportAcknowledgement
from oversight.report_pdf import report_pdf
from oversight.reports import PROBLEMS_HEADING, quarterly_report, yearly_report
from oversight.selectors import (
    user_can_acknowledge_report,
    user_can_write_findings,
    user_can_write_report_notes,
    working_group_part,
)
from oversight.services import (
    FROZEN,
    ReportChanged,
    quarterly_findings_reopen,
    quarterly_findings_save,
    quarterly_findings_sign_off,
    report_acknowledge,
    yearly_report_problems_save,
)
from oversight.views import requested_site

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YEARS_SHOWN = 6


class ProblemsForm(forms.Form):
    problems = forms.CharField(
        label=PROBLEMS_HEADING,
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="ผู้ดูแลระบบเว็บไซต์สรุปปัญหาและอุปสรรคของปีงบประมาณนี้ เพื่อเสนอผู้บริหาร",
    )


def _int(value, default, low, high):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default


def _choice(request):
    """The agency, fiscal year and quarter asked for, limited to the agencies the user oversees: an editor, or a
    user asking for another agency's report, is refused (403)."""
    sites, site = requested_site(request)
    current_year, current_quarter = thai.fiscal_quarter(timezone.localdate())
    year = _int(request.GET.get("year"), current_year, 2500, current_year + 1)
    quarter = _int(request.GET.get("quarter"), current_quarter if year == current_year else 4, 1, 4)
    years = list(range(current_year, current_year - YEARS_SHOWN, -1))
    if year not in years:
        years.append(year)
    return {"sites": sites, "site": site, "year": year, "quarter": quarter, "years": years}


def _query(choice, quarter=False) -> str:
    query = f"?site={choice['site'].pk}&year={choice['year']}"
    return query + (f"&quarter={choice['quarter']}" if quarter else "")


def _acknowledged(user, report) -> bool:
    return any(ack.user_id == user.pk for ack in report.acknowledgements)


def yearly(request):
    choice = _choice(request)
    site, year = choice["site"], choice["year"]
    can_write = user_can_write_report_notes(request.user, site)
    form = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "acknowledge":
            report_acknowledge(site, year, ReportAcknowledgement.YEARLY, request.user)
            messages.success(request, "บันทึกการรับทราบรายงานแล้ว")
            return redirect(reverse("oversight_report_yearly") + _query(choice))
        if action != "problems":
            raise PermissionDenied
        form = ProblemsForm(request.POST)
        if form.is_valid():
            yearly_report_problems_save(site, year, request.user, form.cleaned_data["problems"])
            messages.success(request, "บันทึกปัญหาและอุปสรรคในการดำเนินงานแล้ว")
            return redirect(reverse("oversight_report_yearly") + _query(choice))
    report = yearly_report(site, year)
    if can_write and form is None:
        form = ProblemsForm(initial={"problems": report.note.problems if report.note else ""})
    return TemplateResponse(
        request,
        "oversight/report_yearly.html",
        {
            **choice,
            "report": report,
            "form": form if can_write else None,
            "can_acknowledge": user_can_acknowledge_report(request.user, site),
            "acknowledged": _acknowledged(request.user, report),
            "query": _query(choice),
        },
    )


def quarterly(request):
    """The quarterly report; the working group writes its findings here and signs them off, the executives
    acknowledge once it is signed off."""
    choice = _choice(request)
    site, year, quarter = choice["site"], choice["year"], choice["quarter"]
    can_write = user_can_write_findings(request.user, site)
    url = reverse("oversight_report_quarterly") + _query(choice, quarter=True)
    bound = reopen_form = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "acknowledge":
            return _post_then_redirect(
                request, url, "บันทึกการรับทราบรายงานแล้ว", report_acknowledge, site, year, quarter, request.user
            )
        if action not in ("findings", "reopen") or not can_write:
            raise PermissionDenied
        if action == "reopen":
            reopen_form = ReopenForm(request.POST)
            if reopen_form.is_valid():
                return _post_then_redirect(
                    request,
                    url,
                    "เปิดรายงานเพื่อแก้ไขแล้ว (บันทึกเหตุผลในประวัติการดำเนินการ)",
                    quarterly_findings_reopen,
                    site,
                    year,
                    quarter,
                    request.user,
                    reopen_form.cleaned_data["reason"],
                )
        else:
            part = working_group_part(site, year, quarter)
            if part.signed_off:
                messages.error(request, FROZEN)
                return redirect(url)
            bound = WorkingGroupForms(part, request.POST)
            if bound.is_valid():
                try:
                    quarterly_findings_save(site, year, quarter, request.user, **bound.cleaned())
                except ReportChanged as error:
                    messages.error(request, " ".join(error.messages))
                    # Shown again as typed, now based on the stored version: saving again is a deliberate choice.
                    data = request.POST.copy()
                    data["loaded_at"] = version(working_group_part(site, year, quarter))
                    bound = WorkingGroupForms(part, data)
                    bound.is_valid()
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(request, "บันทึกผลการตรวจสอบของคณะทำงานฯ แล้ว")
                    if "sign_off" in request.POST:
                        return _post_then_redirect(
                            request,
                            url,
                            "ลงนามรายงานแล้ว ผู้บริหารบันทึกการรับทราบได้",
                            quarterly_findings_sign_off,
                            site,
                            year,
                            quarter,
                            request.user,
                        )
                    return redirect(url)
            else:
                messages.error(request, "ยังบันทึกไม่ได้ กรุณาแก้ไขข้อมูลตามข้อความที่แสดงด้านล่าง")
    report = quarterly_report(site, year, quarter)
    editable = can_write and not report.signed_off
    return TemplateResponse(
        request,
        "oversight/report_quarterly.html",
        {
            **choice,
            "report": report,
            "working_group_forms": (bound or WorkingGroupForms(report.working_group)) if editable else None,
            "reopen_form": (reopen_form or ReopenForm()) if can_write and report.signed_off else None,
            "can_acknowledge": user_can_acknowledge_report(request.user, site) and report.signed_off,
            "awaiting_sign_off": not report.signed_off,
            "acknowledged": _acknowledged(request.user, report),
            "query": _query(choice, quarter=True),
            "quarters": [1, 2, 3, 4],
        },
    )


def _post_then_redirect(request, url, success, service, *args):
    """Run a write; its Thai refusal (``ValidationError``) becomes an error message. Back to the report either way."""
    try:
        service(*args)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(url)


def _export(request, report, fmt, stem, body_template, xlsx):
    if fmt == "pdf":
        response = HttpResponse(report_pdf(request, report, body_template), content_type="application/pdf")
    elif fmt == "xlsx":
        response = HttpResponse(xlsx(report), content_type=XLSX_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def yearly_export(request, fmt):
    choice = _choice(request)
    report = yearly_report(choice["site"], choice["year"])
    stem = f"yearly-report-{choice['year']}"
    return _export(request, report, fmt, stem, "oversight/report_yearly_body.html", yearly_report_xlsx)


def quarterly_export(request, fmt):
    choice = _choice(request)
    report = quarterly_report(choice["site"], choice["year"], choice["quarter"])
    stem = f"quarterly-report-{choice['year']}-q{choice['quarter']}"
    return _export(request, report, fmt, stem, "oversight/report_quarterly_body.html", quarterly_report_xlsx)
