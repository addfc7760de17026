"""Settings shared by every environment.

Every value that may differ between installations comes from the environment and is declared once, with its type
and its embedded default, in ``env`` below. docs/configuration.md lists the same variables in a table; a test keeps
the two in step. Secrets have no usable default: ``production`` refuses to start without them.
"""

from datetime import timedelta
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
    BACKUP_DIR=(str, ""),
    CACHE_URL=(str, ""),
    PAGE_CACHE_SECONDS=(int, 86400),
    FRONTEND_CACHE_PURGE_URL=(str, ""),
    FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID=(str, ""),
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
    # Open data (disclosure/open_data.py)
    OPEN_DATA_LICENSE=(str, "dga-ogl"),
    # The link checker run by the scheduler (oversight/link_checker.py)
    LINK_CHECK_HOURS=(int, 24),
    # Sign-in and sessions (accounts/)
    LOGIN_FAILURE_LIMIT=(int, 5),
    LOGIN_COOLOFF_MINUTES=(int, 15),
    PRONGSAI_REQUIRE_2FA=(bool, False),
    SESSION_IDLE_TIMEOUT=(int, 30),
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
# Where `manage.py backup` writes its archives (core/backup.py).
BACKUP_DIR = Path(env("BACKUP_DIR") or VAR_DIR / "backups")

INSTALLED_APPS = [
    "agencies",
    "core",
    "documents",
    "home",
    "disclosure",
    "services",
    "integrity",
    "publishing",
    "oversight",
    "search",
    "accounts",
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
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
    # Content-Security-Policy (the admin's own, looser one under /admin/) and Permissions-Policy: core/security.py.
    "core.security.SiteCSPMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    # Anonymous visitors' pages from the shared cache: a hit runs no middleware below and no query.
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Thai for everyone (core/locale.py), not the browser's Accept-Language.
    "core.locale.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second step (accounts/).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After MessageMiddleware (their Thai messages): the idle and absolute session limits, then the second step.
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    # An admin URL naming another agency's object is refused before its view runs (publishing/isolation.py).
    "publishing.isolation.AgencyIsolationMiddleware",
    # After MessageMiddleware: its Thai message about an approval or a send-back is stored with the response.
    "core.workflow_feedback.WorkflowFeedbackMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the Thai lockout page.
    "axes.middleware.AxesMiddleware",
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
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis down must not take the site down: a miss instead of an error, within a second (core/cache.py).
    CACHES["default"]["BACKEND"] = "core.cache.FailOpenRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("socket_connect_timeout", 1)
    CACHES["default"]["OPTIONS"].setdefault("socket_timeout", 1)

if CACHES["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache":
    # Django's default of 300 entries would have the file cache cull pages (and the page cache's index) at random.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 50_000)

# The page cache (core.page_cache): the longest an anonymous visitor's page stays in the shared cache (entries also
# end at local midnight, and are purged exactly when what they show changes); 0 turns it off.
PAGE_CACHE_SECONDS = env("PAGE_CACHE_SECONDS")
# A front cache in front of gunicorn receives the same purges (wagtail.contrib.frontend_cache): an HTTP PURGE URL
# for nginx or Varnish, and/or a CloudFront distribution (boto3, with the standard AWS credentials).
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "core.frontend_cache.HTTPPurgeBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"),
    }

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
# The licence of the open data (/open-data/): a key of disclosure.open_data.LICENSES.
OPEN_DATA_LICENSE = env("OPEN_DATA_LICENSE")
# Hours between two checks of an agency's external links by run_scheduler; 0: never (check_links still runs).
LINK_CHECK_HOURS = env("LINK_CHECK_HOURS")

# The public only reads (R2.2): sessions are for the administration only. A session ends 8 hours after sign-in
# whatever happens (SESSION_COOKIE_AGE, enforced from the sign-in time by accounts.middleware), and after
# SESSION_IDLE_TIMEOUT minutes without a request (0: no idle limit).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_IDLE_TIMEOUT = env("SESSION_IDLE_TIMEOUT")

# Sign-in throttling (django-axes, accounts/): LOGIN_FAILURE_LIMIT failed sign-ins for one username, or from one
# client address (core.client_address, as for search throttling), lock that username or address for
# LOGIN_COOLOFF_MINUTES (0: until an administrator unlocks it). The backend comes first, as axes asks.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env("LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = timedelta(minutes=env("LOGIN_COOLOFF_MINUTES")) if env("LOGIN_COOLOFF_MINUTES") > 0 else None
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout_response"
AXES_RESET_ON_SUCCESS = True
# The cool-off runs from the lock: attempts during a lockout are refused (and in the audit log), not counted again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The audit log (accounts/audit.py) records sign-ins; axes keeps only the attempts it counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False

# Two-factor sign-in (django-otp, accounts/): TOTP with one-time recovery codes. Required of the working group,
# website administrators, executives and superusers when PRONGSAI_REQUIRE_2FA is on (production's default); anyone
# who enrolled must use it.
PRONGSAI_REQUIRE_2FA = env("PRONGSAI_REQUIRE_2FA")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (core/security.py). The public site runs no inline script or style and loads nothing from
# another origin but the object storage's images (presigned renditions); the only scripts are static files.
_STORAGE_ORIGINS = []
if S3_ENABLED:
    if env("AWS_S3_ENDPOINT_URL"):
        _STORAGE_ORIGINS = [env("AWS_S3_ENDPOINT_URL").rstrip("/")]
    else:
        _bucket, _region = env("AWS_STORAGE_BUCKET_NAME"), env("AWS_S3_REGION_NAME")
        _STORAGE_ORIGINS = [f"https://{_bucket}.s3.{_region}.amazonaws.com", f"https://s3.{_region}.amazonaws.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *_STORAGE_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail 7.4's admin still writes inline <script> elements (inline panels, multiple choosers, date and time
# pickers), inline event handlers and style attributes, shows images as data: and blob: URLs (upload previews,
# focal points) and frames its own preview: it gets those and nothing more. No other origin, no eval.
ADMIN_CSP_PATH_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_STORAGE_ORIGINS],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Powerful browser features no page of the site uses (core.security.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "camera": "()",
    "display-capture": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "usb": "()",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # Every failed sign-in is in the audit log already (accounts/audit.py).
        "axes": {"level": "ERROR"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
