"""Forms of the working group's part of the quarterly report (R4.2): a general summary, the findings with their
corrective actions, and the follow-up of the previous quarter's corrective actions. Every message is Thai; a form
with errors is shown again with everything that was typed."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from oversight.models import FollowUpStatus, WorkingGroupFinding
from oversight.selectors import WorkingGroupPart

MAX_FINDINGS = 50
BLANK_ROWS = 2


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


def _date_field(label: str, required: bool) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
        error_messages={"required": f"กรุณาระบุ{label}", "invalid": "รูปแบบวันที่ไม่ถูกต้อง กรุณาเลือกจากปฏิทิน"},
    )


def _year_check(value: datetime.date | None) -> None:
    """The browser's date field sends the Christian-era year; a Buddhist-era year typed in it is 543 years off."""
    if value and not 2000 <= value.year <= 2200:
        raise ValidationError(f"ปีที่ระบุ ({value.year}) ไม่ถูกต้อง หากเป็นปีพุทธศักราช กรุณาเลือกวันที่จากปฏิทินอีกครั้ง")


def _text(label: str, max_length: int, rows: int | None = None, required: bool = True, help_text: str = ""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(),
        help_text=help_text,
        error_messages={
            "required": f"กรุณากรอก{label}",
            "max_length": f"{label}ยาวเกิน {max_length:,} ตัวอักษร",
        },
    )


class SummaryForm(forms.Form):
    # The version the member started from (the report's ``updated_at``): another member's save in between is caught.
    loaded_at = forms.CharField(required=False, widget=forms.HiddenInput)
    summary = _text(
        "สรุปผลการตรวจสอบของคณะทำงานฯ",
        20000,
        rows=6,
        required=False,
        help_text="ภาพรวมของไตรมาส: การเผยแพร่เป็นไปตามขั้นตอนที่กำหนดหรือไม่ (ต้องกรอกก่อนลงนาม)",
    )


class FindingForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    finding = _text("ข้อค้นพบ (สิ่งที่ไม่เป็นไปตามขั้นตอน)", 5000, rows=3)
    corrective_action = _text("แนวทางแก้ไข", 5000, rows=3)
    responsible = _text("ผู้รับผิดชอบ (บุคคลหรือหน่วยงาน)", 255)
    due_date = _date_field("กำหนดแล้วเสร็จ", required=True)

    def clean_due_date(self):
        value = self.cleaned_data["due_date"]
        _year_check(value)
        return value


class BaseFindingFormSet(forms.BaseFormSet):
    default_error_messages = {
        "missing_management_form": "ข้อมูลของแบบฟอร์มไม่ครบ กรุณาเปิดหน้ารายงานใหม่แล้วบันทึกอีกครั้ง",
        "too_many_forms": "บันทึกข้อค้นพบได้ไม่เกิน %(num)d รายการต่อไตรมาส",
        "too_few_forms": "ต้องมีข้อค้นพบอย่างน้อย %(num)d รายการ",
    }

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "ลบข้อค้นพบนี้"


FindingFormSet = forms.formset_factory(
    FindingForm,
    formset=BaseFindingFormSet,
    extra=BLANK_ROWS,
    can_delete=True,
    max_num=MAX_FINDINGS,
    validate_max=True,
)


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(
        label="ผลการดำเนินการ",
        required=False,
        choices=[("", "ยังไม่ได้ติดตาม"), *FollowUpStatus.choices],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "กรุณาเลือกผลการดำเนินการจากรายการ"},
    )
    done_on = _date_field("วันที่ดำเนินการแล้วเสร็จ", required=False)
    note = _text("หมายเหตุ", 2000, rows=2, required=False, help_text="ยังไม่ได้ดำเนินการ: ระบุเหตุผลหรือแผนการดำเนินการ")

    def clean(self):
        data = super().clean()
        status, done_on = data.get("status"), data.get("done_on")
        if done_on:
            try:
                _year_check(done_on)
            except ValidationError as error:
                self.add_error("done_on", error)
                return data
            if done_on > timezone.localdate():
                self.add_error("done_on", "วันที่ดำเนินการแล้วเสร็จต้องไม่เกินวันนี้")
        if status == FollowUpStatus.DONE and not done_on and "done_on" not in self.errors:
            self.add_error("done_on", "แนวทางแก้ไขที่ดำเนินการแล้ว กรุณาระบุวันที่ดำเนินการแล้วเสร็จ")
        if status == FollowUpStatus.NOT_DONE and not (data.get("note") or "").strip():
            self.add_error("note", "แนวทางแก้ไขที่ยังไม่ได้ดำเนินการ กรุณาระบุเหตุผลหรือแผนการดำเนินการ")
        return data


class ReopenForm(forms.Form):
    reason = _text("เหตุผลที่ต้องเปิดรายงานเพื่อแก้ไข", 2000, rows=2)


class WorkingGroupForms:
    """The summary, the findings and one follow-up form per corrective action of the previous quarter (once that
    report is signed off), bound to one POST and validated together."""

    def __init__(self, part: WorkingGroupPart, data=None):
        report = part.report
        summary = report.summary if report else ""
        self.summary = SummaryForm(data, initial={"summary": summary, "loaded_at": version(part)})
        # A bound formset goes by what was posted only: the stored findings as initial values would make the blank
        # rows of a page opened before another member's save look changed.
        initial = [_finding_initial(f) for f in part.findings] if data is None else None
        self.findings = FindingFormSet(data, prefix="findings", initial=initial)
        self.followups = []
        if part.followups_open:
            for finding in part.previous_findings:
                followup = finding.followup_or_none
                initial = (
                    {"status": followup.status, "done_on": followup.done_on, "note": followup.note} if followup else {}
                )
                self.followups.append((finding, FollowUpForm(data, prefix=f"followup-{finding.pk}", initial=initial)))

    def is_valid(self) -> bool:
        # Every part validated, so that every error shows at once.
        results = [self.summary.is_valid(), self.findings.is_valid(), *(f.is_valid() for _, f in self.followups)]
        return all(results)

    def cleaned(self) -> dict:
        """What ``quarterly_findings_save`` takes: ``summary``, ``findings`` (blank new rows and deleted rows left
        out) and ``followups``."""
        # A blank new row has empty ``cleaned_data``.
        findings = [
            form.cleaned_data
            for form in self.findings.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        return {
            "based_on": self.summary.cleaned_data["loaded_at"],
            "summary": self.summary.cleaned_data["summary"],
            "findings": findings,
            "followups": {finding.pk: form.cleaned_data for finding, form in self.followups},
        }


def _finding_initial(finding: WorkingGroupFinding) -> dict:
    return {
        "id": finding.pk,
        "finding": finding.finding,
        "corrective_action": finding.corrective_action,
        "responsible": finding.responsible,
        "due_date": finding.due_date,
    }


def version(part: WorkingGroupPart) -> str:
    """The stored version of the working group's report, as the form carries it."""
    return part.report.updated_at.isoformat() if part.report and part.report.updated_at else ""
