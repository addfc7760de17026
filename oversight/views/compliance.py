"""Admin screens of the ITA registry: the compliance matrix (with CSV/XLSX export) and the CSV import of a year."""

import csv
import io
import secrets

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
from oversight.services import ita_skeleton_create
from oversight.succession import (
    CsvImportError,
    ImportPreview,
    framework_import_confirm,
    framework_import_preview,
    ita_carry_over_apply,
    ita_carry_over_plan,
    user_can_carry_over,
)
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
    rows = evidence_rows(framework, site, check_criteria=True) if framework else []
    rows_mark_broken_links(rows, framework, site)
    counts = {
        status: sum(1 for row in rows if row.status == status) for status in ("ok", "stale", "problem", "missing")
    }
    today = timezone.localdate()
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
            "can_carry_over": bool(framework and framework.previous_id and user_can_carry_over(request.user, site)),
            "window": framework.window if framework else None,
            "window_open": bool(framework and framework.window_open(today)),
            # months of this fiscal year without a live แบบ สขร.1 (OIA s.9(8); ITA's monthly summary).
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


def _date_picker(label: str, help_text: str) -> forms.DateField:
    """An optional date from the browser's date picker: it sends an unambiguous ISO date whatever calendar the user
    reads it in."""
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        help_text=help_text,
        error_messages={"invalid": f"กรุณาเลือก{label}จากปฏิทิน"},
    )


class FrameworkImportForm(forms.Form):
    fiscal_year = forms.IntegerField(label="ปีงบประมาณที่ประเมิน (พ.ศ.)", min_value=2500, max_value=2700)
    name = forms.CharField(label="ชื่อชุดตัวชี้วัด", max_length=255, help_text="เช่น OIT 2570")
    agency_type = forms.CharField(label="ประเภทหน่วยงาน", max_length=100, required=False)
    plans_fiscal_year = forms.IntegerField(
        label="แผนและหลักเกณฑ์ต้องเป็นของปีงบประมาณ (พ.ศ.)",
        min_value=2500,
        max_value=2700,
        required=False,
        help_text="เว้นว่างเพื่อใช้ปีที่ประเมิน",
    )
    reports_fiscal_year = forms.IntegerField(
        label="รายงานและสถิติต้องเป็นของปีงบประมาณ (พ.ศ.)",
        min_value=2500,
        max_value=2700,
        required=False,
        help_text="เว้นว่างเพื่อใช้ปีก่อนปีที่ประเมิน",
    )
    window_start = _date_picker("วันเริ่มช่วงการประเมิน", "เว้นว่างเพื่อใช้ 1 มีนาคมของปีที่ประเมิน")
    window_end = _date_picker("วันสิ้นสุดช่วงการประเมิน", "เว้นว่างเพื่อใช้ 30 มิถุนายนของปีที่ประเมิน")
    source = forms.CharField(
        label="ที่มาของรายการ",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="เช่น คู่มือการประเมิน ITA ของสำนักงาน ป.ป.ช. ฉบับที่ใช้",
    )
    file = forms.FileField(
        label="ไฟล์รายการตัวชี้วัด (CSV)",
        help_text="คอลัมน์ code,name,description,expected_evidence,year,source (UTF-8) หนึ่งแถวต่อหนึ่งตัวชี้วัด",
    )
    previous = forms.ModelChoiceField(
        label="ชุดตัวชี้วัดก่อนหน้า",
        queryset=ItaFramework.objects.order_by("-fiscal_year", "name"),
        required=False,
        empty_label="ไม่มี (ไม่ยกหลักฐานจากปีก่อน)",
        help_text="หลักฐานของตัวชี้วัดเดิมจะถูกเสนอให้ตัวชี้วัดที่สืบทอดในชุดใหม่",
        error_messages={"invalid_choice": "กรุณาเลือกชุดตัวชี้วัดก่อนหน้าจากรายการ"},
    )
    mapping = forms.FileField(
        label="ไฟล์จับคู่รหัส (ถ้ามี)",
        required=False,
        help_text="คอลัมน์ old_code,new_code,kind,note หลายรหัสเดิมจับคู่กับรหัสใหม่เดียวกันได้ (รวมตัวชี้วัด) "
        "ถ้าไม่มีไฟล์ รหัสเดียวกันถือว่าสืบทอดกัน",
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


PREVIEW_SESSION_KEY = "oversight_framework_import_preview"


def _may_import(user) -> bool:
    return user.has_perm("oversight.add_itaframework") and user.has_perm("oversight.add_itaitem")


def framework_import(request):
    """A new year's list: the form (GET), the preview of what would be written (POST with the files: nothing is
    written, the parsed list waits in the session under a token), then the import (POST ``confirm`` with the
    token). Superusers only: the registry is every agency's."""
    if not _may_import(request.user):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return _framework_import_confirm(request)
    form = FrameworkImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        year = data["fiscal_year"]
        try:
            preview = framework_import_preview(
                data["file"],
                data["mapping"],
                fiscal_year=year,
                name=data["name"].strip(),
                agency_type=data["agency_type"].strip(),
                plans_fiscal_year=data["plans_fiscal_year"] or year,
                reports_fiscal_year=data["reports_fiscal_year"] or year - 1,
                window_start=data["window_start"],
                window_end=data["window_end"],
                source=data["source"].strip(),
                previous=data["previous"],
            )
        except CsvImportError as error:
            errors = error.errors
        else:
            token = secrets.token_urlsafe(16)
            request.session[PREVIEW_SESSION_KEY] = {"token": token, "preview": preview.as_dict()}
            return TemplateResponse(
                request, "oversight/framework_import_preview.html", {"preview": preview, "token": token}
            )
    return TemplateResponse(request, "oversight/framework_import.html", {"form": form, "errors": errors})


def _framework_import_confirm(request):
    stored = request.session.get(PREVIEW_SESSION_KEY)
    if not stored or stored.get("token") != request.POST.get("token"):
        messages.error(request, "ไม่พบข้อมูลที่ตรวจสอบไว้ (อาจหมดอายุหรือยืนยันไปแล้ว) กรุณาเลือกไฟล์และตรวจสอบอีกครั้ง")
        return redirect("oversight_framework_import")
    preview = ImportPreview.from_dict(stored["preview"])
    try:
        framework, plan = framework_import_confirm(preview, request.user)
    except CsvImportError as error:
        request.session.pop(PREVIEW_SESSION_KEY, None)
        form = FrameworkImportForm()
        return TemplateResponse(request, "oversight/framework_import.html", {"form": form, "errors": error.errors})
    request.session.pop(PREVIEW_SESSION_KEY, None)
    message = f"นำเข้าตัวชี้วัด {len(preview.items)} รายการเข้าสู่ “{framework}” แล้ว"
    if plan is not None:
        message += (
            f" และยกหลักฐานของทุกหน่วยงานมาแล้ว: {plan.pages_count} หน้า {plan.documents_count} เอกสาร "
            f"สำหรับ {plan.items_carried} ตัวชี้วัด"
        )
    messages.success(request, message)
    return redirect(f"{reverse('oversight_compliance')}?framework={framework.pk}")


def ita_carry_over(request):
    """Moving an agency to a framework: GET shows what would be tagged (the plan: each new item with the evidence
    proposed for it and where it comes from, evidence of another year left out, old items without a successor, new
    items without evidence), POST tags it (``ita_carry_over_apply``) and goes back to the matrix."""
    sites, site, frameworks, framework = _choice(request)
    if framework is None or not user_can_carry_over(request.user, site):
        raise PermissionDenied
    matrix = f"{reverse('oversight_compliance')}?site={site.pk}&framework={framework.pk}"
    if request.method == "POST":
        plan = ita_carry_over_apply(framework, site, request.user)
        if plan.page_tags or plan.document_tags:
            messages.success(
                request,
                f"ยกหลักฐานมายัง “{framework}” แล้ว: {plan.pages_count} หน้า {plan.documents_count} เอกสาร "
                f"สำหรับ {plan.items_carried} ตัวชี้วัด",
            )
        else:
            messages.info(request, "ไม่มีหลักฐานที่ต้องยกมา: หลักฐานที่ยกได้ติดแท็กตัวชี้วัดของชุดนี้ครบแล้ว")
        return redirect(matrix)
    plan = ita_carry_over_plan(framework, site)
    return TemplateResponse(
        request,
        "oversight/ita_carry_over_confirm.html",
        {"site": site, "framework": framework, "plan": plan, "matrix": matrix},
    )
