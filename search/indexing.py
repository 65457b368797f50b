"""Keeping the index up to date: what to re-index when something changes.

Signal handlers (search/signals.py) call `schedule_pages` or `schedule_subtree`, and the
discussion services `schedule_discussions`; the work
runs as background tasks (search/tasks.py) once the change is committed. The PostgreSQL
index is always written, so it can answer when Elasticsearch cannot; Elasticsearch is
written too when it is configured. Re-indexing a page is idempotent: its documents are
replaced whole, and a page that is no longer searchable (unpublished, deleted, moved out of
a live community) loses its documents. It holds the pages' locks while it reads and writes
them (search/locks.py), so a rebuild running meanwhile never writes a page back as it was.

Membership changes need no re-indexing: the reader's communities are applied at query
time. A change of a community's visibility does (documents carry their audience), and so
does a change to anything copied into documents (organisation, theme and topic names).
"""

import logging

from django.conf import settings
from django.db import transaction
from wagtail.models import Page

from cop import pagecache
from cop.switches import Suspension
from search.documents import documents_for_pages
from search.engines.base import EngineError
from search.locks import pages_locked

logger = logging.getLogger(__name__)
CHUNK = 200
# Schedule no re-indexing inside this block (for bulk loads followed by a rebuild).
suspended = Suspension()


def index_pages_now(page_ids) -> int:
    """Re-index these pages in every engine now. Returns the number of documents written."""
    from search.services import elasticsearch_engine, postgres_engine

    page_ids = sorted(set(page_ids))
    # Locked from before the pages are read until every engine is written, so that a
    # rebuild's batch holding them never writes them back as they were (search/locks.py).
    with pages_locked(page_ids):
        documents = documents_for_pages(page_ids)
        postgres_engine().replace_pages(page_ids, documents)
        elastic = elasticsearch_engine()
        if elastic is not None:
            try:
                elastic.replace_pages(page_ids, documents)
            except EngineError:
                logger.exception("Could not update Elasticsearch for pages %s", page_ids[:20])
    # Cached search pages (cop/pagecache.py) may show the old documents.
    pagecache.bump()
    return len(documents)


def subtree_page_ids(page_id: int) -> list[int]:
    page = Page.objects.filter(pk=page_id).only("path", "depth").first()
    if page is None:
        return [page_id]
    # In id order, as every holder of page locks takes them (search/locks.py).
    return list(
        Page.objects.filter(path__startswith=page.path).order_by("pk").values_list("pk", flat=True)
    )


def _enqueue(task, *args):
    if suspended.active:
        return
    if getattr(settings, "SEARCH_INDEX_IMMEDIATELY", False):
        task.call(*args)
        return
    transaction.on_commit(lambda: task.enqueue(*args), robust=True)


def schedule_pages(page_ids) -> None:
    from search.tasks import index_pages

    page_ids = sorted(set(page_ids))
    for start in range(0, len(page_ids), CHUNK):
        _enqueue(index_pages, page_ids[start : start + CHUNK])


def schedule_subtree(page_id: int) -> None:
    from search.tasks import index_subtree

    _enqueue(index_subtree, page_id)


def schedule_elasticsearch_rebuild() -> None:
    """Rebuild Elasticsearch once the change commits (the synonyms are in its index settings).
    Nothing when it is not configured, or inside `suspended()` (the bulk load rebuilds)."""
    if suspended.active or not getattr(settings, "ELASTICSEARCH_URL", ""):
        return
    from search.tasks import rebuild_elasticsearch

    transaction.on_commit(rebuild_elasticsearch.enqueue, robust=True)


def discussion_community_ids(discussion_ids) -> list[int]:
    """The community pages whose documents include these discussions."""
    from discussions.models import Discussion

    return sorted(
        set(
            Discussion.objects.filter(pk__in=list(discussion_ids)).values_list(
                "community_id", flat=True
            )
        )
    )


def schedule_discussions(discussion_ids) -> None:
    """Re-index discussions after a post is added, edited, hidden, restored or deleted.

    A discussion's document belongs to its community page (search/documents.py), so this
    re-indexes the community page: its own document and one per discussion.
    """
    from search.tasks import index_discussions

    discussion_ids = sorted(set(discussion_ids))
    for start in range(0, len(discussion_ids), CHUNK):
        _enqueue(index_discussions, discussion_ids[start : start + CHUNK])
