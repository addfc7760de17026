"""The dashboard panel "ร่างที่ต้องจัดทำสำหรับ ITA": the skeleton drafts of the user's agencies that nobody
has sent to the working group yet, each linking to its edit view."""

from wagtail.admin.ui.components import Component

from oversight.selectors import ita_skeleton_drafts
from publishing.selectors import agency_sites_for_user

# Those who write and publish the agency's pages: the editors and the website administrators.
SKELETON_PANEL_ROLES = ("editors", "administrators")


class ItaSkeletonPanel(Component):
    name = "oversight_ita_skeleton"
    order = 95
    template_name = "oversight/panels/ita_skeleton.html"

    def __init__(self, agencies):
        self.agencies = agencies

    def get_context_data(self, parent_context=None):
        return {"agencies": self.agencies}


def ita_skeleton_panel_for(user) -> ItaSkeletonPanel | None:
    """The panel for ``user``'s agencies (editors and administrators; every agency for a superuser), or ``None``
    when none of them has a skeleton draft waiting."""
    agencies = []
    for site in agency_sites_for_user(user, roles=SKELETON_PANEL_ROLES):
        drafts = ita_skeleton_drafts(site)
        if drafts:
            agencies.append({"site": site, "drafts": drafts})
    return ItaSkeletonPanel(agencies) if agencies else None
