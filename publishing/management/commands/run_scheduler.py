import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections


class Command(BaseCommand):
    help = (
        "Run the periodic jobs of the publishing procedure every minute: Wagtail's scheduled publishing and "
        "expiry (publish_scheduled). Use --once from cron, or run it as a long-lived process beside the web server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run the jobs once and exit (for cron)")
        parser.add_argument("--interval", type=int, default=60, help="seconds between runs (default 60)")

    def handle(self, *args, once, interval, **options):
        self._stopping = False
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

    def run_jobs(self):
        close_old_connections()
        try:
            call_command("publish_scheduled", verbosity=0)
        finally:
            close_old_connections()

    def _stop(self, signum, frame):
        self._stopping = True
