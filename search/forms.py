from django import forms

from documents.models import DocumentKind


class SearchForm(forms.Form):
    """The search box and its filters. Unknown filter values are ignored (the search still runs)."""

    q = forms.CharField(label="คำค้น", required=False, strip=True)
    category = forms.ChoiceField(label="หมวดข้อมูล", required=False)
    kind = forms.ChoiceField(label="ประเภทเอกสาร", required=False)
    year = forms.TypedChoiceField(label="ปีงบประมาณ", required=False, coerce=int, empty_value=None)

    def __init__(self, data, categories, fiscal_years):
        super().__init__(data)
        self.categories = {str(category.pk): category for category in categories}
        self.fields["category"].choices = [("", "ทุกหมวด")] + [(key, c.title) for key, c in self.categories.items()]
        self.fields["kind"].choices = [("", "ทุกประเภท (หน้าเว็บและเอกสาร)"), *DocumentKind.choices]
        self.fields["year"].choices = [("", "ทุกปี")] + [(str(year), f"พ.ศ. {year}") for year in fiscal_years]

    def value(self, name):
        """The cleaned value of one field, or its empty value when that field alone is invalid."""
        if not self.is_bound:
            return None
        field = self.fields[name]
        try:
            return field.clean(self.data.get(name, ""))
        except forms.ValidationError:
            return None
