"""Serving a library document: privacy first, then a presigned redirect (object storage) or a stream (local disk)."""

import logging

from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.response import TemplateResponse

from documents.selectors import content_disposition, document_visible_to
from documents.services import STORAGE_ERRORS, document_download_count

logger = logging.getLogger(__name__)

# Local files are shown by the browser as themselves and nothing else: no scripts, no plugins, no framing.
DOCUMENT_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; plugin-types application/pdf; sandbox"


def _is_object_storage(storage) -> bool:
    return hasattr(storage, "bucket_name")


def document_response(document, request):
    """The response for a document download, or a Thai 503 page when the storage does not answer.

    Called from Wagtail's ``before_serve_document`` hook, after Wagtail's own collection privacy check.
    """
    if not document_visible_to(document, request.user):
        # Unpublished documents do not exist for the public: the same 404 as a wrong id.
        raise Http404("ไม่พบเอกสาร")
    storage = document.file.storage
    name = document.file.name
    mime_type = document.mime_type or document.content_type
    disposition = content_disposition(document)
    try:
        if _is_object_storage(storage):
            # One HEAD, bounded by the client's short timeouts: an outage is a 503 here, not a broken redirect.
            if not storage.exists(name):
                raise Http404("ไม่พบเอกสาร")
            url = storage.url(
                name, parameters={"ResponseContentDisposition": disposition, "ResponseContentType": mime_type}
            )
            response = HttpResponseRedirect(url)
        else:
            try:
                handle = storage.open(name, "rb")
            except FileNotFoundError:
                raise Http404("ไม่พบเอกสาร") from None
            response = FileResponse(handle, content_type=mime_type)
            response["Content-Disposition"] = disposition
            response["Content-Security-Policy"] = DOCUMENT_CSP
            if document.file_hash:
                response["ETag"] = f'"{document.file_hash}"'
    except STORAGE_ERRORS as error:
        logger.warning("document %s: storage unavailable: %s", document.pk, error)
        return TemplateResponse(request, "documents/storage_unavailable.html", {"document": document}, status=503)
    response["X-Content-Type-Options"] = "nosniff"
    # A presigned URL expires and a private document must not sit in a shared cache.
    response["Cache-Control"] = "private, no-store" if not document.is_public else "public, max-age=60"
    if document.is_public:
        document_download_count(document)
    return response
