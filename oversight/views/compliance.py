"""Admin screens of the ITA registry: the compliance matrix (with CSV/XLSX export) and the CSV import of a year."""

import csv
import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from documents.generate import xlsx_from_rows
from oversight.models import ItaFramework
from oversight.selectors import EXPORT_HEADERS, evidence_export_rows, evidence_rows
from oversight.services import CsvImportError, framework_import_csv
from oversight.views import requested_site


def _choice(request):
    """The site and framework the user asked for, limited to the agencies they oversee: another agency's matrix is
    refused (403), as another agency's report is."""
    sites, site = requested_site(request)
    frameworks = list(ItaFramework.objects.all())
    framework = next((f for f in frameworks if str(f.pk) == request.GET.get("framework")), None)
    framework = framework or (frameworks[0] if frameworks else None)
    return sites, site, frameworks, framework


def compliance_matrix(request):
    sites, site, frameworks, framework = _choice(request)
    rows = evidence_rows(framework, site) if framework else []
    counts = {status: sum(1 for row in rows if row.status == status) for status in ("ok", "stale", "missing")}
    return TemplateResponse(
        request,
        "oversight/compliance_matrix.html",
        {"sites": sites, "site": site, "frameworks": frameworks, "framework": framework, "rows": rows, **counts},
    )


def compliance_export(request, fmt):
    sites, site, frameworks, framework = _choice(request)
    if framework is None:
        raise PermissionDenied
    table = evidence_export_rows(framework, site)
    stem = f"ita-{framework.fiscal_year}-{timezone.localdate():%Y%m%d}"
    if fmt == "xlsx":
        content = xlsx_from_rows(f"ITA {framework.fiscal_year}", EXPORT_HEADERS, table)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(EXPORT_HEADERS)
        writer.writerows(table)
        # A BOM so that Excel opens the Thai text as UTF-8.
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


class FrameworkImportForm(forms.Form):
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", min_value=2500, max_value=2700)
    name = forms.CharField(label="ชื่อชุดตัวชี้วัด", max_length=255, help_text="เช่น OIT 2569")
    agency_type = forms.CharField(label="ประเภทหน่วยงาน", max_length=100, required=False)
    file = forms.FileField(label="ไฟล์ CSV", help_text="คอลัมน์ code,name,description (UTF-8) หนึ่งแถวต่อหนึ่งตัวชี้วัด")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("กรุณาเลือกไฟล์นามสกุล .csv")
        return upload


def framework_import(request):
    if not (request.user.has_perm("oversight.add_itaframework") and request.user.has_perm("oversight.add_itaitem")):
        raise PermissionDenied
    form = FrameworkImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            framework, count = framework_import_csv(
                data["file"], fiscal_year=data["fiscal_year"], name=data["name"], agency_type=data["agency_type"]
            )
        except CsvImportError as error:
            errors = error.errors
        else:
            messages.success(request, f"นำเข้าตัวชี้วัด {count} รายการเข้าสู่ “{framework}” แล้ว")
            return redirect(f"{request.path}?imported={framework.pk}")
    return TemplateResponse(request, "oversight/framework_import.html", {"form": form, "errors": errors})
