"""Admin report: the searches that found nothing (what citizens could not find), with a CSV/XLSX export."""

from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from search import selectors

PERMISSION = "search.view_searchqueryday"


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
        return selectors.searches_without_results()

    def get_filtered_queryset(self):
        return self.get_base_queryset()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
