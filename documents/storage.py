"""Object storage for documents: a private bucket whose objects carry their validated type and disposition."""

import os

from storages.backends.s3 import S3Storage

from documents.validation import ALLOWED_TYPES, INLINE_TYPES


class PrivateS3Storage(S3Storage):
    """S3-compatible storage (AWS S3, MinIO, Ceph) with no public ACL: objects are read through presigned URLs only."""

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        content_type = ALLOWED_TYPES.get(os.path.splitext(name)[1].lower().lstrip("."))
        if content_type:
            params.setdefault("ContentType", content_type)
            disposition = (
                "inline" if content_type in INLINE_TYPES or content_type.startswith("image/") else "attachment"
            )
            params.setdefault("ContentDisposition", disposition)
        return params
