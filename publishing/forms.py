"""The working group's forms: the checks of ``publishing.checks`` with the information class (R3.1), and a request
for changes."""

from django import forms

from wagtail.forms import TaskStateCommentForm

from core.models import InformationClass
from publishing.checks import CHECKS
from publishing.models import StaffProfile


class ChecklistApproveForm(forms.Form):
    """Approve: every check that applies ticked, the information class confirmed or corrected, an optional comment.

    One boolean field per declared check. A check that only applies when personal data was found is required when
    personal data was found: ``personal_data_found`` given by the service (which scans the revision itself), or, in
    the modal, found in the task state its hidden ``review_of`` field names (for the error message only; the
    service never trusts it)."""

    review_of = forms.IntegerField(widget=forms.HiddenInput, required=False)
    information_class = forms.ChoiceField(
        label="ประเภทข้อมูล (ยืนยันหรือแก้ไข)",
        choices=[("", "— ไม่ใช้กับหน้านี้ —"), *InformationClass.choices],
        required=False,
        help_text="คณะทำงานฯ ยืนยันประเภทข้อมูลที่ผู้จัดทำข้อมูลเสนอ หรือเลือกประเภทที่ถูกต้อง",
    )
    comment = forms.CharField(label="ความเห็น", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, personal_data_found: bool | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.personal_data_found = personal_data_found
        checks = {
            check.name: forms.BooleanField(
                label=check.label,
                help_text=check.help_text,
                required=not check.only_with_personal_data,
                error_messages={"required": f"ต้องตรวจสอบ{check.label}ก่อนอนุมัติ"},
            )
            for check in CHECKS
        }
        # The checks come first, in the declared order.
        self.fields = {**checks, **self.fields}

    def _personal_data_found(self) -> bool:
        if self.personal_data_found is not None:
            return self.personal_data_found
        task_state_id = self.cleaned_data.get("review_of")
        if not task_state_id:
            return False
        from wagtail.models import TaskState

        from publishing.personal_data import personal_data_of_task_state

        task_state = TaskState.objects.filter(pk=task_state_id).select_related("revision").first()
        return task_state is not None and personal_data_of_task_state(task_state).found

    def clean(self):
        cleaned = super().clean()
        if self._personal_data_found():
            for check in CHECKS:
                if check.only_with_personal_data and not cleaned.get(check.name):
                    self.add_error(check.name, f"พบข้อมูลส่วนบุคคล ต้องตรวจสอบ{check.label}ก่อนอนุมัติ")
        return cleaned


class ChecklistRejectForm(forms.Form):
    """Send back to the editor: a comment saying what to change is required."""

    comment = forms.CharField(
        label="ความเห็น (สิ่งที่ต้องแก้ไข)",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "กรุณาระบุสิ่งที่ผู้จัดทำข้อมูลต้องแก้ไข"},
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError("กรุณาระบุสิ่งที่ผู้จัดทำข้อมูลต้องแก้ไข")
        return comment


class ApproveUrlChangeForm(TaskStateCommentForm):
    """The administrators' approval of a version that changes an ITA evidence URL during an assessment window
    (``PublishingTask``): Wagtail's comment, and the explicit confirmation (its name is ``CONFIRM_URL_CHANGE_FIELD``).
    """

    comment = forms.CharField(label="ความเห็น", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    confirm_evidence_url_change = forms.BooleanField(
        label=(
            "ข้าพเจ้าทราบว่าผู้ประเมินจะเปิดเฉพาะลิงก์เดิมที่หน่วยงานส่งไว้ (รวมถึงในขั้นตอนอุทธรณ์) "
            "และยืนยันเปลี่ยน URL ของหลักฐาน ITA โดยระบบจะสร้างการเปลี่ยนเส้นทาง (redirect) จาก URL เดิมไปยัง URL ใหม่ให้"
        ),
        error_messages={"required": "กรุณายืนยันการเปลี่ยน URL ของหลักฐาน ITA ก่อนอนุมัติ"},
    )


class StillCurrentForm(forms.Form):
    """The working group confirms an unchanged page is still accurate (R2.3)."""

    confirm = forms.BooleanField(
        label="ข้าพเจ้าได้ตรวจสอบแล้ว ข้อมูลในหน้านี้ยังถูกต้องและเป็นปัจจุบัน",
        error_messages={"required": "กรุณายืนยันว่าได้ตรวจสอบข้อมูลแล้ว"},
    )
    comment = forms.CharField(label="หมายเหตุ", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class StaffPositionForm(forms.ModelForm):
    """A user's own position, in their account settings."""

    class Meta:
        model = StaffProfile
        fields = ["position"]
