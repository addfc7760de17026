from django.contrib.admin import SimpleListFilter
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from oversight.models import ItaFramework, ItaItem, ItaItemSuccessor
from oversight.selectors import sites_for_oversight
from oversight.services import LOG_ACTIONS
from oversight.skeleton_panel import ita_skeleton_panel_for
from oversight.views import compliance, reports
from publishing.selectors import agency_sites_for_user


class ItaFrameworkAdmin(ModelAdmin):
    model = ItaFramework
    menu_label = "ชุดตัวชี้วัด"
    menu_icon = "list-ul"
    list_display = ("name", "fiscal_year", "agency_type")
    list_filter = ("fiscal_year",)
    search_fields = ("name",)


class FrameworkFilter(SimpleListFilter):
    """The framework filter of the item list. A plain ``list_filter = ("framework",)`` uses Django admin's
    RelatedFieldListFilter, which needs django.contrib.admin installed (500: No installed app with label 'admin')."""

    title = "ชุดตัวชี้วัด"
    parameter_name = "framework"

    def lookups(self, request, model_admin):
        return [(framework.pk, str(framework)) for framework in ItaFramework.objects.order_by("-fiscal_year", "name")]

    def queryset(self, request, queryset):
        return queryset.filter(framework_id=self.value()) if self.value() else queryset


class ItaItemAdmin(ModelAdmin):
    model = ItaItem
    menu_label = "ตัวชี้วัด"
    menu_icon = "tick-inverse"
    list_display = ("code", "name", "framework")
    list_filter = (FrameworkFilter,)
    search_fields = ("code", "name")
    ordering = ("framework", "sort_order", "code")


class ItaItemSuccessorAdmin(ModelAdmin):
    """Which item of the next year succeeds which (shipped for 2566 -> 2568 -> 2569, imported with a new year): what
    the carry-over of evidence follows."""

    model = ItaItemSuccessor
    menu_label = "การสืบทอดตัวชี้วัด"
    menu_icon = "arrow-right"
    list_display = ("item", "successor", "kind", "note")
    search_fields = ("item__code", "item__name", "successor__code", "successor__name")
    ordering = ("-successor__framework__fiscal_year", "successor__sort_order", "item__sort_order")


class OversightMenuItem(MenuItem):
    """Shown to the agency's administrators, working group and executives (never to editors)."""

    def is_shown(self, request):
        return bool(sites_for_oversight(request.user))


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("oversight.add_itaframework")


class ItaGroup(ModelAdminGroup):
    menu_label = "ตัวชี้วัด ITA"
    menu_icon = "doc-full"
    menu_order = 250
    items = (ItaFrameworkAdmin, ItaItemAdmin, ItaItemSuccessorAdmin)

    def get_submenu_items(self):
        return [
            OversightMenuItem("ตารางความครบถ้วนของหลักฐาน", reverse("oversight_compliance"), icon_name="table"),
            ImportMenuItem("นำเข้าตัวชี้วัดจากไฟล์ CSV", reverse("oversight_framework_import"), icon_name="upload"),
            *super().get_submenu_items(),
        ]


modeladmin_register(ItaGroup)


@hooks.register("register_log_actions")
def register_oversight_log_actions(actions):
    """The working group's sign-off and reopening of a quarterly report, in the audit log."""
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_admin_urls")
def register_oversight_urls():
    return [
        path("ita/compliance/", compliance.compliance_matrix, name="oversight_compliance"),
        path("ita/compliance/export.<str:fmt>", compliance.compliance_export, name="oversight_compliance_export"),
        path("ita/import/", compliance.framework_import, name="oversight_framework_import"),
        path("ita/compliance/drafts/", compliance.ita_skeleton, name="oversight_ita_skeleton"),
        path("ita/compliance/carry-over/", compliance.ita_carry_over, name="oversight_ita_carry_over"),
        path("reports/yearly/", reports.yearly, name="oversight_report_yearly"),
        path("reports/yearly/export.<str:fmt>", reports.yearly_export, name="oversight_report_yearly_export"),
        path("reports/quarterly/", reports.quarterly, name="oversight_report_quarterly"),
        path("reports/quarterly/export.<str:fmt>", reports.quarterly_export, name="oversight_report_quarterly_export"),
    ]


# Wagtail's reports that a role has no use for: who may see each (a superuser sees all). The page-types report
# counts every agency's pages and names their last edits (its URL is superusers' only: publishing/agency_reports.py);
# the task report lists what the working group and the administrators act on.
REPORTS_FOR_ROLES = {
    "page-types-usage": (),
    "workflow-tasks": ("working_group", "administrators"),
}


@hooks.register("register_reports_menu_item")
def register_yearly_report_menu_item():
    return OversightMenuItem(
        "รายงานผลการเผยแพร่ประจำปีงบประมาณ",
        reverse("oversight_report_yearly"),
        name="yearly-report",
        icon_name="doc-full",
        order=100,
    )


@hooks.register("register_reports_menu_item")
def register_quarterly_report_menu_item():
    return OversightMenuItem(
        "รายงานผู้บริหารเป็นรายไตรมาส",
        reverse("oversight_report_quarterly"),
        name="quarterly-report",
        icon_name="date",
        order=200,
    )


@hooks.register("construct_reports_menu")
def reports_for_the_users_role(request, menu_items):
    """One รายงาน menu: the yearly (R4.1) and quarterly (R4.2) reports first, then Wagtail's reports each role uses
    (the workflows, site history and aging pages for those who write and check pages; locked pages for those who
    unlock them), without the ones no agency role needs."""
    user = request.user
    if user.is_superuser:
        return
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in REPORTS_FOR_ROLES
        or (REPORTS_FOR_ROLES[item.name] and agency_sites_for_user(user, roles=REPORTS_FOR_ROLES[item.name]))
    ]


@hooks.register("construct_homepage_panels")
def add_ita_skeleton_panel(request, panels):
    """ร่างที่ต้องจัดทำสำหรับ ITA: the skeleton drafts waiting for the agency's editors."""
    panel = ita_skeleton_panel_for(request.user)
    if panel is not None:
        panels.append(panel)


@hooks.register("construct_homepage_panels")
def add_broken_links_panel(request, panels):
    """ลิงก์ที่ใช้ไม่ได้: the link checker's findings, for each agency's website administrators."""
    from oversight.broken_links_panel import BrokenLinksPanel

    if agency_sites_for_user(request.user, roles=("administrators",)):
        panels.append(BrokenLinksPanel(request.user))


# Evidence URLs during an ITA assessment window (oversight/evidence_lock.py): no move, slug change, unpublishing or
# deletion without the website administrator's explicit confirmation, which goes into the audit log.
from oversight import evidence_lock  # noqa: E402

hooks.register("register_log_actions", evidence_lock.register_log_actions)
hooks.register("before_move_page", evidence_lock.before_move_page)
hooks.register("before_delete_page", evidence_lock.before_delete_page)
hooks.register("before_unpublish_page", evidence_lock.before_unpublish_page)
hooks.register("before_edit_page", evidence_lock.before_edit_page)
hooks.register("before_bulk_action", evidence_lock.before_bulk_action)
for _after in ("after_move_page", "after_delete_page", "after_unpublish_page", "after_edit_page", "after_bulk_action"):
    hooks.register(_after, evidence_lock.after_change)
# The administrators' final approval of a version that changes an evidence slug (saved before the window opened):
# PublishingTask (publishing/models.py) asks these instead of importing oversight.
hooks.register("prongsai_approval_url_changes", evidence_lock.approval_url_changes)
hooks.register("prongsai_approval_url_change_confirmed", evidence_lock.approval_url_change_confirmed)
