import logging
import sys

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connections
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.outage import database_unavailable

logger = logging.getLogger(__name__)


def _database_status() -> str:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure to answer is "down", whatever the driver raised
        logger.warning("healthz: database unavailable: %s", exc)
        return "error"
    return "ok"


def _storage_status() -> str:
    try:
        if hasattr(default_storage, "bucket"):
            # S3-compatible storage: one HEAD on the bucket, bounded by the client's short timeouts.
            default_storage.connection.meta.client.head_bucket(Bucket=default_storage.bucket_name)
        else:
            default_storage.listdir("")
    except Exception as exc:
        logger.warning("healthz: storage unavailable: %s", exc)
        return "error"
    return "ok"


@never_cache
def healthz(request):
    """Liveness for load balancers and monitoring: 200 when the database and the storage both answer."""
    checks = {"database": _database_status(), "storage": _storage_status()}
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks, "storage_backend": settings.STORAGES["default"]["BACKEND"]},
        status=200 if healthy else 503,
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Django's 500 handler, called while the exception is being handled: a database outage is a 503."""
    return database_unavailable(request, sys.exc_info()[1]) or render(request, "500.html", status=500)
