"""Response headers that tell browsers what a page may do: the Content-Security-Policy (strict on the public site,
as loose as Wagtail's admin needs under the admin) and the Permissions-Policy."""

from django.conf import settings
from django.http import HttpResponse

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import default_config


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with two policies: ``CONTENT_SECURITY_POLICY`` everywhere (no inline script or
    style, nothing from another origin), and ``ADMIN_CONTENT_SECURITY_POLICY`` for the paths under
    ``ADMIN_CSP_PATH_PREFIX``, because Wagtail's admin still writes inline scripts (inline panels, date pickers)
    and inline styles. A response that already carries a policy (a document served with its sandbox) keeps it.

    Wagtail renders a preview by passing a dummy request for the page's public URL through the middleware
    (``request.is_dummy``); that response is shown in the admin's preview panel, so it is left to the admin
    request that frames it to set the admin's policy (the public one's ``frame-ancestors 'none'`` would blank it)."""

    # What a view may set on its response to change the policy (django-csp's decorators).
    PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")
    PER_RESPONSE = PER_RESPONSE + tuple(f"{name}_ro" for name in PER_RESPONSE)

    def __init__(self, get_response):
        super().__init__(get_response)
        self._headers = {}

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            return response
        if (
            getattr(request, "_csp_nonce", None) is not None
            or response.status_code >= 400
            or HEADER in response
            or HEADER_REPORT_ONLY in response
            or any(hasattr(response, name) for name in self.PER_RESPONSE)
        ):
            return super().process_response(request, response)
        # The usual response (no nonce, no per-view policy) gets the same headers for every path of its kind:
        # built once (django-csp builds them on each response: a third of a page-cache hit's time).
        policy = settings.CONTENT_SECURITY_POLICY
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        key = (request.path_info.startswith(settings.ADMIN_CSP_PATH_PREFIX), *self._excluded(request))
        known = self._headers.get(key)
        if known is None or known[0] is not policy or known[1] is not report_only:
            probe = HttpResponse()
            super().process_response(request, probe)
            known = self._headers[key] = (
                policy,
                report_only,
                [(name, probe[name]) for name in probe.headers if name in (HEADER, HEADER_REPORT_ONLY)],
            )
        for name, value in known[2]:
            response[name] = value
        return self._after(request, response)

    def _after(self, request, response):
        # As django-csp does once the header is written: a nonce asked for later is an error, not a silent gap.
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def _excluded(request) -> tuple[bool, bool]:
        flags = []
        for setting in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"):
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ()
            flags.append(request.path_info.startswith(tuple(prefixes)))
        return tuple(flags)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(settings.ADMIN_CSP_PATH_PREFIX):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` on every response: no page of the site uses the camera, the microphone, the
    location or payment, so no script (nor an embedded frame) may ask for them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}={allow}" for feature, allow in settings.PERMISSIONS_POLICY.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
