from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"

    def ready(self):
        from disclosure.signal_handlers import register_signal_handlers

        register_signal_handlers()
