from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "การเข้าสู่ระบบ"

    def ready(self):
        from accounts import signal_handlers

        signal_handlers.register()
