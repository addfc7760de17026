from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "การเผยแพร่ข้อมูล"

    def ready(self):
        from publishing import signal_handlers

        signal_handlers.register()
