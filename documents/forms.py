"""The upload form of the document library: checks the file, then stores it, before any row is saved."""

import copy

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from wagtail.documents.forms import BaseDocumentForm

from documents.extract import text_extract
from documents.services import StorageUnavailable, document_file_discard, document_file_store
from documents.validation import upload_check

# What citizens see of a document: its bytes, how it is named and described, where it counts as ITA evidence and
# whose agency it belongs to. Once public, none of it changes outside the working group's check (docs/content.md,
# "Document library"); tags stay editable (the admin's own filing).
LOCKED_WHEN_PUBLIC = ("file", "title", "description", "kind", "fiscal_year", "language", "ita_items", "collection")

LOCKED_HELP = (
    "เอกสารนี้เผยแพร่ต่อสาธารณะแล้ว จึงแก้ไขรายการนี้ไม่ได้ หากต้องการเปลี่ยนไฟล์หรือข้อมูลของเอกสาร "
    "ให้อัปโหลดเป็นเอกสารใหม่ แล้วเลือกเอกสารใหม่ในหน้าที่เผยแพร่ และเสนอขออนุมัติเผยแพร่ข้อมูล "
    "เพื่อให้คณะทำงานฯ ตรวจสอบก่อนเผยแพร่"
)
LOCKED_REFUSED = (
    "เอกสารนี้เผยแพร่ต่อสาธารณะแล้ว ไม่สามารถเปลี่ยนไฟล์ ชื่อ คำอธิบาย ตัวชี้วัด ITA หรือข้อมูลที่ประชาชนเห็นได้ "
    "ให้อัปโหลดเป็นเอกสารใหม่ แล้วเลือกเอกสารใหม่ในหน้าที่เผยแพร่ และเสนอขออนุมัติเผยแพร่ข้อมูล "
    "เพื่อให้คณะทำงานฯ ตรวจสอบก่อนเผยแพร่"
)


class LibraryDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload) with the library's checks.

    The file is checked by its content, then stored under a generated key in ``clean()``: a storage outage becomes
    a form error for the editor, and no database row is ever saved that points to an object that is not there.

    Every admin path that edits a document (the edit view, the multiple uploader's edit form, the chooser's upload)
    builds its form from this class (``WAGTAILDOCS_DOCUMENT_FORM_BASE``), so this is where a public document's
    public fields are locked, for superusers too: shown disabled with the reason, and a POST that tries to change
    them (a crafted request, or a form opened before the document went public) is refused with that reason.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._stored_name = None
        field = self.fields.get("file")
        if field is not None:
            field.error_messages.update(
                {
                    "required": "กรุณาเลือกไฟล์",
                    "empty": "ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ที่มีเนื้อหา",
                    "invalid": "ไม่พบไฟล์ที่ส่งมา กรุณาเลือกไฟล์ใหม่",
                    "missing": "ไม่พบไฟล์ที่ส่งมา กรุณาเลือกไฟล์ใหม่",
                    "file_too_large": "ไฟล์มีขนาดใหญ่เกินกำหนด (%(file_size)s) ขนาดสูงสุด %(max_filesize)s",
                    "file_too_large_unknown_size": "ไฟล์มีขนาดใหญ่เกินกำหนด",
                }
            )
        self.locked_fields = self._lock_if_public()

    def _lock_if_public(self) -> list[str]:
        if self.instance.pk is None or not self.instance.is_public:
            return []
        locked = [name for name in LOCKED_WHEN_PUBLIC if name in self.fields]
        for name in locked:
            self.fields[name].disabled = True
            self.fields[name].required = False
            self.fields[name].help_text = LOCKED_HELP
        return locked

    def _locked_changes(self) -> list[str]:
        """Locked fields that the submitted data tries to change. A browser never sends a disabled field; a field
        absent from the data is unchanged (a disabled field keeps its stored value)."""
        changed = []
        for name in self.locked_fields:
            key = self.add_prefix(name)
            if key not in self.data and key not in self.files:
                continue
            # A disabled field never reports a change: ask an enabled copy of it.
            field = copy.copy(self.fields[name])
            field.disabled = False
            submitted = field.widget.value_from_datadict(self.data, self.files, key)
            if name == "file" or field.has_changed(self[name].initial, submitted):
                changed.append(name)
        return changed

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile) and "file" not in self.locked_fields:
            checked = upload_check(upload)
            self.instance._checked_upload = checked
            self.instance._extracted_text = text_extract(upload, checked.extension)
        return upload

    def clean(self):
        cleaned_data = super().clean()
        if self._locked_changes():
            raise ValidationError(LOCKED_REFUSED, code="public_document_locked")
        upload = cleaned_data.get("file")
        if isinstance(upload, UploadedFile) and not self.errors:
            try:
                self._stored_name = document_file_store(upload, self.instance._checked_upload)
            except StorageUnavailable:
                raise ValidationError(
                    "ระบบจัดเก็บเอกสารขัดข้องชั่วคราว ยังไม่ได้บันทึกเอกสารนี้ กรุณาลองอัปโหลดใหม่อีกครั้งในภายหลัง",
                    code="storage_unavailable",
                ) from None
            # From here on the field holds the stored name, so saving the row never writes to the storage again.
            cleaned_data["file"] = self._stored_name
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        if self._stored_name and self.errors:
            document_file_discard(self._stored_name)
            self._stored_name = None
