from django import forms


class CodeForm(forms.Form):
    """The code of the second step: six digits from the app, or an eight-character recovery code."""

    code = forms.CharField(
        label="รหัสยืนยันตัวตน",
        max_length=32,
        help_text="รหัส 6 หลักจากแอปยืนยันตัวตน หรือรหัสกู้คืน 8 ตัวอักษร",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
        error_messages={"required": "กรุณากรอกรหัสยืนยันตัวตน"},
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="รหัส 6 หลักจากแอป",
        max_length=16,
        help_text="หลังเพิ่มบัญชีในแอปแล้ว ให้กรอกรหัส 6 หลักที่แอปแสดงอยู่ เพื่อยืนยันว่าตั้งค่าสำเร็จ",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": "กรุณากรอกรหัส 6 หลักจากแอป"},
    )
