from django.core.management import call_command
from django.core.management.base import BaseCommand

from wagtail.models import Site

DEMO_AGENCY = ("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")


class Command(BaseCommand):
    help = (
        "What `make run` needs on the embedded defaults: the Phetchaburi demo agency, its demo content on a new "
        "database, and an administrator account. Fast when everything is already there."
    )

    def handle(self, *args, **options):
        name_th, name_en, hostname = DEMO_AGENCY
        is_new = not Site.objects.filter(hostname=hostname, port=80).exists()
        call_command("setup_agency", name_th, name_en, hostname, stdout=self.stdout)
        if is_new:
            call_command("load_demo_content", hostname=hostname, stdout=self.stdout)
        call_command("ensure_admin", stdout=self.stdout)
