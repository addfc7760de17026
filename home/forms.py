"""The home app's admin forms."""

from core.forms import AgencyPageForm
from core.models import InformationClass


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
