"""The admin form of the ITA section's page types whose rules read their inline rows (an E-Service's usage names one
of the page's services; No Gift's gifts or "none received")."""

from core.forms import AgencyPageForm


def _rows_sent(formset) -> list:
    """The rows the page will have once saved: valid, not deleted, new ones only when filled in, in the editor's
    order."""
    forms = [
        form
        for form in formset.forms
        if form.is_valid() and (form.instance.pk or form.has_changed()) and not form.cleaned_data.get("DELETE")
    ]
    forms.sort(key=lambda form: form.cleaned_data.get("ORDER") or 0)
    return [form.instance for form in forms]


class IntegrityPageForm(AgencyPageForm):
    """Runs the page's ``clean()`` on the rows being sent rather than the saved ones (``base.inline_rows``), so that
    its Thai message shows on the form instead of the page being saved with rows its rules refuse."""

    def _post_clean(self):
        self.instance._rows_sent = {name: _rows_sent(formset) for name, formset in self.formsets.items()}
        try:
            super()._post_clean()
        finally:
            del self.instance._rows_sent
