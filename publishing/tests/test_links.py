"""Links in e-mails follow the server: the admin's from WAGTAILADMIN_BASE_URL, the public site's from the
agency's Site, its port included; `make run` sets both to its PORT (bootstrap_demo --port, scripts/serve.sh)."""

import io

from django.core import mail
from django.core.management import call_command

from wagtail.models import Site

import pytest

from .utils import admin_approve, manual_draft, submit, team_make, wg_approve

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_on_8765(agency_site, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8765"
    Site.objects.filter(pk=agency_site.pk).update(port=8765)
    Site.clear_site_root_paths_cache()
    return Site.objects.get(pk=agency_site.pk)


def test_e_mail_links_carry_the_servers_port(site_on_8765):
    team = team_make(site_on_8765)
    draft = manual_draft(site_on_8765, team["editor"])
    submit(draft, team["editor"])
    to_reviewer = next(message for message in mail.outbox if team["reviewer"].email in message.to)
    assert f"http://127.0.0.1:8765/admin/pages/{draft.pk}/edit/" in to_reviewer.body

    wg_approve(team["reviewer"], draft)
    mail.outbox.clear()
    admin_approve(team["admin"], draft)
    to_editor = next(message for message in mail.outbox if team["editor"].email in message.to)
    assert "http://localhost:8765/services/building-permit/" in to_editor.body


def test_bootstrap_demo_puts_the_demo_agency_on_the_served_port(agency_site, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "demo-password-2568")
    monkeypatch.delenv("ADMIN_USERNAME", raising=False)
    call_command("bootstrap_demo", port=8765, stdout=io.StringIO())
    site = Site.objects.get(pk=agency_site.pk)
    assert (site.hostname, site.port, site.root_url) == ("localhost", 8765, "http://localhost:8765")
    assert Site.objects.count() == 1
    # Served on the default port again: the links follow.
    call_command("bootstrap_demo", stdout=io.StringIO())
    assert Site.objects.get(pk=agency_site.pk).root_url == "http://localhost"
