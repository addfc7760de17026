"""Documents follow the pages that publish them: public while a live page uses them, private otherwise."""

from django.db.models.signals import post_delete, post_save, pre_save

from wagtail.signals import page_published, page_unpublished

from documents.services import document_purge, document_visibility_refresh, page_documents_publish


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


def _document_before_save(sender, instance, **kwargs):
    if not instance._state.adding:
        instance._page_cache_before = (
            type(instance).objects.filter(pk=instance.pk).values_list("title", "is_public").first()
        )


def _document_saved(sender, instance, created=False, **kwargs):
    """A document's title or privacy changed through a save (the admin, code): purge the pages that showed it."""
    before = instance.__dict__.pop("_page_cache_before", None)
    if before is None or before == (instance.title, instance.is_public):
        return
    document_purge([instance.pk], became_public=instance.is_public and not before[1])


def _document_deleted(sender, instance, **kwargs):
    document_purge([instance.pk])


def register_signal_handlers():
    from documents.models import LibraryDocument

    pre_save.connect(_document_before_save, sender=LibraryDocument, dispatch_uid="documents_page_cache_before")
    post_save.connect(_document_saved, sender=LibraryDocument, dispatch_uid="documents_page_cache_saved")
    post_delete.connect(_document_deleted, sender=LibraryDocument, dispatch_uid="documents_page_cache_deleted")
    page_published.connect(_on_page_published, dispatch_uid="documents_page_published")
    page_unpublished.connect(_on_page_unpublished, dispatch_uid="documents_page_unpublished")
    post_delete.connect(_on_reference_deleted, dispatch_uid="documents_reference_deleted")
