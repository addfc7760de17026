from django.core.management import call_command
from django.core.management.base import BaseCommand

from wagtail.models import Site

from core.models import AgencySettings

DEMO_AGENCY = ("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")


class Command(BaseCommand):
    help = (
        "What `make run` needs on the embedded defaults: the Phetchaburi demo agency, its demo content on a new "
        "database, and an administrator account. Fast when everything is already there."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=80,
            help="the port the site is served on: public links (e-mails, the record, exports) carry it",
        )

    def handle(self, *args, port, **options):
        name_th, name_en, hostname = DEMO_AGENCY
        # The agency is new until it has settings (Wagtail's placeholder Site on localhost:80 is removed by setup).
        demo = AgencySettings.objects.filter(site__hostname=hostname).select_related("site").first()
        is_new = demo is None
        if demo is not None and demo.site.port != port:
            # `make run` on another PORT: the demo agency's links follow it (Wagtail builds them from the Site).
            Site.objects.filter(pk=demo.site_id).update(port=port)
            Site.clear_site_root_paths_cache()
        call_command("setup_agency", name_th, name_en, hostname, port=port, stdout=self.stdout)
        if is_new:
            call_command("load_demo_content", hostname=hostname, stdout=self.stdout)
        call_command("ensure_admin", stdout=self.stdout)
