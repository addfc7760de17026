import json
import os
import subprocess
import sys

from django.conf import settings
from django.test import override_settings

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["storage"] == "ok"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_503_when_the_local_storage_folder_is_gone(client, tmp_path):
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "missing")},
        },
    }
    with override_settings(STORAGES=storages):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "ok",
        "storage": "error",
        "storage_backend": "django.core.files.storage.FileSystemStorage",
    }


def test_healthz_503_when_object_storage_does_not_answer(client):
    from botocore.config import Config

    # A real S3 client talking HTTP to a closed port on this machine: the connection is refused at once.
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "prongsai",
                "endpoint_url": "http://127.0.0.1:9",
                "access_key": "test",
                "secret_key": "test-secret",
                "region_name": "us-east-1",
                "client_config": Config(connect_timeout=1, read_timeout=1, retries={"max_attempts": 1}),
            },
        },
    }
    with override_settings(STORAGES=storages):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["storage"] == "error"
    assert response.json()["database"] == "ok"


def test_healthz_503_when_the_database_does_not_answer(tmp_path):
    """A separate process whose DATABASE_URL points at a closed port: the database check fails, nothing crashes."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps({'status_code': r.status_code, 'body': r.json()}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/prongsai",
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["status_code"] == 503
    assert outcome["body"]["database"] == "error"
    assert outcome["body"]["storage"] == "ok"
