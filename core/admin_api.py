"""The admin API's documents and images (Wagtail's ``/admin/api/main/documents/`` and ``images/``, used by the
editor's choosers) narrowed to the collections where the user holds a document or image permission, as Wagtail's
own listings and choosers are: Wagtail's admin endpoints list every file of every collection."""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.permissions import permission_policy as image_policy

ACTIONS = ["add", "change", "delete", "choose"]


class CollectionScopedDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return document_policy.instances_user_has_any_permission_for(self.request.user, ACTIONS).order_by("id")


class CollectionScopedImagesAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return image_policy.instances_user_has_any_permission_for(self.request.user, ACTIONS).order_by("id")
