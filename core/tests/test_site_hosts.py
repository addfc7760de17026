"""`make run` answers only to its own host names: this machine's and every agency's site host name,
computed at start-up by `manage.py site_hosts`; any other Host header gets 400."""

import io

from django.core.management import call_command

import pytest

pytestmark = pytest.mark.django_db


def _site_hosts():
    out = io.StringIO()
    call_command("site_hosts", stdout=out)
    return out.getvalue().strip()


def test_site_hosts_are_this_machine_and_every_agency(agency_site, second_agency_site, client, settings):
    hosts = _site_hosts()
    assert hosts == "localhost,127.0.0.1,[::1],town.localhost"

    settings.ALLOWED_HOSTS = hosts.split(",")
    assert client.get("/", HTTP_HOST="town.localhost").status_code == 200
    assert client.get("/", HTTP_HOST="127.0.0.1:8000").status_code == 200
    assert client.get("/", HTTP_HOST="[::1]:8000").status_code == 200
    refused = client.get("/", HTTP_HOST="www.attacker.example")
    assert refused.status_code == 400 and "คำขอไม่ถูกต้อง" in refused.content.decode()
