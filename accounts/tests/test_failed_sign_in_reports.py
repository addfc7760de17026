"""A failed sign-in with an unknown user name is in the audit log under no account (object id "-"): no report may
break on it. Signs in wrongly, then opens every report as every role."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

import pytest

from accounts.audit import name_log
from publishing.models import AgencyRole
from publishing.tests.utils import member_make

pytestmark = pytest.mark.django_db

REPORTS = [
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:site_history_results",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:page_types_usage",
    "oversight_report_yearly",
    "oversight_report_quarterly",
]


def test_a_failed_sign_in_with_an_unknown_name_breaks_no_report(agency_site):
    response = Client().post(reverse("wagtailadmin_login"), {"username": "nobody-here", "password": "wrong-password"})
    assert response.status_code == 200
    name_log("nobody-else", "prongsai.login_failed")
    users = [get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-123456")]
    users += [member_make(agency_site, role, f"user-{role}") for role in AgencyRole]
    for user in users:
        client = Client()
        client.force_login(user)
        for name in REPORTS:
            status = client.get(reverse(name)).status_code
            assert status in (200, 302, 403), (user.username, name, status)
