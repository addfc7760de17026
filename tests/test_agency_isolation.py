"""Agency isolation, proven by walking the admin.

Every admin URL pattern that names an object is taken from Django's URL resolver (not from a hand-written list, so a
view registered later is walked without touching this file) and filled with agency A's objects: pages, revisions,
revision comparisons, previews, histories, usage, locks, workflow actions and task states, the request-to-publish
record, documents, images, uploads, collections, snippets, workflows and tasks, sites, users, groups, settings,
search promotions, redirects, staff profiles, editing sessions. Agency B's editor, working-group member and website
administrator request each one, GET and POST: every answer must be a refusal (403, 404, or Wagtail's redirect to the
dashboard with its permission message; 405 for a POST to a view that has no POST) and nothing may be written to the
database while it is answered (every INSERT, UPDATE and DELETE is caught at the database cursor). A pattern the walk
cannot fill fails the test by name, unless it is in ``NO_AGENCY_OBJECT`` below with the reason.

A superuser opens the same URLs first: none may answer 404 or a refusal, so every URL names a real object and the
walk cannot pass by requesting ids that do not exist. Then every admin screen without an object in its URL is
opened by B's roles with agency A's marker as the search query: none may show A's data, while the superuser's
screens show it (so the marker is findable).

``pytest -s`` prints the number of patterns and requests walked."""

import datetime
import inspect
import io
import json
import re
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.db import models as django_models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from wagtail.admin.models import EditingSession
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision, Site, Task, UploadedFile, Workflow
from wagtail.users.models import UserProfile

import pytest
from PIL import Image as PILImage

from agencies.services import agency_setup
from core.models import AgencySettings, OrganisationUnit, agency_data_publish
from disclosure.models import OfficialInfoCategory, Person
from home.models import Question
from oversight.models import ItaFramework, ItaItem, ItaItemSuccessor
from publishing.models import AgencyGroup, AgencyRole, StaffProfile
from publishing.tests.utils import manual_draft, manual_index, member_make

pytestmark = pytest.mark.django_db

# Every name agency A's objects have ends with SECRET (A's own name included): a response that contains its Thai
# MARKER shows A's data. Screens are searched for its SEARCH word, which a search screen repeats harmlessly.
MARKER = "ลับเฉพาะหน่วยงานก"
SEARCH = "zq7x"
SECRET = f"{MARKER} {SEARCH}"
A_NAME = f"จังหวัดเพชรบุรี {SECRET}"
ROLES = [AgencyRole.EDITORS, AgencyRole.WORKING_GROUP, AgencyRole.ADMINISTRATORS]

# Parameters that choose a type, a format or an action, never an object.
TYPE_PARAMS = {
    "content_type_app_name",
    "content_type_model_name",
    "app_label",
    "app_name",
    "model_name",
    "action",
    "action_name",
    "fmt",
    "filter_spec",
    "uidb64",
    "token",
}

# Patterns whose parameters name no agency object: they are walked with the screens without an object (below),
# where a type can be given.
NO_AGENCY_OBJECT = {
    # A password-reset link for someone who is not signed in: a signed token, no object of an agency.
    "wagtailadmin_password_reset_confirm": "a signed token for a signed-out user",
    # Tag suggestions for a model's tag field (documents, images): taggit's tags are one shared vocabulary.
    "wagtailadmin_tag_model_autocomplete": "a model's shared tag vocabulary",
    # "Which pages use this page type" and "choose a parent for a new page of this type": listings of the user's
    # own pages, walked as screens below.
    "wagtailadmin_pages:type_use": "a page type; lists the user's pages",
    "wagtailadmin_pages:type_use_results": "a page type; lists the user's pages",
    "wagtailadmin_pages:choose_parent": "a page type; lists the user's pages",
    # A new workflow task of a type: no object yet (and workflows are for superusers only).
    "wagtailadmin_workflows:add_task": "a task type, nothing exists yet",
    # The bulk actions name their objects in the query string: walked by ``bulk_urls`` with A's objects.
    "wagtail_bulk_action": "objects in the query string; walked with A's objects by bulk_urls",
    # The settings form of the site the request is for (host testserver: the default site, A): walked as a
    # screen below; with an object id in the URL it is walked with A's settings.
    "wagtailsettings:edit": "the request's own site (walked as a screen); with a pk walked with A's settings",
    # The reports' exports choose the agency in the query string: walked by ``report_urls`` with A's site.
    "oversight_compliance_export": "the agency in the query string; walked with A's site by report_urls",
    "oversight_report_yearly_export": "the agency in the query string; walked with A's site by report_urls",
    "oversight_report_quarterly_export": "the agency in the query string; walked with A's site by report_urls",
}

# Patterns that even a superuser cannot open with the walk's object, by design: the walk still requests them as
# B's roles, but the superuser's "the object exists" check does not apply.
SUPERUSER_REFUSED = {
    # This project has no form page type: the submissions of any page answer 404.
    "wagtailforms:list_submissions": "no form page type in this project",
    "wagtailforms:list_submissions_results": "no form page type in this project",
    "wagtailforms:delete_submissions": "no form page type in this project",
    # Wagtail's image URL generator needs the dynamic image serve view, which this project does not mount.
    "wagtailimages:url_generator": "no dynamic image serve view",
    "wagtailimages:url_generator_output": "no dynamic image serve view",
    # An agency's details exist once per agency: nobody deletes them (disclosure.agency_snippets), and they are
    # edited as a workflow snippet, not previewed in the settings form.
    "wagtailsnippets_core_agencysettings:delete": "nobody deletes an agency's details",
    "wagtailsettings:preview_on_edit": "the agency's details have no preview in the settings form",
    # Wagtail 7.4 with WAGTAILDOCS_EXTENSIONS: making a document from a pending multiple upload validates the new
    # document's empty file in Document.clean() and reports it on a "file" field its form does not have (a 500
    # for the uploader; B's roles are refused before it).
    "wagtaildocs:create_multiple_from_uploaded_document": "Wagtail's own error for the uploader, see above",
    # The admin API's page actions check their body first (a copy or an alias names its destination) and refuse
    # the walk's empty one; the page's API detail (walked too) shows that the page exists.
    "wagtailadmin_api:pages:action": "the actions refuse an empty body; the page's API detail proves it exists",
}

# Patterns whose view only ever acts on the requesting user's own objects, so that another user's id is a no-op
# (the walk still checks that nothing is written and nothing of A's is shown).
OWN_OBJECTS_ONLY = {
    "wagtailadmin_editing_sessions:release": "deletes the requesting user's own editing session, if any",
}

# Objects shared by every agency by design, which any agency role may read (GET: a chooser's "chosen" step, a
# history, a bulk action's confirmation); their writes stay refused to every agency role.
SHARED_MODELS = (
    # The Official Information Act's categories: the law's, the same for every agency (only superusers edit them).
    OfficialInfoCategory,
    # The national ITA registry (frameworks per fiscal year, their items, the items' successions): read by every
    # agency's administrators; only superusers change it (oversight.services.ita_registry_permissions_grant).
    ItaFramework,
    ItaItem,
    ItaItemSuccessor,
)


@dataclass
class AdminPattern:
    name: str | None
    route: str
    params: list[str]  # named parameters, in order; unnamed regex groups as "#0", "#1"...
    callback: object

    @property
    def object_params(self):
        return [p for p in self.params if p not in TYPE_PARAMS]


def admin_patterns():
    """Every URL pattern under /admin/, with its full name, its route and its parameters."""

    def walk(patterns, prefix, namespace, params):
        for entry in patterns:
            own = _params_of(entry.pattern)
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns, params + own)
            elif isinstance(entry, URLPattern):
                name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
                yield AdminPattern(name, prefix + str(entry.pattern), params + own, entry.callback)

    return [p for p in walk(get_resolver().url_patterns, "", None, []) if p.route.startswith("admin/")]


def _params_of(pattern):
    converters = getattr(pattern, "converters", None)
    if converters is not None and not hasattr(pattern, "regex") or hasattr(pattern, "_route"):
        return list(pattern.converters)
    regex = pattern.regex
    named = sorted(regex.groupindex.items(), key=lambda item: item[1])
    unnamed = regex.groups - len(named)
    return [name for name, _index in named] + [f"#{i}" for i in range(unnamed)]


@dataclass
class World:
    """Agency A's objects, agency B's team, a superuser: built once for the module."""

    site_a: Site
    site_b: Site
    page: Page  # live, with a scheduled revision and a later draft in the workflow
    alias: Page
    plain: Page  # live, outside any workflow (a page in review cannot be unpublished, superusers included)
    page_b: Page  # one of B's own pages (a destination, and a page to move into A's tree)
    objects: dict = field(default_factory=dict)  # model -> A's object of that model
    b_team: dict = field(default_factory=dict)
    superuser: object = None
    a_editor: object = None

    def object_for(self, model):
        for known, obj in self.objects.items():
            if issubclass(model, known) or issubclass(known, model):
                return obj
        return None


def _png(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=name)


def _rich_history(obj, editor, admin, rename):
    """Give a live object a scheduled revision and a later draft in the agency's workflow: every object URL
    (revisions, compare, unschedule, workflow actions, history) then names something real."""
    future = timezone.now() + datetime.timedelta(days=30)
    rename(obj, "ฉบับตั้งเวลา")
    obj.save_revision(user=admin, approved_go_live_at=future)
    rename(obj, "ฉบับร่าง")
    obj.save_revision(user=editor)
    obj.get_workflow().start(obj, editor)


def world_build() -> World:
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    site_a = agency_setup(A_NAME, "Phetchaburi Province", "localhost")
    site_b = agency_setup("เทศบาลเมืองเพชรบุรี", "Phetchaburi Town Municipality", "town.localhost")
    a = {role: member_make(site_a, role, f"a-{role}", last_name=SECRET) for role in AgencyRole}
    b = {role: member_make(site_b, role, f"b-{role}") for role in ROLES}
    superuser = get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-123456")
    for user in [*b.values(), superuser]:
        UserProfile.get_for_user(user)  # made on a user's first admin screen: the user's own row, made here
    editor, admin = a[AgencyRole.EDITORS], a[AgencyRole.ADMINISTRATORS]

    def rename_page(page, label):
        page.title = f"คู่มือ{label} {SECRET}"

    page = manual_draft(site_a, editor, title=f"คู่มือ {SECRET}", slug="secret-manual")
    page.save_revision(user=admin).publish()
    page.refresh_from_db()
    _rich_history(page, editor, admin, rename_page)
    alias = page.create_alias(update_slug="secret-manual-alias")
    page_b = site_b.root_page.get_children().get(slug="laws")

    def rename_snippet(obj, label):
        attribute = "name_th" if isinstance(obj, AgencySettings) else "name"
        setattr(obj, attribute, f"{label} {SECRET}")

    person = Person(site=site_a, name=f"นายตัวอย่าง {SECRET}")
    agency_data_publish(person)
    unit = OrganisationUnit(site=site_a, name=f"กองตัวอย่าง {SECRET}")
    agency_data_publish(unit)
    settings = AgencySettings.for_site(site_a)
    for obj in (person, unit, settings):
        _rich_history(obj, editor, admin, rename_snippet)

    collection = settings.collection
    Document, Image = get_document_model(), get_image_model()
    document = Document(title=f"เอกสาร {SECRET}", collection=collection, uploaded_by_user=editor)
    document.original_filename, document.file_size = "secret.pdf", 13
    document.file.save("secret.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    image = Image.objects.create(title=f"ภาพ {SECRET}", file=_png("secret.png"), collection=collection)
    uploads = {
        model: UploadedFile.objects.create(
            file=ContentFile(content, name=name),
            for_content_type=ContentType.objects.get_for_model(model),
            uploaded_by_user=editor,
        )
        for model, content, name in ((Document, b"%PDF-1.4 test", "upload.pdf"), (Image, b"png", "upload.png"))
    }
    query = Query.get(SECRET)
    SearchPromotion.objects.create(query=query, page=page, sort_order=0, description=SECRET)
    redirect = Redirect.objects.create(old_path="/secret-old-address", site=site_a, redirect_page=page)
    # A citizen's question to A (ITA O8), with the asker's name: A's staff only.
    question = Question.objects.create(
        site=site_a, question=f"คำถาม {SECRET}", name=f"ผู้ถาม {SECRET}", consented_at=timezone.now()
    )
    question.reference = f"QA-2569-{question.pk:05d}"
    question.save(update_fields=["reference"])
    profile = StaffProfile.objects.create(user=editor, position=f"นักวิชาการ {SECRET}")
    session = EditingSession.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(page.pk),
        last_seen_at=timezone.now(),
        is_editing=True,
    )
    workflow = page.get_workflow()
    objects = {
        Page: page,
        Person: person,
        OrganisationUnit: unit,
        AgencySettings: settings,
        Document: document,
        Image: image,
        Collection: collection,
        Workflow: workflow,
        Task: workflow.tasks.first(),
        Query: query,
        Redirect: redirect,
        Question: question,
        StaffProfile: profile,
        Site: site_a,
        get_user_model(): editor,
        AgencyGroup: AgencyGroup.objects.get(site=site_a, role=AgencyRole.EDITORS),
        EditingSession: session,
        UploadedFile: uploads,
        # Shared by every agency: the Official Information Act's categories and the national ITA registry.
        OfficialInfoCategory: OfficialInfoCategory.objects.order_by("pk").first(),
        ItaFramework: ItaFramework.objects.order_by("pk").first(),
        ItaItem: ItaItem.objects.order_by("pk").first(),
        ItaItemSuccessor: ItaItemSuccessor.objects.order_by("pk").first(),
    }
    from django.contrib.auth.models import Group

    objects[Group] = objects.pop(AgencyGroup).group
    plain = site_a.root_page.get_children().get(slug="laws")
    return World(site_a, site_b, Page.objects.get(pk=page.pk), alias, plain, page_b, objects, b, superuser, editor)


# --- Filling a pattern with agency A's objects -------------------------------------------------------------------

Document, Image = get_document_model(), get_image_model()

# A parameter that names an object of one model, whatever the view.
PARAM_MODELS = {
    "page_id": Page,
    "parent_page_id": Page,
    "page_to_move_id": Page,
    "page_pk": Page,
    "#0": Page,
    "document_id": Document,
    "doc_id": Document,
    "image_id": Image,
    "collection_id": Collection,
    "query_id": Query,
    "redirect_id": Redirect,
    "task_id": Task,
    "workflow_pk": Workflow,
    "uploaded_file_id": UploadedFile,
    "session_id": EditingSession,
    # The request-to-publish record of one request, or of a workflow snippet.
    "workflow_state_id": Page,
    "content_type_id": Person,
}

# The model a pattern's URL names, by the pattern's name where its parameter ("pk") does not say.
NAME_MODELS = [
    (r"^wagtailadmin_api:pages:", Page),
    (r"^wagtailadmin_api:documents:", Document),
    (r"^wagtailadmin_api:images:", Image),
    (r"^wagtailadmin_workflows:((edit|enable|disable)_task|task_chosen)$", Task),
    (r"^wagtailadmin_workflows:", Workflow),
    (r"^wagtailadmin_collections:", Collection),
    (r"^wagtaildocs_chooser:", Document),
    (r"^wagtailimages_chooser:", Image),
    (r"^wagtailadmin_editing_sessions:ping$", Page),
]
# Parameters that name A's object of their model (the pattern's subject when it is one).
SIMPLE_ID_PARAMS = {
    "page_id",
    "page_to_move_id",
    "page_pk",
    "#0",
    "document_id",
    "doc_id",
    "image_id",
    "collection_id",
    "query_id",
    "redirect_id",
    "workflow_pk",
    "uploaded_file_id",
    "session_id",
}
SNIPPET_NAME = re.compile(r"^wagtailsnippet(?:s|choosers)_(?P<app>[a-z0-9]+)_(?P<model>[a-z0-9]+):")


def _is_model(value):
    return isinstance(value, type) and issubclass(value, django_models.Model)


def subject_model(pattern: AdminPattern):
    """The model of the object that ``pattern``'s URL names: by its name, then by its first object parameter, then
    by its view's model."""
    from django.apps import apps

    name = pattern.name or ""
    for regex, model in NAME_MODELS:
        if re.search(regex, name):
            return model
    match = SNIPPET_NAME.match(name)
    if match:
        return apps.get_model(match["app"], match["model"])
    if name.startswith("wagtailsettings:"):
        return AgencySettings
    for param in pattern.object_params:
        if param in PARAM_MODELS:
            return PARAM_MODELS[param]
    owner = getattr(inspect.unwrap(pattern.callback), "__self__", None)  # wagtail-modeladmin's views are its methods
    candidates = [
        (getattr(pattern.callback, "view_initkwargs", None) or {}).get("model"),
        getattr(getattr(pattern.callback, "view_class", None), "model", None),
        getattr(owner, "model", None),
    ]
    return next((model for model in candidates if _is_model(model)), None)


def _revisions(obj):
    return list(Revision.objects.for_instance(obj).order_by("created_at", "pk").values_list("pk", flat=True))


def _param_values(param, subject, pattern, world):
    """The values of one parameter for ``subject``: a list (several URLs) or None (the walk cannot fill it)."""
    name = pattern.name or ""
    if param == "pk" and name.startswith("wagtailsettings:"):
        # A site setting's URL names its site.
        return [subject.site_id]
    if param in ("pk", "instance_pk", "object_id"):
        return [subject.pk]
    if param == "parent_page_id":
        # A's manuals: a page with children (A's manual among them).
        return [manual_index(world.site_a).pk]
    if param in SIMPLE_ID_PARAMS:
        model = PARAM_MODELS[param]
        obj = subject if isinstance(subject, model) else world.object_for(model)
        return [obj.pk]
    if param == "revision_id":
        if "unschedule" in name:
            return [Revision.objects.for_instance(subject).filter(approved_go_live_at__isnull=False).get().pk]
        return [_revisions(subject)[0]]
    if param in ("revision_id_a", "#1"):
        return [_revisions(subject)[0]]
    if param in ("revision_id_b", "#2"):
        return [_revisions(subject)[-1]]
    if param == "task_state_id":
        return [subject.current_workflow_task_state.pk]
    if param == "workflow_state_id":
        return [subject.current_workflow_state.pk]
    if param == "task_id":
        return [subject.current_workflow_task.pk if hasattr(subject, "current_workflow_task") else subject.pk]
    if param == "content_type_id":
        return [ContentType.objects.get_for_model(subject).pk]
    if param == "destination_id":
        return [world.page_b.get_parent().pk]
    if param in ("content_type_app_name", "content_type_model_name"):
        # A new page of the subject's type under its parent.
        meta = type(subject)._meta
        return [meta.app_label if param == "content_type_app_name" else meta.model_name]
    if param in ("app_label", "app_name", "model_name"):
        meta = (AgencySettings if name.startswith("wagtailsettings:") else Page)._meta
        return [meta.app_label if param != "model_name" else meta.model_name]
    if param == "action_name":
        if name.startswith("wagtailadmin_api:"):
            from wagtail.admin.api.views import PagesAdminAPIViewSet

            return sorted(PagesAdminAPIViewSet.actions)
        actions = subject.current_workflow_task.get_actions(subject, world.superuser)
        return [action for action, _label, _modal in actions]
    if param == "filter_spec":
        return ["max-100x100"]
    return None


def fill(pattern: AdminPattern, world: World):
    """The URLs of ``pattern`` naming agency A's objects, or None when the walk does not know how to fill it."""
    model = subject_model(pattern)
    subject = world.object_for(model) if model is not None else None
    if subject is None:
        return None
    name = pattern.name or ""
    if model is UploadedFile:
        subject = subject[Image if name.startswith("wagtailimages") else Document]
    if name == "wagtailadmin_pages:convert_alias":
        subject = world.alias
    elif name in ("wagtailadmin_pages:unpublish", "wagtailadmin_api:pages:action"):
        subject = world.plain
    elif name in ("wagtailadmin_pages:add", "wagtailadmin_pages:preview_on_add"):
        # A new page of the manual's type under A's manuals (the "parent" is A's).
        combos = [
            {
                "content_type_app_name": "services",
                "content_type_model_name": "servicepage",
                "parent_page_id": manual_index(world.site_a).pk,
            }
        ]
        return [reverse(name, kwargs=kwargs) for kwargs in combos]
    values = []
    for param in pattern.params:
        found = _param_values(param, subject, pattern, world)
        if not found:
            return None
        values.append((param, found))
    urls = []
    for combo in _product(values):
        if any(param.startswith("#") for param, _value in combo):
            urls.append(reverse(name, args=[value for _param, value in combo]))
        else:
            urls.append(reverse(name, kwargs=dict(combo)))
    if name == "wagtailadmin_pages:move_confirm":
        # And the other way round: B's own page moved into A's tree.
        urls.append(reverse(name, args=[world.page_b.pk, manual_index(world.site_a).pk]))
    return urls


def _product(values):
    combos = [[]]
    for param, found in values:
        combos = [combo + [(param, value)] for combo in combos for value in found]
    return combos


# --- Query-string objects: bulk actions, choosers' "chosen" lists, the admin API and the reports -------------------


def bulk_urls(world):
    """Every registered bulk action on each model the walk has an object of, naming A's object in its query."""
    from django.apps import apps

    bulk_action_registry._scan_for_bulk_actions()
    urls = []
    for app_label, by_model in sorted(bulk_action_registry.actions.items()):
        for model_name, actions in sorted(by_model.items()):
            obj = world.object_for(apps.get_model(app_label, model_name))
            assert obj is not None, f"the walk has no object for the bulk actions of {app_label}.{model_name}"
            for action in sorted(actions):
                url = reverse("wagtail_bulk_action", args=[app_label, model_name, action])
                urls.append(("wagtail_bulk_action", f"{url}?id={obj.pk}&next=/admin/", isinstance(obj, SHARED_MODELS)))
    return urls


def query_urls(world, patterns):
    """Screens that take A's objects or A's agency in their query string."""
    site, page = world.site_a.pk, world.site_a.root_page_id
    urls = bulk_urls(world)
    for pattern in patterns:
        name = pattern.name or ""
        if name.endswith("chosen_multiple") or name == "wagtailadmin_choose_page_chosen_multiple":
            model = Page if name.startswith("wagtailadmin_choose_page") else subject_model(pattern)
            obj = world.object_for(model)
            assert obj is not None, f"the walk has no object for {name}"
            urls.append((name, f"{reverse(name)}?id={obj.pk}", isinstance(obj, SHARED_MODELS)))
    api = "wagtailadmin_api:pages:listing"
    urls += [(api, f"{reverse(api)}?child_of={page}", False), (api, f"{reverse(api)}?descendant_of={page}", False)]
    for name in (
        "oversight_report_yearly",
        "oversight_report_quarterly",
        "oversight_compliance",
        "oversight_ita_skeleton",
    ):
        urls.append((name, f"{reverse(name)}?site={site}", False))
    for name, formats in (
        ("oversight_report_yearly_export", ["pdf", "xlsx"]),
        ("oversight_report_quarterly_export", ["pdf", "xlsx"]),
        ("oversight_compliance_export", ["csv", "xlsx"]),
    ):
        urls += [(name, f"{reverse(name, args=[fmt])}?site={site}", False) for fmt in formats]
    return urls


# --- The walk ------------------------------------------------------------------------------------------------------

# Tables a refused request may write: the signed-in user's session.
WRITES_ALLOWED = ("django_session",)
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
PDF = re.compile(r"(/pdf/|\.pdf)(\?|$)")
# A's marker as HTML shows it and as JSON escapes it.
SECRET_FORMS = (MARKER.encode(), json.dumps(MARKER)[1:-1].encode())

# What a crafted POST sends: a title, a name, a comment, and every "publish" or "submit" button a form may have.
POST_DATA = {
    "title": "ถูกแก้โดยหน่วยงานอื่น",
    "name": "ถูกแก้โดยหน่วยงานอื่น",
    "comment": "ถูกแก้",
    "action-publish": "action-publish",
    "action-submit": "action-submit",
    "confirm": "yes",
}


class WriteWatch:
    """Every INSERT, UPDATE or DELETE sent to the database while a request is answered."""

    def __init__(self):
        self.writes = []

    def __call__(self, execute, sql, params, many, context):
        if WRITE.match(sql) and not any(table in sql for table in WRITES_ALLOWED):
            self.writes.append(" ".join(sql.split())[:140])
        return execute(sql, params, many, context)


@dataclass
class Answer:
    status: int
    location: str
    shows_secret: bool
    writes: list
    context: str = ""  # what the response showed around A's marker


def ask(client, method, url):
    """One request, its database writes caught and rolled back (a leak found by one request cannot hide the
    next); a redirect elsewhere than the dashboard is followed to see what it shows."""
    watch = WriteWatch()
    with transaction.atomic():
        with connection.execute_wrapper(watch):
            response = client.post(url, POST_DATA) if method == "POST" else client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            location = response.get("Location", "")
            if response.status_code == 302 and location != reverse("wagtailadmin_home"):
                followed = client.get(location)
                body += b"" if followed.streaming else followed.content
        transaction.set_rollback(True)
    found = next((body.find(form) for form in SECRET_FORMS if form in body), -1)
    context = body[max(0, found - 160) : found + 40].decode(errors="replace") if found >= 0 else ""
    return Answer(response.status_code, location, found >= 0, watch.writes, " ".join(context.split()))


def refusal_problems(answer: Answer, method: str) -> list[str]:
    """Refused: 403, 404, 405 (the view takes no such method: it never ran), Wagtail's redirect to the dashboard
    with its permission message, or a redirect elsewhere that shows nothing of A's; for a GET also 400 (the admin
    API's "parent page doesn't exist" for a page the user cannot see); and, always, nothing written."""
    problems = []
    if answer.status not in (302, 403, 404, 405) and not (answer.status == 400 and method == "GET"):
        problems.append(f"answered {answer.status}")
    if answer.shows_secret:
        problems.append(f"shows A's data ({answer.status} {answer.location}: ...{answer.context}...)")
    if answer.writes:
        problems.append(f"wrote {answer.writes}")
    return problems


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Agency A's objects and B's team, once for the module, rolled back at its end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield world_build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def patterns():
    return admin_patterns()


@pytest.fixture(scope="module")
def walked(world, patterns):
    """(pattern name, URL, shared) of every URL of the walk: the object patterns filled with A's objects, then the
    URLs that name A's objects or agency in their query string; ``shared`` when the object is shared by design."""
    urls = []
    for pattern in patterns:
        if pattern.object_params:
            model = subject_model(pattern)
            shared = model is not None and issubclass(model, SHARED_MODELS)
            urls += [(pattern.name, url, shared) for url in fill(pattern, world) or []]
    return urls + query_urls(world, patterns)


def client_for(user):
    # A server error is an answer like any other: the walk goes on and reports it.
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _failures_message(title, failures):
    return f"{title} ({len(failures)}):\n" + "\n".join(failures)


def test_the_walk_fills_every_admin_pattern_that_names_an_object(world, patterns, walked):
    unfilled = [f"{p.name} ({p.route})" for p in patterns if p.object_params and not fill(p, world)]
    assert not unfilled, _failures_message("admin URL patterns the walk cannot fill with agency A's object", unfilled)
    type_only = {p.name for p in patterns if p.params and not p.object_params}
    assert type_only == set(NO_AGENCY_OBJECT), (
        "patterns without an object parameter must be listed, with the reason, in NO_AGENCY_OBJECT: "
        f"missing {sorted(type_only - set(NO_AGENCY_OBJECT))}, stale {sorted(set(NO_AGENCY_OBJECT) - type_only)}"
    )
    object_patterns = [p for p in patterns if p.object_params]
    print(
        f"\nadmin URL patterns: {len(patterns)}, {len(object_patterns)} naming an object (all filled), "
        f"{len(type_only)} naming a type only; URLs walked per role: {len(walked)}"
    )


def test_every_walked_url_names_a_real_object(world, walked):
    """A superuser opens every URL of the walk (POSTs, rolled back, where the view takes no GET): none answers 404
    or a refusal, so B's refusals are not answers to ids that do not exist."""
    superuser, uploader = client_for(world.superuser), client_for(world.a_editor)
    failures, timings = [], []
    for name, url, _shared in walked:
        if name in SUPERUSER_REFUSED or PDF.search(url):
            # A PDF is its screen's (or XLSX's) twin, opened here too; rendering it only costs seconds.
            continue
        # A multiple upload's pending file is its uploader's only, superusers' included.
        client = uploader if "upload" in name else superuser
        started = time.perf_counter()
        answer = ask(client, "GET", url)
        if answer.status == 405:
            answer = ask(client, "POST", url)
        timings.append((time.perf_counter() - started, url))
        if answer.status in (403, 404) or answer.status >= 500 or answer.location == reverse("wagtailadmin_home"):
            failures.append(f"{name}: {url} -> {answer.status} {answer.location}")
    print("\nslowest:", sorted(timings, reverse=True)[:12])
    assert not failures, _failures_message("URLs that do not open for a superuser", failures)


@pytest.mark.parametrize("role", ROLES)
def test_another_agency_is_refused_every_object_url(world, walked, role):
    client = client_for(world.b_team[role])
    failures, requests, started = [], 0, time.perf_counter()
    for name, url, shared in walked:
        for method in ("GET", "POST"):
            requests += 1
            problems = refusal_problems(ask(client, method, url), method)
            if (shared and method == "GET") or name in OWN_OBJECTS_ONLY:
                problems = [p for p in problems if not p.startswith("answered 200")]
            if problems:
                failures.append(f"{role} {method} {url} [{name}]: {'; '.join(problems)}")
    print(f"\n{role}: {requests} requests in {time.perf_counter() - started:.1f} s, {len(failures)} not refused")
    assert not failures, _failures_message(f"agency B's {role} reaches agency A's objects", failures)


# --- Screens without an object in their URL ------------------------------------------------------------------------

# Screens the walk does not open: signing out ends the walk's session; the error test views fail on purpose;
# signed-out screens, catalogues and the icon sprite show no data.
SCREENS_SKIPPED = {
    "wagtailadmin_logout",
    "wagtailadmin_error_test",
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtail_modeladmin:javascript_catalog",
    "wagtailadmin_sprite",
    None,  # the admin's catch-all 404 and its test view
}

# Screens whose parameters name a type only, with the type to open them with.
TYPE_SCREENS = {
    "wagtailadmin_pages:type_use": ["services", "servicepage"],
    "wagtailadmin_pages:type_use_results": ["services", "servicepage"],
    "wagtailadmin_pages:choose_parent": ["services", "servicepage"],
    "wagtailadmin_tag_model_autocomplete": ["documents", "librarydocument"],
    "wagtailsettings:edit": ["core", "agencysettings"],
}


def screen_urls(patterns):
    """Every admin screen without an object in its URL, searching for A's marker (what a listing, a report, a
    filter's choices or a search shows)."""
    urls = []
    for pattern in patterns:
        if pattern.name in SCREENS_SKIPPED or pattern.object_params:
            continue
        if pattern.params:
            if pattern.name not in TYPE_SCREENS:
                continue
            url = reverse(pattern.name, args=TYPE_SCREENS[pattern.name])
        else:
            url = reverse(pattern.name)
        query = "search" if pattern.name.startswith("wagtailadmin_api:") else "q"
        if pattern.name.endswith(":find"):
            continue  # the admin API's "find" needs an id: walked with A's ids through the listing filters
        urls.append((pattern.name, f"{url}?{query}={SEARCH}"))
    return urls


def test_no_screen_shows_another_agencys_data(world, patterns):
    """B's website administrator — whose permissions include the editor's and the working group's — opens every
    admin screen: none shows A's data; the same screens show it to a superuser (the marker is findable)."""
    urls = screen_urls(patterns)
    administrator = client_for(world.b_team[AgencyRole.ADMINISTRATORS])
    failures = []
    for name, url in urls:
        answer = ask(administrator, "GET", url)
        if answer.status >= 500 or answer.shows_secret or answer.writes:
            shown = f"{answer.status} {answer.location} {answer.writes} ...{answer.context}..."
            failures.append(f"GET {url} [{name}]: {shown}")
    print(f"\nscreens: {len(urls)} opened by B's administrator, none shows A's data")
    assert not failures, _failures_message("screens that show agency A's data to agency B", failures)
    # The marker is findable: the same search shows A's objects on these screens to a superuser.
    superuser = client_for(world.superuser)
    findable = {
        "wagtailadmin_pages:search",
        "wagtaildocs:index",
        "wagtailimages:index",
        "wagtailsnippets_disclosure_person:list",
        "home_questions:index",
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:workflow",
        "wagtailadmin_api:documents:listing",
        "wagtailadmin_workflows:task_chooser",
    }
    shown = {name for name, url in urls if name in findable and ask(superuser, "GET", url).shows_secret}
    assert shown == findable, sorted(findable - shown)
