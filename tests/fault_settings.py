"""Settings of the servers that tests/test_faults.py starts and breaks: the embedded ones (``config.settings.dev``,
debug off) on the database and cache the test names by DATABASE_URL and CACHE_URL, with static files read from
their folders (the test does not run collectstatic)."""

from config.settings.dev import *  # noqa: F403
from config.settings.dev import STORAGES

DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
