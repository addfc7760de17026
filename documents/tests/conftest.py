"""Storage for the document tests: the local disk, and an S3-compatible server over real HTTP on 127.0.0.1
(moto's server mode, started here; or a real MinIO when S3_ENDPOINT_URL names one)."""

import os
import socket
import uuid
from dataclasses import dataclass

import pytest

S3_KEY, S3_SECRET = "prongsai-test", "prongsai-test-secret"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StorageUnderTest:
    kind: str
    endpoint: str = ""
    bucket: str = ""
    server: object = None
    port: int = 0

    def stop(self):
        """An outage: the S3 server stops answering (its port refuses connections)."""
        self.server.stop()

    def restart(self):
        from moto.server import ThreadedMotoServer

        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=os.environ.get("S3_ACCESS_KEY", S3_KEY),
            aws_secret_access_key=os.environ.get("S3_SECRET_KEY", S3_SECRET),
            region_name="us-east-1",
        )

    def object_keys(self):
        if self.kind == "local":
            from django.conf import settings

            folder = settings.MEDIA_ROOT / "documents"
            return sorted(f"documents/{name}" for name in os.listdir(folder)) if folder.exists() else []
        listing = self.client().list_objects_v2(Bucket=self.bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))


def s3_storages(base, endpoint, bucket, expire=300):
    from botocore.config import Config

    return {
        **base,
        "default": {
            "BACKEND": "documents.storage.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "access_key": os.environ.get("S3_ACCESS_KEY", S3_KEY),
                "secret_key": os.environ.get("S3_SECRET_KEY", S3_SECRET),
                "addressing_style": "path",
                "signature_version": "s3v4",
                "file_overwrite": False,
                "default_acl": None,
                "querystring_expire": expire,
                "client_config": Config(
                    connect_timeout=1,
                    read_timeout=2,
                    retries={"max_attempts": 1, "mode": "standard"},
                    signature_version="s3v4",
                    s3={"addressing_style": "path"},
                ),
            },
        },
    }


def _storage_under_test(kind, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    if kind == "local":
        settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
        return StorageUnderTest("local")
    bucket = f"prongsai-{uuid.uuid4().hex[:12]}"
    under_test = StorageUnderTest("s3", bucket=bucket)
    endpoint = os.environ.get("S3_ENDPOINT_URL")
    if endpoint:
        under_test.endpoint = endpoint
    else:
        from moto.server import ThreadedMotoServer

        under_test.port = _free_port()
        under_test.server = ThreadedMotoServer(ip_address="127.0.0.1", port=under_test.port, verbose=False)
        under_test.server.start()
        under_test.endpoint = f"http://127.0.0.1:{under_test.port}"
    under_test.client().create_bucket(Bucket=bucket)
    settings.STORAGES = s3_storages(settings.STORAGES, under_test.endpoint, bucket)
    return under_test


def _stop(under_test):
    if under_test.server is not None:
        try:
            under_test.server.stop()
        except Exception:  # already stopped by an outage test
            pass


@pytest.fixture(params=["local", "s3"])
def storage(request, settings, tmp_path):
    """Each test using it runs twice: on the local disk and on the S3-compatible server."""
    under_test = _storage_under_test(request.param, settings, tmp_path)
    yield under_test
    _stop(under_test)


@pytest.fixture
def s3_storage(settings, tmp_path):
    """Object storage only: outages (the server stops) and presigned URLs."""
    under_test = _storage_under_test("s3", settings, tmp_path)
    yield under_test
    _stop(under_test)
