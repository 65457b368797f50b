"""How the PostgreSQL engine stores its index and keeps it quick to read: the body text kept
uncompressed, GIN pending lists merged after a rebuild and kept short by page indexing, and
snippets taken from near the first match however deep in the text it is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import services
from search.documents import all_documents
from search.engines import postgres
from search.engines.base import Reader, SearchRequest
from search.models import SearchDocument
from tests import factories

pytestmark = pytest.mark.django_db


def pending_pages() -> dict[str, int]:
    """Pages of each GIN index's pending list, merged (and so emptied) by this call."""
    with connection.cursor() as cursor:
        cursor.execute(postgres.CLEAN_PENDING_SQL)
        return dict(cursor.fetchall())


@pytest.fixture
def community():
    return factories.make_community("Open circle", visibility="open")


def test_the_body_is_stored_uncompressed():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attname = 'body'",
            [postgres.DOC_TABLE],
        )
        assert cursor.fetchone()[0] == "e"  # EXTERNAL: out of line, not compressed


def test_a_rebuild_leaves_no_pending_index_entries(community):
    factories.make_case_study(community, title="Garden waste subscriptions")
    pending_pages()
    SearchDocument.objects.all().delete()
    services.postgres_engine().rebuild(all_documents())
    assert SearchDocument.objects.filter(title="Garden waste subscriptions").exists()
    assert set(pending_pages().values()) == {0}
    # Indexing a page adds pending entries again (so the check above is not vacuous), under
    # the small limit page indexing sets.
    with CaptureQueriesContext(connection) as captured:
        factories.make_case_study(community, title="Bulky waste collections")
    assert postgres.PAGE_PENDING_SQL in [query["sql"] for query in captured]
    assert any(pending_pages().values())


def test_a_snippet_starts_near_a_capitalised_match_deep_in_the_body(community):
    filler = " ".join(f"Paragraph {n} says nothing of note about the project." for n in range(80))
    factories.make_case_study(
        community,
        title="Library opening hours",
        summary="Longer opening hours in three branch libraries.",
        background=f"<p>{filler}</p><p>Then Quillfeather volunteers ran the evening desk.</p>",
    )
    [hit] = (
        services.postgres_engine().search(SearchRequest(text="quillfeather", reader=Reader())).hits
    )
    assert len(filler) > 3000
    assert f"{postgres.HIGHLIGHT_START}Quillfeather{postgres.HIGHLIGHT_STOP}" in hit.snippet
