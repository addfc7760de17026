from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "คลังเอกสาร"

    def ready(self):
        from documents.signal_handlers import register_signal_handlers

        register_signal_handlers()
