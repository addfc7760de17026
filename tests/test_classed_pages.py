"""Every public page type is classed (R3.1, R2.3): information class, responsible unit, review cycle and
ITA items, with the classification tab in its editor, so that nothing public escapes the working group's class,
the review reminders and the ITA evidence."""

from django.apps import apps

from wagtail.models import Page

from core.models import ClassifiedPageMixin
from publishing.selectors import disclosure_models


def _page_types():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model._meta.app_label != "wagtailcore"
    ]


def test_every_page_type_is_classed():
    page_types = _page_types()
    assert len(page_types) >= 20  # the walk finds the project's page types
    assert [model.__name__ for model in page_types if not issubclass(model, ClassifiedPageMixin)] == []
    assert set(disclosure_models()) == set(page_types)


def test_every_page_type_shows_the_classification_in_its_editor():
    missing = {}
    for model in _page_types():
        fields = set(model.get_edit_handler().get_form_class()._meta.fields)
        lacking = {"information_class", "responsible_unit", "review_interval_days"} - fields
        if lacking:
            missing[model.__name__] = sorted(lacking)
    assert missing == {}
