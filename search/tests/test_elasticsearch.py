import pytest

from search.elasticsearch import CLUSTER_BACKENDS, search_backends, thai_index_settings


def test_database_is_the_default_backend():
    assert search_backends("database", [], "prongsai") == {"default": {"BACKEND": "search.backend"}}


@pytest.mark.parametrize("backend", sorted(CLUSTER_BACKENDS))
def test_cluster_backends_get_the_thai_analyzer(backend):
    config = search_backends(backend, ["https://search.internal:9200"], "prongsai")["default"]
    assert config["BACKEND"] == f"wagtail.search.backends.{backend}"
    assert config["URLS"] == ["https://search.internal:9200"]
    assert config["INDEX"] == "prongsai"
    analyzers = config["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]
    assert analyzers["default"]["tokenizer"] == "thai"
    assert analyzers["default_search"]["tokenizer"] == "thai"
    assert analyzers["edgengram_analyzer"] == {
        "type": "custom",
        "tokenizer": "thai",
        "filter": ["lowercase", "decimal_digit", "asciifolding", "edgengram"],
    }
    assert analyzers["ngram_analyzer"]["tokenizer"] == "thai"


def test_index_settings_merge_into_wagtails_own():
    """Wagtail deep-merges INDEX_SETTINGS: its n-gram filters stay, its analyzers get the thai tokenizer."""
    from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
    from modelsearch.utils import deep_update

    merged = deep_update(ElasticsearchBaseSearchBackend.settings, thai_index_settings())
    analysis = merged["settings"]["analysis"]
    assert analysis["filter"]["edgengram"]["type"] == "edge_ngram"
    assert analysis["analyzer"]["edgengram_analyzer"]["tokenizer"] == "thai"
    assert analysis["analyzer"]["thai"]["filter"][:2] == ["lowercase", "decimal_digit"]


@pytest.mark.parametrize(
    ("backend", "urls", "message"),
    [("solr", ["http://x"], "SEARCH_BACKEND must be one of"), ("opensearch2", [], "needs SEARCH_URLS")],
)
def test_bad_settings_stop_the_start(backend, urls, message):
    with pytest.raises(ValueError, match=message):
        search_backends(backend, urls, "prongsai")
