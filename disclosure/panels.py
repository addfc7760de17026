"""The dashboard panel of the monthly procurement summaries (แบบ สขร.1, OIA s.9(8)): the months of the current fiscal
year that an agency has not yet published, for its website administrators and editors."""

from django.utils import timezone

from wagtail.admin.ui.components import Component

from disclosure.models import OfficialInfoIndexPage
from disclosure.selectors import procurement_months_missing
from publishing.models import AgencyRole
from publishing.selectors import agency_sites_for_user

PANEL_ROLES = (AgencyRole.ADMINISTRATORS, AgencyRole.EDITORS)


def procurement_panel_rows(user, today) -> list[dict]:
    """For each agency of ``user`` (as administrator or editor; every agency for a superuser) that misses a
    month: the agency, the months missing and the Act's index page to add a summary under."""
    rows = []
    for site in agency_sites_for_user(user, roles=PANEL_ROLES):
        missing = procurement_months_missing(site, today)
        if missing:
            index = OfficialInfoIndexPage.objects.descendant_of(site.root_page).first()
            rows.append({"site": site, "missing": missing, "index": index})
    return rows


class ProcurementSummariesPanel(Component):
    """แบบ สขร.1 not yet published, per agency, from October to last month."""

    name = "disclosure_procurement_summaries"
    order = 95
    template_name = "disclosure/panels/procurement_summaries.html"

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context=None):
        return {"agencies": self.rows}


def procurement_panel(user):
    """The panel, or None when none of the user's agencies misses a month."""
    rows = procurement_panel_rows(user, timezone.localdate())
    return ProcurementSummariesPanel(rows) if rows else None
