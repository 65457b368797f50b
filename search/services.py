"""The one search service. Views, feeds, the API and digests call this; nothing else talks
to an engine.

`search()` takes the query text, the user, the filters, the sort and the page, and returns
the page of results, the facet counts, a "did you mean" suggestion and the total, all
already limited by the privacy rule: engines apply the reader's visibility inside the query.

Bad input never fails: text is cleaned and shortened, unknown or malformed filters are
dropped with a notice, and a page number past the end gives the last page.
"""

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.utils.http import urlencode

from search.engines.base import (
    FACET_FIELDS,
    SORTS,
    EngineError,
    Hit,
    Reader,
    SavedQuery,
    SearchRequest,
)
from search.engines.postgres import HIGHLIGHT_START, HIGHLIGHT_STOP, PostgresEngine
from search.models import Kind, SearchDocument, SearchLog, Synonym

__all__ = ["HIGHLIGHT_START", "HIGHLIGHT_STOP", "search", "autocomplete", "similar_case_studies"]

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 500
MAX_VALUES_PER_FILTER = 10
PAGE_SIZE = 20
SYNONYMS_CACHE_KEY = "search:synonyms"
# Themes and service areas as filter options, cached like the synonyms (and cleared when one
# is saved or deleted: search/signals.py) so that a search reads both in one cache query.
TAXONOMY_CACHE_KEY = "search:taxonomy-options"
# Likewise every community's name (to label results and facets: which ones a reader sees is
# decided by the engine) and the set of queries that have a best bet on any site (so the
# many searches without one ask nothing more); both cleared by search/signals.py.
COMMUNITY_NAMES_CACHE_KEY = "search:community-names"
BEST_BET_QUERIES_CACHE_KEY = "search:best-bet-queries"
SEARCH_CACHE_KEYS = [
    SYNONYMS_CACHE_KEY,
    TAXONOMY_CACHE_KEY,
    COMMUNITY_NAMES_CACHE_KEY,
    BEST_BET_QUERIES_CACHE_KEY,
]
CACHE_SECONDS = 300
FACET_LABELS = {
    "kind": "Kind",
    "theme": "Theme",
    "service_area": "Service area",
    "organisation_type": "Type of organisation",
    "region": "Region",
    "stage": "Stage",
    "year": "Year the project started",
    "community": "Community",
    "lesson_kind": "Kind of lesson",
    "lesson_category": "Lesson category",
}
SORT_LABELS = {"relevance": "Best match", "newest": "Newest"}


# -- engines -----------------------------------------------------------------------------

_postgres = PostgresEngine()


def postgres_engine() -> PostgresEngine:
    return _postgres


def elasticsearch_engine():
    """The Elasticsearch engine when ELASTICSEARCH_URL is set, else None."""
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        return None
    from search.engines.elastic import ElasticsearchEngine

    return ElasticsearchEngine.for_url(url)


def primary_engine():
    return elasticsearch_engine() or _postgres


def _with_fallback(method: str, *args, **kwargs):
    """Call `method` on the primary engine; if Elasticsearch fails, log it and ask PostgreSQL,
    which is always kept up to date (search/indexing.py). Returns (result, engine name)."""
    engine = primary_engine()
    if engine is not _postgres:
        try:
            return getattr(engine, method)(*args, **kwargs), engine.name
        except EngineError:
            logger.exception("Elasticsearch failed on %s; answering from PostgreSQL", method)
    return getattr(_postgres, method)(*args, **kwargs), _postgres.name


def _engine_search(request: SearchRequest):
    """The engine's answer to `request` (with the engine's name), kept in the page cache
    for the current generation (cop/pagecache.py `remember`) when PostgreSQL answers
    searches: its index is written only
    through search/indexing.py, which starts a new generation, so a kept answer is as
    current as the index. The request names the reader's access (`Reader`), so readers
    with the same access share answers and no one is given another's."""
    from cop import pagecache

    if primary_engine() is not _postgres:
        # Elasticsearch shows a change only once it refreshes (about a second after the
        # write), so an answer kept then could outlive the change; it has its own caches.
        return _with_fallback("search", request)
    return pagecache.remember(
        f"search:{_postgres.name}:{request!r}",
        lambda: _with_fallback("search", request),
        seconds=pagecache.part_timeout(),
    )


# -- readers and input -------------------------------------------------------------------


def reader_for(user) -> Reader:
    from communities.selectors import _approved, _signed_in, member_community_ids

    if not _signed_in(user):
        return Reader()
    return Reader(
        superuser=bool(user.is_superuser),
        approved=_approved(user),
        member_ids=tuple(sorted(member_community_ids(user))),
    )


def clean_query(raw) -> tuple[str, list[str]]:
    """Printable text only, whitespace collapsed, at most MAX_QUERY_LENGTH characters."""
    notices = []
    text = "".join(ch if ch.isprintable() else " " for ch in str(raw or ""))
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
        notices.append(f"Your search was shortened to its first {MAX_QUERY_LENGTH} characters.")
    return text, notices


@dataclass(frozen=True)
class Option:
    value: str  # as written in the address
    index_value: object  # as stored in the index
    label: str


def _taxonomy_options(model) -> dict[str, Option]:
    return {
        slug: Option(slug, pk, name)
        for pk, slug, name in model.objects.values_list("pk", "slug", "name")
    }


def _choice_options(choices) -> dict[str, Option]:
    return {value: Option(value, value, label) for value, label in choices}


def _cached(key: str, cached, compute):
    """`cached` (a value already read from the cache under `key`), else the cache's value,
    else `compute()`, then kept for CACHE_SECONDS (search/signals.py drops it on change)."""
    value = cached if cached is not None else cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def taxonomy_options(cached=None) -> dict[str, dict[str, Option]]:
    """Theme and service area options, from the cache (or `cached`, a value already read from
    it) when there."""
    from casestudies.models import ServiceArea, Theme

    return _cached(
        TAXONOMY_CACHE_KEY,
        cached,
        lambda: {
            "theme": _taxonomy_options(Theme),
            "service_area": _taxonomy_options(ServiceArea),
        },
    )


def filter_options(names=None, taxonomies=None) -> dict[str, dict[str, Option]]:
    """For each facet: its valid values in the address, with index value and label.

    Communities and years are open-ended and checked separately (see read_filters)."""
    from casestudies.models import LessonCategory, LessonKind, Stage
    from communities.models import OrganisationType, Region

    builders = {
        "kind": lambda: _choice_options(Kind.choices),
        "theme": lambda: taxonomy_options(taxonomies)["theme"],
        "service_area": lambda: taxonomy_options(taxonomies)["service_area"],
        "organisation_type": lambda: _choice_options(OrganisationType.choices),
        "region": lambda: _choice_options(Region.choices),
        "stage": lambda: _choice_options(Stage.choices),
        "lesson_kind": lambda: _choice_options(LessonKind.choices),
        "lesson_category": lambda: _choice_options(LessonCategory.choices),
    }
    return {name: build() for name, build in builders.items() if names is None or name in names}


def _int_or_none(value: str, low: int, high: int) -> int | None:
    value = value.strip()
    if value.isascii() and value.isdigit() and len(value) <= 10 and low <= int(value) <= high:
        return int(value)
    return None


def read_filters(params, options=None) -> tuple[dict[str, list], dict[str, list[str]], list[str]]:
    """(index filters, the same in the address's terms, notices) from a query dict.

    Unknown or malformed values are dropped, each with a notice; nothing else changes.
    `options` (from filter_options()) saves reading them again when the caller has them."""
    filters, chosen, notices = {}, {}, []
    wanted = [name for name in FACET_FIELDS if params.getlist(name)]
    if options is None:
        options = filter_options([name for name in wanted if name not in ("year", "community")])
    for name in wanted:
        raw_values = [str(value) for value in params.getlist(name)][:MAX_VALUES_PER_FILTER]
        kept_index, kept_address, dropped = [], [], False
        for raw in dict.fromkeys(raw_values):
            if name == "year":
                value = _int_or_none(raw, 1900, 2100)
                index_value, address = value, str(value)
            elif name == "community":
                value = _int_or_none(raw, 1, 2**31 - 1)
                index_value, address = value, str(value)
            else:
                option = options[name].get(raw)
                value = option
                index_value, address = (option.index_value, option.value) if option else (None, "")
            if value is None:
                dropped = True
                continue
            kept_index.append(index_value)
            kept_address.append(address)
        if dropped:
            notices.append(
                f"{FACET_LABELS[name]}: a value was not one of the options, so it was ignored."
            )
        if kept_index:
            filters[name] = kept_index
            chosen[name] = kept_address
    return filters, chosen, notices


def synonyms(cached=None) -> list[list[str]]:
    return _cached(
        SYNONYMS_CACHE_KEY,
        cached,
        lambda: [synonym.term_list for synonym in Synonym.objects.all()],
    )


# -- results -----------------------------------------------------------------------------


@dataclass
class Result:
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: str
    page_id: int
    community: str = ""
    organisation: str = ""
    lesson_kind: str = ""
    lesson_category: str = ""
    published_at: datetime | None = None


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str  # the search with this value added or removed


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchResults:
    query: str
    filters: dict[str, list[str]] = field(default_factory=dict)  # as in the address
    sort: str = "relevance"
    page: Page | None = None
    total: int = 0
    # True when the total and facet counts are estimates ("about 84,000"): very common
    # queries on PostgreSQL are counted on a sample (docs/search.md).
    approximate: bool = False
    facets: list[Facet] = field(default_factory=list)
    suggestion: str | None = None
    suggestion_url: str = ""
    notices: list[str] = field(default_factory=list)
    engine: str = ""
    query_string: str = ""  # the whole search state, without the page number
    took_ms: float = 0.0
    best_bets: list[Result] = field(default_factory=list)  # promoted pages, shown first

    @property
    def searched(self) -> bool:
        return bool(self.query or self.filters)

    @property
    def results(self) -> list[Result]:
        return list(self.page.object_list) if self.page else []

    @property
    def selected(self) -> list[FacetValue]:
        return [value for facet in self.facets for value in facet.values if value.selected]


def _state(query: str, chosen: dict[str, list[str]], sort: str, community_id=None) -> list:
    state = [("q", query)] if query else []
    for name in FACET_FIELDS:
        state.extend((name, value) for value in chosen.get(name, []))
    if sort != "relevance":
        state.append(("sort", sort))
    return state


def community_names(cached=None) -> dict[int, str]:
    """Every community's name by id, from the cache (or `cached`, a value already read from
    it) when there."""
    from communities.models import CommunityPage

    return _cached(
        COMMUNITY_NAMES_CACHE_KEY,
        cached,
        lambda: dict(CommunityPage.objects.values_list("pk", "title")),
    )


def best_bet_queries(cached=None) -> frozenset[str]:
    """Every normalised query that has a best bet on some site, cached like the names."""
    from curation.models import BestBet

    return _cached(
        BEST_BET_QUERIES_CACHE_KEY,
        cached,
        lambda: frozenset(
            query
            for queries in BestBet.objects.values_list("normalised_queries", flat=True)
            for query in queries
        ),
    )


def _has_best_bets(text: str, cached=None) -> bool:
    from curation.models import normalise_query

    return normalise_query(text) in best_bet_queries(cached)


def _labels(
    hits: list[Hit], facets: dict, options, names: dict[int, str]
) -> tuple[dict, dict[str, dict]]:
    """Names for the communities and taxonomy values on this page and in the facets."""
    community_ids = {hit.community_id for hit in hits if hit.community_id}
    community_ids |= {value for value, _count in facets.get("community", [])}
    missing = community_ids - names.keys()
    if missing:  # made since the names were cached, in a way that sent no signal
        from communities.models import CommunityPage

        names = {
            **names,
            **dict(CommunityPage.objects.filter(pk__in=missing).values_list("pk", "title")),
        }
    communities = {pk: names[pk] for pk in community_ids if pk in names}
    by_index = {
        name: {option.index_value: option for option in values.values()}
        for name, values in options.items()
    }
    return communities, by_index


class _Toggles:
    """Addresses of the search with one filter value added or removed: the search's own
    address with one pair put in or taken out, encoded once per search rather than once
    per facet value (as `urlencode(_state(...))` would give them, in the same order)."""

    def __init__(self, query: str, chosen: dict[str, list[str]], sort: str):
        self.pairs = _state(query, chosen, sort)
        self.encoded = [urlencode([pair]) for pair in self.pairs]
        self.ends, position = {}, 1 if query else 0
        for name in FACET_FIELDS:
            position += len(chosen.get(name, []))
            self.ends[name] = position

    def added(self, name: str, address: str) -> str:
        end = self.ends[name]
        parts = [*self.encoded[:end], urlencode([(name, address)]), *self.encoded[end:]]
        return "?" + "&".join(parts)

    def removed(self, name: str, address: str) -> str:
        parts = [
            part
            for pair, part in zip(self.pairs, self.encoded, strict=True)
            if pair != (name, address)
        ]
        return "?" + "&".join(parts)


def _facets(engine_facets, chosen, query, sort, communities, by_index) -> list[Facet]:
    facets = []
    toggles = _Toggles(query, chosen, sort)
    for name in FACET_FIELDS:
        values = []
        for index_value, count in engine_facets.get(name, []):
            if name == "community":
                address, label = str(index_value), communities.get(index_value)
            elif name == "year":
                address, label = str(index_value), str(index_value)
            else:
                option = by_index.get(name, {}).get(index_value)
                address, label = (option.value, option.label) if option else ("", None)
            if not label:
                continue
            selected = address in chosen.get(name, [])
            values.append(
                FacetValue(
                    value=address,
                    label=label,
                    count=count,
                    selected=selected,
                    toggle_url=(
                        toggles.removed(name, address) if selected else toggles.added(name, address)
                    ),
                )
            )
        # Show chosen values even when nothing in the current set has them.
        for address in chosen.get(name, []):
            if not any(value.value == address for value in values):
                label = _label_for(name, address, communities, by_index)
                values.append(FacetValue(address, label, 0, True, toggles.removed(name, address)))
        if name == "year":
            values.sort(key=lambda value: value.value, reverse=True)
        if values:
            facets.append(Facet(name=name, label=FACET_LABELS[name], values=values))
    return facets


def _label_for(name, address, communities, by_index) -> str:
    if name == "community":
        return communities.get(int(address), "A community")
    if name == "year":
        return address
    for option in by_index.get(name, {}).values():
        if option.value == address:
            return option.label
    return address


def _results(hits: list[Hit], communities: dict) -> list[Result]:
    from casestudies.models import LessonCategory, LessonKind

    kinds = dict(Kind.choices)
    lesson_kinds = dict(LessonKind.choices)
    categories = dict(LessonCategory.choices)
    return [
        Result(
            kind=hit.kind,
            kind_label=kinds.get(hit.kind, hit.kind),
            title=hit.title,
            url=hit.url,
            snippet=hit.snippet,
            page_id=hit.page_id,
            community=communities.get(hit.community_id, ""),
            organisation=hit.organisation,
            lesson_kind=lesson_kinds.get(hit.lesson_kind, ""),
            lesson_category=categories.get(hit.lesson_category, ""),
            published_at=hit.published_at,
        )
        for hit in hits
    ]


def _page_number(raw) -> int:
    value = _int_or_none(str(raw or "1"), 1, 10**6)
    return value or 1


def best_bets(text: str, user, site=None) -> list[Result]:
    """The pages administrators promote for this search on `site` (curation.BestBet), that
    `user` may read, best first. Matching ignores case and extra whitespace."""
    from curation.selectors import best_bets_for

    results = []
    for bet in best_bets_for(text, user, site):
        page = bet.page
        kind, kind_label = _page_kind(page)
        snippet = bet.description or next(
            (
                value
                for value in (
                    getattr(page, "summary", ""),
                    getattr(page, "purpose", ""),
                    page.search_description,
                )
                if value
            ),
            "",
        )
        results.append(
            Result(
                kind=kind,
                kind_label=kind_label,
                title=page.title,
                url=page.url or "",
                snippet=snippet,
                page_id=page.pk,
            )
        )
    return results


def _page_kind(page) -> tuple[str, str]:
    kinds = dict(Kind.choices)
    by_model = {
        "casestudypage": Kind.CASE_STUDY,
        "communitypage": Kind.COMMUNITY,
        "wikipage": Kind.WIKI,
        "wikiindexpage": Kind.WIKI,
    }
    model = page._meta.model_name
    if model in by_model:
        return by_model[model], kinds[by_model[model]]
    if model == "collectionpage":
        return "collection", "Collection"
    return "page", "Page"


def search(
    *,
    query=None,
    user=None,
    params=None,
    community=None,
    page_number=None,
    sort=None,
    page_size: int = PAGE_SIZE,
    log: bool = True,
    site=None,
) -> SearchResults:
    """Search everything `user` may read. `params` is a QueryDict holding filters (and, when
    the other arguments are not given, `q`, `sort` and `page`). `community` limits the search
    to one community (the caller has checked that the user may read it). A site-wide search
    for words also returns the best bets for them on `site` (the default site when None),
    on its first page."""
    from django.http import QueryDict

    started = time.perf_counter()
    params = params if params is not None else QueryDict()
    text, notices = clean_query(query if query is not None else params.get("q"))
    # Every facet's options are needed to label the results, so read them once (only when
    # the address names filters do they also check it).
    cached = cache.get_many(SEARCH_CACHE_KEYS)  # one query for all of them
    taxonomies = taxonomy_options(cached.get(TAXONOMY_CACHE_KEY))
    wanted = any(params.getlist(name) for name in FACET_FIELDS)
    options = filter_options(taxonomies=taxonomies) if wanted else None
    filters, chosen, filter_notices = read_filters(params, options)
    notices += filter_notices
    sort = sort or params.get("sort") or "relevance"
    if sort not in SORTS:
        notices.append("That sort order is not one of the options, so results are by best match.")
        sort = "relevance"
    page_number = _page_number(page_number if page_number is not None else params.get("page"))
    results = SearchResults(query=text, filters=chosen, sort=sort, notices=notices)
    results.query_string = urlencode(_state(text, chosen, sort))
    if not text and not filters:
        return results

    request = SearchRequest(
        text=text,
        reader=reader_for(user),
        filters=filters,
        sort=sort,
        page=page_number,
        page_size=page_size,
        community_id=community.pk if community is not None else None,
        synonyms=synonyms(cached.get(SYNONYMS_CACHE_KEY)),
    )
    found, results.engine = _engine_search(request)
    results.total = found.total
    results.approximate = found.approximate
    if text and found.total < 3:
        results.suggestion, _engine = _with_fallback("suggest", request)
        if results.suggestion:
            results.suggestion_url = "?" + urlencode(_state(results.suggestion, chosen, sort))
    communities, by_index = _labels(
        found.hits,
        found.facets,
        options or filter_options(taxonomies=taxonomies),
        community_names(cached.get(COMMUNITY_NAMES_CACHE_KEY)),
    )
    reachable = found.total if found.reachable is None else found.reachable
    paginator = Paginator(range(reachable), page_size)
    results.page = paginator.get_page(found.page)
    results.page.object_list = _results(found.hits, communities)
    results.facets = _facets(found.facets, chosen, text, sort, communities, by_index)
    if (
        text
        and community is None
        and results.page.number == 1
        and _has_best_bets(text, cached.get(BEST_BET_QUERIES_CACHE_KEY))
    ):
        results.best_bets = best_bets(text, user, site)
    results.took_ms = (time.perf_counter() - started) * 1000
    if log:
        SearchLog.objects.create(
            query=text,
            filters=chosen,
            result_count=found.total,
            user=user if user is not None and user.is_authenticated else None,
            community_id=request.community_id,
            engine=results.engine,
        )
    return results


def autocomplete(text, user, limit: int = 8) -> list[dict]:
    """Titles of things `user` may read, and themes, that contain `text`."""
    from casestudies.models import Theme

    text, _notices = clean_query(text)
    text = text[:100]
    if len(text) < 2:
        return []
    hits, _engine = _with_fallback("autocomplete", text, reader_for(user), limit=limit - 2)
    kinds = dict(Kind.choices)
    suggestions = [
        {"label": hit.title, "kind": kinds.get(hit.kind, hit.kind), "url": hit.url} for hit in hits
    ]
    for slug, name in Theme.objects.filter(name__icontains=text).values_list("slug", "name")[:2]:
        suggestions.append(
            {"label": name, "kind": "Theme", "url": "/search/?" + urlencode({"theme": slug})}
        )
    return suggestions[:limit]


@dataclass(frozen=True)
class CaseStudyCard:
    """A case study as its card (components/case_study_card.html) shows it, read from its
    row in the search index rather than from the page's own tables."""

    page_id: int
    url: str
    title: str
    summary: str
    stage: str
    first_published_at: datetime | None
    organisation: str

    @property
    def lead_organisation(self):
        return SimpleNamespace(name=self.organisation) if self.organisation else None

    def get_stage_display(self) -> str:
        from casestudies.models import Stage

        return Stage(self.stage).label if self.stage in Stage.values else ""


def similar_case_studies(page, user, limit: int = 3) -> list[CaseStudyCard]:
    """Cards of the live case studies `user` may read that are most like `page`, most
    similar first. The engine applies the privacy rule, and the pages are checked against
    it again in the same statement that reads the cards from the PostgreSQL index (an
    index a moment behind a change never shows what the reader may no longer see)."""
    from casestudies.selectors import visible_case_studies

    page_ids, _engine = _with_fallback("similar", page.pk, reader_for(user), limit=limit)
    if not page_ids:
        return []
    rows = SearchDocument.objects.filter(
        key__in=[f"page:{page_id}" for page_id in page_ids],
        kind=Kind.CASE_STUDY,
        page_id__in=visible_case_studies(user).filter(pk__in=page_ids).values("pk"),
    ).values_list("page_id", "url", "title", "summary", "stage", "published_at", "organisation")
    by_id = {row[0]: CaseStudyCard(*row) for row in rows}
    return [by_id[page_id] for page_id in page_ids if page_id in by_id]


# -- saved searches ----------------------------------------------------------------------


def saved_search_state(query_string: str) -> tuple[str, dict, str, list[str]]:
    """(text, index filters, the search's address, notices) from a search page's query
    string: cleaned as a search would be, without sort or page."""
    from django.http import QueryDict

    params = QueryDict(query_string[:4000])
    text, notices = clean_query(params.get("q"))
    filters, chosen, filter_notices = read_filters(params)
    return text, filters, urlencode(_state(text, chosen, "relevance")), notices + filter_notices


def match_saved_searches(document_keys, saved_searches: list[SavedQuery]):
    """(saved search id, document key) pairs: which saved searches these newly indexed
    documents match. Privacy is not applied here; callers check each member before they
    tell them anything. The primary engine answers (Elasticsearch percolates the documents
    against the saved searches' stored queries); PostgreSQL, always up to date, answers
    when it cannot."""
    engine = primary_engine()
    if engine is not _postgres:
        try:
            return engine.match_saved_searches(list(document_keys), saved_searches)
        except (EngineError, NotImplementedError):
            logger.warning("Matching saved searches in PostgreSQL instead of %s", engine.name)
    return _postgres.match_saved_searches(list(document_keys), saved_searches)


def saved_search_changed(saved_search_id: int, query: SavedQuery | None) -> bool:
    """Store a saved search's query in Elasticsearch's percolator index, or remove it when
    `query` is None (the search was deleted). Nothing without Elasticsearch. A failure is
    logged, not raised: matching stores any query it finds missing or out of date, and a
    query left behind for a deleted search is never asked for. Returns whether it was
    updated."""
    engine = elasticsearch_engine()
    if engine is None:
        return False
    try:
        if query is None:
            engine.delete_saved_search(saved_search_id)
        else:
            engine.save_saved_search(query)
    except EngineError:
        logger.exception("Could not update saved search %s in Elasticsearch", saved_search_id)
        return False
    return True
