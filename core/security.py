"""Response headers that tell browsers what a page may do: the Content-Security-Policy (strict on the public site,
as loose as Wagtail's admin needs under the admin) and the Permissions-Policy."""

from django.conf import settings

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with two policies: ``CONTENT_SECURITY_POLICY`` everywhere (no inline script or
    style, nothing from another origin), and ``ADMIN_CONTENT_SECURITY_POLICY`` for the paths under
    ``ADMIN_CSP_PATH_PREFIX``, because Wagtail's admin still writes inline scripts (inline panels, date pickers)
    and inline styles. A response that already carries a policy (a document served with its sandbox) keeps it.

    Wagtail renders a preview by passing a dummy request for the page's public URL through the middleware
    (``request.is_dummy``); that response is shown in the admin's preview panel, so it is left to the admin
    request that frames it to set the admin's policy (the public one's ``frame-ancestors 'none'`` would blank it)."""

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

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
