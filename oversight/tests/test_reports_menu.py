"""One รายงาน menu: the yearly and quarterly reports beside Wagtail's reports, each role seeing the
reports it uses and none it has no use for; no Help menu (English, and links to the internet)."""

import json
import re

from django.utils import timezone

import pytest

from publishing.models import AgencyRole
from publishing.tests.utils import client_for, member_make
from search.models import SearchQueryDay


def main_menu(client) -> list[dict]:
    html = client.get("/admin/").content.decode()
    props = re.search(r'id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S).group(1)
    modules = json.loads(props)["modules"]
    return next(module for module in modules if module["_type"] == "wagtail.sidebar.MainMenuModule")["_args"][0]


def reports_of(client) -> tuple[str | None, set[str]]:
    """The reports menu's label and the names of its items (no menu: ``(None, set())``)."""
    for item in main_menu(client):
        name, label = item["_args"][0]["name"], item["_args"][0]["label"]
        if name == "reports":
            return label, {sub["_args"][0]["name"] for sub in item["_args"][1]}
    return None, set()


EVERY_ROLE = {"workflows", "site-history", "aging-pages"}
OVERSIGHT = {"yearly-report", "quarterly-report"}
EXPECTED = {
    AgencyRole.EDITORS: EVERY_ROLE,
    AgencyRole.WORKING_GROUP: EVERY_ROLE | OVERSIGHT | {"workflow-tasks", "searches-without-results"},
    AgencyRole.ADMINISTRATORS: EVERY_ROLE | OVERSIGHT | {"workflow-tasks", "searches-without-results", "locked-pages"},
    AgencyRole.EXECUTIVES: OVERSIGHT,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_the_reports_it_uses(agency_site, role):
    client = client_for(member_make(agency_site, role, f"member-{role}"))
    label, names = reports_of(client)
    assert label == "รายงาน"
    assert names == EXPECTED[role]
    top = [item["_args"][0]["name"] for item in main_menu(client)]
    assert "help" not in top and top.count("reports") == 1


@pytest.mark.django_db
def test_a_superuser_sees_every_report(agency_site, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.go.th", "x-secret-123456")
    label, names = reports_of(client_for(root))
    assert names >= EXPECTED[AgencyRole.ADMINISTRATORS] | {"page-types-usage"}


@pytest.mark.django_db
def test_the_searches_report_shows_the_users_agencies_only(agency_site, second_agency_site):
    SearchQueryDay.objects.create(
        site=agency_site, query_string="ใบขับขี่", day=timezone.localdate(), hits=2, no_result_hits=2
    )
    SearchQueryDay.objects.create(
        site=second_agency_site, query_string="ตลาดนัดเทศบาล", day=timezone.localdate(), hits=1, no_result_hits=1
    )
    town_reviewer = client_for(member_make(second_agency_site, AgencyRole.WORKING_GROUP, "town-reviewer"))
    page = town_reviewer.get("/admin/reports/searches-without-results/").content.decode()
    assert "ตลาดนัดเทศบาล" in page and "ใบขับขี่" not in page
    editor = client_for(member_make(agency_site, AgencyRole.EDITORS, "editor"))
    assert editor.get("/admin/reports/searches-without-results/").status_code in (302, 403)
