"""Admin screens for an agency's own data (people, units, the agency's details): Wagtail's snippet views, scoped to
the user's agencies, under the agency's own workflow.

Every object URL (edit, delete, history, revisions, compare, usage, unpublish, lock, workflow actions, chooser)
goes through one check in ``construct_view``: another agency's object answers as another agency's page does (a
PermissionDenied, which Wagtail's admin turns into the dashboard with its message, or a 403 for XHR). Listings,
search and choosers list only the user's agencies; forms accept only the user's agencies. Superusers see all."""

import functools

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.action_menu import SubmitForModerationMenuItem
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet, SnippetChosenView
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from core.models import AgencyDataMixin, agency_workflow_for_site
from publishing.selectors import agency_sites_for_user

OTHER_AGENCY = "เลือกได้เฉพาะข้อมูลของหน่วยงานของท่านเท่านั้น"


def agency_site_ids(user) -> set[int] | None:
    """The ids of the sites whose data ``user`` may see; None means every site (superusers)."""
    if user.is_superuser:
        return None
    return {site.pk for site in agency_sites_for_user(user)}


def agency_queryset(queryset, user):
    """``queryset`` narrowed to the user's agencies."""
    site_ids = agency_site_ids(user)
    return queryset if site_ids is None else queryset.filter(site_id__in=site_ids)


def object_in_users_agencies(model, pk, user) -> bool:
    """Whether the object ``pk`` of ``model`` is one of the user's agencies' (True when it does not exist: the
    view answers 404 itself)."""
    site_ids = agency_site_ids(user)
    if site_ids is None:
        return True
    site_id = model._default_manager.filter(pk=pk).values_list("site_id", flat=True).first()
    return site_id is None or site_id in site_ids


def agency_object_view(model, view):
    """Wrap an admin view whose URL names an object: another agency's object is refused before the view runs."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None and not object_in_users_agencies(model, unquote(str(pk)), request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class AgencyDataForm(WagtailAdminModelForm):
    """The form of an agency's data: the agency is one of the user's (chosen only when they have several, fixed
    once the object exists), and the units it names are that agency's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        site_field = self.fields.get("site")
        self.only_site = None
        if site_field is not None:
            site_ids = agency_site_ids(user) if user is not None else set()
            sites = Site.objects.all() if site_ids is None else Site.objects.filter(pk__in=site_ids)
            site_field.queryset = sites.order_by("-is_default_site", "site_name")
            site_field.empty_label = None
            site_field.error_messages = {**site_field.error_messages, "invalid_choice": OTHER_AGENCY}
            if self.instance.pk:
                site_field.disabled = True
            elif len(site_field.queryset) == 1:
                # One agency: nothing to choose (a posted id of another agency is still refused).
                self.only_site = site_field.queryset[0]
                site_field.initial, site_field.required = self.only_site.pk, False
                site_field.widget = forms.HiddenInput()
        for name, field in self.fields.items():
            if name == "site" or not isinstance(field, forms.ModelChoiceField):
                continue
            if issubclass(field.queryset.model, AgencyDataMixin):
                field.queryset = agency_queryset(field.queryset, user) if user is not None else field.queryset.none()
                field.error_messages = {**field.error_messages, "invalid_choice": OTHER_AGENCY}

    def clean_site(self):
        return self.cleaned_data.get("site") or self.only_site

    def clean(self):
        cleaned_data = super().clean()
        site = cleaned_data.get("site") or (self.instance.site if self.instance.site_id else None)
        for name, value in list(cleaned_data.items()):
            if name != "site" and isinstance(value, AgencyDataMixin) and site is not None and value.site_id != site.pk:
                self.add_error(name, OTHER_AGENCY)
        return cleaned_data


class SubmitNewMenuItem(SubmitForModerationMenuItem):
    """ "Submit" on a new row: shown whenever the view found the agency's workflow (Wagtail looks for the model's)."""

    label = "บันทึกและเสนอขออนุมัติเผยแพร่ข้อมูล"

    def is_shown(self, context):
        return True


class AgencyDataCreateView(CreateView):
    """Creating an agency's data: the form gives it one of the user's agencies; "submit" starts that agency's
    workflow (Wagtail would start the model's default workflow, which an agency's data does not use)."""

    @cached_property
    def workflow(self):
        # Before the object exists, the user's first agency's workflow decides whether "submit" is offered.
        sites = agency_sites_for_user(self.request.user)
        return agency_workflow_for_site(sites[0].pk) if sites else None

    def _get_action_menu(self):
        menu = super()._get_action_menu()
        if self.workflow is not None and not any(item.name == "action-submit" for item in menu.menu_items):
            menu.menu_items.append(SubmitNewMenuItem(order=20))
        return menu

    def submit_action(self):
        workflow = self.object.get_workflow()
        if workflow is not None:
            workflow.start(self.object, self.request.user)
        return None


class AgencyDataEditView(EditView):
    """Taking a workflow step from the editor without changing anything saves no new revision: the step applies to
    the revision under review (Wagtail's snippet editor always saves one, and with
    WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT a new revision would send the object back to the first step)."""

    def save_instance(self):
        if self.action == "workflow-action" and not self.form.has_changed():
            self.has_content_changes, self.new_revision = False, None
            return self.object
        return super().save_instance()


class AgencyDataChooseView(ChooseView):
    def get_object_list(self):
        return agency_queryset(super().get_object_list(), self.request.user)


class AgencyDataChooseResultsView(ChooseResultsView):
    def get_object_list(self):
        return agency_queryset(super().get_object_list(), self.request.user)


class AgencyDataChosenView(SnippetChosenView):
    def get_object(self, pk):
        return agency_queryset(self.model_class.objects.all(), self.request.user).get(pk=pk)


class AgencyDataChooserViewSet(SnippetChooserViewSet):
    choose_view_class = AgencyDataChooseView
    choose_results_view_class = AgencyDataChooseResultsView
    chosen_view_class = AgencyDataChosenView

    def construct_view(self, view_class, **kwargs):
        return agency_object_view(self.model, super().construct_view(view_class, **kwargs))


class AgencyDataViewSet(SnippetViewSet):
    """A snippet of an agency's own data: listed, chosen and opened only within the user's agencies."""

    add_view_class = AgencyDataCreateView
    edit_view_class = AgencyDataEditView
    chooser_viewset_class = AgencyDataChooserViewSet
    copy_view_enabled = False
    # The listing's search box looks names up in the database (Thai substrings as typed): the search index's
    # field-restricted count failed on SQLite ("no such column: name", a server error for every search).
    search_backend_name = None

    def construct_view(self, view_class, **kwargs):
        return agency_object_view(self.model, super().construct_view(view_class, **kwargs))

    def get_queryset(self, request):
        return agency_queryset(self.model._default_manager.all(), request.user)

    def get_edit_handler(self):
        return ObjectList(self.model.panels, base_form_class=AgencyDataForm).bind_to_model(self.model)


class OneRowPerAgencyPolicy(ModelPermissionPolicy):
    """The agency's details exist once per agency (``setup_agency`` makes them): nobody adds or deletes them."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in ("add", "delete")])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        actions = [a for a in actions if a not in ("add", "delete")]
        if not actions:
            return self.model._default_manager.none()
        return super().instances_user_has_any_permission_for(user, actions)
