"""Settings shared by every environment.

Every value that may differ between installations comes from the environment and is declared once, with its type
and its embedded default, in ``env`` below. The README lists the same variables in a table; a test keeps the two
in step. Secrets have no usable default: ``production`` refuses to start without them.
"""

from pathlib import Path

import environ
from botocore.config import Config as BotoConfig

from search.elasticsearch import search_backends

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env(
    # Core
    DEBUG=(bool, False),
    SECRET_KEY=(str, ""),
    ALLOWED_HOSTS=(list, ["localhost", "127.0.0.1", "[::1]"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    VAR_DIR=(str, str(BASE_DIR / "var")),
    DATABASE_URL=(str, ""),
    CACHE_URL=(str, ""),
    TIME_ZONE=(str, "Asia/Bangkok"),
    WAGTAILADMIN_BASE_URL=(str, "http://127.0.0.1:8000"),
    # Object storage (S3-compatible); local disk when the bucket is empty
    AWS_STORAGE_BUCKET_NAME=(str, ""),
    AWS_S3_ENDPOINT_URL=(str, ""),
    AWS_S3_REGION_NAME=(str, "ap-southeast-1"),
    AWS_ACCESS_KEY_ID=(str, ""),
    AWS_SECRET_ACCESS_KEY=(str, ""),
    AWS_S3_ADDRESSING_STYLE=(str, "auto"),
    AWS_QUERYSTRING_EXPIRE=(int, 300),
    STORAGE_CONNECT_TIMEOUT=(float, 3.0),
    STORAGE_READ_TIMEOUT=(float, 10.0),
    SERVE_MEDIA=(bool, True),
    # Uploads
    DOCUMENT_MAX_UPLOAD_MB=(int, 50),
    # Search
    SEARCH_BACKEND=(str, "database"),
    SEARCH_URLS=(list, []),
    SEARCH_INDEX=(str, "prongsai"),
    SEARCH_RATE_PER_MINUTE=(int, 60),
    SUGGEST_RATE_PER_MINUTE=(int, 240),
    TRUSTED_PROXIES=(list, ["127.0.0.1", "::1"]),
    # E-mail
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "Prongsai <noreply@localhost>"),
    # Publishing procedure (R3.3, R2.3)
    IMMEDIATE_PUBLISH_LIMIT_HOURS=(int, 24),
    ON_CHANGE_PUBLISH_LIMIT_DAYS=(int, 3),
    REVIEW_REMINDER_DAYS=(int, 14),
    # Production hardening
    SECURE_SSL_REDIRECT=(bool, True),
    SECURE_HSTS_SECONDS=(int, 31536000),
    USE_X_FORWARDED_PROTO=(bool, True),
)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

# Everything an installation writes (embedded database, media, cache) lives under one folder.
VAR_DIR = Path(env("VAR_DIR"))

INSTALLED_APPS = [
    "agencies",
    "core",
    "documents",
    "home",
    "disclosure",
    "services",
    "publishing",
    "oversight",
    "search",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "storages",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Thai for everyone (core/locale.py), not the browser's Accept-Language.
    "core.locale.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After MessageMiddleware: its Thai message about an approval or a send-back is stored with the response.
    "core.workflow_feedback.WorkflowFeedbackMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: the embedded SQLite file unless DATABASE_URL names another (postgres://user@host:5432/name).
DATABASES = {"default": env.db_url_config(env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Gunicorn workers and the scheduler write to one file: wait for the lock instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 60
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache shared by every worker process, so that purging on publish reaches all of them: a folder on disk by
# default, Redis (redis://...) or the database in production.
CACHES = {"default": env.cache_url_config(env("CACHE_URL") or f"filecache://{VAR_DIR / 'cache'}")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "อังกฤษ")]
WAGTAIL_CONTENT_LANGUAGES = [("th", "ไทย")]
# Thai for everyone, whatever the browser asks: SiteLanguageMiddleware instead of LocaleMiddleware (Accept-Language
# would give English browsers an English admin); Wagtail's per-user default follows LANGUAGE_CODE and a user may still
# choose English in the account.
# The project's catalogue (locale/th) overrides and completes Wagtail's, wagtail-modeladmin's and Django's Thai.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("th", "ไทย"), ("en", "อังกฤษ")]
TIME_ZONE = env("TIME_ZONE")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

S3_ENABLED = bool(env("AWS_STORAGE_BUCKET_NAME"))
if S3_ENABLED:
    DEFAULT_STORAGE = {
        "BACKEND": "documents.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME"),
            "access_key": env("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env("AWS_SECRET_ACCESS_KEY") or None,
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE"),
            # Without s3v4, presigning falls back to SigV2 on some endpoints.
            "signature_version": "s3v4",
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env("AWS_QUERYSTRING_EXPIRE"),
            # A storage outage must fail fast rather than hold a worker.
            "client_config": BotoConfig(
                connect_timeout=env("STORAGE_CONNECT_TIMEOUT"),
                read_timeout=env("STORAGE_READ_TIMEOUT"),
                retries={"max_attempts": 1, "mode": "standard"},
                signature_version="s3v4",
                s3={"addressing_style": env("AWS_S3_ADDRESSING_STYLE")},
            ),
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Serve MEDIA_URL from Django on the embedded defaults (make run); production leaves media to nginx or S3.
SERVE_MEDIA = env("SERVE_MEDIA") and not S3_ENABLED

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o640

# EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, ... from one URL (smtp+tls://user:pass@host:587).
globals().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "Prongsai"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
WAGTAIL_I18N_ENABLED = False
# The admin sends nothing to third parties (PDPA): no Gravatar (initials or the uploaded avatar) and no release check
# from superusers' browsers.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Autosave is off: it saved revisions of incomplete forms before the first save, kept posting on pages locked in the
# workflow and, with WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT, would restart an approval on every keystroke pause.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# Every agency works in Thai time: the account page offers Bangkok only, not 600 zone names.
WAGTAIL_USER_TIME_ZONES = ["Asia/Bangkok"]
# Thai-aware search (search/): the database with Thai word segmentation, or OpenSearch/Elasticsearch with the
# ``thai`` analyzer when SEARCH_BACKEND names one.
WAGTAILSEARCH_BACKENDS = search_backends(env("SEARCH_BACKEND"), env("SEARCH_URLS"), env("SEARCH_INDEX"))
# Searches and type-ahead requests one client may make per minute (0: no limit), and the reverse proxies whose
# X-Forwarded-For tells who the client is (search.throttle).
SEARCH_RATE_PER_MINUTE = env("SEARCH_RATE_PER_MINUTE")
SUGGEST_RATE_PER_MINUTE = env("SUGGEST_RATE_PER_MINUTE")
TRUSTED_PROXIES = env("TRUSTED_PROXIES")
WAGTAILDOCS_DOCUMENT_MODEL = "documents.LibraryDocument"
# Checks every upload by its content and stores it before a row is saved (documents/forms.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "documents.forms.LibraryDocumentForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "csv", "jpg", "jpeg", "png", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env("DOCUMENT_MAX_UPLOAD_MB") * 1024 * 1024
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
# The working group and administrators get workflow mail; superusers stay out of the day-to-day path.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Publish the version the working group approved, never a later edit (publishing/workflows.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "publishing.workflows.workflow_state_publish"
# Draftail, except that an editor left empty posts an empty value (core/widgets.py): no phantom edits.
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "core.widgets.RichTextArea"}}

# The publishing procedure: hours from the working group's approval to live before an "immediate" item is late
# (R3.3), and days before a review date that the reminders go out (R2.3).
IMMEDIATE_PUBLISH_LIMIT_HOURS = env("IMMEDIATE_PUBLISH_LIMIT_HOURS")
# Set time (R3.3) of the other classes in the yearly report: days from the working group's check to live.
ON_CHANGE_PUBLISH_LIMIT_DAYS = env("ON_CHANGE_PUBLISH_LIMIT_DAYS")
REVIEW_REMINDER_DAYS = env("REVIEW_REMINDER_DAYS")

# The public only reads (R2.2): sessions are for the administration only.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
