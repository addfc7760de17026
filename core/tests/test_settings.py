"""Production refuses an insecure start; ``check --deploy`` is clean; docs/configuration.md documents every variable."""

import os
import re
import secrets
import subprocess
import sys

from django.conf import settings

import pytest

GOOD_KEY = secrets.token_urlsafe(64)


def _run_production(extra_env, *args, tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG")}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", "VAR_DIR": str(tmp_path), **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("extra_env", "message"),
    [
        ({"ALLOWED_HOSTS": "www.phetchaburi.go.th"}, "SECRET_KEY must be set"),
        ({"ALLOWED_HOSTS": "www.phetchaburi.go.th", "SECRET_KEY": "short"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS must list"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must list"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "*"}, "must not be '*'"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(extra_env, message, tmp_path):
    result = _run_production(extra_env, "check", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_check_deploy_is_clean(tmp_path):
    result = _run_production(
        {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "www.phetchaburi.go.th"},
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_embedded_defaults():
    from config.settings import base

    assert base.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" or os.environ.get("DATABASE_URL")
    # Shared between worker processes: a folder on disk, never per-process memory.
    assert base.CACHES["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    # Wagtail's database backend with Thai word segmentation (search/backend.py).
    assert base.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "search.backend"
    assert base.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in base.MIDDLEWARE


def test_readme_documents_every_environment_variable():
    from config.settings.base import env

    readme = (settings.BASE_DIR / "docs" / "configuration.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", readme, flags=re.MULTILINE))
    declared = set(env.scheme)
    assert declared - documented == set(), "variables missing from the table of docs/configuration.md"
    extra = (
        documented
        - declared
        - {
            "DJANGO_SETTINGS_MODULE",
            "PORT",
            "WEB_CONCURRENCY",
            "ADMIN_USERNAME",
            "ADMIN_PASSWORD",
            "GUNICORN_BIND",
            "GUNICORN_THREADS",
            "GUNICORN_TIMEOUT",
            "FORWARDED_ALLOW_IPS",
        }
    )
    assert extra == set(), "docs/configuration.md documents variables that nothing reads"
