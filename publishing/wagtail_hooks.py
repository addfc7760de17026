"""The procedure in Wagtail's admin: audit-log actions, the currency panel on the dashboard, the page buttons for
"still current" and the request-to-publish record, and no publishing outside the workflow except by superusers."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log

from core.models import ClassifiedPageMixin
from publishing import urls as publishing_urls
from publishing.agency_reports import user_pages
from publishing.forms import StaffPositionForm
from publishing.models import ChecklistDecision, ChecklistReview, StaffProfile
from publishing.selectors import agency_sites_for_user, immediate_items_late, pages_due_for_review
from publishing.services import direct_publish_allowed, user_can_confirm_still_current, user_can_view_record
from publishing.views import record_url

LOG_ACTIONS = [
    ("prongsai.checklist.approve", "คณะทำงานฯ ตรวจสอบครบทุกด้านแล้ว", "คณะทำงานฯ ตรวจสอบครบทุกด้านและเสนอขออนุมัติเผยแพร่ข้อมูล"),
    ("prongsai.checklist.reject", "คณะทำงานฯ ส่งกลับให้แก้ไข", "คณะทำงานฯ ส่งกลับให้ผู้จัดทำข้อมูลแก้ไข"),
    ("prongsai.still_current", "ยืนยันข้อมูลยังเป็นปัจจุบัน", "คณะทำงานฯ ยืนยันว่าข้อมูลยังถูกต้องและเป็นปัจจุบัน"),
    (
        "prongsai.publish.unreviewed",
        "เผยแพร่โดยไม่ผ่านคณะทำงานฯ",
        "เผยแพร่โดยไม่ผ่านการตรวจสอบของคณะทำงานฯ (ผู้ดูแลระบบสูงสุด)",
    ),
]


@hooks.register("register_log_actions")
def register_publishing_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_admin_urls")
def register_publishing_urls():
    return [path("publishing/", include(publishing_urls, namespace="publishing"))]


class CurrencyPanel(Component):
    """Dashboard panel (R2.3, R3.3): the user's agencies' items due or overdue for review and late immediate items."""

    name = "publishing_currency"
    order = 90
    template_name = "publishing/panels/currency.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from django.conf import settings

        today = timezone.localdate()
        horizon = today + datetime.timedelta(days=settings.REVIEW_REMINDER_DAYS)
        agencies = []
        for site in agency_sites_for_user(self.user):
            due = pages_due_for_review(site, horizon)
            late = immediate_items_late(site)
            rows = [
                {
                    "page": page,
                    "overdue": page.next_review_date < today,
                    "can_confirm": user_can_confirm_still_current(self.user, page),
                }
                for page in due
            ]
            agencies.append({"site": site, "due": rows, "late": late})
        return {
            "agencies": agencies,
            "limit_hours": settings.IMMEDIATE_PUBLISH_LIMIT_HOURS,
            "reminder_days": settings.REVIEW_REMINDER_DAYS,
            "request": parent_context.get("request") if parent_context else None,
        }


@hooks.register("construct_homepage_panels")
def add_currency_panel(request, panels):
    if request.user.is_superuser or agency_sites_for_user(request.user):
        panels.append(CurrencyPanel(request.user))


def _buttons(page, user, next_url, priority):
    if (
        page.live
        and isinstance(page.specific_deferred, ClassifiedPageMixin)
        and user_can_confirm_still_current(user, page)
    ):
        url = reverse("publishing:still_current", args=[page.pk])
        if next_url:
            url += f"?next={next_url}"
        yield Button("ยืนยันข้อมูลยังเป็นปัจจุบัน", url, icon_name="check", priority=priority)
    yield from _record_button(page, user, priority + 1)


def _record_button(obj, user, priority):
    """The request-to-publish record, for a page or a workflow snippet, from the moment of submission (it shows
    who must still act)."""
    if (obj.live or obj.workflow_states.exists()) and user_can_view_record(user, obj):
        yield Button("บันทึกขออนุมัติเผยแพร่ข้อมูล", record_url(obj), icon_name="doc-full", priority=priority)


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    yield from _buttons(page, user, next_url, 80)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield from _buttons(page, user, next_url, 80)


@hooks.register("register_snippet_listing_buttons")
def snippet_listing_record_button(snippet, user, next_url=None):
    """The agency's data under the workflow (people, units, its details) has the same record as pages, from the
    moment of submission."""
    if not hasattr(snippet, "get_workflow") or not getattr(snippet, "pk", None):
        return
    yield from _record_button(snippet, user, 80)


@hooks.register("construct_page_action_menu")
def hide_direct_publish(menu_items, request, context):
    """Only the workflow publishes: the editor's menu offers "submit", never "publish" (superusers excepted)."""
    page = context.get("page")
    if page is not None and page.pk and not direct_publish_allowed(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    elif page is not None and not page.pk and not request.user.is_superuser:
        parent = context.get("parent_page")
        if parent is not None and not direct_publish_allowed(request.user, parent):
            menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


def _refuse_direct_publish(request, page):
    messages.error(
        request,
        "เผยแพร่โดยตรงไม่ได้ กรุณาเสนอขออนุมัติเผยแพร่ข้อมูล ให้คณะทำงานฯ ตรวจสอบก่อน แล้วผู้ดูแลระบบเว็บไซต์จึงอนุมัติเผยแพร่",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_publish_page")
def refuse_direct_publish(request, page):
    if not direct_publish_allowed(request.user, page):
        return _refuse_direct_publish(request, page)
    return None


@hooks.register("after_publish_page")
def log_unreviewed_publish(request, page):
    """A superuser's direct publish skips the checklist: say so in the audit log, for the records."""
    if page.get_workflow() is None or page.live_revision_id is None:
        return None
    reviewed = ChecklistReview.objects.filter(
        revision_id=page.live_revision_id, decision=ChecklistDecision.APPROVED
    ).exists()
    if not reviewed:
        log(
            instance=page,
            action="prongsai.publish.unreviewed",
            user=request.user,
            revision=page.live_revision,
            data={"revision_id": page.live_revision_id},
        )
    return None


@hooks.register("construct_snippet_action_menu")
def hide_direct_snippet_publish(menu_items, request, context):
    """The agency's data (people, units, details) goes through the same workflow: no "publish" but a superuser's."""
    instance = context.get("instance")
    if request.user.is_superuser or not hasattr(context.get("model"), "get_workflow"):
        return
    if instance is None or not instance.pk or not direct_publish_allowed(request.user, instance):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_publish")
def refuse_direct_snippet_publish(request, obj):
    """A crafted "publish" POST on a workflow snippet saves a draft and is refused (superusers excepted)."""
    if hasattr(obj, "get_workflow") and not direct_publish_allowed(request.user, obj):
        messages.error(
            request,
            "เผยแพร่โดยตรงไม่ได้ กรุณาเสนอขออนุมัติเผยแพร่ข้อมูล ให้คณะทำงานฯ ตรวจสอบก่อน แล้วผู้ดูแลระบบเว็บไซต์จึงอนุมัติเผยแพร่",
        )
        return redirect(obj.snippet_viewset.get_url_name("edit"), obj.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type == "publish" and not request.user.is_superuser:
        if any(not direct_publish_allowed(request.user, obj) for obj in objects if hasattr(obj, "get_workflow")):
            messages.error(request, "เผยแพร่หลายหน้าพร้อมกันโดยตรงไม่ได้ กรุณาเสนอขออนุมัติเผยแพร่ข้อมูลทีละหน้า")
            return redirect("wagtailadmin_home")
    return None


class StaffPositionSettingsPanel(BaseSettingsPanel):
    """The user's own position (ตำแหน่ง), shown in the request-to-publish record's signature blocks."""

    name = "staff_position"
    title = "ตำแหน่ง"
    order = 150
    form_class = StaffPositionForm

    def get_form(self):
        instance = StaffProfile.objects.filter(user=self.user).first() or StaffProfile(user=self.user)
        if self.request.method == "POST":
            return self.form_class(self.request.POST, instance=instance, prefix=self.name)
        return self.form_class(instance=instance, prefix=self.name)


@hooks.register("register_account_settings_panel")
def register_staff_position_panel(request, user, profile):
    return StaffPositionSettingsPanel(request, user, profile)


class StaffProfileViewSet(ModelViewSet):
    """Administrators (those who may change users) set people's positions."""

    model = StaffProfile
    icon = "user"
    menu_label = "ตำแหน่งของผู้ใช้"
    add_to_settings_menu = True
    form_fields = ["user", "position"]
    list_display = ["user", "position"]
    search_fields = ["position", "user__username", "user__first_name", "user__last_name"]


@hooks.register("register_admin_viewset")
def register_staff_profile_viewset():
    return StaffProfileViewSet("staff_profiles")


@hooks.register("construct_page_chooser_queryset")
def page_chooser_in_own_agencies(pages, request):
    """The page chooser browses and searches the user's agencies' pages only."""
    return user_pages(request.user, pages)
