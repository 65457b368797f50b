"""Per-page locks that keep a rebuild and the indexing of a page from interleaving.

A rebuild's batch reads its pages, then writes their documents. If a page changed between
the two (unpublished, moved into a private community) and its indexing task ran meanwhile,
the batch would write the page's old documents after the task had removed or replaced
them, and they would stay until the page was next indexed. So both hold a lock on each of
their pages from before they read it until their write is done: whichever comes second
reads the page as the first left it.

The locks are PostgreSQL advisory locks in a space of their own (two-key form: this space,
the page id), always taken in ascending page id order, so two holders never deadlock.
Inside a transaction they last until it ends (nothing written is visible before); outside
one they are released when the block ends.
"""

from contextlib import contextmanager

from django.db import Error, connection

# The first key of every page lock (an arbitrary constant: "SRCH").
PAGE_LOCK_SPACE = 0x53524348
_LOCK_SQL = "SELECT count({function}(%s, id)) FROM unnest(%s::int[]) AS id"


def _run(function: str, page_ids: list[int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_SQL.format(function=function), [PAGE_LOCK_SPACE, page_ids])


def lock_pages_for_transaction(page_ids) -> None:
    """Lock these pages until the current transaction ends (waiting for other holders)."""
    if not connection.in_atomic_block:
        raise RuntimeError("lock_pages_for_transaction needs a transaction")
    _run("pg_advisory_xact_lock", sorted(set(page_ids)))


@contextmanager
def pages_locked(page_ids):
    """Hold the locks of these pages for the block (or, inside a transaction, until it
    ends: what the block writes is not visible before then)."""
    page_ids = sorted(set(page_ids))
    if connection.in_atomic_block:
        lock_pages_for_transaction(page_ids)
        yield
        return
    try:
        _run("pg_advisory_lock", page_ids)
    except Error:
        # Failed part-way (a timeout, a cancellation): the locks taken so far would stay
        # with the connection, which a worker reuses. Closing it releases them.
        connection.close()
        raise
    try:
        yield
    finally:
        try:
            _run("pg_advisory_unlock", page_ids)
        except Error:
            # The connection failed: its locks went with it.
            connection.close()
