"""Admin forms whose checks span a page and its inline rows."""

from core.forms import AgencyPageForm
from core.thai import MONTHS

NOTHING_REPORTED = "ต้องกรอกรายการจัดซื้อจัดจ้างอย่างน้อยหนึ่งรายการ แนบแบบ สขร.1 หรือเลือก “ไม่มีการจัดซื้อจัดจ้างในเดือนนี้” อย่างใดอย่างหนึ่ง"
NONE_BUT_ROWS = "เลือก “ไม่มีการจัดซื้อจัดจ้างในเดือนนี้” แล้ว ต้องไม่มีรายการจัดซื้อจัดจ้าง"


def duplicate_month_message(month_label: str, other) -> str:
    """One summary per month per agency: the refusal names the summary that already reports the month."""
    return (
        f"หน่วยงานนี้มีสรุปผลการจัดซื้อจัดจ้างประจำเดือน{month_label} แล้ว (“{other.title}”) "
        "หนึ่งเดือนรายงานได้เพียงฉบับเดียว กรุณาแก้ไขฉบับเดิม หรือเลือกเดือนอื่น"
    )


class ProcurementSummaryForm(AgencyPageForm):
    """A monthly procurement summary reports something: rows, the form as a file, or "no procurement this month".

    Checked here rather than in the model's ``clean()``: the model is validated before its new rows are attached.
    """

    def clean(self):
        cleaned_data = super().clean()
        self._check_month_not_reported()
        rows = self._row_count()
        no_procurement = cleaned_data.get("no_procurement")
        if no_procurement and rows:
            self.add_error("no_procurement", NONE_BUT_ROWS)
        elif not no_procurement and not rows and not cleaned_data.get("form_document"):
            self.add_error("no_procurement", NOTHING_REPORTED)
        return cleaned_data

    def _check_month_not_reported(self):
        """A new summary has no tree path while its form is checked, so the model cannot look for another summary
        of the same month in the agency: the form does, from the parent page (an existing page: the model)."""
        from disclosure.selectors import procurement_summary_duplicate

        page = self.instance
        parent = getattr(self, "parent_page", None)
        month, year_be = self.cleaned_data.get("month"), self.cleaned_data.get("year_be")
        if page.path or parent is None or "month" in self.errors:
            return
        other = procurement_summary_duplicate(month, year_be, page.agency_home_path(parent))
        if other is not None:
            self.add_error("month", duplicate_month_message(f"{MONTHS[month - 1]} {year_be}", other))

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
