from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    """Setting up an agency composes every other app (pages, groups, workflow, ITA permissions, demo content):
    it sits at the top of the import graph, and no other app imports it."""

    name = "agencies"
    verbose_name = "หน่วยงาน"
