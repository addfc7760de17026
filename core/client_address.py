"""Who the client is, for per-client limits (search throttling, login lockouts) and the audit log.

The client is the connecting address, or, when that is a trusted reverse proxy (``TRUSTED_PROXIES``), the address
the proxy appended last to ``X-Forwarded-For`` (the entries before it are whatever the client sent)."""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    if remote in settings.TRUSTED_PROXIES:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if hops:
            try:
                return str(ipaddress.ip_address(hops[-1]))
            except ValueError:
                pass
    return remote
