"""Admin menus for the snippets the disclosure pages reuse: people, units (a core model) and OIA categories."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models import OrganisationUnit
from disclosure.models import OfficialInfoCategory, Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "บุคคล (ผู้บริหาร/หัวหน้าส่วนราชการ)"
    list_display = ["name", "phone", "email"]
    search_fields = ["name"]


class OrganisationUnitViewSet(SnippetViewSet):
    model = OrganisationUnit
    icon = "group"
    menu_label = "หน่วยงาน/ส่วนราชการ"
    list_display = ["name", "parent", "phone", "sort_order"]
    list_filter = ["parent"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class OfficialInfoCategoryViewSet(SnippetViewSet):
    model = OfficialInfoCategory
    icon = "list-ul"
    menu_label = "หมวดข้อมูลข่าวสาร (พ.ร.บ.ข้อมูลข่าวสารฯ)"
    list_display = ["code", "name", "group_name", "sort_order", "active"]
    list_filter = ["active"]
    search_fields = ["code", "name"]
    ordering = ["sort_order", "code"]


class DisclosureSnippetGroup(SnippetViewSetGroup):
    items = (OrganisationUnitViewSet, PersonViewSet, OfficialInfoCategoryViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "ข้อมูลพื้นฐานหน่วยงาน"
    menu_name = "disclosure-data"


register_snippet(DisclosureSnippetGroup)
