"""Admin report: the searches that found nothing (what citizens could not find), with a CSV/XLSX export."""

from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from publishing.selectors import agency_sites_for_user
from search import selectors

# The agency roles that act on what citizens could not find: the working group (content) and the website
# administrators (promotions, pages); a superuser sees every agency's searches.
REPORT_ROLES = ("working_group", "administrators")


def report_sites(user):
    """The agencies whose searches ``user`` may read in the report: none for editors and executives."""
    return agency_sites_for_user(user, roles=REPORT_ROLES)


class SearchesWithoutResultsReportView(ReportView):
    page_title = "คำค้นที่ไม่พบผลลัพธ์"
    header_icon = "search"
    index_url_name = "search_reports:no_results"
    index_results_url_name = "search_reports:no_results_results"
    columns = [
        Column("query_string", label="คำค้น"),
        Column("site__site_name", label="เว็บไซต์"),
        NumberColumn("total", label="จำนวนครั้งที่ไม่พบ"),
        DateColumn("last_day", label="ค้นหาล่าสุด"),
    ]
    list_export = ["query_string", "site__hostname", "total", "last_day"]
    export_headings = {
        "query_string": "คำค้น",
        "site__hostname": "เว็บไซต์",
        "total": "จำนวนครั้งที่ไม่พบ",
        "last_day": "ค้นหาล่าสุด",
    }

    def get_base_queryset(self):
        return selectors.searches_without_results(sites=self.sites)

    def get_filtered_queryset(self):
        return self.get_base_queryset()

    def dispatch(self, request, *args, **kwargs):
        self.sites = report_sites(request.user)
        if not self.sites:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
