from django.core.management.base import BaseCommand, CommandError

from oversight.link_checker import TIMEOUT, WORKERS, agency_sites, links_check_locked


class Command(BaseCommand):
    help = (
        "Check the laws' source links and every link of the ITA evidence of one agency (--site) or of all, and keep "
        "what is broken for the website administrators' dashboard and the compliance matrix. run_scheduler does it "
        "once a day (LINK_CHECK_HOURS)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", help="the agency's site: its host name or id (default: every agency)")
        parser.add_argument("--timeout", type=float, default=TIMEOUT, help=f"seconds per request (default {TIMEOUT})")
        parser.add_argument("--workers", type=int, default=WORKERS, help=f"requests at once (default {WORKERS})")

    def handle(self, *args, site=None, timeout, workers, **options):
        if timeout <= 0 or workers < 1:
            raise CommandError("--timeout must be above 0 and --workers at least 1")
        sites = agency_sites()
        if site:
            sites = [s for s in sites if site.strip().lower() in (s.hostname.lower(), str(s.pk))]
            if not sites:
                raise CommandError(f"No agency site named {site!r} (give its host name or id)")
        for agency in sites:
            broken = links_check_locked(agency, timeout=timeout, workers=workers)
            if broken is None:
                self.stdout.write(f"{agency.hostname}: another run is checking this agency; skipped")
            else:
                self.stdout.write(f"{agency.hostname}: {len(broken)} broken link(s)")
