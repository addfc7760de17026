"""The upload form of the document library: checks the file, then stores it, before any row is saved."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from wagtail.documents.forms import BaseDocumentForm

from documents.extract import text_extract
from documents.services import StorageUnavailable, document_file_discard, document_file_store
from documents.validation import upload_check


class LibraryDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload) with the library's checks.

    The file is checked by its content, then stored under a generated key in ``clean()``: a storage outage becomes
    a form error for the editor, and no database row is ever saved that points to an object that is not there.
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

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            checked = upload_check(upload)
            self.instance._checked_upload = checked
            self.instance._extracted_text = text_extract(upload, checked.extension)
        return upload

    def clean(self):
        cleaned_data = super().clean()
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
