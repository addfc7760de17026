"""Admin screens of the executives' reports: the yearly report (R4.1) and the quarterly report (R4.2), on screen,
as PDF and as XLSX. For the agency's website administrators, working group and executives only
(``sites_for_oversight``); the administrators write the problems and obstacles, the executives acknowledge."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from core import thai
from documents.generate import FONT_FACES, pdf_from_document
from oversight.exports import quarterly_report_xlsx, yearly_report_xlsx
from oversight.models import ReportAcknowledgement
from oversight.reports import PROBLEMS_HEADING, quarterly_report, yearly_report
from oversight.selectors import sites_for_oversight, user_can_acknowledge_report, user_can_write_report_notes
from oversight.services import report_acknowledge, yearly_report_problems_save

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
    sites = sites_for_oversight(request.user)
    if not sites:
        raise PermissionDenied
    wanted = request.GET.get("site")
    site = next((s for s in sites if str(s.pk) == wanted), None)
    if site is None:
        if wanted:
            raise PermissionDenied
        site = sites[0]
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
    choice = _choice(request)
    site, year, quarter = choice["site"], choice["year"], choice["quarter"]
    if request.method == "POST":
        if request.POST.get("action") != "acknowledge":
            raise PermissionDenied
        report_acknowledge(site, year, quarter, request.user)
        messages.success(request, "บันทึกการรับทราบรายงานแล้ว")
        return redirect(reverse("oversight_report_quarterly") + _query(choice, quarter=True))
    report = quarterly_report(site, year, quarter)
    return TemplateResponse(
        request,
        "oversight/report_quarterly.html",
        {
            **choice,
            "report": report,
            "can_acknowledge": user_can_acknowledge_report(request.user, site),
            "acknowledged": _acknowledged(request.user, report),
            "query": _query(choice, quarter=True),
            "quarters": [1, 2, 3, 4],
        },
    )


def _export(request, report, fmt, stem, body_template, xlsx):
    if fmt == "pdf":
        html = render_to_string(
            "oversight/report_pdf.html",
            {"report": report, "body_template": body_template, "font_faces": FONT_FACES, "for_pdf": True},
            request=request,
        )
        response = HttpResponse(pdf_from_document(html), content_type="application/pdf")
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
