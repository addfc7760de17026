"""Agency isolation in the admin: an admin URL that names another agency's object is refused before its
view runs, whichever view it is.

Wagtail checks permissions view by view, and a few of its views show or accept an object without asking whether
the user may see it (a page's move confirmation, its workflow-cancellation dialog, the page chooser's browsing,
the image chooser's format step, the workflow task chooser, the choosers' "chosen" lists, the bulk actions'
confirmations, the admin API's documents and images). Rather than patching each, ``AgencyIsolationMiddleware``
reads what the resolved URL names — its path parameters (a page, document, image, collection, task...), the
object of a snippet, chooser or API URL, and the ids in the query string of bulk actions and "chosen" lists — and
answers as Wagtail answers a page the user may not touch (the dashboard with its message, or a 403 for XHR) when
the object belongs to an agency the user is not a member of. Objects outside every agency (the page tree's root,
the root collection, the national registries) are left to Wagtail's own permissions. Superusers see all.

``tests/test_agency_isolation.py`` walks every admin URL pattern to prove it."""

import re

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models

from wagtail.admin.auth import permission_denied
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Task, Workflow, WorkflowPage

from core.models import AgencyDataMixin, AgencySettings
from publishing.selectors import agency_sites_for_user

# Path parameters that name a page.
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")


def _model_kwargs():
    return {
        "document_id": get_document_model(),
        "doc_id": get_document_model(),
        "image_id": get_image_model(),
        "collection_id": Collection,
        "task_id": Task,
    }


# The model of the object a URL's "pk" names, by the URL's name where the parameter does not say.
_SNIPPET = re.compile(r"^wagtailsnippet(?:s|choosers)_(?P<app>[a-z0-9]+)_(?P<model>[a-z0-9]+)$")


def _namespace_model(namespace: str, url_name: str):
    if namespace == "wagtailadmin_api:pages" or url_name == "wagtailadmin_choose_page_chosen_multiple":
        return Page
    if namespace in ("wagtailadmin_api:documents", "wagtaildocs_chooser"):
        return get_document_model()
    if namespace in ("wagtailadmin_api:images", "wagtailimages_chooser"):
        return get_image_model()
    if namespace == "wagtailadmin_collections":
        return Collection
    if namespace == "wagtailadmin_workflows":
        return Task if url_name.endswith("_task") else Workflow
    match = _SNIPPET.match(namespace)
    if match:
        return apps.get_model(match["app"], match["model"])
    return None


class _AgencyTrees:
    """The agencies' page trees and collections, read once per request when needed."""

    def __init__(self):
        from wagtail.models import Site

        self.roots = {
            site.pk: site.root_page.path
            for site in Site.objects.filter(agency_groups__isnull=False).distinct().select_related("root_page")
        }
        self.collections = dict(
            AgencySettings.objects.filter(site_id__in=self.roots, collection__isnull=False).values_list(
                "site_id", "collection__path"
            )
        )

    def page_sites(self, path: str) -> set[int]:
        return {site_id for site_id, root in self.roots.items() if path.startswith(root)}

    def collection_sites(self, path: str) -> set[int]:
        return {site_id for site_id, root in self.collections.items() if path.startswith(root)}

    def object_sites(self, obj) -> set[int]:
        """The agencies ``obj`` belongs to; empty when it belongs to none (shared, or above every agency)."""
        if isinstance(obj, AgencyDataMixin):
            return {obj.site_id}
        if isinstance(obj, Page):
            return self.page_sites(obj.path)
        if isinstance(obj, Collection):
            return self.collection_sites(obj.path)
        collection = getattr(obj, "collection", None)
        if isinstance(collection, Collection):
            return self.collection_sites(collection.path)
        if isinstance(obj, Workflow | Task):
            workflows = [obj.pk] if isinstance(obj, Workflow) else obj.workflow_tasks.values_list("workflow_id")
            paths = WorkflowPage.objects.filter(workflow_id__in=workflows).values_list("page__path", flat=True)
            return {site_id for path in paths for site_id in self.page_sites(path)}
        return set()


def _objects(model, ids):
    if model is None or not (isinstance(model, type) and issubclass(model, models.Model)):
        return []
    try:
        return list(model._default_manager.filter(pk__in=[i for i in ids if str(i).strip()])[:100])
    except (ValueError, TypeError, ValidationError, ObjectDoesNotExist):
        return []


def named_objects(request, match) -> list:
    """The objects that the resolved admin URL names: its path parameters and the ids in its query string."""
    kwargs = match.kwargs
    found = []
    page_ids = [kwargs[name] for name in PAGE_KWARGS if name in kwargs]
    if match.view_name == "wagtailadmin_pages:revisions_compare" and match.args:
        page_ids.append(match.args[0])
    found += _objects(Page, page_ids)
    for name, model in _model_kwargs().items():
        if name in kwargs:
            found += _objects(model, [kwargs[name]])
    namespace_model = _namespace_model(match.namespace, match.view_name)
    for name in ("pk", "object_id"):
        if name in kwargs and namespace_model is not None:
            found += _objects(namespace_model, [kwargs[name]])
    if "app_label" in kwargs and "model_name" in kwargs:
        try:
            model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
        except (LookupError, ValueError):
            model = None
        if "object_id" in kwargs:
            found += _objects(model, [kwargs["object_id"]])
        if match.view_name == "wagtail_bulk_action":
            found += _objects(model, request.GET.getlist("id"))
    if match.url_name == "chosen_multiple" or match.view_name == "wagtailadmin_choose_page_chosen_multiple":
        found += _objects(namespace_model, request.GET.getlist("id"))
    return found


def user_may_see(user, objects) -> bool:
    """Whether every object belongs to none of the agencies, or to one of the user's."""
    if user.is_superuser or not objects:
        return True
    trees = _AgencyTrees()
    own = {site.pk for site in agency_sites_for_user(user)}
    return all(not sites or sites & own for sites in map(trees.object_sites, objects))


class AgencyIsolationMiddleware:
    """Refuses an admin URL naming another agency's object, before its view runs (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated or user.is_superuser:
            return None
        if not match.route.startswith("admin/"):
            return None
        if user_may_see(user, named_objects(request, match)):
            return None
        try:
            return permission_denied(request)
        except PermissionDenied:
            from django.http import HttpResponseForbidden

            return HttpResponseForbidden()
