"""The database of tests/test_faults.py, built in a process of its own on the test's own PostgreSQL cluster:
``python -m tests.fault_database SCHEDULED`` (with DJANGO_SETTINGS_MODULE=tests.fault_settings and DATABASE_URL).

The tables are made from the models, not by running the migrations: seconds instead of a minute, and the faults
under test (a restarted database, a missing cache, a killed scheduler) do not depend on how the schema came to be.
Then Wagtail's first rows, the demo agency's skeleton, and SCHEDULED citizen's manuals whose approved revisions were
due to go live a minute ago."""

import datetime
import sys

import django
from django.conf import settings


class _NoMigrations(dict):
    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


def main(scheduled: int) -> None:
    settings.MIGRATION_MODULES = _NoMigrations()
    django.setup()

    from django.core.management import call_command
    from django.utils import timezone

    from agencies.services import agency_setup
    from conftest import _restore_wagtail_initial_data
    from publishing.tests.utils import manual_draft

    call_command("migrate", run_syncdb=True, verbosity=0)
    _restore_wagtail_initial_data()
    site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
    due = timezone.now() - datetime.timedelta(minutes=1)
    for number in range(scheduled):
        page = manual_draft(site, None, title=f"คู่มือการขออนุญาตฉบับที่ {number + 1}", slug=f"scheduled-{number + 1}")
        revision = page.latest_revision
        revision.approved_go_live_at = due
        revision.save(update_fields=["approved_go_live_at"])


if __name__ == "__main__":
    main(int(sys.argv[1]))
