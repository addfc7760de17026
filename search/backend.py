"""Wagtail's database search backend with Thai word segmentation, on SQLite FTS5 and on PostgreSQL.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", ...}}``. It is the backend that
``wagtail.search.backends.database`` picks for the database in use, with two changes:

- indexing: every value indexed (titles, bodies, structured fields, documents' text) is segmented into words
  (``search.segmentation.index_text``) when the object is saved/indexed; the index stores the spaced words;
- querying: each plain-text query is segmented the same way; an autocomplete query treats its last words as one
  possibly unfinished word (``สาธาร`` must find ``สาธารณสุข``, though the segmenter would cut it into ``สา ธาร``).

The SQLite FTS5 table must tokenise Thai vowels and tone marks as parts of words: migration
``search.0002_sqlite_fts_thai_tokenizer`` recreates it with ``categories 'L* N* Co Mn Mc'``.
"""

from functools import cache

from django.db import connection
from django.db.models.expressions import Value

from modelsearch.query import PlainText

from search import segmentation

# Bounded work per query: the characters read and the words searched for.
QUERY_MAX_CHARS = 100
QUERY_MAX_WORDS = 12
# An autocomplete query's unfinished word may be the last 1..N segments glued back together.
AUTOCOMPLETE_MAX_MERGE = 4


def query_words(query_string: str) -> list[str]:
    """Every word of the query as segmented, single Thai letters included (the spelling check needs them)."""
    return segmentation.query_words(query_string, QUERY_MAX_CHARS, QUERY_MAX_WORDS)


def query_terms(query_string: str) -> list[str]:
    """The words searched for: a lone Thai letter is a segmenter's leftover (a typo, an unknown word), not a word."""
    return [word for word in query_words(query_string) if not segmentation.is_thai_letter(word)]


def autocomplete_alternatives(terms: list[str]) -> list[tuple[list[str], str]]:
    """(finished words, unfinished prefix) readings of a segmented partial query, most likely first:
    ``[สา, ธาร]`` -> ``([], "สาธาร")``, ``([สา], "ธาร")``."""
    if not terms:
        return []
    readings = []
    first = max(0, len(terms) - AUTOCOMPLETE_MAX_MERGE)
    for cut in range(first, len(terms)):
        readings.append((terms[:cut], "".join(terms[cut:])))
    return readings


class _SegmentingIndexerMixin:
    """Segments each indexed value once per object, whichever of title/body/autocomplete asks for it."""

    def prepare_field(self, obj, field):
        cache = self.__dict__.setdefault("_segmented", {})
        for item in super().prepare_field(obj, field):
            *head, value = item
            if value not in cache:
                cache[value] = segmentation.index_text(value)
            yield (*head, cache[value])


def _install_segmenting_indexer(module):
    """modelsearch's index classes build their ``ObjectIndexer`` from a module global, with no setting or hook to
    choose another: replace it, once, by a subclass that segments. Every index on this database engine is then
    segmented, which is what this backend is for."""
    if not issubclass(module.ObjectIndexer, _SegmentingIndexerMixin):
        module.ObjectIndexer = type(
            "Thai" + module.ObjectIndexer.__name__, (_SegmentingIndexerMixin, module.ObjectIndexer), {}
        )


@cache
def _sqlite_backend_class():
    # Importing these needs the SQLite FTS model, which exists only on SQLite.
    from django.db.models import F

    from modelsearch.backends.database.sqlite import query as sqlite_query
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import LexemeCombinable, SearchQueryExpression
    from modelsearch.query import And, Or

    _install_segmenting_indexer(sqlite)

    class FTSExpression(LexemeCombinable, Value):
        """A complete FTS5 expression built here, with every word quoted."""

        def as_sql(self, compiler, connection):
            return "%s", [self.value]

    def fts_word(word, prefix=False):
        return '"' + word.replace('"', '""') + '"' + ("*" if prefix else "")

    class JoinedMatchMixin:
        def search(self, config, start, stop, score_field=None):
            """As modelsearch's, but joining the FTS table once and reading bm25() from that join, instead of a
            score subquery run again for every matching row (10,000 pages: a median of seconds)."""
            query = sqlite_query.normalize(self.query)
            if self.fields is not None or not isinstance(query, PlainText | And | Or):
                return super().search(config, start, stop, score_field=score_field)
            match = sqlite_query.MatchExpression(self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
            score_field = score_field or "_score"
            queryset = (
                self.queryset.filter(index_entries__sqliteftsindexentry__isnull=False)
                .filter(match)
                # modelsearch's own rank: bm25 for the title (weighted by title_norm, favouring short titles) plus
                # bm25 for the body, both over the whole row.
                .annotate(**{score_field: sqlite_query.BM25() * (F("index_entries__title_norm") + 1.0)})
            )
            if self.order_by_relevance:
                queryset = queryset.order_by(score_field, "-pk")
            elif not queryset.query.order_by:
                queryset = queryset.order_by("-pk")
            return queryset[start:stop]

    class ThaiSQLiteSearchQueryCompiler(JoinedMatchMixin, sqlite.SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if not isinstance(query, PlainText):
                return super().build_search_query_content(query, config=config)
            terms = query_terms(query.query_string)
            if not terms:
                return SearchQueryExpression(FTSExpression('""'))
            joiner = " AND " if query.operator.upper() == "AND" else " OR "
            return SearchQueryExpression(FTSExpression("(" + joiner.join(fts_word(term) for term in terms) + ")"))

    class ThaiSQLiteAutocompleteQueryCompiler(JoinedMatchMixin, sqlite.SQLiteAutocompleteQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if not isinstance(query, PlainText):
                return super().build_search_query_content(query, config=config)
            readings = autocomplete_alternatives(query_terms(query.query_string))
            if not readings:
                return SearchQueryExpression(FTSExpression('""'))
            alternatives = [
                "(" + " AND ".join([*(fts_word(word) for word in finished), fts_word(prefix, prefix=True)]) + ")"
                for finished, prefix in readings
            ]
            return SearchQueryExpression(FTSExpression("(" + " OR ".join(alternatives) + ")"))

    class ThaiSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
        query_compiler_class = ThaiSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = ThaiSQLiteAutocompleteQueryCompiler
        # bm25() is negative: the best match has the lowest score.
        lower_score_is_better = True

    return ThaiSQLiteSearchBackend


@cache
def _postgres_backend_class():
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import Q

    from modelsearch.backends.database.postgres import postgres
    from modelsearch.backends.database.postgres.query import Lexeme
    from modelsearch.query import And, Or

    _install_segmenting_indexer(postgres)

    def combine(lexemes, is_and):
        combined = lexemes[0]
        for lexeme in lexemes[1:]:
            combined = (combined & lexeme) if is_and else (combined | lexeme)
        return combined

    class IndexedColumnsMixin:
        def search(self, config, start, stop, score_field=None, backend=None):
            """As modelsearch's, but matching each indexed column on its own (``title @@ q OR body @@ q``) rather
            than their concatenation, which no index covers: PostgreSQL then uses the GIN indexes instead of
            reading every index entry (10,000 pages: p95 from about 730 ms to the figure in the README)."""
            if self.fields is not None or not isinstance(self.query, PlainText | And | Or):
                return super().search(config, start, stop, score_field=score_field, backend=backend)
            search_query = self.build_tsquery(self.query, config=config)
            vectors = self.get_search_vectors(search_query)
            rank_expression = self._build_rank_expression(vectors, config)
            match = Q()
            for vector, _boost in vectors:
                match |= Q(**{vector.name: search_query})
            queryset = self.queryset.filter(match)
            return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)

    class ThaiPostgresSearchQueryCompiler(IndexedColumnsMixin, postgres.PostgresSearchQueryCompiler):
        def build_tsquery_content(self, query, config=None, invert=False):
            if not isinstance(query, PlainText):
                return super().build_tsquery_content(query, config=config, invert=invert)
            terms = query_terms(query.query_string) or [""]
            is_and = (query.operator.lower() == "and") != invert
            lexemes = [Lexeme(term, invert=invert) for term in terms]
            return SearchQuery(combine(lexemes, is_and), search_type="raw", config=config)

    class ThaiPostgresAutocompleteQueryCompiler(IndexedColumnsMixin, postgres.PostgresAutocompleteQueryCompiler):
        def build_tsquery_content(self, query, config=None, invert=False):
            if not isinstance(query, PlainText):
                return super().build_tsquery_content(query, config=config, invert=invert)
            readings = autocomplete_alternatives(query_terms(query.query_string)) or [([], "")]
            alternatives = [
                combine([*(Lexeme(word) for word in finished), Lexeme(prefix, prefix=True)], is_and=True)
                for finished, prefix in readings
            ]
            return SearchQuery(combine(alternatives, is_and=False), search_type="raw", config=config)

    class ThaiPostgresSearchBackend(postgres.PostgresSearchBackend):
        query_compiler_class = ThaiPostgresSearchQueryCompiler
        autocomplete_query_compiler_class = ThaiPostgresAutocompleteQueryCompiler

    return ThaiPostgresSearchBackend


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    """The Thai-segmenting backend for the database in use: PostgreSQL or SQLite with FTS5."""
    params = {"SEARCH_CONFIG": "simple", **params}
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available

        if fts5_available():
            return _sqlite_backend_class()(params)
    raise NotImplementedError(
        "Prongsai's Thai search needs PostgreSQL or SQLite with FTS5 (MySQL's backend splits Thai with \\W)."
    )
