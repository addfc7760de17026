"""Production: refuses to start without its secrets; ``manage.py check --deploy`` is clean."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )
if "ALLOWED_HOSTS" not in env.ENVIRON or not env.list("ALLOWED_HOSTS"):
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the site's host names in production (comma-separated, e.g. www.example.go.th)."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must not be '*' in production.")

# TLS ends at the proxy in front of gunicorn (deploy/nginx.conf), which sets X-Forwarded-Proto.
if env("USE_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = True
# Two-factor sign-in for the working group, website administrators, executives and superusers (accounts/).
PRONGSAI_REQUIRE_2FA = env.bool("PRONGSAI_REQUIRE_2FA", default=True)
CSRF_COOKIE_SECURE = True
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is the agency's own decision (it is hard to undo); it is not switched on here.
    "security.W021",
]
