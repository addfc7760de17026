from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "การเผยแพร่ข้อมูล"

    def ready(self):
        from publishing import agency_reports

        agency_reports.page_filters_narrow()
