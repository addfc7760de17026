"""The Phetchaburi demo content, loaded once per test module (it takes a while) inside a transaction that is rolled
back afterwards, so other modules start from an empty database; a spy on the Thai segmenter; the relevance figure."""

from django.db import transaction

import pytest


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    from agencies.services import agency_setup
    from conftest import _restore_wagtail_initial_data
    from disclosure import demo as disclosure_demo
    from home import demo as home_demo
    from services import demo as services_demo

    with django_db_blocker.unblock(), transaction.atomic():
        _restore_wagtail_initial_data()
        site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
        for module in (home_demo, disclosure_demo, services_demo):
            module.load(site)
        yield site
        transaction.set_rollback(True)


@pytest.fixture
def segmenter_calls(monkeypatch):
    """(length of the text, engine) of every call to the Thai segmenter."""
    import pythainlp.tokenize

    calls = []
    word_tokenize = pythainlp.tokenize.word_tokenize

    def spy(text, engine, **kwargs):
        calls.append((len(text), engine))
        return word_tokenize(text, engine=engine, **kwargs)

    monkeypatch.setattr(pythainlp.tokenize, "word_tokenize", spy)
    return calls


def pytest_terminal_summary(terminalreporter):
    """The relevance figure, printed once at the end of the run (the tests themselves stay silent)."""
    import sys

    module = sys.modules.get("search.tests.test_relevance")
    for vendor, (recall, found, total, misses) in getattr(module, "RESULTS", {}).items():
        terminalreporter.write_line(f"search relevance on {vendor}: recall@5 = {recall:.3f} ({found}/{total})")
        for query, expected in misses:
            terminalreporter.write_line(f"  missed: {query!r} -> {expected}")
