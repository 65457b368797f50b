"""The PostgreSQL engine: one denormalised table with a weighted tsvector (search/models.py).

Everything for a results page (the page of hits with snippets, the total and every facet
count) comes from one statement over one filtered set, so counts never disagree with the
results and never include a document the reader may not see. docs/search.md has the design
and what each choice cost when measured.
"""

import json
import multiprocessing
import multiprocessing.util
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from django.db import connection, connections, transaction
from django.utils import timezone
from psycopg2.extras import execute_values

from search.documents import Document, DocumentBatches
from search.engines.base import (
    FACET_FIELDS,
    INTEGER_FACETS,
    MULTI_VALUED,
    Engine,
    EngineError,
    EngineResult,
    Hit,
    Reader,
    SavedQuery,
    SearchRequest,
)
from search.models import SearchDocument, SearchSample, SearchWord

CONFIG = "cop_english"
HIGHLIGHT_START = "\x02"
HIGHLIGHT_STOP = "\x03"
HEADLINE_OPTIONS = (
    f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_STOP}, MaxWords=35, MinWords=15, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
# Snippets are cut from a window of this much of a document's text, starting a little before
# the first place where one of the query's stems occurs (the start when none does):
# ts_headline parses all it is given, and was most of a rare word's search (docs/search.md).
HEADLINE_CHARS = 480
HEADLINE_LEAD = 120
# Ranking is the costly part when a term matches much of the corpus. Every match is ordered
# by the rank of its compact vector (titles, summaries, lessons: `rank_vector`), and only this
# many of the best by that order are ranked on their whole vector (docs/search.md).
RANK_CANDIDATES = 60
# Per statement: no JIT compilation (it costs more than it saves on these queries), and
# enough memory for exact bitmaps and in-memory sorts and aggregates at 25 % matches. Set in
# the search's own transaction rather than on the connection, which a pooler such as
# PgBouncer in transaction mode would refuse or drop (docs/deployment.md).
SESSION_SQL = "SET LOCAL jit = off; SET LOCAL work_mem = '32MB'"
# Similar case studies: at most this many sharing a theme (or, failing those, a title word)
# are ranked. 150 cost a case study's first view about 2 ms more (docs/search.md, item 14).
SIMILAR_CANDIDATES = 60
WORD_RE = re.compile(r"[^\W\d_]{3,40}")
DOC_TABLE = SearchDocument._meta.db_table
WORD_TABLE = SearchWord._meta.db_table
SAMPLE_TABLE = SearchSample._meta.db_table
# Queries that match many documents are counted and ranked on a fixed pseudo-random sample of
# the index rows (search_searchsample, chosen by a hash of the key) and scaled up, with the
# result marked approximate. Three tiers: the sample holds the rows whose bucket (the key's
# hash modulo SAMPLE_BUCKETS) is below SAMPLE_BUCKETS / SAMPLE_EVERY (1 in 8); those in bucket
# 0 (1 in 64) have an index of their own, and so do the `sparse` ones among them (the key's
# hash modulo SPARSE_EVERY is 0: 1 in 512). The sparse tier is counted first: beyond
# SPARSE_FROM estimated matches it is the one searched, so that a very common word costs about
# the same however large the index grows. Otherwise the 1-in-64 tier is counted and picks:
# every match at most EXACT_UP_TO (estimated), 1 in 8 up to SMALL_SAMPLE_UP_TO, 1 in 64
# beyond (docs/search.md, "Very common queries"). Phrases move on sooner (PHRASE_*).
SAMPLE_BUCKETS = 64
SAMPLE_EVERY = 8
SPARSE_EVERY = 512
EXACT_UP_TO = 400
SMALL_SAMPLE_UP_TO = 16000
SPARSE_FROM = 128_000
PHRASE_SMALL_SAMPLE_UP_TO = 2000
PHRASE_SPARSE_FROM = 16_000
# The stems of a tsquery (the quoted lexemes querytree() prints), as a SQL string literal.
STEMS_RE = "'''([^'']+)'''"
PHRASE_RE = re.compile(r'"[^"]*\w[^"\w]+\w[^"]*"')  # a quoted phrase of two words or more
SAMPLE_WHERE = f"(hashtext(d.key) & {SAMPLE_BUCKETS - 1}) < {SAMPLE_BUCKETS // SAMPLE_EVERY}"
# The sample rows of each tier smaller than the whole sample (each has a partial index).
TIER_WHERE = {SAMPLE_BUCKETS: "d.bucket = 0", SPARSE_EVERY: "d.sparse"}


def _facet_codes_sql(alias: str = "d") -> str:
    """Every facet value of a row as one text[] of "facet:value" codes."""
    parts = []
    for name, column in FACET_FIELDS.items():
        if column in MULTI_VALUED:
            parts.append(f"ARRAY(SELECT '{name}:' || v FROM unnest({alias}.{column}) AS v)")
        else:
            parts.append(
                f"CASE WHEN coalesce({alias}.{column}::text, '') = '' THEN '{{}}'::text[] "
                f"ELSE ARRAY['{name}:' || {alias}.{column}] END"
            )
    return " || ".join(parts)


# What a search filters and facets on, in the index table and in its sample.
FILTER_COLUMNS = [
    "theme_ids",
    "service_area_ids",
    "organisation_ids",
    "organisation_types",
    "regions",
    "stage",
    "year",
    "lesson_kind",
    "lesson_category",
    "published_at",
]
SAMPLE_COLUMNS = [
    "id",
    "bucket",
    "sparse",
    "page_id",
    "kind",
    "community_id",
    "audience",
    "search_vector",
    "rank_vector",
    *FILTER_COLUMNS,
]
SAMPLE_INSERT_SQL = (
    f"INSERT INTO {SAMPLE_TABLE} ({', '.join(SAMPLE_COLUMNS)}, facet_codes) "
    f"SELECT d.id, hashtext(d.key) & {SAMPLE_BUCKETS - 1}, "
    f"(hashtext(d.key) & {SPARSE_EVERY - 1}) = 0, "
    f"{', '.join('d.' + column for column in SAMPLE_COLUMNS[3:])}, {_facet_codes_sql()} "
    f"FROM {DOC_TABLE} d WHERE {SAMPLE_WHERE} AND "
)
# After the condition: a page indexed twice at once must not fail on the second insert.
SAMPLE_UPSERT_SQL = " ON CONFLICT (id) DO UPDATE SET " + ", ".join(
    f"{column} = EXCLUDED.{column}" for column in [*SAMPLE_COLUMNS[1:], "facet_codes"]
)

# New entries of a GIN index go to its pending list, merged into the index in bulk when the
# list outgrows gin_pending_list_limit (4 MB by default) or the table is vacuumed. Every
# search reads the whole list: 425 pages (3.4 MB) left in the 1-in-64 tier's small index
# after a rebuild cost 5 ms a search there and made the planner prefer the 1-in-8 index,
# tripling phrase times (docs/search.md, item 17). A rebuild writes with the default (a
# smaller list cost up to 0.9 ms more per case study) and merges every list at the end;
# indexing a page keeps lists small, so searches never read more than about 32 pages of one.
PAGE_PENDING_SQL = "SET LOCAL gin_pending_list_limit = '256kB'"
CLEAN_PENDING_SQL = f"""
    SELECT x.relname, gin_clean_pending_list(i.indexrelid::regclass) FROM pg_index i
    JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_am a ON a.oid = x.relam
    WHERE a.amname = 'gin'
      AND i.indrelid IN ('{DOC_TABLE}'::regclass, '{SAMPLE_TABLE}'::regclass)"""

COLUMNS = [
    "key",
    "kind",
    "page_id",
    "community_id",
    "audience",
    "url",
    "title",
    "summary",
    "body",
    "organisation",
    *FILTER_COLUMNS,
    "fingerprint",
    "indexed_at",
]
VECTOR_SQL = (
    f"setweight(to_tsvector('{CONFIG}', %s), 'A') || "
    f"setweight(to_tsvector('{CONFIG}', %s), 'B') || "
    f"setweight(to_tsvector('{CONFIG}', %s), 'C')"
)
INSERT_TEMPLATE = "(" + ", ".join(["%s"] * len(COLUMNS)) + ", " + VECTOR_SQL + ")"
UPSERT_SQL = (
    f"INSERT INTO {DOC_TABLE} ({', '.join(COLUMNS)}, search_vector) VALUES %s "
    "ON CONFLICT (key) DO UPDATE SET "
    + ", ".join(f"{column} = EXCLUDED.{column}" for column in COLUMNS[1:])
    + ", search_vector = EXCLUDED.search_vector"
)


# "Did you mean" words of documents (title and summary), counted per community and audience.
# Split in Python, in the process that builds the documents (a rebuild's writers), rather than
# by a second parse in the database: 0.66 ms of database time per case study before. Accents
# are folded with the rules of PostgreSQL 18's `unaccent` (a copy in search/unaccent.rules),
# as suggest() folds the reader's word in the database.
UNACCENT_RULES = Path(__file__).resolve().parent.parent / "unaccent.rules"


def _unaccent_table() -> dict[int, str]:
    table = {}
    for line in UNACCENT_RULES.read_text(encoding="utf-8").splitlines():
        source, _tab, target = line.partition("\t")
        table[ord(source)] = target
    return table


_UNACCENT = _unaccent_table()
# E-mail and web addresses, which the database's parser keeps whole (and "did you mean" skips).
_ADDRESS_RE = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[a-z][a-z0-9+.-]*://[^\s,;()<>]+|\bwww\.[^\s,;()<>]+"
)
# Whole words of 3 to 40 letters a-z: no other letter or digit either side (an underscore
# separates words, as in the database's parser).
_WORD_RE = re.compile(r"(?<![^\W_])[a-z]{3,40}(?![^\W_])")
WORDS_UPSERT_SQL = f"""
    INSERT INTO {WORD_TABLE} (word, community_id, audience, documents) VALUES %s
    ON CONFLICT ON CONSTRAINT search_word_unique
    DO UPDATE SET documents = {WORD_TABLE}.documents + EXCLUDED.documents
"""


def suggestion_words(text: str) -> set[str]:
    """The words "did you mean" learns from `text`: folded as lower(unaccent(text)) folds
    them, then whole words of 3 to 40 letters a-z (no digits, no parts of e-mail or web
    addresses)."""
    text = text.translate(_UNACCENT).lower()
    if not text.isascii():
        # Any other character that is not a letter (a superscript digit, a symbol) separates
        # words, as in the database's parser.
        text = "".join(c if c.isascii() or c.isalpha() else " " for c in text)
    if "@" in text or "://" in text or "www." in text:
        text = _ADDRESS_RE.sub(" ", text)
    return set(_WORD_RE.findall(text))


def count_words(documents: Iterable[tuple[str, str, int | None, int]]) -> Counter:
    """How many of `documents`, given as (title, summary, community id, audience), have each
    "did you mean" word in their title or summary, by (word, community id, audience)."""
    by_group = defaultdict(Counter)
    for title, summary, community_id, audience in documents:
        by_group[(community_id, audience)].update(suggestion_words(f"{title} {summary}"))
    return Counter(
        {(word, *group): n for group, counts in by_group.items() for word, n in counts.items()}
    )


def _words_of(documents: Iterable[Document]) -> Iterator[tuple[str, str, int | None, int]]:
    return ((d.title, d.summary, d.community_id, d.audience) for d in documents)


def about(count: int) -> int:
    """An estimate rounded to two significant figures (at least 1)."""
    if count < 100:
        return max(1, count)
    digits = len(str(count)) - 2
    return round(count, -digits)


def _row(document: Document, fingerprint: str, now) -> tuple:
    values = [getattr(document, column) for column in COLUMNS[:-2]]
    return (*values, fingerprint, now, document.text_a, document.text_b, document.text_c)


def visibility_sql(reader: Reader, alias: str = "d") -> tuple[str, list]:
    """SQL (and its parameters) limiting rows to what `reader` may see.

    Bounded: one array of the reader's own communities, never a clause per document."""
    if reader.superuser:
        return "TRUE", []
    audiences = [0, 1] if reader.approved else [0]
    return (
        f"({alias}.audience = ANY(%s::smallint[]) OR {alias}.community_id = ANY(%s::int[]))",
        [audiences, list(reader.member_ids)],
    )


def where_sql(request: SearchRequest) -> tuple[str, list]:
    """Rows `d` matching the request's text (any row when it has none), that its reader may
    see, within its filters."""
    visible, visible_params = visibility_sql(request.reader)
    filters, filter_params = filters_sql(request)
    if request.text:
        tsquery, tsquery_params = tsquery_sql(request)
        match = f"d.search_vector @@ {tsquery}"
    else:
        match, tsquery_params = "TRUE", []
    return f"{match} AND {visible} AND {filters}", [
        *tsquery_params,
        *visible_params,
        *filter_params,
    ]


def filters_sql(request: SearchRequest, alias: str = "d") -> tuple[str, list]:
    clauses, params = [], []
    for name, values in request.filters.items():
        column = FACET_FIELDS[name]
        if not values:
            continue
        if column in MULTI_VALUED:
            cast = "int[]" if column.endswith("_ids") else "text[]"
            clauses.append(f"{alias}.{column} && %s::{cast}")
        else:
            cast = "int[]" if column in ("year", "community_id") else "text[]"
            clauses.append(f"{alias}.{column} = ANY(%s::{cast})")
        params.append(list(values))
    if request.community_id is not None:
        clauses.append(f"{alias}.community_id = %s")
        params.append(request.community_id)
    return (" AND ".join(clauses) or "TRUE"), params


def saved_filters_sql(alias: str = "d", saved: str = "s") -> str:
    """SQL true when document `alias` passes every filter of saved search `saved`, whose
    `filters` column is jsonb: facet name -> list of index values. A facet the saved search
    does not name does not narrow it."""
    clauses = []
    for name, column in FACET_FIELDS.items():
        values = f"jsonb_array_elements_text({saved}.filters -> '{name}')"
        if column in MULTI_VALUED and column.endswith("_ids"):
            test = f"{alias}.{column} && ARRAY(SELECT ({values})::int)"
        elif column in MULTI_VALUED:
            test = f"{alias}.{column}::text[] && ARRAY(SELECT {values})"
        elif column in ("year", "community_id"):
            test = f"{alias}.{column} = ANY(ARRAY(SELECT ({values})::int))"
        else:
            test = f"{alias}.{column}::text = ANY(ARRAY(SELECT {values}))"
        clauses.append(f"(NOT ({saved}.filters ? '{name}') OR {test})")
    return " AND ".join(clauses)


def tsquery_sql(request: SearchRequest) -> tuple[str, list]:
    """The query as a tsquery expression: the text in websearch syntax, OR'd with the same
    text with each synonym swapped in."""
    variants = [request.text]
    lowered = request.text.lower()
    for group in request.synonyms:
        for term in group:
            pattern = re.compile(rf"(?<!\w){re.escape(term.lower())}(?!\w)")
            if pattern.search(lowered):
                for other in group:
                    if other.lower() != term.lower():
                        variants.append(pattern.sub(f'"{other}"', lowered))
    variants = list(dict.fromkeys(variants))[:8]
    sql = " || ".join([f"websearch_to_tsquery('{CONFIG}', %s)"] * len(variants))
    return f"({sql})", variants


class PostgresEngine(Engine):
    name = "postgres"

    # -- indexing ------------------------------------------------------------------------

    def replace_pages(self, page_ids: Iterable[int], documents: list[Document]) -> None:
        page_ids = sorted(set(page_ids) | {document.page_id for document in documents})
        keys = [document.key for document in documents]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(PAGE_PENDING_SQL)
            # The rows replaced or removed take their "did you mean" words with them (locked,
            # so that the same page indexed twice at once counts its words once).
            cursor.execute(
                f"SELECT title, summary, community_id, audience FROM {DOC_TABLE} "
                "WHERE page_id = ANY(%s) OR key = ANY(%s) FOR UPDATE",
                [page_ids, keys],
            )
            words = count_words(_words_of(documents))
            words.subtract(count_words(cursor.fetchall()))
            cursor.execute(
                f"DELETE FROM {DOC_TABLE} WHERE page_id = ANY(%s) AND NOT key = ANY(%s)",
                [page_ids, keys],
            )
            self._write(cursor, documents)
            self._add_words(cursor, words)
            cursor.execute(f"DELETE FROM {SAMPLE_TABLE} WHERE page_id = ANY(%s)", [page_ids])
            cursor.execute(
                SAMPLE_INSERT_SQL + "d.page_id = ANY(%s)" + SAMPLE_UPSERT_SQL, [page_ids]
            )

    def _write(self, cursor, documents: list[Document], fingerprints=None) -> None:
        """Insert or replace the rows of `documents`. `fingerprints`, when given, are the
        documents' own, already computed."""
        if not documents:
            return
        now = timezone.now()
        if fingerprints is None:
            fingerprints = [document.fingerprint for document in documents]
        execute_values(
            cursor.cursor,
            UPSERT_SQL,
            [
                _row(document, fingerprint, now)
                for document, fingerprint in zip(documents, fingerprints, strict=True)
            ],
            template=INSERT_TEMPLATE,
            page_size=200,
        )

    def _add_words(self, cursor, words: Counter) -> None:
        """Add `words` (counts by word, community id and audience, some negative) to "did
        you mean", and drop the words no document has any more."""
        rows = sorted(  # in a fixed order, so that two pages indexed at once never deadlock
            ((*group, n) for group, n in words.items() if n),
            key=lambda row: (row[0], row[1] is None, row[1] or 0, row[2]),
        )
        if not rows:
            return
        execute_values(
            cursor.cursor, WORDS_UPSERT_SQL, rows, template="(%s, %s, %s, %s)", page_size=1000
        )
        gone = [row[:3] for row in rows if row[3] < 0]
        if gone:
            execute_values(
                cursor.cursor,
                f"DELETE FROM {WORD_TABLE} w USING (VALUES %s) AS g (word, community_id, "
                "audience) WHERE w.word = g.word AND w.community_id IS NOT DISTINCT FROM "
                "g.community_id::int AND w.audience = g.audience::smallint AND w.documents <= 0",
                gone,
                page_size=1000,
            )

    def rebuild(self, batches: DocumentBatches, progress=None, writers: int = 1) -> int:
        """Write every batch, then drop the rows no batch held and count the "did you mean"
        words afresh. Searches keep using the table as it is throughout: rows are replaced,
        never emptied first. With more than one writer, the batches are built and written
        by that many processes, unless a transaction is open (its rows would be invisible
        to them)."""
        started = timezone.now()
        count, words = 0, Counter()

        def tally(pages: int, written: int, counted: Counter) -> None:
            nonlocal count
            count += written
            words.update(counted)
            if progress:
                progress(pages)

        if writers > 1 and not connection.in_atomic_block:
            _rebuild_in_processes(self, batches, writers, tally)
        else:
            for chunk in batches.chunks():
                tally(*self._rebuild_chunk(batches, chunk))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {DOC_TABLE} WHERE indexed_at < %s", [started])
            cursor.execute(
                f"DELETE FROM {SAMPLE_TABLE} s WHERE NOT EXISTS "
                f"(SELECT 1 FROM {DOC_TABLE} d WHERE d.id = s.id)"
            )
            # Counted from the batches rather than added up row by row while they were
            # written: one write at the end, and none of the writers wait on each other.
            # Indexing that runs meanwhile waits (a second or so) rather than adding a word
            # between the delete and the insert; searches keep reading.
            cursor.execute(f"LOCK TABLE {WORD_TABLE} IN SHARE ROW EXCLUSIVE MODE")
            cursor.execute(f"DELETE FROM {WORD_TABLE}")
            execute_values(
                cursor.cursor,
                f"INSERT INTO {WORD_TABLE} (word, community_id, audience, documents) VALUES %s",
                [(*group, documents) for group, documents in words.items()],
                page_size=1000,
            )
        with connection.cursor() as cursor:
            cursor.execute(CLEAN_PENDING_SQL)
            cursor.execute(f"ANALYZE {DOC_TABLE}")
            cursor.execute(f"ANALYZE {SAMPLE_TABLE}")
            cursor.execute(f"ANALYZE {WORD_TABLE}")
        return count

    def _rebuild_chunk(self, batches: DocumentBatches, chunk) -> tuple[int, int, Counter]:
        """Build and write one chunk of a rebuild, its pages locked from before they are
        read until the write commits (search/locks.py): a page changed and indexed
        meanwhile is then never written back as it was. Returns (pages, documents written,
        "did you mean" word counts)."""
        own_transaction = not connection.in_atomic_block
        with transaction.atomic(), connection.cursor() as cursor:
            if own_transaction:
                # A batch's commit need not wait for its flush to disk: if the server
                # stopped, the rebuild would fail and be run again, and the final step's
                # commit (not deferred) flushes every batch written before it. Not inside
                # a caller's transaction, whose own commit it would also defer.
                cursor.execute("SET LOCAL synchronous_commit = off")
            with batches.built(chunk) as (pages, documents):
                return pages, len(documents), self._write_batch(cursor, documents)

    def _write_batch(self, cursor, documents: list[Document]) -> Counter:
        """Write a batch's documents (a row kept, only marked as seen, when its document is
        unchanged) and their sample rows; returns their "did you mean" word counts."""
        # Documents already indexed as they are keep their row (computing a vector is
        # most of a rebuild's cost); they are only marked as seen by this rebuild.
        cursor.execute(
            f"SELECT key, fingerprint FROM {DOC_TABLE} WHERE key = ANY(%s)",
            [[document.key for document in documents]],
        )
        indexed = dict(cursor.fetchall())
        changed, prints, unchanged = [], [], []
        for document in documents:
            fingerprint = document.fingerprint
            if indexed.get(document.key) == fingerprint:
                unchanged.append(document)
            else:
                changed.append(document)
                prints.append(fingerprint)
        if unchanged:
            cursor.execute(
                f"UPDATE {DOC_TABLE} SET indexed_at = %s WHERE key = ANY(%s)",
                [timezone.now(), [document.key for document in unchanged]],
            )
        self._write(cursor, changed, fingerprints=prints)
        # The sample is rewritten for the whole batch (a copy of 1 in 8 rows, cheap
        # next to computing vectors), so a rebuild also repairs it.
        keys = [document.key for document in documents]
        cursor.execute(
            f"DELETE FROM {SAMPLE_TABLE} WHERE id IN "
            f"(SELECT id FROM {DOC_TABLE} WHERE key = ANY(%s))",
            [keys],
        )
        cursor.execute(SAMPLE_INSERT_SQL + "d.key = ANY(%s)" + SAMPLE_UPSERT_SQL, [keys])
        return count_words(_words_of(documents))

    def fingerprints(self) -> dict[str, str]:
        return dict(SearchDocument.objects.values_list("key", "fingerprint").iterator(2000))

    # -- reading -------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> EngineResult:
        # Only a ranked query can be answered from the sample: "newest" (and browsing by
        # filters alone, which lists newest first) must find the newest of every match, as
        # feeds of new results rely on.
        ranked = request.sort == "relevance" and bool(request.text)
        every = self._tier(request) if ranked else 1
        result = self._search(request, request.page, every)
        reachable = result.total if result.reachable is None else result.reachable
        last_page = max(1, -(-reachable // request.page_size))
        if request.page > last_page:
            result = self._search(request, last_page, every)
        return result

    def _tier(self, request: SearchRequest) -> int:
        """Search every match (1) or 1 in how many, from how many the sample's tiers match."""
        # A phrase is checked against each matching row's whole vector (the index only
        # knows that both words occur), so phrases move to smaller tiers sooner.
        phrase = bool(PHRASE_RE.search(request.text))
        sparse_from = PHRASE_SPARSE_FROM if phrase else SPARSE_FROM
        small_up_to = PHRASE_SMALL_SAMPLE_UP_TO if phrase else SMALL_SAMPLE_UP_TO
        _sparse, bucket = self._sampled_matches(request, sparse_from // SPARSE_EVERY)
        if bucket is None:
            return SPARSE_EVERY
        estimate = bucket * SAMPLE_BUCKETS
        if estimate <= EXACT_UP_TO:
            return 1
        if estimate <= small_up_to:
            return SAMPLE_EVERY
        return SAMPLE_BUCKETS

    def _sampled_matches(self, request: SearchRequest, sparse_over: int) -> tuple[int, int | None]:
        """How many rows of the 1-in-SPARSE_EVERY tier the reader may see match, and, unless
        that is over `sparse_over`, of the 1-in-SAMPLE_BUCKETS tier (else None): cheap
        estimates (times the tier's share) of how many documents the query will find. One
        statement; the second tier is read only when needed."""
        where, params = where_sql(request)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""WITH s AS (SELECT count(*) AS n FROM {SAMPLE_TABLE} d
                               WHERE {TIER_WHERE[SPARSE_EVERY]} AND {where})
                SELECT s.n, CASE WHEN s.n > %s THEN NULL ELSE (
                    SELECT count(*) FROM {SAMPLE_TABLE} d
                    WHERE {TIER_WHERE[SAMPLE_BUCKETS]} AND {where}
                ) END FROM s""",
                [*params, sparse_over, *params],
            )
            return cursor.fetchone()

    def _matching_sql(self, request: SearchRequest, every: int) -> tuple[str, list]:
        visible, visible_params = visibility_sql(request.reader)
        filters, filter_params = filters_sql(request)
        if request.text:
            tsquery, tsquery_params = tsquery_sql(request)
            match, match_params = "d.search_vector @@ q.query", []
        else:
            tsquery, tsquery_params = "NULL::tsquery", []
            match, match_params = "TRUE", []
        table = DOC_TABLE if every == 1 else SAMPLE_TABLE
        codes = "NULL::text[]" if every == 1 else "d.facet_codes"
        tier = f"{TIER_WHERE[every]} AND " if every in TIER_WHERE else ""
        sql = f"""
            q AS (
                SELECT q0.query, ARRAY(
                    SELECT stem[1] FROM regexp_matches(querytree(q0.query), {STEMS_RE}, 'g') stem
                ) AS stems FROM (SELECT {tsquery} AS query) q0
            ),
            m AS MATERIALIZED (
                SELECT d.id, d.kind, d.theme_ids, d.service_area_ids, d.organisation_types,
                       d.regions, d.stage, d.year, d.community_id, d.lesson_kind,
                       d.lesson_category, d.published_at, {codes} AS codes,
                       {"ts_rank(d.rank_vector, q.query)" if request.text else "0"} AS pre
                FROM {table} d, q
                WHERE {tier}{match} AND {visible} AND {filters}
            )"""
        return sql, tsquery_params + match_params + visible_params + filter_params

    def _search(self, request: SearchRequest, page: int, every: int = 1) -> EngineResult:
        """The page, total and facets; every match is read when `every` is 1, else the
        sample tier holding 1 in `every` documents, and the counts are scaled up."""
        approximate = every > 1
        matching, params = self._matching_sql(request, every)
        by_rank = request.sort == "relevance" and bool(request.text)
        offset = (page - 1) * request.page_size
        if by_rank:
            # The best RANK_CANDIDATES by the compact vector's rank (a top-N sort over the
            # matches), ranked again on the whole vector; any further candidates a deep page
            # needs follow in compact order.
            order_params = [max(RANK_CANDIDATES, offset + request.page_size), RANK_CANDIDATES]
            ordered = f"""
            cand AS (
                SELECT m.id, m.published_at, m.pre FROM m
                ORDER BY m.pre DESC, m.published_at DESC NULLS LAST, m.id LIMIT %s
            ),
            top AS (
                SELECT c.id, c.published_at, c.rank, c.pos FROM (
                    SELECT c.id, c.published_at, c.pos,
                           CASE WHEN c.pos <= %s THEN ts_rank(d.search_vector, q.query)
                                ELSE -1 END AS rank
                    FROM (SELECT cand.*, row_number() OVER (
                              ORDER BY cand.pre DESC, cand.published_at DESC NULLS LAST, cand.id
                          ) AS pos FROM cand) c
                    JOIN {DOC_TABLE} d ON d.id = c.id, q
                ) c
                ORDER BY {{order}} LIMIT %s OFFSET %s
            )"""
            order = (
                "{t}.rank DESC, CASE WHEN {t}.rank < 0 THEN {t}.pos END, "
                "{t}.published_at DESC NULLS LAST, {t}.id"
            )
        else:
            order_params = []
            ordered = """
            top AS (
                SELECT m.id, m.published_at FROM m ORDER BY {order} LIMIT %s OFFSET %s
            )"""
            order = "{t}.published_at DESC NULLS LAST, {t}.id DESC"
        ordered = ordered.replace("{order}", order.format(t="c" if by_rank else "m"))
        if request.text:
            # A short window of the summary when a stem of the query occurs in it, else of
            # the body, starting a little before the first place a stem occurs: ts_headline
            # parses all it is given (docs/search.md). The stems (q.stems) are looked for in
            # the text lowered as ASCII (COLLATE "C"), a fifth of the time of lowering every
            # letter; stems are accent-folded already, and a stem in another script whose
            # first occurrence is capitalised starts the window at a later one.
            first = 'strpos(lower({} COLLATE "C"), stem)'
            snippet = f"""ts_headline('{CONFIG}', substr(s.src, greatest(1, coalesce((
                    SELECT min(nullif({first.format("s.src")}, 0)) FROM unnest(q.stems) stem
                ), 1) - {HEADLINE_LEAD}), {HEADLINE_CHARS}), q.query, %s)"""
            source = f"""CROSS JOIN LATERAL (SELECT CASE
                    WHEN d.body = '' OR EXISTS (
                        SELECT 1 FROM unnest(q.stems) stem WHERE {first.format("d.summary")} > 0
                    ) THEN d.summary ELSE d.body END AS src) s"""
            snippet_params = [HEADLINE_OPTIONS]
        else:
            snippet, source, snippet_params = "left(d.summary, 300)", "", []
        if not request.with_facets:
            facets = "SELECT NULL::json"
        elif approximate:
            facets = self._sampled_facets_sql()
        else:
            facets = self._facets_sql()
        sql = f"""
            WITH {matching},
            {ordered}
            SELECT
                (SELECT count(*) FROM m),
                (SELECT json_agg(json_build_array(
                    d.key, d.kind, d.page_id, d.community_id, d.url, d.title, {snippet},
                    d.organisation, d.lesson_kind, d.lesson_category, d.published_at
                 ) ORDER BY {order.format(t="top")})
                 FROM top JOIN {DOC_TABLE} d ON d.id = top.id CROSS JOIN q {source}),
                ({facets})
        """
        with transaction.atomic(), connection.cursor() as cursor:
            # The settings and the statement in one round trip.
            cursor.execute(
                f"{SESSION_SQL}; {sql}",
                [*params, *order_params, request.page_size, offset, *snippet_params],
            )
            total, rows, facet_rows = cursor.fetchone()
        hits = [
            Hit(
                key=row[0],
                kind=row[1],
                page_id=row[2],
                community_id=row[3],
                url=row[4],
                title=row[5],
                snippet=row[6] or "",
                organisation=row[7],
                lesson_kind=row[8],
                lesson_category=row[9],
                published_at=_parse_time(row[10]),
            )
            for row in rows or []
        ]
        facets: dict[str, list] = {name: [] for name in FACET_FIELDS}
        if approximate:
            for code, count in facet_rows or []:
                name, _sep, value = code.partition(":")
                if name in facets:
                    value = int(value) if name in INTEGER_FACETS else value
                    facets[name].append((value, about(count * every)))
        else:
            for name, value, count in facet_rows or []:
                facets[name].append((value, count))
        for values in facets.values():
            values.sort(key=lambda item: (-item[1], str(item[0])))
        if approximate:
            # Every matching row of the sample can be paged through; the total is scaled.
            return EngineResult(
                hits=hits,
                total=about(total * every),
                page=page,
                facets=facets,
                approximate=True,
                reachable=total,
            )
        return EngineResult(hits=hits, total=total, page=page, facets=facets)

    def _sampled_facets_sql(self) -> str:
        """Facet counts of the sampled matches in one pass over their codes."""
        return (
            "SELECT json_agg(json_build_array(code, c)) FROM "
            "(SELECT code, count(*) AS c FROM (SELECT unnest(m.codes) AS code FROM m) AS u "
            "GROUP BY code) AS f"
        )

    def _facets_sql(self) -> str:
        parts = []
        for name, column in FACET_FIELDS.items():
            if column in MULTI_VALUED:
                # unnest() in the select list (one ProjectSet node), not as a lateral function
                # scan per row: a third of the time at 25 % matches (docs/search.md).
                parts.append(
                    f"SELECT '{name}' AS f, v AS v, count(*) AS c "
                    f"FROM (SELECT unnest(m.{column}) AS v FROM m) AS u GROUP BY v"
                )
            else:
                empty = "IS NOT NULL" if column in ("year", "community_id") else "<> ''"
                parts.append(
                    f"SELECT '{name}', m.{column}, count(*) FROM m "
                    f"WHERE m.{column} {empty} GROUP BY m.{column}"
                )
        # Values of different types (ids and text): carry them as jsonb.
        union = " UNION ALL ".join(
            f"SELECT f, to_jsonb(v) AS v, c FROM ({part}) AS p{i}(f, v, c)"
            for i, part in enumerate(parts)
        )
        return f"SELECT json_agg(json_build_array(f, v, c)) FROM ({union}) AS facets"

    def has_any(self, request: SearchRequest) -> bool:
        where, params = where_sql(request)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {DOC_TABLE} d WHERE {where})", params)
            return cursor.fetchone()[0]

    def suggest(self, request: SearchRequest) -> str | None:
        words = WORD_RE.findall(request.text)
        if not words or len(words) > 8:
            return None
        visible, params = visibility_sql(request.reader, alias="w")
        replacements = {}
        with connection.cursor() as cursor:
            for word in dict.fromkeys(words):
                alone = SearchRequest(text=word, reader=request.reader)
                if self.has_any(alone):
                    continue  # spelled as something the reader can find: keep it
                cursor.execute(
                    f"""
                    SELECT w.word, w.word = lower(unaccent(%s)) AS exact
                    FROM {WORD_TABLE} w
                    WHERE w.word %% lower(unaccent(%s)) AND {visible}
                    ORDER BY exact DESC, similarity(w.word, lower(unaccent(%s))) DESC,
                             w.documents DESC
                    LIMIT 1
                    """,
                    [word, word, *params, word],
                )
                row = cursor.fetchone()
                if row and not row[1]:
                    replacements[word] = row[0]
        if not replacements:
            return None
        suggestion = request.text
        for word, better in replacements.items():
            suggestion = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", better, suggestion)
        if suggestion.lower() == request.text.lower():
            return None
        check = SearchRequest(
            text=suggestion,
            reader=request.reader,
            filters=request.filters,
            community_id=request.community_id,
            synonyms=request.synonyms,
        )
        return suggestion if self.has_any(check) else None

    def autocomplete(self, text: str, reader: Reader, limit: int = 6) -> list[Hit]:
        visible, params = visibility_sql(reader)
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT d.key, d.kind, d.page_id, d.community_id, d.url, d.title
                FROM {DOC_TABLE} d
                WHERE d.kind <> 'lesson' AND d.title ILIKE %s AND {visible}
                ORDER BY d.title ILIKE %s DESC, similarity(d.title, %s) DESC, d.title
                LIMIT %s
                """,
                [pattern, *params, pattern[1:], text, limit],
            )
            return [
                Hit(
                    key=key,
                    kind=kind,
                    page_id=page_id,
                    community_id=community_id,
                    url=url,
                    title=title,
                    snippet="",
                )
                for key, kind, page_id, community_id, url, title in cursor.fetchall()
            ]

    def similar(self, page_id: int, reader: Reader, limit: int = 3) -> list[int]:
        """Case studies sharing the most themes, service areas and title words with this one.

        Candidates are the case studies sharing a theme (the theme index), capped so the
        cost stays flat however common the themes are; only when they are too few does a
        second statement look among those sharing a title word. Title words were once
        candidates too, but a common one ("council") matches a third of the corpus, and
        reading that index was most of a case study page's database time. Candidates are
        ranked on the compact vector (docs/search.md)."""
        visible, params = visibility_sql(reader, alias="o")
        found = self._similar(page_id, "o.theme_ids && me.theme_ids", visible, params, limit)
        if len(found) < limit:
            found += self._similar(
                page_id, "o.search_vector @@ me.query", visible, params, limit, found
            )
        return found[:limit]

    def _similar(self, page_id, candidates, visible, params, limit, found=()) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH me AS (
                    SELECT d.theme_ids, d.service_area_ids,
                           coalesce(to_tsquery('simple', nullif(array_to_string(array(
                               SELECT quote_literal(lexeme)
                               FROM unnest(tsvector_to_array(ts_filter(d.search_vector, '{{a}}')))
                                    AS lexeme
                               LIMIT 12), ' | '), '')), ''::tsquery) AS query
                    FROM {DOC_TABLE} d WHERE d.key = %s
                ),
                candidates AS (
                    SELECT o.page_id, o.theme_ids, o.service_area_ids, o.rank_vector,
                           o.published_at
                    FROM {DOC_TABLE} o, me
                    WHERE o.kind = 'case_study' AND NOT o.page_id = ANY(%s) AND {visible}
                      AND ({candidates})
                    LIMIT {SIMILAR_CANDIDATES}
                )
                SELECT c.page_id
                FROM candidates c, me
                ORDER BY
                    cardinality(ARRAY(SELECT unnest(c.theme_ids)
                                      INTERSECT SELECT unnest(me.theme_ids))) * 2
                    + cardinality(ARRAY(SELECT unnest(c.service_area_ids)
                                        INTERSECT SELECT unnest(me.service_area_ids)))
                    + ts_rank(c.rank_vector, me.query) * 10 DESC,
                    c.published_at DESC NULLS LAST
                LIMIT %s
                """,
                [f"page:{page_id}", [page_id, *found], *params, limit - len(found)],
            )
            return [row[0] for row in cursor.fetchall()]

    # -- alerts --------------------------------------------------------------------------

    def match_saved_searches(
        self, document_keys: list[str], saved_searches: list[SavedQuery]
    ) -> list[tuple[int, str]]:
        """One statement: the new documents (found by key) against every saved search,
        passed in as arrays; text through websearch_to_tsquery on the stored vector, and
        the filters on the same facet columns that searches filter on."""
        if not document_keys or not saved_searches:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH s AS (
                    SELECT * FROM unnest(%s::bigint[], %s::text[], %s::jsonb[])
                        AS s(id, text, filters)
                )
                SELECT s.id, d.key
                FROM {DOC_TABLE} d JOIN s ON TRUE
                WHERE d.key = ANY(%s)
                  AND (s.text = ''
                       OR d.search_vector @@ websearch_to_tsquery('{CONFIG}', s.text))
                  AND {saved_filters_sql()}
                ORDER BY s.id, d.key
                """,
                [
                    [saved.id for saved in saved_searches],
                    [saved.text for saved in saved_searches],
                    [json.dumps(saved.filters) for saved in saved_searches],
                    list(document_keys),
                ],
            )
            return [(row[0], row[1]) for row in cursor.fetchall()]


# The rebuild whose writer processes are being forked: (engine, batches). The writers inherit
# it with the rest of this process's memory; only chunks and counts cross between processes.
_rebuilding = None


def _start_writer() -> None:
    # Close this writer's own connection when it exits (forked processes skip atexit).
    multiprocessing.util.Finalize(None, connections.close_all, exitpriority=10)


def _write_chunk(chunk) -> tuple[int, int, Counter]:
    engine, batches = _rebuilding
    return engine._rebuild_chunk(batches, chunk)


def _rebuild_in_processes(engine, batches, writers: int, tally) -> None:
    """Build and write the chunks of `batches` in
    `writers` forked processes, each with its own database connection, so that building
    documents (Python) and computing vectors (the database) both run on as many cores. This
    process only lists the chunks (at most two waiting per writer: bounded memory) and hands
    `tally`, in order, what each chunk's writer reports (pages, documents, word counts).
    Any failure, including a writer that dies, stops the feeding, cancels what waits and is
    raised here: the rebuild then never reaches its final step, which removes the rows it
    did not write."""
    global _rebuilding
    connections.close_all()  # never shared with the writers
    _rebuilding = (engine, batches)
    executor = ProcessPoolExecutor(
        writers, mp_context=multiprocessing.get_context("fork"), initializer=_start_writer
    )
    # The writers are forked on the first task: do it now, before this process opens a
    # connection again to list the chunks (a forked connection would be shared).
    executor.submit(int).result()
    pending = deque()

    def settle(future) -> None:
        tally(*future.result())

    try:
        for chunk in batches.chunks():
            pending.append(executor.submit(_write_chunk, chunk))
            while len(pending) >= 2 * writers:
                settle(pending.popleft())
        while pending:
            settle(pending.popleft())
    except BaseException as error:
        executor.shutdown(wait=True, cancel_futures=True)
        if isinstance(error, KeyboardInterrupt):
            raise
        raise EngineError(f"A writer of the rebuild failed: {error!r}") from error
    else:
        executor.shutdown(wait=True)
    finally:
        _rebuilding = None


def _parse_time(value):
    if not value:
        return None
    from django.utils.dateparse import parse_datetime

    return parse_datetime(value)
