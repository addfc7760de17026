"""Admin screens of the ITA registry: the compliance matrix (with CSV/XLSX export) and the CSV import of a year."""

import csv
import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from disclosure.selectors import procurement_months_missing
from documents.generate import xlsx_from_rows
from oversight.link_checker import rows_mark_broken_links
from oversight.models import ItaFramework
from oversight.selectors import (
    EXPORT_HEADERS,
    evidence_export_rows,
    evidence_rows,
    ita_skeleton_plan,
    user_can_prepare_ita_drafts,
)
from oversight.services import CsvImportError, framework_year_import, ita_skeleton_create
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
    rows_mark_broken_links(rows, framework, site)
    counts = {status: sum(1 for row in rows if row.status == status) for status in ("ok", "stale", "missing")}
    return TemplateResponse(
        request,
        "oversight/compliance_matrix.html",
        {
            "sites": sites,
            "site": site,
            "frameworks": frameworks,
            "framework": framework,
            "rows": rows,
            "can_prepare_drafts": user_can_prepare_ita_drafts(request.user, site),
            # Issue 15: months of this fiscal year without a live แบบ สขร.1 (OIA s.9(8); ITA's monthly summary).
            "procurement_missing": procurement_months_missing(site, timezone.localdate()) if site else [],
            **counts,
        },
    )


def ita_skeleton(request):
    """Readiness for the coming year: GET shows which drafts would be made (and where), POST makes them
    (``oversight.services.ita_skeleton_create``) and goes back to the matrix with what was made."""
    sites, site, frameworks, framework = _choice(request)
    if framework is None or not user_can_prepare_ita_drafts(request.user, site):
        raise PermissionDenied
    matrix = f"{reverse('oversight_compliance')}?site={site.pk}&framework={framework.pk}"
    if request.method == "POST":
        result = ita_skeleton_create(framework, site, request.user)
        if not result.created:
            messages.info(request, "ไม่มีร่างที่ต้องสร้าง: ทุกตัวชี้วัดของชุดนี้มีหน้าหรือเอกสารเป็นหลักฐานแล้ว")
        else:
            messages.success(
                request,
                f"สร้างร่าง {len(result.created)} หน้าสำหรับตัวชี้วัดที่ยังไม่มีหลักฐานแล้ว (ยังไม่เผยแพร่) "
                "ผู้จัดทำข้อมูลจะเห็นรายการในหน้าแรกของระบบจัดการ",
            )
            if result.without_unit:
                messages.warning(
                    request,
                    f"ร่าง {len(result.without_unit)} หน้ายังไม่ได้กำหนดหน่วยงานที่รับผิดชอบข้อมูล "
                    "(หมวดที่ร่างอยู่ยังไม่ได้กำหนดหน่วยงานไว้) ผู้ดูแลระบบเว็บไซต์กรุณากำหนดในแท็บการจัดชั้นข้อมูลของแต่ละหน้า",
                )
        return redirect(matrix)
    return TemplateResponse(
        request,
        "oversight/ita_skeleton_confirm.html",
        {"site": site, "framework": framework, "drafts": ita_skeleton_plan(framework, site), "matrix": matrix},
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
    previous = forms.ModelChoiceField(
        label="ยกการติดแท็กจากชุดตัวชี้วัดเดิม",
        queryset=ItaFramework.objects.order_by("-fiscal_year", "name"),
        required=False,
        empty_label="ไม่ยกการติดแท็ก",
        help_text="หน้าที่ติดแท็กตัวชี้วัดรหัสใดของชุดเดิม จะติดแท็กตัวชี้วัดรหัสเดียวกันของชุดใหม่ด้วย",
        error_messages={"invalid_choice": "กรุณาเลือกชุดตัวชี้วัดเดิมจากรายการ"},
    )
    mapping = forms.FileField(
        label="ไฟล์จับคู่รหัส (ถ้ามี)",
        required=False,
        help_text="คอลัมน์ old_code,new_code สำหรับรหัสที่เปลี่ยนไป หลายรหัสเดิมจับคู่กับรหัสใหม่เดียวกันได้ (รวมตัวชี้วัด)",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The newest framework: a new year's list usually follows the last one imported.
        self.fields["previous"].initial = self.fields["previous"].queryset.first()
        for name in ("fiscal_year", "name", "file"):
            self.fields[name].error_messages["required"] = f"กรุณาระบุ{self.fields[name].label}"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("กรุณาเลือกไฟล์นามสกุล .csv")
        return upload

    def clean_mapping(self):
        upload = self.cleaned_data["mapping"]
        if upload and not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("กรุณาเลือกไฟล์จับคู่รหัสนามสกุล .csv")
        return upload


CARRY_OVER_SESSION_KEY = "oversight_carry_over_report"


def framework_import(request):
    if not (request.user.has_perm("oversight.add_itaframework") and request.user.has_perm("oversight.add_itaitem")):
        raise PermissionDenied
    form = FrameworkImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            framework, count, report = framework_year_import(
                data["file"],
                fiscal_year=data["fiscal_year"],
                name=data["name"],
                agency_type=data["agency_type"],
                previous=data["previous"],
                mapping_file=data["mapping"],
            )
        except CsvImportError as error:
            errors = error.errors
        else:
            messages.success(request, f"นำเข้าตัวชี้วัด {count} รายการเข้าสู่ “{framework}” แล้ว")
            if report is not None:
                request.session[CARRY_OVER_SESSION_KEY] = {"framework": framework.pk, **report.as_dict()}
            return redirect(f"{request.path}?imported={framework.pk}")
    report = None
    if request.method == "GET" and request.GET.get("imported"):
        stored = request.session.pop(CARRY_OVER_SESSION_KEY, None)
        if stored and str(stored.get("framework")) == request.GET["imported"]:
            report = stored
    return TemplateResponse(
        request, "oversight/framework_import.html", {"form": form, "errors": errors, "carry_over": report}
    )
