"""Wagtail's installation-wide admin screens narrowed to the user's agencies.

Wagtail shows a user every log entry, workflow state and task state of the snippet models they hold a permission
on, and lists every page owner, editor, site, workflow and task in its filters, whichever agency they belong to.
Here the site history (audit log), the workflow and workflow-task reports and their filters leave out what belongs
to another agency; the explorer's filters and the page chooser list only the user's agencies' people and pages;
the workflow task chooser is for those who edit workflows; the page-types usage report (counts and last edits of
every agency) is for superusers. ``config/urls.py`` puts these views at Wagtail's own addresses. Superusers see all.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Q, Value
from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.auth import require_admin_access, user_passes_test
from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.views.reports import audit_logging, workflows
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.workflows import TaskChooserResultsView, TaskChooserView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page, Site, Task, Workflow, WorkflowPage, WorkflowState
from wagtail.utils.urlpatterns import decorate_urlpatterns

import django_filters

from publishing.selectors import agency_sites_for_user


def _own_site_ids(user) -> set[int] | None:
    """The user's agencies; None for a superuser (every agency)."""
    return None if user.is_superuser else {site.pk for site in agency_sites_for_user(user)}


def _agency_roots(exclude=()) -> dict[int, str]:
    sites = Site.objects.filter(agency_groups__isnull=False).exclude(pk__in=exclude).distinct()
    return dict(sites.values_list("pk", "root_page__path"))


def pages_of_other_agencies(user) -> Q | None:
    """A filter on pages that matches another agency's tree (None: nothing to leave out)."""
    own = _own_site_ids(user)
    if own is None:
        return None
    others = _agency_roots(exclude=own).values()
    query = Q()
    for root in others:
        query |= Q(path__startswith=root)
    return query if others else None


def user_pages(user, pages=None):
    """``pages`` (every page by default) without those of the agencies the user is not a member of."""
    pages = Page.objects.all() if pages is None else pages
    others = pages_of_other_agencies(user)
    return pages if others is None else pages.exclude(others)


def _site_scoped_models():
    """The models whose rows belong to one agency through a ``site`` foreign key (its people, units and details,
    report notes, acknowledgements, the working group's reports...)."""
    from django.apps import apps

    for model in apps.get_models():
        field = next((f for f in model._meta.concrete_fields if f.name == "site"), None)
        if field is not None and field.is_relation and field.related_model is Site:
            yield model


def without_other_agencies(queryset, user, prefix=""):
    """``queryset`` of rows that name an object by content type and id (log entries, workflow states, task states
    through ``prefix``) without those whose object belongs to another agency: a row with another agency's ``site``,
    or a page in another agency's tree."""
    own = _own_site_ids(user)
    if own is None:
        return queryset
    target = WorkflowState if prefix else queryset.model  # task states name their object through their workflow
    fields = {field.name for field in target._meta.concrete_fields}
    others = pages_of_other_agencies(user)
    if "object_id" in fields:
        for model in _site_scoped_models():
            ids = model._default_manager.filter(site__isnull=False).exclude(site_id__in=own)
            ids = [str(pk) for pk in ids.values_list("pk", flat=True)]
            if ids:
                content_type = ContentType.objects.get_for_model(model)
                queryset = queryset.exclude(**{f"{prefix}content_type": content_type, f"{prefix}object_id__in": ids})
        if others is not None and "base_content_type" in fields:
            ids = [str(pk) for pk in Page.objects.filter(others).values_list("pk", flat=True)]
            page_type = ContentType.objects.get_for_model(Page)
            queryset = queryset.exclude(**{f"{prefix}base_content_type": page_type, f"{prefix}object_id__in": ids})
    if others is not None and "page" in fields:
        queryset = queryset.exclude(**{f"{prefix}page__in": Page.objects.filter(others)})
    return queryset


def user_workflows(user):
    """Workflows not attached to another agency's tree."""
    others = pages_of_other_agencies(user)
    if others is None:
        return Workflow.objects.all()
    foreign = WorkflowPage.objects.filter(page__in=Page.objects.filter(others)).values("workflow_id")
    return Workflow.objects.exclude(pk__in=foreign)


def user_tasks(user):
    return Task.objects.exclude(workflow_tasks__workflow__in=Workflow.objects.exclude(pk__in=user_workflows(user)))


# --- The explorer's filters and the page chooser -------------------------------------------------------------------


def _page_owners(request):
    pages = user_pages(request.user).order_by()
    return get_user_model().objects.filter(pk__in=pages.values("owner_id"))


def _page_editors(request):
    from wagtail.models import PageLogEntry

    entries = PageLogEntry.objects.filter(action="wagtail.edit", page__in=user_pages(request.user)).order_by()
    return get_user_model().objects.filter(pk__in=entries.values("user_id"))


def _sites(request):
    own = _own_site_ids(request.user)
    return Site.objects.all() if own is None else Site.objects.filter(pk__in=own)


def page_filters_narrow():
    """The explorer's, the page-type usage's and the forms listing's filters (Wagtail's ``PageFilterSet``, shared
    by its subclasses) list the owners, editors and sites of the user's agencies only; Wagtail lists everyone's."""
    from wagtail.admin.views.pages.listing import PageFilterSet

    for name, queryset in (("owner", _page_owners), ("edited_by", _page_editors), ("site", _sites)):
        PageFilterSet.base_filters[name].queryset = queryset


# --- Site history (the audit log report) ---------------------------------------------------------------------------


def viewable_log_entries(log_model, user):
    return without_other_agencies(log_model.objects.viewable_by_user(user), user)


def _log_models():
    return list(log_action_registry.get_log_entry_models())


def _log_users(request):
    ids = set()
    for log_model in _log_models():
        ids.update(viewable_log_entries(log_model, request.user).get_user_ids())
    User = get_user_model()
    return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


def _log_content_types(request):
    ids = set()
    for log_model in _log_models():
        ids.update(viewable_log_entries(log_model, request.user).get_content_type_ids())
    return ContentType.objects.filter(pk__in=ids).order_by("model")


class AgencySiteHistoryFilterSet(audit_logging.SiteHistoryReportFilterSet):
    object_type = ContentTypeFilter(label=_("Type"), method="filter_object_type", queryset=_log_content_types)

    def get_users_queryset(self):
        return _log_users(self.request)

    def get_action_choices(self):
        actions = set()
        for log_model in _log_models():
            actions.update(viewable_log_entries(log_model, self.request.user).get_actions())
        return [action for action in log_action_registry.get_choices() if action[0] in actions]


class AgencySiteHistoryView(audit_logging.LogEntriesView):
    filterset_class = AgencySiteHistoryFilterSet

    def get_filtered_queryset(self):
        # Wagtail's union of every log model's entries, each narrowed to the user's agencies first.
        queryset = None
        self.log_models = _log_models()
        for index, log_model in enumerate(self.log_models):
            sub_queryset = (
                viewable_log_entries(log_model, self.request.user)
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            )
            sub_queryset = self.filter_queryset(sub_queryset).order_by()
            queryset = sub_queryset if queryset is None else queryset.union(sub_queryset, all=True)
        return queryset.order_by("-timestamp")


# --- Workflow reports ----------------------------------------------------------------------------------------------


def _requesters(request):
    states = without_other_agencies(WorkflowState.objects.all(), request.user)
    User = get_user_model()
    return User.objects.filter(pk__in=states.values("requested_by")).order_by(User.USERNAME_FIELD)


class AgencyWorkflowReportFilterSet(workflows.WorkflowReportFilterSet):
    requested_by = django_filters.ModelChoiceFilter(field_name="requested_by", queryset=_requesters)
    workflow = django_filters.ModelChoiceFilter(
        field_name="workflow", queryset=lambda request: user_workflows(request.user)
    )


class AgencyWorkflowTasksReportFilterSet(workflows.WorkflowTasksReportFilterSet):
    workflow = django_filters.ModelChoiceFilter(
        field_name="workflow_state__workflow",
        queryset=lambda request: user_workflows(request.user),
        label=_("Workflow"),
    )
    task = workflows.FilteredModelChoiceFilter(
        queryset=lambda request: user_tasks(request.user), filter_field="id_workflow", filter_accessor="workflows"
    )


class AgencyWorkflowView(workflows.WorkflowView):
    filterset_class = AgencyWorkflowReportFilterSet

    def get_queryset(self):
        return without_other_agencies(super().get_queryset(), self.request.user)


class AgencyWorkflowTasksView(workflows.WorkflowTasksView):
    filterset_class = AgencyWorkflowTasksReportFilterSet

    def get_queryset(self):
        return without_other_agencies(super().get_queryset(), self.request.user, prefix="workflow_state__")


# --- Who may open the rest -----------------------------------------------------------------------------------------


def edits_workflows(user) -> bool:
    """The workflow task chooser belongs to the workflow editor (it lists every agency's tasks)."""
    return user.has_perm("wagtailcore.add_workflow") or user.has_perm("wagtailcore.change_workflow")


def is_superuser(user) -> bool:
    return user.is_superuser


urlpatterns = decorate_urlpatterns(
    [
        path("admin/reports/site-history/", AgencySiteHistoryView.as_view(), name="agency_site_history"),
        path(
            "admin/reports/site-history/results/",
            AgencySiteHistoryView.as_view(results_only=True),
            name="agency_site_history_results",
        ),
        path("admin/reports/workflow/", AgencyWorkflowView.as_view(), name="agency_workflow_report"),
        path(
            "admin/reports/workflow/results/",
            AgencyWorkflowView.as_view(results_only=True),
            name="agency_workflow_report_results",
        ),
        path("admin/reports/workflow_tasks/", AgencyWorkflowTasksView.as_view(), name="agency_workflow_tasks_report"),
        path(
            "admin/reports/workflow_tasks/results/",
            AgencyWorkflowTasksView.as_view(results_only=True),
            name="agency_workflow_tasks_report_results",
        ),
        path(
            "admin/reports/page-types-usage/",
            user_passes_test(is_superuser)(PageTypesUsageReportView.as_view()),
            name="agency_page_types_usage",
        ),
        path(
            "admin/reports/page-types-usage/results/",
            user_passes_test(is_superuser)(PageTypesUsageReportView.as_view(results_only=True)),
            name="agency_page_types_usage_results",
        ),
        path(
            "admin/workflows/task_chooser/",
            user_passes_test(edits_workflows)(TaskChooserView.as_view()),
            name="agency_task_chooser",
        ),
        path(
            "admin/workflows/task_chooser/results/",
            user_passes_test(edits_workflows)(TaskChooserResultsView.as_view()),
            name="agency_task_chooser_results",
        ),
    ],
    require_admin_access,
)
