"""The HTTP PURGE backend for nginx or Varnish in front of gunicorn: Wagtail's, with a timeout, so that a front cache
that does not answer never holds an editor's publication (Wagtail's waits without limit)."""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5


class HTTPPurgeBackend(HTTPBackend):
    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, parts.fragment]),
            headers={"Host": host, "User-Agent": "Wagtail-frontendcache/" + __version__},
        )
        try:
            with urlopen(request, timeout=TIMEOUT_SECONDS):
                pass
        except HTTPError as error:
            logger.error("Front cache purge of %s failed: HTTP %d %s", url, error.code, error.reason)
        except (URLError, OSError) as error:
            logger.error("Front cache purge of %s failed: %s", url, getattr(error, "reason", error))
