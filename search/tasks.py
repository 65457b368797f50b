"""Background tasks for search (django-tasks; `manage.py db_worker` runs them)."""

from django_tasks import task

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
def index_discussions(discussion_ids: list[int]) -> int:
    """Re-index the communities these discussions belong to (their documents with them)."""
    return indexing.index_pages_now(indexing.discussion_community_ids(discussion_ids))


@task()
def prune_search_log() -> int:
    from search.log import prune

    return prune()
