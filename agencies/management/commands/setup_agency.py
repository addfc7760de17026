from django.core.management.base import BaseCommand, CommandError

from agencies.services import agency_setup


class Command(BaseCommand):
    help = "Create (or complete) an agency's site: home page, category skeleton, collection and its four groups."

    def add_arguments(self, parser):
        parser.add_argument("name_th", help="ชื่อหน่วยงานภาษาไทย เช่น จังหวัดเพชรบุรี")
        parser.add_argument("name_en", help="English name, e.g. Phetchaburi Province")
        parser.add_argument("hostname", help="host name the site answers to, e.g. www.phetchaburi.go.th")
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument("--default", action="store_true", help="serve this site for unknown host names")

    def handle(self, *args, name_th, name_en, hostname, port, default, **options):
        if not name_th.strip():
            raise CommandError("ต้องระบุชื่อหน่วยงานภาษาไทย")
        site = agency_setup(name_th.strip(), name_en.strip(), hostname.strip().lower(), port, default or None)
        self.stdout.write(
            f"Agency site ready: {site.site_name} ({site.hostname}:{site.port}), home page id {site.root_page_id}"
        )
