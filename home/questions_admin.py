"""คำถามจากประชาชน in the admin (ITA O8): the agency's editors, working group and website administrators read the
questions citizens sent to their own agency — another agency's are neither listed nor opened (a refusal, as for
another agency's page) — mark one closed with a note, and write its answer as a draft ``QuestionAnswerPage`` that
then goes through the agency's workflow. Nobody adds a question here (they come from the public form); website
administrators may delete one (a data subject's request, spam).

Permissions are the agency roles', not Django model permissions: ``QuestionPermissionPolicy``."""

import functools

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.generic import View

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.base import BasePermissionPolicy

from home.models import Question
from home.questions import NoQuestionPage, question_answer_draft
from publishing.models import AgencyRole
from publishing.selectors import agency_sites_for_user

# Who may do what with their own agency's questions.
ROLES_FOR_ACTION = {
    "view": [AgencyRole.EDITORS, AgencyRole.WORKING_GROUP, AgencyRole.ADMINISTRATORS],
    "change": [AgencyRole.EDITORS, AgencyRole.WORKING_GROUP, AgencyRole.ADMINISTRATORS],
    "delete": [AgencyRole.ADMINISTRATORS],
}


def question_site_ids(user, actions) -> set[int] | None:
    """The sites whose questions ``user`` may act on with one of ``actions``; None: every site (superusers)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    roles = {role for action in actions for role in ROLES_FOR_ACTION.get(action, [])}
    return {site.pk for site in agency_sites_for_user(user, roles=list(roles))} if roles else set()


class QuestionPermissionPolicy(BasePermissionPolicy):
    """An agency's questions belong to that agency's editors, working group and website administrators (deleting:
    administrators only); nobody adds one in the admin."""

    def __init__(self):
        super().__init__(Question)

    def user_has_permission(self, user, action):
        return action != "add" and question_site_ids(user, [action]) != set()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        roles = {role for action in actions for role in ROLES_FOR_ACTION.get(action, [])}
        if not roles:
            return users.filter(is_superuser=True)
        return users.filter(Q(is_superuser=True) | Q(groups__agency_role__role__in=roles)).distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        site_ids = question_site_ids(user, [action])
        return action != "add" and (site_ids is None or instance.site_id in site_ids)

    def instances_user_has_any_permission_for(self, user, actions):
        site_ids = question_site_ids(user, [action for action in actions if action != "add"])
        queryset = Question.objects.all()
        return queryset if site_ids is None else queryset.filter(site_id__in=site_ids)


def in_users_agencies(view):
    """Another agency's question (by the URL's ``pk``) is refused before the view runs: Wagtail's admin answers it as
    another agency's page (the dashboard with its message; 403 for XHR)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            site_ids = question_site_ids(request.user, ["view", "change", "delete"])
            site_id = Question.objects.filter(pk=unquote(str(pk))).values_list("site_id", flat=True).first()
            if site_ids is not None and site_id is not None and site_id not in site_ids:
                raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class QuestionIndexView(generic.IndexView):
    def get_base_queryset(self):
        policy = QuestionPermissionPolicy()
        return policy.instances_user_has_any_permission_for(self.request.user, ["view"]).select_related("answer_page")


def _answer_button(view, question):
    if question.answer_page_id is not None:
        return Button(
            "แก้ไขคำตอบ",
            url=reverse("wagtailadmin_pages:edit", args=[question.answer_page_id]),
            icon_name="edit",
            priority=5,
        )
    if question.closed:
        return None
    return Button("เขียนคำตอบ", url=reverse("home_questions:answer", args=[question.pk]), icon_name="help", priority=5)


class QuestionInspectView(generic.InspectView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        button = _answer_button(self, self.object)
        if button is not None and QuestionPermissionPolicy().user_has_permission_for_instance(
            self.request.user, "change", self.object
        ):
            buttons.append(button)
        return buttons


class QuestionEditView(generic.EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        button = _answer_button(self, self.object)
        if button is not None:
            buttons.append(button)
        return buttons


class QuestionAnswerView(View):
    """GET: what answering makes (a draft Q&A page from the question's text, without the asker's name or contact);
    POST: make it (``home.questions.question_answer_draft``) and open it in the page editor."""

    model = Question

    def dispatch(self, request, pk):
        self.question = get_object_or_404(Question.objects.select_related("site", "answer_page"), pk=unquote(str(pk)))
        if not QuestionPermissionPolicy().user_has_permission_for_instance(request.user, "change", self.question):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get(self, request, pk):
        if self.question.answer_page_id is not None:
            return redirect("wagtailadmin_pages:edit", self.question.answer_page_id)
        return TemplateResponse(request, "home/admin/question_answer_confirm.html", {"question": self.question})

    def post(self, request, pk):
        try:
            page = question_answer_draft(self.question, request.user)
        except NoQuestionPage:
            messages.error(request, "หน่วยงานยังไม่มีหน้าถาม-ตอบ (Q&A) ผู้ดูแลระบบเว็บไซต์ต้องสร้างหน้าดังกล่าวก่อน")
            return redirect("home_questions:inspect", self.question.pk)
        messages.success(
            request,
            f"สร้างร่างคำตอบของคำถาม {self.question.reference} แล้ว กรุณาตรวจตัดข้อมูลส่วนบุคคลออกจากคำถาม "
            "เขียนคำตอบ แล้วเสนอขออนุมัติเผยแพร่ข้อมูล",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)


class QuestionViewSet(ModelViewSet):
    model = Question
    icon = "help"
    menu_label = "คำถามจากประชาชน"
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = QuestionIndexView
    inspect_view_class = QuestionInspectView
    edit_view_class = QuestionEditView
    search_fields = ["reference", "question"]
    search_backend_name = None
    list_display = [
        TitleColumn("reference", label="เลขที่อ้างอิง", url_name="home_questions:inspect"),
        Column("question", label="คำถาม", accessor=lambda q: q.question[:120]),
        DateColumn("created_at", label="วันที่ส่งคำถาม"),
        Column("status_label", label="สถานะ"),
    ]
    inspect_view_fields = [
        "reference",
        "created_at",
        "question",
        "name",
        "email",
        "phone",
        "consented_at",
        "contact_erased_at",
        "answer_page",
        "closed",
        "staff_note",
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("question", read_only=True),
                FieldPanel("name", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("phone", read_only=True),
            ],
            heading="คำถามและข้อมูลผู้ถาม (ไม่เผยแพร่)",
        ),
        FieldPanel("closed"),
        FieldPanel("staff_note"),
    ]

    @property
    def permission_policy(self):
        return QuestionPermissionPolicy()

    def get_edit_handler(self):
        return ObjectList(self.panels).bind_to_model(self.model)

    def get_permissions_to_register(self):
        # The agency roles decide (QuestionPermissionPolicy): no Django permission to tick in the groups' screens.
        return Permission.objects.none()

    def construct_view(self, view_class, **kwargs):
        return in_users_agencies(super().construct_view(view_class, **kwargs))

    @property
    def answer_view(self):
        return self.construct_view(QuestionAnswerView)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("answer/<int:pk>/", self.answer_view, name="answer")]
