"""Reads of the document library: which documents a page publishes, who may download a document, its headers."""

import re
from functools import cache
from urllib.parse import quote

from django.apps import apps
from django.db import models

from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from documents.models import LibraryDocument
from documents.validation import INLINE_TYPES

# How rich text and StreamField JSON refer to a document.
RICH_TEXT_DOCUMENT = re.compile(r'linktype=\\?"document\\?" id=\\?"(\d+)\\?"')
STREAM_DOCUMENT = re.compile(r'"type": "document", "value": (\d+)')


@cache
def _document_references():
    """(model, document FK field, path from the model to its page or '') for every model of a page or of a page's
    child objects (ParentalKey) that points to a library document."""
    found = []
    for model in apps.get_models():
        page_path = None
        if issubclass(model, Page):
            page_path = ""
        else:
            for field in model._meta.get_fields():
                remote = getattr(field, "related_model", None)
                if field.many_to_one and remote is not None and issubclass(remote, Page) and field.name == "page":
                    page_path = field.name
                    break
                if field.__class__.__name__ == "ParentalKey" and remote is not None and issubclass(remote, Page):
                    page_path = field.name
                    break
        if page_path is None:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey) and field.related_model is LibraryDocument:
                found.append((model, field.name, page_path))
    return tuple(found)


def _text_fields(page):
    return [
        field.name
        for field in page._meta.get_fields()
        if isinstance(field, RichTextField | StreamField) and field.model is not Page
    ]


def documents_of_page(page) -> set[int]:
    """Ids of the documents a page's stored (live) content uses: document fields, child rows and links in text."""
    page = page.specific
    ids: set[int] = set()
    for model, field, page_path in _document_references():
        if page_path == "":
            if isinstance(page, model):
                value = getattr(page, f"{field}_id")
                if value:
                    ids.add(value)
        else:
            ids.update(
                model.objects.filter(**{f"{page_path}_id": page.pk}, **{f"{field}__isnull": False}).values_list(
                    f"{field}_id", flat=True
                )
            )
    stored = type(page).objects.filter(pk=page.pk).values(*_text_fields(page)).first() or {}
    for value in stored.values():
        text = value if isinstance(value, str) else str(value)
        ids.update(int(match) for match in RICH_TEXT_DOCUMENT.findall(text))
        ids.update(int(match) for match in STREAM_DOCUMENT.findall(text))
    return ids


def live_pages_using(document_ids) -> set[int]:
    """Ids of the documents among ``document_ids`` that a live page publishes."""
    from wagtail.models import ReferenceIndex

    document_ids = set(document_ids)
    if not document_ids:
        return set()
    used: set[int] = set()
    for model, field, page_path in _document_references():
        live = {"live": True} if page_path == "" else {f"{page_path}__live": True}
        used.update(
            model.objects.filter(**live, **{f"{field}__in": document_ids}).values_list(f"{field}_id", flat=True)
        )
    # Links in rich text and StreamField: the reference index gives the candidate pages; their stored content decides.
    remaining = document_ids - used
    if remaining:
        candidates = ReferenceIndex.objects.filter(
            to_content_type=ReferenceIndex._get_base_content_type(LibraryDocument),
            to_object_id__in=[str(pk) for pk in remaining],
            base_content_type=ReferenceIndex._get_base_content_type(Page),
        ).values_list("object_id", flat=True)
        for page in Page.objects.live().filter(pk__in=[int(pk) for pk in candidates]).specific():
            used.update(documents_of_page(page) & remaining)
    return used


def document_visible_to(document: LibraryDocument, user) -> bool:
    """Anonymous visitors get public documents only; editors and reviewers may open their collection's documents."""
    if document.is_public:
        return True
    if not user.is_authenticated:
        return False
    from wagtail.documents.permissions import permission_policy

    return permission_policy.user_has_any_permission_for_instance(user, ["change", "choose"], document)


def content_disposition(document: LibraryDocument) -> str:
    """RFC 6266: ``inline`` for PDFs, ``attachment`` otherwise, with the Thai name in ``filename*`` and an ASCII
    fallback in ``filename`` for old clients."""
    kind = "inline" if document.mime_type in INLINE_TYPES else "attachment"
    name = document.download_name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    fallback = f"document-{document.pk}" + (f".{extension}" if extension.isascii() and extension else "")
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
