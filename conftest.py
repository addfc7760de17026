"""Fixtures shared by every app's tests."""

import pytest


@pytest.fixture
def agency_site(db):
    """The Phetchaburi demo agency's site, as ``setup_agency`` makes it."""
    from core.services import agency_setup

    return agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")


@pytest.fixture
def second_agency_site(db, agency_site):
    from core.services import agency_setup

    return agency_setup("เทศบาลเมืองเพชรบุรี", "Phetchaburi Town Municipality", "town.localhost")
