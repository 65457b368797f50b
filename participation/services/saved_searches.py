"""Saved searches and their alerts.

A member saves any search (its text and filters, as the search page's address) under a
name; saving also follows it, which is what alerts depend on. When a case study or lesson
is published, `saved_searches_match` asks the search engine which followed saved searches
the new documents match (PostgreSQL: one statement; see PostgresEngine.match_saved_searches)
and records each match. Members are told in their digest, or at once, after the privacy
rule has been asked for each of them (services/notifications.py).

With Elasticsearch, saved searches are also stored as queries in its percolator index:
creating, changing or deleting one schedules that update once the change commits
(tasks.store_saved_search), and a rebuild of the search index stores them all again.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from participation import activity
from participation.models import Follow, FollowKind, SavedSearch, SavedSearchMatch
from participation.services.follows import follow_ensure
from participation.text import plain_text

MAX_SAVED_SEARCHES = 50
MATCH_BATCH = 2000


class SavedSearchError(Exception):
    """Bad input: the message says what to change."""


@transaction.atomic
def saved_search_create(*, user, name, query_string) -> SavedSearch:
    from search.services import saved_search_state

    name = plain_text(name, max_length=100)
    if not name:
        raise SavedSearchError("Enter a name for this search, so you can find it again.")
    text, filters, address, _notices = saved_search_state(str(query_string or ""))
    if not text and not filters:
        raise SavedSearchError("Search for something or choose a filter before you save it.")
    saved = SavedSearch.objects.filter(user=user, query_string=address).first()
    if saved is None:
        if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
            raise SavedSearchError(
                f"You have {MAX_SAVED_SEARCHES} saved searches, the most you can have. "
                "Delete one you no longer need first."
            )
        saved = SavedSearch(user=user, query_string=address)
    saved.name, saved.query, saved.filters = name, text, filters
    saved.save()
    follow_ensure(user=user, target=saved)
    _schedule_percolator_update(saved.pk)
    return saved


@transaction.atomic
def saved_search_delete(*, user, saved_search_id) -> bool:
    deleted, _ = SavedSearch.objects.filter(user=user, pk=saved_search_id).delete()
    Follow.objects.filter(
        user=user, kind=FollowKind.SAVED_SEARCH, object_id=saved_search_id
    ).delete()
    if deleted:
        _schedule_percolator_update(saved_search_id)
    return bool(deleted)


def _schedule_percolator_update(saved_search_id: int) -> None:
    """Store or remove this saved search's query in Elasticsearch once the change commits
    (nothing without Elasticsearch: PostgreSQL matches from the saved searches table)."""
    if not getattr(settings, "ELASTICSEARCH_URL", ""):
        return
    from participation.tasks import store_saved_search

    transaction.on_commit(lambda: store_saved_search.enqueue(saved_search_id), robust=True)


def saved_query(saved_search_id: int):
    """The saved search as the engines match it, or None if it is gone."""
    from search.engines.base import SavedQuery

    row = SavedSearch.objects.filter(pk=saved_search_id).values_list("query", "filters").first()
    if row is None:
        return None
    return SavedQuery(id=saved_search_id, text=row[0], filters=row[1] or {})


def saved_queries():
    """Every saved search as the engines match it (for a rebuild of Elasticsearch's
    percolator index)."""
    from search.engines.base import SavedQuery

    rows = SavedSearch.objects.order_by("pk").values_list("pk", "query", "filters")
    for pk, text, filters in rows.iterator(chunk_size=MATCH_BATCH):
        yield SavedQuery(id=pk, text=text, filters=filters or {})


def followed_saved_searches():
    """Saved searches whose owner still follows them (alerts on)."""
    followed = Follow.objects.filter(kind=FollowKind.SAVED_SEARCH, active=True).values("object_id")
    return SavedSearch.objects.filter(pk__in=followed, user__is_active=True)


def saved_searches_match(*, items: list[activity.ActivityItem], now=None) -> int:
    """Record which followed saved searches these new items match. Returns the number of
    (saved search, item) matches found. Safe to run twice: one row per saved search and item."""
    from search.engines.base import SavedQuery
    from search.services import match_saved_searches

    by_document = {key: item.key for item in items for key in item.document_keys}
    if not by_document:
        return 0
    now = now or timezone.now()
    recorded = 0
    queryset = followed_saved_searches().order_by("pk").values_list("pk", "query", "filters")
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[:MATCH_BATCH])
        if not batch:
            break
        last_pk = batch[-1][0]
        pairs = match_saved_searches(
            list(by_document),
            [SavedQuery(id=pk, text=text, filters=filters) for pk, text, filters in batch],
        )
        rows = {(saved_id, by_document[key]) for saved_id, key in pairs}
        created = SavedSearchMatch.objects.bulk_create(
            [
                SavedSearchMatch(saved_search_id=saved_id, item_key=item_key, matched_at=now)
                for saved_id, item_key in sorted(rows)
            ],
            ignore_conflicts=True,
        )
        recorded += len(created)
    return recorded
