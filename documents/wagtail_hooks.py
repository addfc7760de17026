"""The document library in Wagtail's admin: a public document is neither deleted nor moved to another collection
outside the procedure (its fields are locked in ``documents.forms``)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path

from wagtail import hooks

from documents.models import LibraryDocument
from documents.views.delete import PUBLIC_DELETE_REFUSED, DeleteView

PUBLIC_MOVE_REFUSED = "ย้ายเอกสารที่เผยแพร่ต่อสาธารณะแล้วไปยังชุดเอกสารอื่นไม่ได้ เอกสารที่เลือกบางรายการเผยแพร่อยู่ในหน้าที่เผยแพร่แล้ว"


@hooks.register("register_admin_urls", order=-1)
def register_document_delete_url():
    # Resolved before Wagtail's own (same path); Wagtail's links reverse to it by their own name.
    return [path("documents/delete/<int:document_id>/", DeleteView.as_view(), name="prongsai_document_delete")]


@hooks.register("before_bulk_action")
def refuse_bulk_changes_to_public_documents(request, action_type, objects, action_class_instance):
    if action_type not in ("delete", "add_to_collection"):
        return None
    if any(isinstance(obj, LibraryDocument) and obj.is_public for obj in objects):
        messages.error(request, PUBLIC_DELETE_REFUSED if action_type == "delete" else PUBLIC_MOVE_REFUSED)
        return redirect("wagtaildocs:index")
    return None
