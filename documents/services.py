"""Writes of the document library: storing uploads, publishing and withdrawing documents, counting downloads."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F

from botocore.exceptions import BotoCoreError, ClientError

from core.page_cache import purge_on_commit
from documents.models import DocumentDownloadDay, LibraryDocument, document_object_key
from documents.validation import CheckedUpload

# What a storage outage looks like from here: the S3 client's errors, or the local disk's.
STORAGE_ERRORS = (BotoCoreError, ClientError, OSError)


class StorageUnavailable(Exception):
    """The object storage did not answer (or refused) in time."""


def document_file_store(upload, checked: CheckedUpload) -> str:
    """Put an upload that passed the checks into the storage under a generated key; returns the stored name.

    Raises StorageUnavailable when the storage fails, having stored nothing that the database points to.
    """
    storage = LibraryDocument._meta.get_field("file").storage
    key = document_object_key(None, f"x.{checked.extension}")
    upload.seek(0)
    # S3Storage takes the object's Content-Type from here; the disposition comes from PrivateS3Storage.
    upload.content_type = checked.content_type
    try:
        return storage.save(key, upload)
    except STORAGE_ERRORS as error:
        raise StorageUnavailable(str(error)) from error


def document_file_discard(name: str) -> None:
    """Remove a stored object that no database row will point to (a form that failed after storing)."""
    try:
        LibraryDocument._meta.get_field("file").storage.delete(name)
    except STORAGE_ERRORS:
        pass


def document_download_count(document: LibraryDocument, day: datetime.date | None = None) -> None:
    """Count one download: a single UPDATE of the day's row, an INSERT only for the day's first download."""
    from django.utils import timezone

    day = day or timezone.localdate()
    updated = DocumentDownloadDay.objects.filter(document=document, day=day).update(count=F("count") + 1)
    if updated:
        return
    try:
        with transaction.atomic():
            DocumentDownloadDay.objects.create(document=document, day=day, count=1)
    except IntegrityError:
        # Another worker inserted the day's row first.
        DocumentDownloadDay.objects.filter(document=document, day=day).update(count=F("count") + 1)


def page_documents_publish(page) -> set[int]:
    """A page went live: every document its live content uses becomes public. Returns their ids."""
    from documents.selectors import documents_of_page

    ids = documents_of_page(page)
    if ids:
        _visibility_set(LibraryDocument.objects.filter(pk__in=ids, is_public=False), True)
    return ids


def document_visibility_refresh(document_ids) -> None:
    """Make each document public exactly when a live page still uses it (after an unpublish, a delete, an edit)."""
    from documents.selectors import live_pages_using

    document_ids = set(document_ids)
    if not document_ids:
        return
    used = live_pages_using(document_ids)
    _visibility_set(LibraryDocument.objects.filter(pk__in=used, is_public=False), True)
    _visibility_set(LibraryDocument.objects.filter(pk__in=document_ids - used, is_public=True), False)


def _visibility_set(documents, public: bool) -> None:
    """Change ``is_public`` and purge the pages that showed these documents (core.page_cache); a document that
    becomes public with an ITA item may join its agency's ITA evidence page."""
    changed = list(documents.values_list("pk", "collection_id"))
    if not changed:
        return
    LibraryDocument.objects.filter(pk__in=[pk for pk, _ in changed]).update(is_public=public)
    document_purge([pk for pk, _ in changed], became_public=public)


def document_purge(document_ids, became_public: bool = False) -> None:
    keys = {f"{LibraryDocument._meta.label_lower}:{pk}" for pk in document_ids}
    if became_public:
        tagged = LibraryDocument.ita_items.through.objects.filter(librarydocument_id__in=document_ids)
        keys |= {f"ita-documents:{pk}" for pk in tagged.values_list("librarydocument__collection_id", flat=True)}
    purge_on_commit(keys)
