"""Wagtail's own system screens (groups, sites, workflows) in Thai where the catalogue alone cannot reach them.
The Thai of Wagtail's strings is in ``locale/th/LC_MESSAGES/django.po``; this module fixes what a
catalogue cannot:

- permission names are rows in the database, written in English by Django (``Can add group``) and by Wagtail's
  migrations (``Publish any page``): a ``post_migrate`` handler names them in Thai, including the permissions that
  new models bring later;
- labels Wagtail translates with plain ``gettext`` when its modules are imported (before any request activates
  Thai), and form fields and table columns that have no label at all (Django and Wagtail then show the field name);
- the users listing's yes/no cells (``templates/wagtailadmin/tables/boolean_cell.html``, a template)."""

from django.apps import apps as global_apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, router
from django.db.models import Q
from django.db.models.signals import post_migrate
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

# Django's and Wagtail's actions on a model, as the Thai verb put before the model's name
# (``add_group`` -> เพิ่มกลุ่ม, ``publish_person`` -> เผยแพร่บุคคล, ``choose_image`` -> เลือกรูปภาพ).
PERMISSION_ACTIONS = {
    "add": "เพิ่ม",
    "change": "แก้ไข",
    "delete": "ลบ",
    "view": "ดู",
    "publish": "เผยแพร่",
    "lock": "ล็อก",
    "unlock": "ปลดล็อก",
    "choose": "เลือก",
}
# Permissions whose English name is not "Can <action> <model>", by (app label, codename).
PERMISSION_NAMES = {
    ("wagtailadmin", "access_admin"): "เข้าใช้ระบบจัดการเว็บไซต์",
    ("wagtailcore", "bulk_delete_page"): "ลบหน้าพร้อมหน้าย่อยทั้งหมด",
    ("wagtailcore", "lock_page"): "ล็อกและปลดล็อกหน้าที่ตนล็อกไว้",
    ("wagtailcore", "publish_page"): "เผยแพร่หน้าใดก็ได้",
    ("wagtailcore", "unlock_page"): "ปลดล็อกหน้าใดก็ได้",
}
# Wagtail's own labels (its msgids) of the image and collection permissions, by codename.
COLLECTION_PERMISSION_LABELS = {
    "add_image": ("Add", "Add/edit images you own"),
    "change_image": ("Edit", "Edit any image"),
    "choose_image": ("Choose", "Select images in choosers"),
    "add_collection": ("Add", "Add collections"),
    "change_collection": ("Edit", "Edit collections"),
    "delete_collection": ("Delete", "Delete collections"),
}


def permission_thai_name(permission, model):
    """The Thai name of ``permission`` on ``model`` (the model's current Thai verbose name after the action's verb),
    or None when it is neither a "<action>_<model>" permission nor one of Wagtail's own listed in
    ``PERMISSION_NAMES`` (a project's custom permission keeps the name its model gives it)."""
    name = PERMISSION_NAMES.get((model._meta.app_label, permission.codename))
    if name:
        return name
    action, _, model_name = permission.codename.partition("_")
    if action not in PERMISSION_ACTIONS or model_name != model._meta.model_name:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        return f"{PERMISSION_ACTIONS[action]}{model._meta.verbose_name}"[:255]


def permission_names_in_thai(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """``post_migrate``: name in Thai every permission that still has its English name. Django
    (``create_permissions``) and Wagtail (snippets' publish and lock permissions, for every snippet model) make
    permissions in the emissions of different apps, so each emission looks at all of them, not only ``sender``'s;
    once named, rows are left alone and the query finds nothing. Runs on every migrate and on a test database's
    flush, so the permissions a new model brings later are named too."""
    from django.contrib.auth.models import Permission

    try:
        apps.get_model("auth", "Permission")
        apps.get_model("contenttypes", "ContentType")
    except LookupError:  # a migrate that stops before auth's tables exist
        return
    if not router.allow_migrate_model(using, Permission):
        return
    wagtail_names = Q()
    for app_label, codename in PERMISSION_NAMES:
        wagtail_names |= Q(content_type__app_label=app_label, codename=codename)
    untranslated = Permission.objects.using(using).filter(Q(name__startswith="Can ") | wagtail_names)
    changed = []
    for permission in untranslated.select_related("content_type"):
        model = permission.content_type.model_class()
        name = model and permission_thai_name(permission, model)
        if name and permission.name != name:
            permission.name = name
            changed.append(permission)
    Permission.objects.using(using).bulk_update(changed, ["name"])


def install():
    """Connect the permission names' handler after Django's ``create_permissions`` (same ``dispatch_uid`` as
    ``django.contrib.auth``'s ready(), which then connects nothing: receivers run in the order they were connected,
    and this app's ready() runs before auth's), so each app's permissions are named in the emission that makes them;
    and make Wagtail's labels Thai."""
    from django.contrib.auth.management import create_permissions

    post_migrate.connect(create_permissions, dispatch_uid="django.contrib.auth.management.create_permissions")
    post_migrate.connect(permission_names_in_thai, dispatch_uid="core.wagtail_thai.permission_names_in_thai")
    _permission_forms_translated_when_shown()
    _workflow_form_labels()
    _site_columns()
    _search_promotion_labels()


def _permission_forms_translated_when_shown():
    """The group editor's permission tables. Images' and collections' permission labels, and the collection column of
    every collection permission table, are translated when Wagtail imports its forms (English: no language is active
    then): the same texts, translated when shown. The page column
    of page permissions has no label ("Page"), and a page permission's checkbox reads
    "app | model | name": its (Thai) name is enough, the column says the rest."""
    from wagtail.admin.forms.collections import GroupCollectionManagementPermissionFormSet
    from wagtail.documents.forms import GroupDocumentPermissionFormSet
    from wagtail.images.forms import GroupImagePermissionFormSet
    from wagtail.users.forms import PagePermissionsForm

    for formset in (GroupImagePermissionFormSet, GroupCollectionManagementPermissionFormSet):
        # One list, shared by the formset (the table's headings) and its field's label_from_instance (the checkboxes).
        formset.permission_types[:] = [
            (
                codename,
                gettext_lazy(COLLECTION_PERMISSION_LABELS[codename][0]),
                gettext_lazy(COLLECTION_PERMISSION_LABELS[codename][1]),
            )
            for codename, *_ in formset.permission_types
        ]
    for formset in (
        GroupImagePermissionFormSet,
        GroupCollectionManagementPermissionFormSet,
        GroupDocumentPermissionFormSet,
    ):
        # Wagtail's formset factory labels each form's collection field with a plain gettext (documents' too).
        formset.form.base_fields["collection"].label = gettext_lazy("Collection")

    PagePermissionsForm.base_fields["page"].label = gettext_lazy("Page")
    PagePermissionsForm.base_fields["permissions"].label_from_instance = lambda permission: permission.name


def _workflow_form_labels():
    """The workflow editor's page and content type fields have no label: Django shows their names."""
    from wagtail.admin.forms.workflows import WorkflowContentTypeForm, WorkflowPageForm

    WorkflowPageForm.base_fields["page"].label = gettext_lazy("Page")
    WorkflowContentTypeForm.base_fields["content_types"].label = gettext_lazy("Content types")


def _site_columns():
    """The sites listing's port, site name and root page columns have no label (Wagtail shows "Port", "Site name",
    "Root page"): the same columns, headed by the Site fields' own (translated) verbose names."""
    from wagtail.admin.ui.tables import Column
    from wagtail.models import Site
    from wagtail.sites import views

    def label(name):
        return capfirst(Site._meta.get_field(name).verbose_name)

    class IndexView(views.IndexView):
        columns = [
            column
            if not (type(column) is Column and column.name in ("port", "site_name", "root_page"))
            else Column(column.name, label=label(column.name), sort_key=column.sort_key)
            for column in views.IndexView.columns
        ]

    views.SiteViewSet.index_view_class = IndexView


def _search_promotion_labels():
    """A promoted result's link text field has no verbose name (Wagtail shows "External link text"). Set on the
    forms, not on the model: a model field's verbose name would make a migration in Wagtail's app."""
    from wagtail.contrib.search_promotions.forms import SearchPromotionForm, SearchPromotionsFormSet

    for form in (SearchPromotionForm, SearchPromotionsFormSet.form):
        form.base_fields["external_link_text"].label = gettext_lazy("External link text")
