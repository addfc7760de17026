"""The working group's forms: the four checks of R3.2 with the information class (R3.1), and a request for changes."""

from django import forms

from core.models import InformationClass

CHECKS = [
    ("accuracy", "ความถูกต้อง", "ข้อมูลถูกต้องตรงกับต้นฉบับและข้อเท็จจริง"),
    ("completeness", "ความครบถ้วน", "ข้อมูลและเอกสารประกอบครบถ้วนตามที่กำหนด"),
    ("currency", "ความเป็นปัจจุบัน", "ข้อมูลเป็นฉบับล่าสุดและยังใช้บังคับอยู่"),
    ("appropriateness", "ความเหมาะสม", "เหมาะสมที่จะเผยแพร่ต่อสาธารณะ ไม่มีข้อมูลส่วนบุคคลหรือข้อมูลที่ไม่ควรเปิดเผย"),
]


class ChecklistApproveForm(forms.Form):
    """Approve: all four checks ticked, the information class confirmed or corrected, an optional comment."""

    accuracy = forms.BooleanField(label=CHECKS[0][1], help_text=CHECKS[0][2])
    completeness = forms.BooleanField(label=CHECKS[1][1], help_text=CHECKS[1][2])
    currency = forms.BooleanField(label=CHECKS[2][1], help_text=CHECKS[2][2])
    appropriateness = forms.BooleanField(label=CHECKS[3][1], help_text=CHECKS[3][2])
    information_class = forms.ChoiceField(
        label="ประเภทข้อมูล (ยืนยันหรือแก้ไข)",
        choices=[("", "— ไม่ใช้กับหน้านี้ —"), *InformationClass.choices],
        required=False,
        help_text="คณะทำงานฯ ยืนยันประเภทข้อมูลที่ผู้จัดทำข้อมูลเสนอ หรือเลือกประเภทที่ถูกต้อง",
    )
    comment = forms.CharField(label="ความเห็น", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, _label, _help in CHECKS:
            self.fields[name].error_messages["required"] = f"ต้องตรวจสอบ{self.fields[name].label}ก่อนอนุมัติ"


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


class StillCurrentForm(forms.Form):
    """The working group confirms an unchanged page is still accurate (R2.3)."""

    confirm = forms.BooleanField(
        label="ข้าพเจ้าได้ตรวจสอบแล้ว ข้อมูลในหน้านี้ยังถูกต้องและเป็นปัจจุบัน",
        error_messages={"required": "กรุณายืนยันว่าได้ตรวจสอบข้อมูลแล้ว"},
    )
    comment = forms.CharField(label="หมายเหตุ", widget=forms.Textarea(attrs={"rows": 2}), required=False)
