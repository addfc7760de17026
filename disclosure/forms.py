"""Admin forms whose checks span a page and its inline rows."""

from core.forms import AgencyPageForm

NOTHING_REPORTED = "ต้องกรอกรายการจัดซื้อจัดจ้างอย่างน้อยหนึ่งรายการ แนบแบบ สขร.1 หรือเลือก “ไม่มีการจัดซื้อจัดจ้างในเดือนนี้” อย่างใดอย่างหนึ่ง"
NONE_BUT_ROWS = "เลือก “ไม่มีการจัดซื้อจัดจ้างในเดือนนี้” แล้ว ต้องไม่มีรายการจัดซื้อจัดจ้าง"


class ProcurementSummaryForm(AgencyPageForm):
    """A monthly procurement summary reports something: rows, the form as a file, or "no procurement this month".

    Checked here rather than in the model's ``clean()``: the model is validated before its new rows are attached.
    """

    def clean(self):
        cleaned_data = super().clean()
        rows = self._row_count()
        no_procurement = cleaned_data.get("no_procurement")
        if no_procurement and rows:
            self.add_error("no_procurement", NONE_BUT_ROWS)
        elif not no_procurement and not rows and not cleaned_data.get("form_document"):
            self.add_error("no_procurement", NOTHING_REPORTED)
        return cleaned_data

    def _row_count(self) -> int:
        formset = self.formsets.get("procurement_rows")
        if formset is None:
            return 0
        formset.is_valid()  # fills cleaned_data and deleted_forms
        deleted = set(map(id, formset.deleted_forms)) if formset.can_delete else set()
        return sum(
            1
            for form in formset.forms
            if id(form) not in deleted and (form.has_changed() or form.instance.pk is not None)
        )
