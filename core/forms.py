"""Admin forms shared by every page type that names an agency's own data (its people and units)."""

from django import forms

from wagtail.admin.forms import WagtailAdminPageForm

OTHER_AGENCY = "เลือกได้เฉพาะข้อมูลของหน่วยงานเจ้าของหน้านี้เท่านั้น"


def _is_agency_data(model) -> bool:
    from core.models import AgencyDataMixin

    return model is not None and issubclass(model, AgencyDataMixin)


class AgencyPageForm(WagtailAdminPageForm):
    """A page names only its own agency's people and units, in its own fields and in its inline rows: the choosers
    list the user's agencies, and a crafted POST naming another agency's person or unit is refused here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency_site_id = self._agency_site_id()
        if self.agency_site_id is None:
            return
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and _is_agency_data(field.queryset.model):
                field.queryset = field.queryset.filter(site_id=self.agency_site_id)
                field.error_messages = {**field.error_messages, "invalid_choice": OTHER_AGENCY}

    def _agency_site_id(self) -> int | None:
        page = self.instance if self.instance.pk else getattr(self, "parent_page", None)
        if page is None or not page.path:
            return None
        site = page.get_site()
        return site.pk if site is not None else None

    def clean(self):
        cleaned_data = super().clean()
        if self.agency_site_id is None:
            return cleaned_data
        for formset in self.formsets.values():
            formset.is_valid()  # fills each row's cleaned_data
            for form in formset.forms:
                for name, value in list((getattr(form, "cleaned_data", None) or {}).items()):
                    if _is_agency_data(type(value)) and value.site_id != self.agency_site_id:
                        form.add_error(name, OTHER_AGENCY)
                        self.add_error(None, OTHER_AGENCY)
        return cleaned_data
