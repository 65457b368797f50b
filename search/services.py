"""The one search service. Views, feeds and digests call this; nothing else queries an engine.

This first engine searches case studies with PostgreSQL full-text search over their
title, summary and lessons, already filtered by the privacy rule.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.paginator import Page, Paginator
from django.db.models import F

from casestudies.selectors import visible_case_studies

MAX_QUERY_LENGTH = 500
# Snippets mark matches with control characters that no stored text contains; the
# template escapes the snippet and only then turns these into <mark> tags.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_STOP = "\x03"
PAGE_SIZE = 20


@dataclass
class SearchResults:
    query: str
    page: Page | None = None
    total: int = 0
    notices: list[str] = field(default_factory=list)


def clean_query(raw: str | None) -> tuple[str, list[str]]:
    notices = []
    text = "".join(ch for ch in (raw or "") if ch.isprintable()).strip()
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH]
        notices.append(f"Your search was shortened to its first {MAX_QUERY_LENGTH} characters.")
    return text, notices


def search(*, query: str | None, user, page_number=None) -> SearchResults:
    text, notices = clean_query(query)
    results = SearchResults(query=text, notices=notices)
    if not text:
        return results
    ts_query = SearchQuery(text, search_type="websearch", config="english")
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("lessons__text", weight="B", config="english")
    )
    # Filter on the match itself: ts_rank gives non-matching rows a tiny positive rank.
    matches = (
        visible_case_studies(user)
        .annotate(document=vector, rank=SearchRank(vector, ts_query))
        .filter(document=ts_query)
        .order_by("-rank", "-first_published_at")
    )
    ids = list(dict.fromkeys(matches.values_list("pk", flat=True)))
    paginator = Paginator(ids, PAGE_SIZE)
    results.page = paginator.get_page(page_number)
    results.total = paginator.count
    by_id = {
        cs.pk: cs
        for cs in visible_case_studies(user)
        .filter(pk__in=list(results.page.object_list))
        .annotate(
            snippet=SearchHeadline(
                F("summary"),
                ts_query,
                config="english",
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                max_words=40,
                min_words=20,
            )
        )
    }
    results.page.object_list = [by_id[pk] for pk in results.page.object_list if pk in by_id]
    return results
