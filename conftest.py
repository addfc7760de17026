"""Fixtures shared by every app's tests."""

import pytest


def _restore_wagtail_initial_data():
    """Transactional tests flush every table, including what Wagtail's migrations create: the page tree root,
    the default locale and the root collection. Put them back when they are gone."""
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="th")
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root", content_type_id=None))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")


@pytest.fixture
def agency_site(db):
    """The Phetchaburi demo agency's site, as ``setup_agency`` makes it."""
    from core.services import agency_setup

    _restore_wagtail_initial_data()

    return agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")


@pytest.fixture
def second_agency_site(db, agency_site):
    from core.services import agency_setup

    return agency_setup("เทศบาลเมืองเพชรบุรี", "Phetchaburi Town Municipality", "town.localhost")
