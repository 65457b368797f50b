"""The Elasticsearch engine: the same documents as PostgreSQL, for scale (docs/search.md).

Built with the elasticsearch-dsl API that ships inside the `elasticsearch` client
(`elasticsearch.dsl`). The client's major version must match the cluster's: the 9.x client
sends `compatible-with=9` on every request and checks the `X-Elastic-Product` header, so it
talks to Elasticsearch 9.x only.

- Readers use the alias `ELASTICSEARCH_INDEX`; a rebuild loads a new concrete index
  `<alias>-<timestamp>` and swaps the alias to it in one atomic step, so searches never see
  a half-built index.
- The privacy rule is one bounded filter in every read: `audience` among what the reader
  may see, or `community_id` among the reader's communities (never a clause per document).
- Every failure (down, slow, 5xx, a response we cannot read) raises EngineError, so the
  search service answers from PostgreSQL instead. After such a failure, reads skip
  Elasticsearch for BREAKER_SECONDS rather than wait for it again on every search.
- Saved search alerts use a percolator index, read through the alias
  `<ELASTICSEARCH_INDEX>-percolator`: one stored query per saved search (its text and its
  filters, built like a search's), against which new documents are percolated. It holds no
  privacy filter: each member is checked when they are told (participation).
"""

import hashlib
import json
import logging
import re
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from django.conf import settings
from django.utils.dateparse import parse_datetime
from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.dsl import (
    A,
    Byte,
    Date,
    Index,
    Integer,
    Keyword,
    Mapping,
    Percolator,
    Q,
    Search,
    SearchAsYouType,
    Short,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch.helpers import BulkIndexError, bulk

from search.documents import Document, DocumentBatches
from search.engines.base import (
    FACET_FIELDS,
    Engine,
    EngineError,
    EngineResult,
    Hit,
    Reader,
    SavedQuery,
    SearchRequest,
)
from search.engines.postgres import HIGHLIGHT_START, HIGHLIGHT_STOP
from search.models import Kind

logger = logging.getLogger(__name__)

# Field weights, in the ratio of PostgreSQL's default ts_rank weights for A, B and C
# (1.0, 0.4, 0.2): titles count most, then summaries and lessons, then the body.
TEXT_FIELDS = ["text_a^5", "text_b^2", "text_c"]
SOURCE_FIELDS = [
    "key",
    "kind",
    "page_id",
    "community_id",
    "url",
    "title",
    "summary",
    "organisation",
    "lesson_kind",
    "lesson_category",
    "published_at",
]
SNIPPET_CHARS = 300
FACET_SIZE = 200  # values per facet; more than any taxonomy holds
# Elasticsearch refuses to page past index.max_result_window (10,000 by default).
MAX_RESULT_WINDOW = 10_000
BREAKER_SECONDS = 30
BULK_CHUNK = 500
WRITE_TIMEOUT = 30.0  # bulk loads and deletes, in background tasks and the rebuild command
WORD_RE = re.compile(r"[^\W\d_]{3,40}")
# Only the operators of the websearch syntax: "phrase", OR (as |) and -exclude.
QUERY_FLAGS = "OR|NOT|PHRASE|WHITESPACE"
SYNONYM_JUNK_RE = re.compile(r"[^\w\s'-]")
PERCOLATOR_SUFFIX = "-percolator"
# The alias of an index while a rebuild loads it (the index's name, then this).
LOADING_SUFFIX = "-loading"


# -- mapping -------------------------------------------------------------------------------


def synonym_rules(groups: Iterable[Iterable[str]]) -> list[str]:
    """Synonym groups as Solr-format rules ("foi, freedom of information"), with anything
    that the rule syntax would read as an operator removed."""
    rules = []
    for group in groups:
        terms = [" ".join(SYNONYM_JUNK_RE.sub(" ", term).split()) for term in group]
        terms = list(dict.fromkeys(term.lower() for term in terms if term))
        if len(terms) >= 2:
            rules.append(", ".join(terms))
    return rules


def current_synonyms() -> list[list[str]]:
    from search.models import Synonym

    return [synonym.term_list for synonym in Synonym.objects.all()]


def build_index(
    name: str, synonyms: Iterable[Iterable[str]] = (), percolator: bool = False
) -> Index:
    """The index definition: English stemming and accent folding on every text field, and
    the administrators' synonyms applied to queries (search analyzer) only, so that a change
    to them needs a rebuild but never a change to stored documents.

    With `percolator`, the saved searches' index: the same fields and analysis (documents
    are percolated against it as they would be indexed), plus each saved search's query."""
    english_stemmer = token_filter("english_stemmer", "stemmer", language="english")
    possessive = token_filter("english_possessive", "stemmer", language="possessive_english")
    english = analyzer(
        "english_folded",
        tokenizer="standard",
        filter=["lowercase", "asciifolding", possessive, english_stemmer],
    )
    # Synonym rules are read through the filters before them (lower case, folded) and
    # then stemmed like the text they are matched against. Elasticsearch refuses a
    # synonym filter without rules, so with none there is none.
    rules = synonym_rules(synonyms)
    synonym_filters = (
        [token_filter("practice_synonyms", "synonym_graph", synonyms=rules, lenient=True)]
        if rules
        else []
    )
    english_search = analyzer(
        "english_folded_search",
        tokenizer="standard",
        filter=["lowercase", "asciifolding", *synonym_filters, possessive, english_stemmer],
    )
    folded = analyzer("folded", tokenizer="standard", filter=["lowercase", "asciifolding"])

    def text(**kwargs):
        return Text(analyzer=english, search_analyzer=english_search, **kwargs)

    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    for field_name in ("key", "kind", "stage", "lesson_kind", "lesson_category", "fingerprint"):
        mapping.field(field_name, Keyword())
    for field_name in ("organisation_types", "regions"):
        mapping.field(field_name, Keyword())
    for field_name in ("page_id", "community_id", "theme_ids", "service_area_ids"):
        mapping.field(field_name, Integer())
    mapping.field("organisation_ids", Integer())
    mapping.field("audience", Byte())
    mapping.field("year", Short())
    mapping.field("published_at", Date())
    mapping.field("url", Keyword(index=False, doc_values=False))
    mapping.field("title", text(copy_to="spell"))
    # Titles again, for autocomplete (prefixes of words, in any order).
    mapping.field("title_prefix", SearchAsYouType(analyzer=folded))
    mapping.field("summary", text(copy_to="spell"))
    mapping.field("body", text())
    mapping.field("organisation", Keyword(index=False, doc_values=False))
    for field_name in ("text_a", "text_b", "text_c"):
        mapping.field(field_name, text())
    # Words for "did you mean" (term suggester), from titles and summaries.
    mapping.field("spell", Text(analyzer=folded))
    if percolator:
        mapping.field("query", Percolator())
        mapping.field("saved_search_id", Integer())
        # Which version of the saved search the stored query is (see saved_query_version).
        mapping.field("saved_search_version", Keyword())

    index = Index(name)
    index.settings(number_of_shards=1, max_result_window=MAX_RESULT_WINDOW)
    index.mapping(mapping)
    return index


def source_of(document: Document) -> dict:
    return {
        "key": document.key,
        "kind": str(document.kind),
        "page_id": document.page_id,
        "community_id": document.community_id,
        "audience": int(document.audience),
        "url": document.url,
        "title": document.title,
        "title_prefix": document.title,
        "summary": document.summary,
        "body": document.body,
        "organisation": document.organisation,
        "text_a": document.text_a,
        "text_b": document.text_b,
        "text_c": document.text_c,
        "theme_ids": list(document.theme_ids),
        "service_area_ids": list(document.service_area_ids),
        "organisation_ids": list(document.organisation_ids),
        "organisation_types": list(document.organisation_types),
        "regions": list(document.regions),
        "stage": document.stage,
        "year": document.year,
        "lesson_kind": document.lesson_kind,
        "lesson_category": document.lesson_category,
        "published_at": document.published_at.isoformat() if document.published_at else None,
        "fingerprint": document.fingerprint,
    }


# -- queries -------------------------------------------------------------------------------


def visibility_filter(reader: Reader):
    """The privacy rule as one bounded query, or None for superusers (who read everything).

    One `terms` on audience and one `terms` on the reader's communities, whatever the
    number of documents or communities."""
    if reader.superuser:
        return None
    audiences = [0, 1] if reader.approved else [0]
    clauses = [Q("terms", audience=audiences)]
    if reader.member_ids:
        clauses.append(Q("terms", community_id=sorted(reader.member_ids)))
    return Q("bool", should=clauses, minimum_should_match=1)


def filter_clauses(request: SearchRequest) -> list:
    clauses = []
    for name, values in request.filters.items():
        if values:
            clauses.append(Q("terms", **{FACET_FIELDS[name]: list(values)}))
    if request.community_id is not None:
        clauses.append(Q("term", community_id=request.community_id))
    return clauses


def query_string(text: str) -> str:
    """websearch syntax -> simple_query_string syntax: OR becomes |; "phrases" and
    -exclusions read the same; every other character is plain text (see QUERY_FLAGS)."""
    parts = re.split(r'("[^"]*")', text)
    out = []
    for part in parts:
        if part.startswith('"') and part.endswith('"') and len(part) >= 2:
            out.append(part)
        else:
            out.append(" ".join("|" if word == "OR" else word for word in part.split(" ")))
    return "".join(out)


def text_query(text: str, fields=TEXT_FIELDS):
    return Q(
        "simple_query_string",
        query=query_string(text),
        fields=list(fields),
        default_operator="and",
        flags=QUERY_FLAGS,
        lenient=True,
    )


def _bool(must=None, filters=(), must_not=()):
    return Q("bool", must=[must] if must else [], filter=list(filters), must_not=list(must_not))


def saved_search_query(saved: SavedQuery):
    """A saved search as a stored percolator query: its text as a search's, and every filter
    it names (values within one filter are alternatives, as in a search; a filter it does
    not name does not narrow it, and one with no values matches nothing, as in PostgreSQL).
    No privacy filter: whoever saved it is checked when they are told."""
    filters = [
        Q("terms", **{FACET_FIELDS[name]: list(values or [])})
        for name, values in sorted(saved.filters.items())
        if name in FACET_FIELDS
    ]
    if not saved.text and not filters:
        return Q("match_all")
    return _bool(must=text_query(saved.text) if saved.text else None, filters=filters)


def saved_query_version(saved: SavedQuery) -> str:
    """Changes whenever the saved search's text or filters do, so that matching can tell a
    stored query that is out of date (or missing) and store it again first."""
    payload = json.dumps([saved.id, saved.text, saved.filters], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def percolator_source(saved: SavedQuery) -> dict:
    return {
        "query": saved_search_query(saved).to_dict(),
        "saved_search_id": saved.id,
        "saved_search_version": saved_query_version(saved),
    }


# -- the engine ------------------------------------------------------------------------------


class ElasticsearchEngine(Engine):
    name = "elasticsearch"
    _engines: dict[tuple, "ElasticsearchEngine"] = {}
    _lock = threading.Lock()

    @classmethod
    def for_url(cls, url: str) -> "ElasticsearchEngine":
        """One engine (one client and connection pool, one breaker) per configuration."""
        index = getattr(settings, "ELASTICSEARCH_INDEX", "practice-exchange")
        timeout = float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 2.0))
        key = (url, index, timeout)
        with cls._lock:
            engine = cls._engines.get(key)
            if engine is None:
                engine = cls._engines[key] = cls(url, index=index, timeout=timeout)
            return engine

    def __init__(self, url: str, index: str = "practice-exchange", timeout: float = 2.0):
        self.alias = index
        self.percolator_alias = f"{index}{PERCOLATOR_SUFFIX}"
        self.timeout = timeout
        # No retries: a failed search falls back to PostgreSQL at once.
        self.client = Elasticsearch(
            url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
        )
        self.writer = self.client.options(request_timeout=WRITE_TIMEOUT, max_retries=2)
        self.broken_until = 0.0

    # -- failures ----------------------------------------------------------------------

    @contextmanager
    def _errors(self, action: str, read: bool = True):
        """Turn every failure into EngineError; open the breaker on outages."""
        if read and time.monotonic() < self.broken_until:
            raise EngineError(f"Elasticsearch {action}: skipped after a recent failure")
        try:
            yield
        except EngineError:
            raise
        except TransportError as error:  # unreachable, timed out, or unreadable response
            self._trip()
            raise EngineError(f"Elasticsearch {action}: {error}") from error
        except ApiError as error:
            if error.meta is None or error.meta.status >= 500:
                self._trip()
            raise EngineError(f"Elasticsearch {action}: {error}") from error
        except BulkIndexError as error:
            first = error.errors[0] if error.errors else {}
            raise EngineError(f"Elasticsearch {action}: {error}; first: {first}") from error
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            # A response of an unexpected shape.
            self._trip()
            raise EngineError(f"Elasticsearch {action}: unexpected response ({error!r})") from error

    def _trip(self):
        self.broken_until = time.monotonic() + BREAKER_SECONDS

    def reset(self):
        self.broken_until = 0.0

    def _search(self) -> Search:
        return Search(using=self.client, index=self.alias)

    # -- indexing ------------------------------------------------------------------------

    def _actions(self, documents: Iterable[Document], index: str) -> Iterator[dict]:
        for document in documents:
            yield {"_index": index, "_id": document.key, "_source": source_of(document)}

    def replace_pages(self, page_ids: Iterable[int], documents: list[Document]) -> None:
        """Replace these pages' documents in the index the alias names and, while a rebuild
        loads a new one, in that one too (search/indexing.py holds the pages' locks, so the
        rebuild's batch of a page and this write never interleave)."""
        page_ids = sorted(set(page_ids) | {document.page_id for document in documents})
        if not page_ids:
            return
        keys = [document.key for document in documents]
        stale = Q(
            "bool",
            filter=[Q("terms", page_id=page_ids)],
            must_not=[Q("ids", values=keys)] if keys else [],
        )
        with self._errors("replace pages", read=False):
            loading = self._loading()
            if loading:
                # A loading index is not refreshed (refresh_interval -1) and delete-by-query
                # finds what to delete by searching: without a refresh it would find none
                # of the documents loaded since the rebuild began.
                self.writer.indices.refresh(index=",".join(loading), ignore_unavailable=True)
            # ignore_unavailable: a rebuild may swap the alias to its index (or drop it)
            # between finding it and writing to it; the alias then names it.
            self.writer.delete_by_query(
                index=",".join([self.alias, *loading]),
                query=stale.to_dict(),
                conflicts="proceed",
                ignore_unavailable=True,
            )
            if not documents:
                return
            # The loading index first, the live alias last: if the rebuild swaps between
            # the two, the loading alias is gone (the write is skipped) and the live alias
            # then names the new index, so the last write reaches it either way.
            for target in [*loading, self.alias]:
                try:
                    # require_alias: never let a write create a concrete index by that name
                    # (it would have no mapping); `rebuild_search_index` creates the index.
                    bulk(
                        self.writer,
                        self._actions(documents, target),
                        chunk_size=BULK_CHUNK,
                        require_alias=True,
                    )
                except BulkIndexError:
                    if target == self.alias or target in self._loading():
                        raise

    def _loading(self) -> list[str]:
        """The aliases (`<index>-loading`) of the indexes rebuilds are loading: normally
        none."""
        found = self.writer.options(ignore_status=404).indices.get_alias(
            name=f"{self.alias}-*{LOADING_SUFFIX}"
        )
        if found.meta.status == 404:
            return []
        pattern = re.compile(rf"^{re.escape(self.alias)}-\d{{20}}{LOADING_SUFFIX}$")
        return sorted(
            {
                alias
                for index in found.body.values()
                for alias in index.get("aliases", {})
                if pattern.match(alias)
            }
        )

    def rebuild(self, batches: DocumentBatches, progress=None, writers: int = 1) -> int:
        """Load a new index beside the current one, then swap the alias to it atomically
        and delete the old ones. Readers use the old index until the swap. Bulk requests
        go one at a time (`writers` is not used): the cluster spreads each over its shards.

        While it loads, the new index has an alias of its own, `<index>-loading`, which
        indexing a page also writes to (`replace_pages`): a page changed after its batch was
        loaded is not lost at the swap. Each batch is built and loaded with its pages
        locked, as in the PostgreSQL rebuild, so it never loads a page as it was before a
        change that has been indexed meanwhile."""
        name = f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
        index = build_index(name, current_synonyms())
        # No refreshes while loading (one at the end), as the bulk load guide advises.
        index.settings(refresh_interval="-1")
        index.aliases(**{f"{name}{LOADING_SUFFIX}": {}})
        count = 0
        with self._errors("rebuild", read=False):
            index.create(using=self.writer)
            try:
                for chunk in batches.chunks():
                    with batches.built(chunk) as (pages, documents):
                        if documents:
                            bulk(
                                self.writer,
                                self._actions(documents, name),
                                chunk_size=BULK_CHUNK,
                            )
                    count += len(documents)
                    if progress:
                        progress(pages)
                self.writer.indices.put_settings(
                    index=name, settings={"index": {"refresh_interval": None}}
                )
                self.writer.indices.refresh(index=name)
                self._swap_alias(name, loading=f"{name}{LOADING_SUFFIX}")
            except BaseException:
                self._drop(name)
                raise
            self._delete_old_indices(keep=name)
        self.reset()
        # The saved searches' queries are analysed with the same settings (synonyms), so
        # they are stored again with every rebuild. A failure leaves the documents rebuilt:
        # matching falls back to PostgreSQL until the next rebuild.
        try:
            self.rebuild_percolator(all_saved_queries())
        except EngineError:
            logger.exception("Could not rebuild the saved searches' percolator index")
        return count

    def _drop(self, name: str) -> None:
        """Delete a half-built index (best effort: the cluster may be what failed)."""
        try:
            self.writer.options(ignore_status=404, max_retries=0).indices.delete(index=name)
        except (TransportError, ApiError):
            logger.warning("Could not delete the unfinished index %s", name, exc_info=True)

    def _swap_alias(self, name: str, alias: str | None = None, loading: str = "") -> None:
        """Point `alias` at index `name` alone, and drop the index's `loading` alias, in
        one atomic step."""
        alias = alias or self.alias
        actions = [{"remove": {"index": name, "alias": loading}}] if loading else []
        current = self.writer.options(ignore_status=404).indices.get_alias(name=alias)
        if current.meta.status != 404:
            for old in current.body:
                actions.append({"remove": {"index": old, "alias": alias}})
        elif self.writer.indices.exists(index=alias):
            # A concrete index holds the alias's name (written before the first rebuild):
            # drop it in the same atomic step.
            actions.append({"remove_index": {"index": alias}})
        actions.append({"add": {"index": name, "alias": alias}})
        self.writer.indices.update_aliases(actions=actions)

    def _delete_old_indices(self, keep: str, alias: str | None = None) -> None:
        alias = alias or self.alias
        pattern = re.compile(rf"^{re.escape(alias)}-\d{{20}}$")
        found = self.writer.indices.get(index=f"{alias}-*", allow_no_indices=True)
        old = sorted(name for name in found.body if pattern.match(name) and name != keep)
        if old:
            self.writer.indices.delete(index=",".join(old))

    def fingerprints(self) -> dict[str, str]:
        found = {}
        search = (
            Search(using=self.writer, index=self.alias)
            .source(["fingerprint"])
            .sort("key")
            .extra(size=1000, track_total_hits=False)
        )
        with self._errors("fingerprints", read=False):
            after = None
            while True:
                page = search.extra(search_after=[after]) if after is not None else search
                hits = page.execute().hits
                if not hits:
                    break
                for hit in hits:
                    found[hit.meta.id] = hit.fingerprint
                after = hits[-1].meta.sort[0]
        return found

    # -- reading -------------------------------------------------------------------------

    def _filtered(self, request: SearchRequest, text: str | None = None):
        visible = visibility_filter(request.reader)
        filters = ([visible] if visible else []) + filter_clauses(request)
        return _bool(must=text_query(text) if text else None, filters=filters)

    def search(self, request: SearchRequest) -> EngineResult:
        size = request.page_size
        page = min(request.page, max(1, MAX_RESULT_WINDOW // size))
        with self._errors("search"):
            result = self._page(request, page)
            last_page = max(1, -(-min(result.total, MAX_RESULT_WINDOW) // size))
            if page > last_page:
                result = self._page(request, last_page)
        return result

    def _page(self, request: SearchRequest, page: int) -> EngineResult:
        size = request.page_size
        search = self._search().query(self._filtered(request, request.text)).source(SOURCE_FIELDS)
        if request.sort == "relevance" and request.text:
            search = search.sort("_score", {"published_at": {"order": "desc"}}, "key")
        else:
            search = search.sort({"published_at": {"order": "desc"}}, {"key": "desc"})
        search = search.extra(from_=(page - 1) * size, size=size, track_total_hits=True)
        if request.text:
            search = search.highlight_options(
                pre_tags=[HIGHLIGHT_START],
                post_tags=[HIGHLIGHT_STOP],
                highlight_query=text_query(request.text, ["summary", "body"]).to_dict(),
            )
            search = search.highlight("summary", number_of_fragments=0)
            search = search.highlight("body", fragment_size=150, number_of_fragments=2)
        if request.with_facets:
            for name, field_name in FACET_FIELDS.items():
                search.aggs.bucket(name, A("terms", field=field_name, size=FACET_SIZE))
        response = search.execute()
        hits = [self._hit(hit, bool(request.text)) for hit in response.hits]
        facets: dict[str, list] = {name: [] for name in FACET_FIELDS}
        if request.with_facets:
            aggregations = response.aggregations
            for name in FACET_FIELDS:
                for bucket in aggregations[name].buckets:
                    key = bucket.key
                    if key == "" or key is None:
                        continue
                    facets[name].append((key, int(bucket.doc_count)))
                facets[name].sort(key=lambda item: (-item[1], str(item[0])))
        total = int(response.hits.total.value)
        return EngineResult(hits=hits, total=total, page=page, facets=facets)

    def _hit(self, hit, highlighted: bool) -> Hit:
        snippet = ""
        if highlighted:
            highlight = getattr(hit.meta, "highlight", None)
            if highlight is not None:
                if "summary" in highlight:
                    snippet = " … ".join(highlight["summary"])
                elif "body" in highlight:
                    snippet = " … ".join(highlight["body"])
        if not snippet:
            snippet = (hit.summary or "")[:SNIPPET_CHARS] if "summary" in hit else ""
        published = hit.published_at if "published_at" in hit else None
        if isinstance(published, str):
            published = parse_datetime(published)
        return Hit(
            key=hit.key,
            kind=hit.kind,
            page_id=int(hit.page_id),
            community_id=hit.community_id if "community_id" in hit else None,
            url=hit.url,
            title=hit.title,
            snippet=snippet,
            organisation=hit.organisation if "organisation" in hit else "",
            lesson_kind=hit.lesson_kind if "lesson_kind" in hit else "",
            lesson_category=hit.lesson_category if "lesson_category" in hit else "",
            published_at=published,
        )

    def _finds_any(self, request: SearchRequest, text: str) -> bool:
        search = self._search().query(self._filtered(request, text)).extra(size=0)
        return search.extra(track_total_hits=1).execute().hits.total.value > 0

    def suggest(self, request: SearchRequest) -> str | None:
        """ "Did you mean", from the term suggester over titles and summaries.

        The suggester reads the whole index, whoever asks, so a suggestion is returned only
        when the corrected query finds something this reader may see (same filters)."""
        words = WORD_RE.findall(request.text)
        if not words or len(words) > 8:
            return None
        with self._errors("suggest"):
            search = (
                self._search()
                .extra(size=0)
                .suggest(
                    "spelling",
                    request.text,
                    term={"field": "spell", "suggest_mode": "missing", "size": 3},
                )
            )
            entries = search.execute().suggest["spelling"]
            suggestion, shift = request.text, 0
            for entry in entries:
                original = request.text[entry.offset : entry.offset + entry.length]
                if not entry.options or original == "OR" or not WORD_RE.fullmatch(original):
                    continue
                start, end = entry.offset + shift, entry.offset + entry.length + shift
                better = entry.options[0].text
                suggestion = suggestion[:start] + better + suggestion[end:]
                shift += len(better) - entry.length
            if suggestion.lower() == request.text.lower():
                return None
            return suggestion if self._finds_any(request, suggestion) else None

    def autocomplete(self, text: str, reader: Reader, limit: int = 6) -> list[Hit]:
        visible = visibility_filter(reader)
        prefix = Q(
            "multi_match",
            query=text,
            type="bool_prefix",
            operator="and",
            fields=["title_prefix", "title_prefix._2gram", "title_prefix._3gram"],
        )
        query = _bool(
            must=prefix,
            filters=[visible] if visible else [],
            must_not=[Q("term", kind=Kind.LESSON.value)],
        )
        search = self._search().query(query).source(SOURCE_FIELDS).extra(size=limit)
        with self._errors("autocomplete"):
            hits = search.execute().hits
            return [
                Hit(
                    key=hit.key,
                    kind=hit.kind,
                    page_id=int(hit.page_id),
                    community_id=hit.community_id if "community_id" in hit else None,
                    url=hit.url,
                    title=hit.title,
                    snippet="",
                )
                for hit in hits
            ]

    def similar(self, page_id: int, reader: Reader, limit: int = 3) -> list[int]:
        """Case studies like this one (more_like_this on its text), most similar first."""
        visible = visibility_filter(reader)
        like = Q(
            "more_like_this",
            fields=["text_a", "text_b", "text_c"],
            like=[{"_index": self.alias, "_id": f"page:{page_id}"}],
            min_term_freq=1,
            min_doc_freq=1,
            max_query_terms=25,
        )
        query = _bool(
            must=like,
            filters=[Q("term", kind=Kind.CASE_STUDY.value)] + ([visible] if visible else []),
            must_not=[Q("term", page_id=page_id)],
        )
        search = self._search().query(query).source(["page_id"]).extra(size=limit)
        with self._errors("similar"):
            return [int(hit.page_id) for hit in search.execute().hits]

    # -- saved search alerts ---------------------------------------------------------------

    def rebuild_percolator(self, saved_searches: Iterable[SavedQuery]) -> int:
        """Store every saved search's query in a new percolator index, then swap the alias
        `<alias>-percolator` to it, as `rebuild` does for documents. Returns the count."""
        name = f"{self.percolator_alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
        index = build_index(name, current_synonyms(), percolator=True)
        count = 0
        with self._errors("rebuild saved searches", read=False):
            index.create(using=self.writer)
            try:
                batch: list[SavedQuery] = []
                for saved in saved_searches:
                    batch.append(saved)
                    if len(batch) >= BULK_CHUNK:
                        count += self._store_saved(batch, name)
                        batch = []
                count += self._store_saved(batch, name)
                self.writer.indices.refresh(index=name)
                self._swap_alias(name, self.percolator_alias)
            except BaseException:
                self._drop(name)
                raise
            self._delete_old_indices(keep=name, alias=self.percolator_alias)
        return count

    def _store_saved(self, saved_searches: list[SavedQuery], index: str, **options) -> int:
        if not saved_searches:
            return 0
        actions = (
            {"_index": index, "_id": str(saved.id), "_source": percolator_source(saved)}
            for saved in saved_searches
        )
        bulk(self.writer, actions, chunk_size=BULK_CHUNK, **options)
        return len(saved_searches)

    def save_saved_search(self, saved: SavedQuery) -> None:
        """Store (or replace) one saved search's query in the percolator index."""
        with self._errors("store a saved search", read=False):
            # require_alias: the percolator index is created by a rebuild, never by a write.
            self._store_saved(
                [saved], self.percolator_alias, require_alias=True, refresh="wait_for"
            )

    def delete_saved_search(self, saved_search_id: int) -> None:
        """Remove one saved search's query (nothing to do if it is not there)."""
        with self._errors("delete a saved search", read=False):
            self.writer.options(ignore_status=404).delete(
                index=self.percolator_alias, id=str(saved_search_id), refresh="wait_for"
            )

    def _store_missing(self, saved_searches: list[SavedQuery]) -> None:
        """Store the queries of saved searches that the percolator index lacks, or holds an
        older version of (a change whose update has not run yet, or was lost)."""
        versions = {saved_query_version(saved): saved for saved in saved_searches}
        response = self.client.search(
            index=self.percolator_alias,
            query={"terms": {"saved_search_version": sorted(versions)}},
            source=["saved_search_version"],
            size=len(versions),
        )
        present = {hit["_source"]["saved_search_version"] for hit in response["hits"]["hits"]}
        missing = [saved for version, saved in versions.items() if version not in present]
        if missing:
            self._store_saved(
                missing, self.percolator_alias, require_alias=True, refresh="wait_for"
            )

    def match_saved_searches(
        self, document_keys: list[str], saved_searches: list[SavedQuery]
    ) -> list[tuple[int, str]]:
        """Percolate the new documents, as they are indexed (fetched by key), against the
        stored queries of these saved searches, in one request; each hit's
        `_percolator_document_slot` says which of the documents it matched."""
        if not document_keys or not saved_searches:
            return []
        keys = list(dict.fromkeys(document_keys))
        saved_searches = list({saved.id: saved for saved in saved_searches}.values())
        with self._errors("match saved searches"):
            found = self.client.mget(index=self.alias, ids=keys)
            documents = [(doc["_id"], doc["_source"]) for doc in found["docs"] if doc.get("found")]
            if not documents:
                return []
            self._store_missing(saved_searches)
            query = Q(
                "bool",
                must=[
                    Q(
                        "percolate",
                        field="query",
                        documents=[source for _key, source in documents],
                    )
                ],
                filter=[
                    Q(
                        "terms",
                        saved_search_version=sorted(
                            saved_query_version(saved) for saved in saved_searches
                        ),
                    )
                ],
            )
            response = self.client.search(
                index=self.percolator_alias,
                query=query.to_dict(),
                source=["saved_search_id"],
                size=len(saved_searches),
            )
            pairs = set()
            for hit in response["hits"]["hits"]:
                saved_id = int(hit["_source"]["saved_search_id"])
                fields = hit.get("fields") or {}
                slots = fields.get("_percolator_document_slot", [0] if len(documents) == 1 else [])
                for slot in slots:
                    pairs.add((saved_id, documents[int(slot)][0]))
        return sorted(pairs)


def all_saved_queries() -> Iterator[SavedQuery]:
    """Every saved search, for a rebuild of the percolator index."""
    from participation.services.saved_searches import saved_queries

    return saved_queries()
