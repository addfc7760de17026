"""The site's language for every request: Thai (``LANGUAGE_CODE``), whatever the browser asks."""

from django.conf import settings
from django.utils import translation


class SiteLanguageMiddleware:
    """Django's LocaleMiddleware without the negotiation: it would give a browser that prefers English an English
    admin (and English public pages). Activating the site's language on each request also keeps one request's
    language from leaking into the next on the same thread. Wagtail's admin still applies a user's own choice."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        try:
            return self.get_response(request)
        finally:
            translation.deactivate()
