"""Security headers: every public page type answers with the strict Content-Security-Policy (no inline
script or style, nothing from another origin), a Permissions-Policy that turns off the camera, the microphone and
the location, and Cross-Origin-Opener-Policy; the admin gets its own, looser policy. In Debian's Chromium
(tests/test_security_headers_browser.py), the pages load without a single CSP violation."""

import io
import re

from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from wagtail.models import Page

import pytest

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


# What the strict policy would block in a page's markup: a script element without src, an event-handler attribute,
# a style element or attribute, a javascript: link.
INLINE = re.compile(
    r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>|\son[a-z]+=|<style|\sstyle=|javascript:",
    re.IGNORECASE,
)


def _directives(header: str) -> dict[str, str]:
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in header.split(";") if part.strip())


def _assert_public_headers(response, where):
    policy = _directives(response["Content-Security-Policy"])
    for directive, value in STRICT.items():
        assert policy.get(directive) == value, (where, directive, policy.get(directive))
    assert "unsafe-inline" not in response["Content-Security-Policy"], where
    assert "unsafe-eval" not in response["Content-Security-Policy"], where
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions, (where, feature)
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", where
    assert response["X-Content-Type-Options"] == "nosniff", where


@pytest.fixture(scope="module")
def demo_pages(django_db_setup, django_db_blocker):
    """The demo agency with all its content (every page type has a live page), built once for the module inside a
    transaction that is rolled back at the end."""
    from agencies.services import agency_setup
    from conftest import _restore_wagtail_initial_data

    with django_db_blocker.unblock(), transaction.atomic():
        _restore_wagtail_initial_data()
        agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
        call_command("load_demo_content", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _page_types():
    return [model for model in apps.get_models() if issubclass(model, Page) and model._meta.app_label != "wagtailcore"]


@pytest.mark.django_db
def test_every_public_page_type_sends_the_strict_policy(client, demo_pages):
    page_types = _page_types()
    assert len(page_types) >= 20
    for model in page_types:
        page = model.objects.live().public().first()
        assert page is not None, f"the demo has no live {model.__name__}"
        response = client.get(page.url, HTTP_HOST="localhost")
        assert response.status_code == 200, (model.__name__, response.status_code)
        _assert_public_headers(response, model.__name__)
        assert INLINE.findall(response.content.decode()) == [], model.__name__
    for path in ("/search/?q=ภาษี", "/no-such-page/"):
        _assert_public_headers(client.get(path, HTTP_HOST="localhost"), path)
    # A document keeps the sandboxing policy its own view sets.
    from wagtail.documents import get_document_model

    document = get_document_model().objects.filter(is_public=True).first()
    response = client.get(document.url, HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Security-Policy"].endswith("sandbox")


@pytest.mark.django_db
def test_the_admin_gets_its_own_policy(client, agency_site):
    response = client.get("/admin/login/")
    policy = _directives(response["Content-Security-Policy"])
    # Wagtail's admin writes inline scripts and styles; it still loads nothing from another origin and runs no eval.
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["frame-ancestors"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_error_page_is_self_contained_and_has_no_inline_markup(rf):
    from core.views import server_error

    html = server_error(rf.get("/")).content.decode()
    assert "ระบบขัดข้องชั่วคราว" in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert INLINE.findall(html) == []
