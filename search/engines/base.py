"""The contract both engines implement. Only search/services.py and search/indexing.py use it.

Requests arrive cleaned and validated (search/services.py): the engine never sees raw input,
and always receives the reader, whose visibility it applies inside the query.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from search.documents import Document, DocumentBatches

# Facet name -> the document field it counts. Multi-valued fields are lists.
FACET_FIELDS = {
    "kind": "kind",
    "theme": "theme_ids",
    "service_area": "service_area_ids",
    "organisation_type": "organisation_types",
    "region": "regions",
    "stage": "stage",
    "year": "year",
    "community": "community_id",
    "lesson_kind": "lesson_kind",
    "lesson_category": "lesson_category",
}
MULTI_VALUED = {"theme_ids", "service_area_ids", "organisation_types", "regions"}
INTEGER_FACETS = {"theme", "service_area", "year", "community"}
# Terms whose case is significant to the query parser (websearch syntax).
SORTS = ("relevance", "newest")


class EngineError(Exception):
    """The engine could not answer (down, slow, or refused the request)."""


@dataclass(frozen=True)
class Reader:
    """Who is searching, reduced to what the privacy rule needs."""

    superuser: bool = False
    approved: bool = False
    member_ids: tuple[int, ...] = ()


@dataclass
class SearchRequest:
    text: str  # cleaned query text in websearch syntax; may be empty when filtering only
    reader: Reader
    # Facet name -> chosen values (ints for INTEGER_FACETS, strings otherwise). Values within
    # one facet are alternatives; different facets all apply.
    filters: dict[str, list] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    community_id: int | None = None  # search within one community
    synonyms: list[list[str]] = field(default_factory=list)
    with_facets: bool = True


@dataclass(frozen=True)
class SavedQuery:
    """A saved search, as the engines match it against new documents: cleaned text in
    websearch syntax (may be empty) and index filters (as in SearchRequest.filters)."""

    id: int
    text: str
    filters: dict = field(default_factory=dict)


@dataclass
class Hit:
    key: str
    kind: str
    page_id: int
    community_id: int | None
    url: str
    title: str
    snippet: str  # plain text with HIGHLIGHT_START/STOP markers around matches
    organisation: str = ""
    lesson_kind: str = ""
    lesson_category: str = ""
    published_at: datetime | None = None


@dataclass
class EngineResult:
    hits: list[Hit]
    total: int
    page: int  # the page actually returned (the last one if the request went past the end)
    facets: dict[str, list[tuple[object, int]]] = field(default_factory=dict)
    # True when the total and facet counts are estimates (very common queries on PostgreSQL:
    # counted on a sample and scaled up); `reachable` is then how many results can be paged
    # through, which may be fewer than `total`.
    approximate: bool = False
    reachable: int | None = None


class Engine:
    name = "base"

    # Indexing
    def replace_pages(self, page_ids: Iterable[int], documents: list[Document]) -> None:
        """Make the index hold exactly `documents` for these pages (none: remove them)."""
        raise NotImplementedError

    def rebuild(self, batches: DocumentBatches, progress=None, writers: int = 1) -> int:
        """Re-index everything from `batches`; drop whatever is not in them. Returns count.
        Each chunk is built and written inside `batches.built(chunk)`, which locks its
        pages (search/locks.py). `writers`: how many batches the engine may write at once
        (it may use fewer)."""
        raise NotImplementedError

    def fingerprints(self) -> dict[str, str]:
        """key -> fingerprint of everything in the index (for the check command)."""
        raise NotImplementedError

    # Reading
    def search(self, request: SearchRequest) -> EngineResult:
        raise NotImplementedError

    def suggest(self, request: SearchRequest) -> str | None:
        """A corrected query that finds something for this reader, or None."""
        raise NotImplementedError

    def autocomplete(self, text: str, reader: Reader, limit: int = 6) -> list[Hit]:
        raise NotImplementedError

    def similar(self, page_id: int, reader: Reader, limit: int = 3) -> list[int]:
        """Page ids of case studies like this one, most similar first."""
        raise NotImplementedError

    # Alerts
    def match_saved_searches(
        self, document_keys: list[str], saved_searches: list[SavedQuery]
    ) -> list[tuple[int, str]]:
        """(saved search id, document key) for every saved search that each of these
        indexed documents matches: its text and all of its filters. The reader is not
        applied: whoever saved the search is checked against the privacy rule when they
        are told (participation/services/notifications.py). Unknown keys match nothing."""
        raise NotImplementedError
