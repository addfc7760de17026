import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from publishing.services import scheduler_owner, scheduler_run

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the periodic jobs of the publishing procedure every minute: scheduled publishing and expiry in the "
        "order their times fell (catching up once after downtime), then the review reminders, then — once a day "
        "per agency (LINK_CHECK_HOURS), one agency per run — the link checker (check_links). Runs started at the "
        "same time share a database lock, so nothing happens twice. Use --once from cron, or run it as a "
        "long-lived process beside the web server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run the jobs once and exit (for cron)")
        parser.add_argument("--interval", type=int, default=60, help="seconds between runs (default 60)")

    def handle(self, *args, once, interval, verbosity=1, **options):
        self.verbosity = verbosity
        self._stopping = False
        self.owner = scheduler_owner()
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        while True:
            self.run_jobs()
            if once:
                return
            deadline = time.monotonic() + interval
            while not self._stopping and time.monotonic() < deadline:
                time.sleep(min(1.0, deadline - time.monotonic()))
            if self._stopping:
                self.stdout.write("Scheduler stopped.")
                return

    def _fresh_connection(self):
        # A long-lived process must drop connections the database closed; never inside a transaction (tests).
        if not connection.in_atomic_block:
            close_old_connections()

    def run_jobs(self):
        self._fresh_connection()
        try:
            result = scheduler_run(self.owner)
            if result is None:
                if self.verbosity > 1:
                    self.stdout.write("Another scheduler run holds the lock; skipped.")
            elif self.verbosity > 1 or result["published_or_expired"] or result["reminders"]:
                self.stdout.write(
                    f"Published/expired: {len(result['published_or_expired'])}; reminder e-mails: {result['reminders']}"
                )
            self.check_links()
        finally:
            self._fresh_connection()

    def check_links(self):
        """The daily link check, under each agency's own lease: publishing is never held up by another process's
        check, and a failing check is logged without stopping the scheduler."""
        from oversight.link_checker import links_check_due

        try:
            site = links_check_due(self.owner)
        except Exception:
            logger.exception("The link check failed")
            return
        if site is not None:
            self.stdout.write(f"Links checked: {site.hostname}")

    def _stop(self, signum, frame):
        self._stopping = True
