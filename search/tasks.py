"""Background tasks for search (django-tasks; `manage.py db_worker` runs them)."""

from django_tasks import task

from cop import pagecache
from search import indexing


@task()
def index_pages(page_ids: list[int]) -> int:
    """Re-index these pages (remove them if they are no longer searchable)."""
    return indexing.index_pages_now(page_ids)


@task()
def index_subtree(page_id: int) -> int:
    """Re-index a page and everything beneath it (a community changed or a page moved)."""
    page_ids = indexing.subtree_page_ids(page_id)
    written = 0
    for start in range(0, len(page_ids), indexing.CHUNK):
        written += indexing.index_pages_now(page_ids[start : start + indexing.CHUNK])
    return written


@task()
def rebuild_elasticsearch() -> int:
    """Rebuild the Elasticsearch index (after the synonyms changed: they are part of its
    settings). Searches use the old index until the new one is complete."""
    from search.documents import all_documents
    from search.services import elasticsearch_engine

    engine = elasticsearch_engine()
    if engine is None:
        return 0
    written = engine.rebuild(all_documents())
    pagecache.bump()  # kept search pages and answers may show the old index
    return written


@task()
def index_discussions(discussion_ids: list[int]) -> int:
    """Re-index the communities these discussions belong to (their documents with them)."""
    return indexing.index_pages_now(indexing.discussion_community_ids(discussion_ids))


@task()
def prune_search_log() -> int:
    from search.log import prune

    return prune()
