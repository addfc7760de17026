"""Admin menus for the snippets the disclosure pages reuse: the agency's people, units (a core model) and details,
each within the user's agencies and under the agency's workflow (``agency_snippets``), and the OIA categories."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models import AgencyDataMixin, AgencySettings, OrganisationUnit
from disclosure.agency_snippets import AgencyDataViewSet, OneRowPerAgencyPolicy, agency_site_ids
from disclosure.models import OfficialInfoCategory, Person
from disclosure.panels import procurement_panel


class PersonViewSet(AgencyDataViewSet):
    model = Person
    icon = "user"
    menu_label = "บุคคล (ผู้บริหาร/หัวหน้าส่วนราชการ)"
    list_display = ["name", "phone", "email", "site"]
    search_fields = ["name"]


class OrganisationUnitViewSet(AgencyDataViewSet):
    model = OrganisationUnit
    icon = "group"
    menu_label = "หน่วยงาน/ส่วนราชการ"
    list_display = ["name", "parent", "phone", "sort_order", "site"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class AgencySettingsViewSet(AgencyDataViewSet):
    model = AgencySettings
    icon = "site"
    menu_label = "ข้อมูลหน่วยงานและการติดต่อ"
    list_display = ["name_th", "phone", "email", Column("site", label="เว็บไซต์")]
    search_fields = None

    @property
    def permission_policy(self):
        return OneRowPerAgencyPolicy(self.model)


def _active_label(category) -> str:
    # Wagtail's BooleanColumn titles its icon "True"/"False": say it in Thai.
    return "ใช้งาน" if category.active else "ไม่ใช้งาน"


class OfficialInfoCategoryViewSet(SnippetViewSet):
    model = OfficialInfoCategory
    icon = "list-ul"
    menu_label = "หมวดข้อมูลข่าวสาร (พ.ร.บ.ข้อมูลข่าวสารฯ)"
    list_display = ["code", "name", "group_name", "sort_order", Column("active", label="สถานะ", accessor=_active_label)]
    list_filter = ["active"]
    search_fields = ["code", "name"]
    ordering = ["sort_order", "code"]


class DisclosureSnippetGroup(SnippetViewSetGroup):
    items = (AgencySettingsViewSet, OrganisationUnitViewSet, PersonViewSet, OfficialInfoCategoryViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "ข้อมูลพื้นฐานหน่วยงาน"
    menu_name = "disclosure-data"


register_snippet(DisclosureSnippetGroup)


@hooks.register("construct_settings_menu")
def hide_agency_settings_menu(request, menu_items):
    """The agency's details are edited as a workflow snippet, never through the settings form that saves live."""
    menu_items[:] = [item for item in menu_items if getattr(item, "model", None) is not AgencySettings]


@hooks.register("before_edit_setting")
def agency_settings_through_workflow(request, instance):
    if isinstance(instance, AgencySettings):
        site_ids = agency_site_ids(request.user)
        if site_ids is not None and instance.site_id not in site_ids:
            raise PermissionDenied
        return redirect(AgencySettings.snippet_viewset.get_url_name("edit"), instance.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_other_agencies_in_bulk(request, action_type, objects, action_class_instance):
    site_ids = agency_site_ids(request.user)
    if site_ids is None:
        return None
    if any(isinstance(obj, AgencyDataMixin) and obj.site_id not in site_ids for obj in objects):
        messages.error(request, "ดำเนินการกับข้อมูลของหน่วยงานอื่นไม่ได้")
        return redirect("wagtailadmin_home")
    return None


@hooks.register("construct_homepage_panels")
def add_procurement_summaries_panel(request, panels):
    """Months of this fiscal year without a live แบบ สขร.1, for the agency's administrators and editors."""
    panel = procurement_panel(request.user)
    if panel is not None:
        panels.append(panel)
