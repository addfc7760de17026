from django.core.management.base import BaseCommand

from wagtail.models import Site

# This machine's own names: `make run` listens on 127.0.0.1 only.
LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"]


class Command(BaseCommand):
    help = (
        "Print, comma-separated, the host names this installation answers to: this machine's own (localhost, "
        "127.0.0.1, [::1]) and every agency's site host name. `make run` sets ALLOWED_HOSTS from it at start-up, "
        "unless ALLOWED_HOSTS is set."
    )

    def handle(self, *args, **options):
        hosts = list(LOCAL_HOSTS)
        for hostname in Site.objects.order_by("hostname").values_list("hostname", flat=True).distinct():
            if hostname and hostname not in hosts:
                hosts.append(hostname)
        self.stdout.write(",".join(hosts))
