"""Search backend settings by environment: the database (embedded SQLite or PostgreSQL) or, for sites that outgrow
one database, OpenSearch/Elasticsearch with Thai analysis.

Imported by ``config/settings/base.py``: no Django imports here.

On OpenSearch/Elasticsearch the cluster segments Thai itself with its ``thai`` tokenizer (ICU dictionary
segmentation, in core, no plugin): the generated ``INDEX_SETTINGS`` make it the index's default analyzer and the
tokenizer of Wagtail's n-gram analyzers (used for autocomplete). Wagtail deep-merges ``INDEX_SETTINGS`` into its
own, so only what changes is given.
"""

DATABASE = "database"
CLUSTER_BACKENDS = {
    "elasticsearch7": "wagtail.search.backends.elasticsearch7",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
}
# The word filters every Thai analyzer applies: case folding, Thai/Arabic-Indic digits to 0-9, Latin accents.
THAI_FILTERS = ["lowercase", "decimal_digit", "asciifolding"]


def thai_index_settings() -> dict:
    """Index settings that analyse Thai by words: a ``thai`` analyzer (the ``thai`` tokenizer and
    ``THAI_FILTERS``) as the default for indexing and searching, and the ``thai`` tokenizer under Wagtail's
    ``ngram_analyzer`` and ``edgengram_analyzer``."""
    thai = {"type": "custom", "tokenizer": "thai", "filter": list(THAI_FILTERS)}
    return {
        "settings": {
            "analysis": {
                "analyzer": {
                    "thai": thai,
                    "default": dict(thai, filter=list(THAI_FILTERS)),
                    "default_search": dict(thai, filter=list(THAI_FILTERS)),
                    "ngram_analyzer": {"type": "custom", "tokenizer": "thai", "filter": [*THAI_FILTERS, "ngram"]},
                    "edgengram_analyzer": {
                        "type": "custom",
                        "tokenizer": "thai",
                        "filter": [*THAI_FILTERS, "edgengram"],
                    },
                }
            }
        }
    }


def search_backends(backend: str, urls: list[str], index: str) -> dict:
    """``WAGTAILSEARCH_BACKENDS`` for ``SEARCH_BACKEND``: ``database`` (default: this project's Thai-segmenting
    database backend) or one of ``CLUSTER_BACKENDS`` at ``SEARCH_URLS`` with ``thai_index_settings()``."""
    if backend == DATABASE:
        return {"default": {"BACKEND": "search.backend"}}
    if backend not in CLUSTER_BACKENDS:
        choices = ", ".join([DATABASE, *CLUSTER_BACKENDS])
        raise ValueError(f"SEARCH_BACKEND must be one of {choices}, not {backend!r}")
    if not urls:
        raise ValueError(f"SEARCH_BACKEND={backend} needs SEARCH_URLS (e.g. https://user:pass@search.internal:9200)")
    return {
        "default": {
            "BACKEND": CLUSTER_BACKENDS[backend],
            "URLS": list(urls),
            "INDEX": index,
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": thai_index_settings(),
        }
    }
