"""Documents follow the pages that publish them: public while a live page uses them, private otherwise."""

from django.db.models.signals import post_delete

from wagtail.signals import page_published, page_unpublished

from documents.services import document_visibility_refresh, page_documents_publish


def _on_page_published(sender, instance, **kwargs):
    page_documents_publish(instance)


def _on_page_unpublished(sender, instance, **kwargs):
    document_visibility_refresh(_documents(instance))


def _documents(page):
    from documents.selectors import documents_of_page

    return documents_of_page(page)


def _on_reference_deleted(sender, instance, **kwargs):
    from documents.selectors import _document_references

    ids = {
        getattr(instance, f"{field}_id")
        for model, field, _ in _document_references()
        if isinstance(instance, model) and getattr(instance, f"{field}_id", None)
    }
    if ids:
        document_visibility_refresh(ids)


def register_signal_handlers():
    page_published.connect(_on_page_published, dispatch_uid="documents_page_published")
    page_unpublished.connect(_on_page_unpublished, dispatch_uid="documents_page_unpublished")
    post_delete.connect(_on_reference_deleted, dispatch_uid="documents_reference_deleted")
