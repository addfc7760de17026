from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.models import AgencySettings

DEMO_AGENCY = ("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")


class Command(BaseCommand):
    help = (
        "What `make run` needs on the embedded defaults: the Phetchaburi demo agency, its demo content on a new "
        "database, and an administrator account. Fast when everything is already there."
    )

    def handle(self, *args, **options):
        name_th, name_en, hostname = DEMO_AGENCY
        # Wagtail's first migration leaves a placeholder Site on localhost:80; the agency is new until it has settings.
        is_new = not AgencySettings.objects.filter(site__hostname=hostname, site__port=80).exists()
        call_command("setup_agency", name_th, name_en, hostname, stdout=self.stdout)
        if is_new:
            call_command("load_demo_content", hostname=hostname, stdout=self.stdout)
        call_command("ensure_admin", stdout=self.stdout)
