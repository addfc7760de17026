from django import forms

from core.forms import AgencyPageForm


def _filled_forms(formset):
    """The formset's rows that the page will have: existing or newly filled in, valid, not marked for deletion.
    (An existing row left unchanged still counts: re-saving a manual must not lose its steps.)"""
    if formset is None or not formset.is_valid():
        return []
    return [
        form
        for form in formset.forms
        if (form.instance.pk or form.has_changed()) and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class ServicePageForm(AgencyPageForm):
    """Rules of a citizen's manual that need its inline rows: at least one step; a fee or an explicit "no fee"."""

    def clean(self):
        cleaned_data = super().clean()
        steps = self.formsets.get("steps")
        fees = self.formsets.get("fees")
        if steps is not None and steps.is_valid() and not _filled_forms(steps):
            self.add_error(None, "คู่มือสำหรับประชาชนต้องมีขั้นตอนการให้บริการอย่างน้อย 1 ขั้นตอน")
        if fees is not None and fees.is_valid():
            has_fee_rows = bool(_filled_forms(fees))
            no_fee = cleaned_data.get("no_fee")
            if not has_fee_rows and not no_fee:
                self.add_error(
                    "no_fee",
                    "กรุณาระบุค่าธรรมเนียมอย่างน้อย 1 รายการ หรือเลือก “ไม่มีค่าธรรมเนียม” (ต้องแจ้งประชาชนให้ชัดเจน ห้ามเว้นว่าง)",
                )
            elif has_fee_rows and no_fee:
                self.add_error("no_fee", "เลือก “ไม่มีค่าธรรมเนียม” ไม่ได้เมื่อมีรายการค่าธรรมเนียม กรุณาเลือกอย่างใดอย่างหนึ่ง")
        return cleaned_data


class ServiceFilterForm(forms.Form):
    """The citizen's filter on the manuals listing: ``?category=register&unit=3``."""

    category = forms.ChoiceField(label="หมวดหมู่ของงานบริการ", required=False)
    unit = forms.ModelChoiceField(label="หน่วยงานที่รับผิดชอบ", queryset=None, required=False, empty_label="ทุกหน่วยงาน")

    def __init__(self, *args, units, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "ทุกหมวดหมู่"), *categories]
        self.fields["unit"].queryset = units
