"""Serving a library document: privacy first, then a presigned redirect (object storage) or a stream (local disk)."""

import logging

from django.http import FileResponse, Http404, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served

from documents.selectors import content_disposition, document_visible_to
from documents.services import STORAGE_ERRORS, document_download_count

logger = logging.getLogger(__name__)

# Local files are shown by the browser as themselves and nothing else: no scripts, no plugins, no framing.
DOCUMENT_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; plugin-types application/pdf; sandbox"


def _is_object_storage(storage) -> bool:
    return hasattr(storage, "bucket_name")


def document_response(document, request):
    """The response for a document download, or a Thai 503 page when the storage does not answer.

    Wagtail's own serve view accepts only an ``HttpResponse`` from its hooks, not a streamed ``FileResponse``,
    so the library serves Wagtail's document URL with its own view (``serve`` below, routed in ``config/urls.py``).
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


def serve(request, document_id, document_filename):
    """Wagtail's document URL (``/documents/<id>/<filename>``), served by the library: Wagtail's own
    ``before_serve_document`` hooks first (collection view restrictions), then ``document_response``."""
    document = get_object_or_404(get_document_model(), id=document_id)
    if document.object_name != document_filename:
        raise Http404("ไม่พบเอกสาร")
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponseBase):
            return result
    response = document_response(document, request)
    if response.status_code < 400:
        document_served.send(sender=type(document), instance=document, request=request)
    return response
