"""Wagtail's database search backend with Thai word segmentation, on SQLite FTS5 and on PostgreSQL.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", ...}}``. It is the backend that
``wagtail.search.backends.database`` picks for the database in use, with three changes:

- indexing: every value indexed (titles, bodies, structured fields, documents' text) is segmented into words
  (``search.segmentation.index_text``) when the object is saved/indexed; the index stores the spaced words;
- querying: each plain-text query is segmented the same way; an autocomplete query treats its last words as one
  possibly unfinished word (``สาธาร`` must find ``สาธารณสุข``, though the segmenter would cut it into ``สา ธาร``);
- ranking: a search ordered by relevance is one statement that starts from the full-text index and gives ids and
  scores (``ranked``), the objects of the results shown then read by id (``RankedResultsMixin``): SQLite joins from
  the FTS table; PostgreSQL matches through the GIN indexes, takes the title matches first, then the newest body
  matches from windows of the newest index entries, and ranks in full only the first RANK_IN_FULL of them
  (``CandidateRankingMixin``): the work per query follows the results asked for, not the size of the site.

The SQLite FTS5 table must tokenise Thai vowels and tone marks as parts of words: migration
``search.0002_sqlite_fts_thai_tokenizer`` recreates it with ``categories 'L* N* Co Mn Mc'``.
"""

import contextlib
from functools import cache

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.db.models.expressions import Value

from modelsearch.query import PlainText

from search import segmentation

# Bounded work per query: the characters read and the words searched for.
QUERY_MAX_CHARS = 100
QUERY_MAX_WORDS = 12
# An autocomplete query's unfinished word may be the last 1..N segments glued back together.
AUTOCOMPLETE_MAX_MERGE = 4
# PostgreSQL: how many candidates are ranked in full (title and body). A body's tsvector is stored out of line (TOAST)
# and ranking reads it: ranking every match of a common word would read most of the index. The title matches come
# first (best title first), then the newest body matches; the first RANK_IN_FULL of them are ranked on title and body,
# the others follow them in that order.
RANK_IN_FULL = 100
# PostgreSQL: the newest body matches are looked for among the newest RECENT_WINDOW index entries first, then in
# windows RECENT_WINDOW_GROWTH times as large, each older than the one before, until enough are found: for a common
# word only the index rows of a window are read, not those of every match on the site.
RECENT_WINDOW = 2000
RECENT_WINDOW_GROWTH = 8
# ts_rank_cd's normalisation flag 32: rank / (rank + 1).
RANK_SATURATED = 32
# PostgreSQL: a phrase's operators in a tsquery's text (``<->``, ``<2>``), a regular expression.
PHRASE_OPERATOR = "<(-|[0-9]+)>"


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


class RankedResultsMixin:
    """Search results read through the compiler's ``ranked`` (one statement giving ids and scores in order, the
    objects then read by id) where the compiler handles the query."""

    def _handled(self):
        return getattr(self.query_compiler, "handles_ranking", lambda: False)()

    def _do_search(self):
        if not self._handled():
            return super()._do_search()
        ranked = self.ranked_ids()
        objects = {str(obj.pk): obj for obj in self.query_compiler.queryset.filter(pk__in=[pk for pk, _ in ranked])}
        results = []
        for object_id, score in ranked:
            obj = objects.get(object_id)
            if obj is None:  # deleted between the two reads
                continue
            if self._score_field:
                setattr(obj, self._score_field, score)
            results.append(obj)
        return results

    def ranked_ids(self):
        """[(object_id as text, score)] of these results (``start`` to ``stop``), best first, without reading the
        objects: a search that ranks 200 results and shows ten reads only the ten it shows."""
        if not self._handled():
            return [(str(obj.pk), getattr(obj, self._score_field or "_score", None)) for obj in self.results()]
        compiler = self.query_compiler
        try:
            return compiler.ranked(compiler.get_config(self.backend), self.start, self.stop)
        except EmptyResultSet:  # the queryset can match nothing (``none()``, ``pk__in=[]``)
            return []

    def _do_count(self):
        if not self._handled():
            return super()._do_count()
        try:
            return self.query_compiler.ranked_count(self.query_compiler.get_config(self.backend))
        except EmptyResultSet:
            return 0


def _own_ids_sql(queryset):
    """SQL and parameters of the ids (as text, as the index stores them) of ``queryset``'s objects."""
    from django.db.models import CharField
    from django.db.models.functions import Cast

    sql, params = (
        queryset.order_by()
        .values_list(Cast("pk", output_field=CharField()))
        .query.get_compiler(using=queryset.db)
        .as_sql()
    )
    return sql, list(params)


def _own_pk_check_sql(queryset):
    """SQL (a template with ``{object_id}``) and parameters of a test that the index entry's object is one of
    ``queryset``'s, looked up by primary key: a scalar subquery, which PostgreSQL runs per entry through the primary
    key's index (an ``IN``/``EXISTS`` would be planned as a hash of every object of the queryset)."""
    from django.db.models import IntegerField

    pk = queryset.model._meta.pk
    target = pk.target_field if pk.is_relation else pk  # a multi-table child's pk is its parent link
    if isinstance(target, IntegerField):  # AutoField and BigAutoField too
        sql, params = queryset.order_by().values_list("pk").query.get_compiler(using=queryset.db).as_sql()
        key = "CAST({object_id} AS bigint)"
    else:
        sql, params = _own_ids_sql(queryset)
        key = "{object_id}"
    sql = sql.replace("{", "{{").replace("}", "}}")
    return f"(SELECT true FROM ({sql}) own_ids(pk) WHERE own_ids.pk = {key} LIMIT 1) IS NOT NULL", list(params)


@cache
def _sqlite_backend_class():
    # Importing these needs the SQLite FTS model, which exists only on SQLite.
    from django.db.models import F
    from django.db.models.sql import Query

    from modelsearch.backends.database.sqlite import query as sqlite_query
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import LexemeCombinable, SearchQueryExpression
    from modelsearch.conf import get_app_config
    from modelsearch.query import And, Or
    from modelsearch.utils import get_descendants_content_types_pks

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

        # Searches ordered by relevance run as one statement that starts from the FTS table (``CROSS JOIN`` fixes
        # the order): joined from the page table instead, SQLite evaluated the MATCH once per page, reading every
        # word's whole list each time (10,000 items: seconds for a common word).

        def handles_ranking(self):
            query = sqlite_query.normalize(self.query)
            return self.fields is None and self.order_by_relevance and isinstance(query, PlainText | And | Or)

        def _statement_parts(self, config):
            db = self.queryset.db
            query = sqlite_query.normalize(self.query)
            match = sqlite_query.MatchExpression(self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
            index_entry = get_app_config().get_model("IndexEntry")
            match_sql, match_params = match.as_sql(Query(index_entry).get_compiler(using=db), connections[db])
            content_types = get_descendants_content_types_pks(self.queryset.model)
            quote = connections[db].ops.quote_name
            return {
                "db": db,
                "fts": quote(sqlite_query.SQLiteFTSIndexEntry._meta.db_table),
                "entries": quote(index_entry._meta.db_table),
                "match": (match_sql, list(match_params)),
                "own": _own_ids_sql(self.queryset),
                "content_types": (", ".join(["%s"] * len(content_types)) or "NULL", content_types),
            }

        def _from_where(self, parts):
            sql = f"""
                FROM {parts["fts"]} CROSS JOIN {parts["entries"]} e ON e.id = {parts["fts"]}.rowid
                WHERE {parts["match"][0]}
                  AND e.content_type_id IN ({parts["content_types"][0]})
                  AND e.object_id IN ({parts["own"][0]})
            """
            return sql, [*parts["match"][1], *parts["content_types"][1], *parts["own"][1]]

        def ranked(self, config, start, stop):
            """[(object_id as text, score)] of results ``start`` to ``stop``, best (lowest bm25) first."""
            parts = self._statement_parts(config)
            from_where, params = self._from_where(parts)
            # modelsearch's rank: bm25 over title and body, weighted by title_norm (favouring short titles).
            sql = f"""
                SELECT e.object_id, bm25({parts["fts"]}) * (e.title_norm + 1.0) AS score {from_where}
                ORDER BY score ASC, e.id DESC
                LIMIT %s OFFSET %s
            """
            with connections[parts["db"]].cursor() as cursor:
                cursor.execute(sql, [*params, -1 if stop is None else stop - start, start])
                return cursor.fetchall()

        def ranked_count(self, config):
            parts = self._statement_parts(config)
            from_where, params = self._from_where(parts)
            with connections[parts["db"]].cursor() as cursor:
                cursor.execute("SELECT count(*) " + from_where, params)
                return cursor.fetchone()[0]

    class ThaiSQLiteSearchQueryCompiler(JoinedMatchMixin, sqlite.SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if not isinstance(query, PlainText):
                return super().build_search_query_content(query, config=config)
            terms = query_terms(query.query_string)
            if not terms:
                return SearchQueryExpression(FTSExpression('""'))
            joiner = " AND " if query.operator.upper() == "AND" else " OR "
            expression = "(" + joiner.join(fts_word(term) for term in terms) + ")"
            if len(terms) > 1:
                # The words side by side, as typed, also count: bm25 adds the phrase's own score (it matches
                # only where every word does, so what is found stays the same).
                expression = "(" + expression + " OR (" + " + ".join(fts_word(term) for term in terms) + "))"
            return SearchQueryExpression(FTSExpression(expression))

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

    class ThaiSQLiteSearchResults(RankedResultsMixin, sqlite.SQLiteSearchResults):
        pass

    class ThaiSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
        query_compiler_class = ThaiSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = ThaiSQLiteAutocompleteQueryCompiler
        results_class = ThaiSQLiteSearchResults
        # bm25() is negative: the best match has the lowest score.
        lower_score_is_better = True

    return ThaiSQLiteSearchBackend


@cache
def _postgres_backend_class():
    from django.contrib.postgres.search import SearchQuery, SearchRank
    from django.db.models import F, Q
    from django.db.models.sql import Query

    from modelsearch.backends.database.postgres import postgres
    from modelsearch.backends.database.postgres.query import Lexeme
    from modelsearch.conf import get_app_config
    from modelsearch.query import And, Or
    from modelsearch.utils import get_descendants_content_types_pks

    _install_segmenting_indexer(postgres)

    def combine(lexemes, is_and):
        combined = lexemes[0]
        for lexeme in lexemes[1:]:
            combined = (combined & lexeme) if is_and else (combined | lexeme)
        return combined

    class IndexedColumnsMixin:
        def search(self, config, start, stop, score_field=None, backend=None):
            """As modelsearch's, but matching each indexed column on its own (``title @@ q OR body @@ q``) rather
            than their concatenation, which no index covers. (Searches ordered by relevance go through
            ``CandidateRankingMixin.ranked`` instead; this serves type-ahead and searches ordered by a field.)"""
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

    class CandidateRankingMixin:
        """Ranking with bounded work, in one statement:

        1. ``titled``: the index entries of the model searched whose title matches, found through the title's GIN
           index, each with the rank of its title;
        2. ``candidates``, at most ``cap = max(RANK_IN_FULL, stop)``: those of them in the model's queryset (live,
           public, of the site, filters), best title rank first; then, while there are fewer than ``cap``, the
           entries whose body alone matches, newest first, each checked against the queryset in turn until ``cap``
           are found. They are looked for in windows of index entries, the newest RECENT_WINDOW first, each next
           one older and RECENT_WINDOW_GROWTH times larger (``recent_windows``); a window's matches are found by
           ANDing the body's GIN index with a range of the primary key, so a common word reads the index rows of
           the windows it needs, not those of every match on the site (the planner ANDs them where it knows how
           common the words are: migration search.0004 has it keep the frequencies of the 10,000 commonest). An
           entry is checked by its primary key (``object_own``): the work follows the candidates looked at, not the
           size of the site;
        3. the first RANK_IN_FULL candidates ranked in full (title rank x title_norm + body rank, ``build_tsrank``),
           best first; the others after them, in candidate order, with scores below the lowest of those ranked in
           full (scores of pages and of documents are merged by the caller).

        Where no more than RANK_IN_FULL items match, which is most queries of a real site, the order is exactly that
        of ranking every match. Matching goes through the indexes by bitmaps alone (``index_scans``): the planner,
        which does not count the cost of reading a body out of line, would otherwise prefer reading and testing
        every body, or every body of a window in primary key order."""

        def handles_ranking(self):
            return self.fields is None and self.order_by_relevance and isinstance(self.query, PlainText | And | Or)

        def _statement_parts(self, config):
            index_entry = get_app_config().get_model("IndexEntry")
            db = self.queryset.db
            query = Query(index_entry)
            compiler = query.get_compiler(using=db)

            def sql(expression):
                compiled, params = compiler.compile(expression.resolve_expression(query))
                return compiled, list(params)

            title_rank = self._build_rank_expression([(F("title"), F("title_norm"))], config)
            full_rank = self._build_rank_expression([(F("title"), F("title_norm")), (F("body"), 1.0)], config)
            return {
                "db": db,
                "table": connections[db].ops.quote_name(index_entry._meta.db_table),
                "tsquery": sql(self.build_tsquery(self.query, config=config)),
                "title_rank": sql(title_rank),
                "rank": sql(full_rank),
                "own_by_pk": _own_pk_check_sql(self.queryset),
                "content_types": get_descendants_content_types_pks(self.queryset.model),
            }

        def ranked_statement(self, config, start, stop):
            """(database alias, SQL, parameters) of ``ranked``."""
            parts = self._statement_parts(config)
            cap = max(RANK_IN_FULL, stop) if stop is not None else None
            table = parts["table"]
            tsquery, tsquery_params = parts["tsquery"]
            own, own_params = parts["own_by_pk"]
            # ``content_type_id + 0``: not through its own index, which the planner may pick on a small table (every
            # page type is most of the index) and then test every body. ``OFFSET 0`` keeps each subquery as written:
            # the body matches of a window sorted newest first, then checked one by one until the LIMIT is reached
            # (a filter pushed down into the sort would check every match). The branches run in turn, and only
            # until ``cap`` candidates are found: the older windows of a common word are never read.
            # A word with dots or a colon (``พ.ร.บ.``, ``9001:2015``) is a phrase (``'พ' <-> 'ร' <-> 'บ'``), which the
            # GIN index cannot check: every entry holding its words would be read and its body tested, in each
            # window. A window matches the phrase's words instead (``loose``: ``<->`` as ``&``, which the index
            # checks alone), and the phrase is tested on the entries looked at, one by one, until ``cap`` are found.
            # (A CASE, so that an empty query, whose text '' is no tsquery, is never cast back.)
            loose = (
                f"CASE WHEN ({tsquery})::text ~ '{PHRASE_OPERATOR}'"
                f" THEN regexp_replace(({tsquery})::text, '{PHRASE_OPERATOR}', '&', 'g')::tsquery ELSE {tsquery} END"
            )
            phrase_checked = (
                f"(({tsquery})::text !~ '{PHRASE_OPERATOR}' OR EXISTS (SELECT 1 FROM {table} p"
                f" WHERE p.id = b.id AND p.body @@ {tsquery}))"
            )
            branches = [
                f"""(SELECT t.id, t.object_id, 0 AS branch, t.title_score FROM (
                        SELECT * FROM titled ORDER BY title_score DESC, id DESC OFFSET 0
                    ) t WHERE {own.format(object_id="t.object_id")} LIMIT %s)"""
            ]
            branch_params = [*own_params, cap]
            for number, (lower, upper) in enumerate(
                recent_windows(_index_top(parts["db"], table, parts["content_types"])), start=1
            ):
                bounds, bound_params = "", []
                if lower is not None:
                    bounds += f" AND {table}.id > %s"
                    bound_params.append(lower)
                if upper is not None:
                    bounds += f" AND {table}.id <= %s"
                    bound_params.append(upper)
                branches.append(
                    f"""(SELECT b.id, b.object_id, {number} AS branch, 0.0::float8 AS title_score FROM (
                        SELECT {table}.id, {table}.object_id FROM {table}
                        WHERE {table}.body @@ {loose} AND NOT ({table}.title @@ {tsquery})
                          AND {table}.content_type_id + 0 = ANY(%s){bounds}
                        ORDER BY {table}.id DESC OFFSET 0
                    ) b WHERE {own.format(object_id="b.object_id")} AND {phrase_checked} LIMIT %s)"""
                )
                branch_params += [
                    *(tsquery_params * 3),  # loose
                    *tsquery_params,  # the title's
                    parts["content_types"],
                    *bound_params,
                    *own_params,
                    *(tsquery_params * 2),  # phrase_checked
                    cap,
                ]
            union = "\nUNION ALL\n".join(branches)
            sql = f"""
                WITH titled AS MATERIALIZED (
                    SELECT {table}.id, {table}.object_id, ({parts["title_rank"][0]})::float8 AS title_score
                    FROM {table}
                    WHERE {table}.title @@ {tsquery} AND {table}.content_type_id + 0 = ANY(%s)
                ),
                candidates AS MATERIALIZED (
                    SELECT c.id, c.object_id,
                           row_number() OVER (ORDER BY c.branch, c.title_score DESC, c.id DESC) AS position
                    FROM (SELECT * FROM ({union}) u LIMIT %s) c
                ),
                ranked_in_full AS MATERIALIZED (
                    SELECT c.id, c.object_id, c.position, ({parts["rank"][0]})::float8 AS score
                    FROM candidates c JOIN {table} ON {table}.id = c.id
                    WHERE c.position <= %s
                )
                SELECT r.object_id, r.score FROM (
                    SELECT f.object_id, f.score, false AS tail, f.id AS tie FROM ranked_in_full f
                    UNION ALL
                    SELECT c.object_id,
                           (SELECT coalesce(min(score), 0) FROM ranked_in_full)
                           * ((SELECT max(position) FROM candidates) + 1 - c.position)
                           / ((SELECT max(position) FROM candidates) + 1),
                           true, -c.position
                    FROM candidates c WHERE c.position > %s
                ) r
                ORDER BY r.score DESC, r.tail, r.tie DESC
                LIMIT %s OFFSET %s
            """
            params = [
                *parts["title_rank"][1],
                *tsquery_params,
                parts["content_types"],
                *branch_params,
                cap,
                *parts["rank"][1],
                RANK_IN_FULL,
                RANK_IN_FULL,
                None if stop is None else stop - start,
                start,
            ]
            return parts["db"], sql, params

        def ranked(self, config, start, stop):
            """[(object_id as text, score)] of results ``start`` to ``stop``, best first."""
            db = self.queryset.db
            with index_scans(db):
                return run_with_index_scans(*self.ranked_statement(config, start, stop))

        def ranked_count(self, config):
            """Every match counts: the queryset's ids are read once (a hash), not checked one by one."""
            parts = self._statement_parts(config)
            table = parts["table"]
            tsquery, tsquery_params = parts["tsquery"]
            own, own_params = _own_ids_sql(self.queryset)
            sql = f"""
                SELECT count(*) FROM {table}
                WHERE ({table}.title @@ {tsquery} OR {table}.body @@ {tsquery})
                  AND {table}.content_type_id + 0 = ANY(%s) AND {table}.object_id IN ({own})
            """
            params = [*tsquery_params, *tsquery_params, parts["content_types"], *own_params]
            return run_with_index_scans(parts["db"], sql, params)[0][0]

    def run_with_index_scans(db, sql, params):
        """Run ``sql`` with the planner settings of ``index_scans``: the matching must go through the GIN indexes."""
        with index_scans(db), connections[db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    class ThaiPostgresSearchQueryCompiler(
        CandidateRankingMixin, IndexedColumnsMixin, postgres.PostgresSearchQueryCompiler
    ):
        def build_tsquery_content(self, query, config=None, invert=False):
            if not isinstance(query, PlainText):
                return super().build_tsquery_content(query, config=config, invert=invert)
            terms = query_terms(query.query_string)
            if not terms:  # punctuation, lone letters: an empty query, which matches nothing ('' is no lexeme)
                return SearchQuery("", search_type="plain", config=config)
            is_and = (query.operator.lower() == "and") != invert
            lexemes = [Lexeme(term, invert=invert) for term in terms]
            return SearchQuery(combine(lexemes, is_and), search_type="raw", config=config)

        def build_tsrank(self, vector, query, config=None, boost=1.0):
            """Cover density (``ts_rank_cd``: the words close together, as a Thai compound typed without spaces
            is, rank higher than the same words scattered), saturated (``rank / (rank + 1)``: a long document
            that repeats a word a hundred times does not outrank every short page that names it)."""
            if not isinstance(query, PlainText):
                return super().build_tsrank(vector, query, config=config, boost=boost)
            rank = SearchRank(
                vector,
                self.build_tsquery(query, config=config),
                weights=self.sql_weights,
                cover_density=True,
                normalization=RANK_SATURATED,
            )
            return rank * boost if boost != 1.0 else rank

    class ThaiPostgresAutocompleteQueryCompiler(IndexedColumnsMixin, postgres.PostgresAutocompleteQueryCompiler):
        def build_tsquery_content(self, query, config=None, invert=False):
            if not isinstance(query, PlainText):
                return super().build_tsquery_content(query, config=config, invert=invert)
            readings = autocomplete_alternatives(query_terms(query.query_string))
            if not readings:
                return SearchQuery("", search_type="plain", config=config)
            alternatives = [
                combine([*(Lexeme(word) for word in finished), Lexeme(prefix, prefix=True)], is_and=True)
                for finished, prefix in readings
            ]
            return SearchQuery(combine(alternatives, is_and=False), search_type="raw", config=config)

    class ThaiPostgresSearchResults(RankedResultsMixin, postgres.PostgresSearchResults):
        pass

    class ThaiPostgresSearchBackend(postgres.PostgresSearchBackend):
        query_compiler_class = ThaiPostgresSearchQueryCompiler
        autocomplete_query_compiler_class = ThaiPostgresAutocompleteQueryCompiler
        results_class = ThaiPostgresSearchResults

    return ThaiPostgresSearchBackend


def recent_windows(top):
    """The windows of index entry ids in which body matches are looked for, newest first: [(lower, upper)], ``lower``
    excluded and ``upper`` included, None where open; the newest RECENT_WINDOW ids, then windows RECENT_WINDOW_GROWTH
    times larger, down to the oldest. ``top`` is the highest id (None: the index is empty), read when the search began:
    the first window ends there too, so that the planner sees it as small as it is (open above, it would be estimated
    as every newer entry of every other model)."""
    if top is None or top <= RECENT_WINDOW:
        return [(None, None)]  # a small index: one window, which the title and body indexes alone read best
    windows, upper, size = [], top, RECENT_WINDOW
    while top - size > 0:
        windows.append((top - size, upper))
        upper = top - size
        size *= RECENT_WINDOW_GROWTH
    windows.append((None, upper))
    return windows


def _index_top(using, table, content_types):
    """The highest index entry id of the models ``content_types``: from what ``index_scans`` read, else read here.
    Of those models, not of the whole index: entries are numbered in the order they were indexed, and a rebuilt index
    numbers one model after another, so the newest entries of the index may all be pages when documents are searched.
    """
    db = connections[using]
    if getattr(db, "prongsai_index_scans", False):
        tops = db.prongsai_index_tops
    else:
        with db.cursor() as cursor:
            cursor.execute(f"SELECT {_tops_sql(table)}")
            tops = cursor.fetchone()[0]
    found = [top for content_type, top in (tops or {}).items() if int(content_type) in content_types and top]
    return max(found) if found else None


def _tops_sql(table):
    """An expression of {content type id: its highest index entry id}: one probe of ``search_indexentry_type_id``
    (migration search.0003) per content type."""
    return (
        "(SELECT json_object_agg(ct.id, (SELECT max(e.id) FROM "
        + table
        + " e WHERE e.content_type_id = ct.id)) FROM django_content_type ct)"
    )


# Planner settings for the search statements (PostgreSQL): no sequential scans and no plain index scans, only bitmaps.
_PLANNER_SETTINGS = ("enable_seqscan", "enable_indexscan")


@contextlib.contextmanager
def index_scans(using=DEFAULT_DB_ALIAS):
    """On PostgreSQL, the statements run inside read tables through bitmaps of their indexes alone
    (``enable_seqscan = off``, ``enable_indexscan = off``), so that matching goes through the GIN indexes and a
    window of the newest entries ANDs the body's GIN index with the primary key's: the planner, which does not count
    the cost of reading a body stored out of line, would otherwise read and test every body, or every body of a
    window in primary key order. The same statement reads each model's highest index entry id, for the windows
    (``recent_windows``). One setting for every search of a request (pages and documents): in a transaction of its
    own it ends with it; inside a caller's transaction it is put back as it was (and a rollback to the caller's
    savepoint puts it back too). Nothing on other databases; nesting is free."""
    from modelsearch.conf import get_app_config

    db = connections[using]
    if db.vendor != "postgresql" or getattr(db, "prongsai_index_scans", False):
        yield
        return
    table = db.ops.quote_name(get_app_config().get_model("IndexEntry")._meta.db_table)
    nested = db.in_atomic_block
    with transaction.atomic(using=using) if not nested else contextlib.nullcontext():
        with db.cursor() as cursor:
            # The select list runs in order: the settings as they were, then set. The highest ids are planned
            # before either is set (index-only scans).
            cursor.execute(
                "SELECT "
                + ", ".join(f"current_setting('{name}')" for name in _PLANNER_SETTINGS)
                + ", "
                + ", ".join(f"set_config('{name}', 'off', true)" for name in _PLANNER_SETTINGS)
                + f", {_tops_sql(table)}"
            )
            row = cursor.fetchone()
        previous = row[: len(_PLANNER_SETTINGS)]
        db.prongsai_index_tops = row[-1]
        db.prongsai_index_scans = True
        try:
            yield
        finally:
            db.prongsai_index_scans = False
            db.prongsai_index_tops = None
            if nested:
                # After a database error the caller's transaction is aborted; its rollback restores the settings.
                with contextlib.suppress(DatabaseError), db.cursor() as cursor:
                    cursor.execute(
                        "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in _PLANNER_SETTINGS),
                        list(previous),
                    )


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
