"""The dashboard panel of the link checker: each agency's broken links, for its website administrators."""

from wagtail.admin.ui.components import Component

from oversight.link_checker import PANEL_LIMIT, broken_links_for_user


class BrokenLinksPanel(Component):
    name = "oversight_broken_links"
    order = 95
    template_name = "oversight/panels/broken_links.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"agencies": broken_links_for_user(self.user), "limit": PANEL_LIMIT}
