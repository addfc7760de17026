from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.reports import SearchesWithoutResultsReportView, report_sites


@hooks.register("register_admin_urls")
def register_search_report_urls():
    urls = [
        path("", SearchesWithoutResultsReportView.as_view(), name="no_results"),
        path("results/", SearchesWithoutResultsReportView.as_view(results_only=True), name="no_results_results"),
    ]
    return [path("reports/searches-without-results/", include((urls, "search_reports")))]


class _ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(report_sites(request.user))


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return _ReportMenuItem(
        "คำค้นที่ไม่พบผลลัพธ์", reverse("search_reports:no_results"), name="searches-without-results", icon_name="search"
    )


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms_report(request, menu_items):
    # Wagtail's "Search terms" report reads its own query log, which this site does not fill (search/models.py).
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
