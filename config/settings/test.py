"""The test run: fast hashing, a temporary media folder, the same database engine as DATABASE_URL says."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import environ

# The suite does not depend on the caller's shell: every setting takes its embedded default, whatever ADMIN_*,
# CACHE_URL, AWS_*, SEARCH_BACKEND... say there, except DATABASE_URL, which chooses the database the suite runs on.
environ.Env.ENVIRON = {name: os.environ[name] for name in ("DATABASE_URL",) if name in os.environ}

from .base import *  # noqa: E402, F403
from .base import STORAGES  # noqa: E402

environ.Env.ENVIRON = os.environ

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="prongsai-test-media-"))
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
LINK_CHECK_HOURS = 0  # the scheduler never fetches links in a test (oversight/tests/test_link_checker.py does, locally)
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="prongsai-test-static-"))


_CREATOR_PID = os.getpid()


def _remove_temporary_folders():
    """The process that made the temporary media and static folders removes them when it ends (a process forked from
    it, which inherits this hook, leaves them to it)."""
    if os.getpid() == _CREATOR_PID:
        for folder in (MEDIA_ROOT, STATIC_ROOT):
            shutil.rmtree(folder, ignore_errors=True)


atexit.register(_remove_temporary_folders)
