"""The home app's forms: the admin's page forms, and the public question form of the Q&A page."""

import re

from django import forms

from core.forms import AgencyPageForm
from core.models import InformationClass

QUESTION_MIN_CHARS = 10
QUESTION_MAX_CHARS = 3000
# Digits (Thai digits too), spaces, dashes, parentheses, a leading plus; an extension after "ต่อ".
PHONE = re.compile(r"\+?[0-9๐-๙() \-]{6,25}(?:\s*ต่อ\s*[0-9๐-๙]{1,6})?")


class NewsPageForm(AgencyPageForm):
    """An urgent notice defaults to "immediate" (R3.1): ticking "urgent" while leaving the class at its default
    ("update on change") makes the class "immediate". A class chosen in the same edit, or kept from an earlier one
    (the working group may have corrected it), is left as it is."""

    def clean(self):
        cleaned_data = super().clean()
        if (
            cleaned_data.get("urgent")
            and "urgent" in self.changed_data
            and "information_class" not in self.changed_data
            and cleaned_data.get("information_class") == InformationClass.ON_CHANGE
        ):
            cleaned_data["information_class"] = InformationClass.IMMEDIATE
        return cleaned_data


class QuestionAnswerPageForm(AgencyPageForm):
    """A Q&A entry is saved only with its answer: the draft made from a citizen's question starts without one
    (``home.questions.question_answer_draft``), and nothing without an answer can be submitted for review."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "answer" in self.fields:
            self.fields["answer"].required = True
            self.fields["answer"].error_messages["required"] = "กรุณาเขียนคำตอบ"


class QuestionForm(forms.Form):
    """The public form of the Q&A page (ITA O8): the question, the asker's optional name and contact, consent to the
    personal-data notice, and two spam guards that load nothing from elsewhere: a field that people leave empty
    (hidden by the stylesheet) and the signed time the form was shown (``home.questions.started_token``)."""

    question = forms.CharField(
        label="คำถามของท่าน",
        max_length=QUESTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": QUESTION_MAX_CHARS}),
        error_messages={
            "required": "กรุณาพิมพ์คำถาม",
            "max_length": f"คำถามยาวเกิน {QUESTION_MAX_CHARS:,} ตัวอักษร กรุณาสรุปให้สั้นลง",
        },
    )
    name = forms.CharField(
        label="ชื่อ (ไม่บังคับ)",
        required=False,
        max_length=200,
        error_messages={"max_length": "ชื่อยาวเกิน 200 ตัวอักษร"},
    )
    email = forms.EmailField(
        label="อีเมล (ไม่บังคับ)",
        required=False,
        max_length=254,
        help_text="หากระบุ ระบบจะส่งเลขที่อ้างอิงคำถามไปที่อีเมลนี้",
        error_messages={"invalid": "รูปแบบอีเมลไม่ถูกต้อง เช่น somchai@example.com", "max_length": "อีเมลยาวเกินไป"},
    )
    phone = forms.CharField(
        label="โทรศัพท์ (ไม่บังคับ)",
        required=False,
        max_length=30,
        error_messages={"max_length": "หมายเลขโทรศัพท์ยาวเกินไป"},
    )
    consent = forms.BooleanField(
        label="ข้าพเจ้าได้อ่านประกาศการคุ้มครองข้อมูลส่วนบุคคลข้างต้นแล้ว และยินยอมให้หน่วยงานเก็บและใช้ข้อมูลตามที่แจ้ง",
        error_messages={"required": "กรุณาทำเครื่องหมายยินยอมตามประกาศการคุ้มครองข้อมูลส่วนบุคคล ก่อนส่งคำถาม"},
    )
    # Spam guards: the trap must stay empty; the start token is rendered fresh by the template.
    website = forms.CharField(label="เว็บไซต์ของท่าน (เว้นว่างไว้)", required=False)
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.fullmatch(phone):
            raise forms.ValidationError("หมายเลขโทรศัพท์ใช้ได้เฉพาะตัวเลข ช่องว่าง ขีด วงเล็บ และเครื่องหมาย +")
        return phone

    def clean_question(self):
        question = self.cleaned_data["question"].strip()
        if len(question) < QUESTION_MIN_CHARS:
            raise forms.ValidationError(f"คำถามสั้นเกินไป กรุณาพิมพ์อย่างน้อย {QUESTION_MIN_CHARS} ตัวอักษร")
        return question

    def clean(self):
        from home.questions import started_problem

        cleaned_data = super().clean()
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                "ระบบไม่รับคำถามนี้ เนื่องจากมีข้อความในช่องที่ต้องเว้นว่าง กรุณาลบข้อความในช่องนั้นแล้วส่งอีกครั้ง",
                code="trap",
            )
        problem = started_problem(self.cleaned_data.get("started", ""))
        if problem:
            raise forms.ValidationError(problem, code="timing")
        return cleaned_data
