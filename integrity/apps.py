from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "integrity"
    verbose_name = "การส่งเสริมคุณธรรมและความโปร่งใส"
