"""A database that does not answer is a temporary outage, not a server error."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def database_unavailable(request, exception) -> HttpResponse | None:
    """When the database is unreachable (restarting, down, a connection cut, a lock held too long), the visitor gets
    a Thai "try again shortly" page with status 503 and ``Retry-After`` at once, instead of a 500: load balancers and
    caches see a temporary outage. The page needs no database (``templates/503.html``). ``None`` for any other
    exception.

    Called by the 500 handler (``core.views.server_error``), which Django reaches from wherever the exception was
    raised: a view, or a middleware that reads the database (sessions, the user, the page cache's site lookup)."""
    if not isinstance(exception, OperationalError | InterfaceError):
        return None
    logger.error("Database unavailable on %s: %s", request.path, exception)
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
