import importlib

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site

# Apps that contribute demo content, each through ``<app>.demo.load(site)``, in this order.
DEMO_APPS = ["home", "disclosure", "services", "integrity", "oversight"]


class Command(BaseCommand):
    help = "Fill an agency's site (the default site unless --hostname) with the Phetchaburi demo content. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--hostname", default=None)

    def handle(self, *args, hostname, **options):
        site = (
            Site.objects.filter(hostname=hostname).first()
            if hostname
            else Site.objects.filter(is_default_site=True).first()
        )
        if site is None:
            raise CommandError("ไม่พบเว็บไซต์ของหน่วยงาน: เรียก setup_agency ก่อน")
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            module.load(site)
            self.stdout.write(f"Demo content loaded: {app}")
