"""Deleting a public document is refused: pages publish it through ``core.PageDocument`` (which cascades), links
and document fields, so deleting it would change what citizens read and download without the working group's
check. A page stops publishing a document through the workflow; once no live page uses it, it is private again and
may be deleted."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from wagtail.documents.views.documents import DeleteView as WagtailDeleteView

PUBLIC_DELETE_REFUSED = (
    "ลบเอกสารนี้ไม่ได้ เพราะเอกสารเผยแพร่ต่อสาธารณะอยู่ในหน้าที่เผยแพร่แล้ว หากต้องการเลิกเผยแพร่ "
    "ให้นำเอกสารออกจากหน้าที่ใช้เอกสาร แล้วเสนอขออนุมัติเผยแพร่ข้อมูลให้คณะทำงานฯ ตรวจสอบ "
    "เมื่อไม่มีหน้าที่เผยแพร่ใช้เอกสารแล้ว จึงลบได้"
)


class DeleteView(WagtailDeleteView):
    """Wagtail's document delete view, answering at the same URL, refusing public documents (GET and POST)."""

    def dispatch(self, request, *args, **kwargs):
        if self.object.is_public:
            messages.error(request, PUBLIC_DELETE_REFUSED)
            return redirect(reverse("wagtaildocs:edit", args=[self.object.pk]))
        return super().dispatch(request, *args, **kwargs)
