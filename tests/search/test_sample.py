"""Very common queries on PostgreSQL: counted and ranked on a sample of the index, scaled up
and marked approximate (search/engines/postgres.py, docs/search.md "Very common queries").

The test corpus is tiny, so these tests put every index row into the 1-in-64 tier and lower
the thresholds, then check what matters: the privacy rule holds on the sample exactly as on
the whole index (no private document in hits, totals or facet counts), the counts are
scaled and flagged, and the sample is kept in step with the index.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import services
from search.documents import all_documents
from search.engines import postgres
from search.engines.base import FACET_FIELDS
from search.models import Kind, SearchDocument, SearchSample
from tests.search import test_contract
from tests.search.test_contract import READABLE, community_ids, request_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine():
    return services.postgres_engine()


world = test_contract.world  # built with the engine above


def sample_everything(sparse: bool = False):
    """Every index row in the sample, in bucket 0 (the 1-in-64 tier), and in the 1-in-512
    tier too when `sparse`."""
    everything = postgres.SAMPLE_INSERT_SQL.replace(postgres.SAMPLE_WHERE, "TRUE")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {postgres.SAMPLE_TABLE}")  # noqa: S608
        cursor.execute(everything + "TRUE")
        cursor.execute(
            f"UPDATE {postgres.SAMPLE_TABLE} SET bucket = 0, sparse = %s",  # noqa: S608
            [sparse],
        )


@pytest.fixture(params=[postgres.SAMPLE_BUCKETS, postgres.SPARSE_EVERY], ids=["64", "512"])
def approximate(request, monkeypatch):
    """Every search with text ranked on the 1-in-64 tier or on the 1-in-512 tier; returns
    the share of the documents that tier stands for."""
    every = request.param
    monkeypatch.setattr(postgres, "EXACT_UP_TO", 0)
    monkeypatch.setattr(postgres, "SMALL_SAMPLE_UP_TO", 0)
    if every == postgres.SPARSE_EVERY:
        monkeypatch.setattr(postgres, "SPARSE_FROM", 0)
    sample_everything(sparse=every == postgres.SPARSE_EVERY)
    return every


def expected_sample(page_ids=None) -> set[int]:
    where = "TRUE" if page_ids is None else "d.page_id = ANY(%s)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.id FROM {postgres.DOC_TABLE} d "  # noqa: S608
            f"WHERE {postgres.SAMPLE_WHERE} AND {where}",
            [] if page_ids is None else [list(page_ids)],
        )
        return {row[0] for row in cursor.fetchall()}


def test_a_common_query_is_counted_on_the_sample_within_the_privacy_rule(
    engine, world, approximate
):
    for who, visibilities in READABLE.items():
        result = engine.search(request_for(world["readers"][who]))
        readable = community_ids(world, visibilities)
        assert result.approximate, who
        # Every readable community's case study, lesson and wiki page is in the sample once,
        # counted 64 (or 512) times over; nothing from a community the reader may not read.
        assert result.reachable == 3 * len(readable), who
        assert result.total == postgres.about(3 * len(readable) * approximate), who
        assert {hit.community_id for hit in result.hits} == readable, who
        assert {value for value, _count in result.facets["community"]} == readable, who
        each = postgres.about(approximate * len(readable))
        assert dict(result.facets["kind"]) == {
            Kind.CASE_STUDY: each,
            Kind.LESSON: each,
            Kind.WIKI: each,
        }, who
        [(_theme, theme_count)] = result.facets["theme"]
        assert theme_count == postgres.about(2 * approximate * len(readable)), who
        assert set(FACET_FIELDS) <= set(result.facets)


def test_filters_and_community_scope_apply_to_the_sample(engine, world, approximate):
    superuser = world["readers"]["superuser"]
    lessons = engine.search(request_for(superuser, filters={"kind": [Kind.LESSON]}))
    assert lessons.approximate
    assert {hit.kind for hit in lessons.hits} == {Kind.LESSON}
    assert lessons.reachable == len(READABLE["superuser"])
    private = world["communities"]["private"]
    scoped = engine.search(request_for(None, community_id=private.pk))
    assert scoped.total == 0 and scoped.hits == []


def test_the_last_page_is_the_last_page_of_the_sampled_results(engine, world, approximate):
    superuser = world["readers"]["superuser"]
    result = engine.search(request_for(superuser, page=50, page_size=5))
    assert result.approximate
    assert result.page == 3  # 12 sampled matches, 5 a page
    assert len(result.hits) == 2


def test_newest_first_and_filters_alone_read_every_match(engine, world, approximate):
    superuser = world["readers"]["superuser"]
    newest = engine.search(request_for(superuser, sort="newest"))
    assert not newest.approximate
    assert newest.total == 12
    browsing = engine.search(request_for(superuser, text="", filters={"kind": [Kind.LESSON]}))
    assert not browsing.approximate
    assert browsing.total == 4


def test_rare_queries_are_exact(engine, world):
    result = engine.search(request_for(world["readers"]["approved"]))
    assert not result.approximate
    assert result.reachable is None
    assert result.total == 6


def test_the_service_and_page_say_about(client, world, approximate):
    results = services.search(query="garden", user=None, log=False)
    assert results.approximate
    assert results.total == postgres.about(3 * approximate)
    assert results.page.paginator.count == 3  # only sampled results can be paged through
    response = client.get("/search/", {"q": "garden"})
    body = response.content.decode()
    assert f"About {results.total} results" in body
    assert f"(about {postgres.about(approximate)}" in body


def test_the_sample_follows_the_index(world):
    study = world["studies"]["open"]
    assert set(SearchSample.objects.values_list("id", flat=True)) == expected_sample()
    # Rows of the sample carry the document's privacy fields.
    for row in SearchSample.objects.all():
        document = SearchDocument.objects.get(pk=row.id)
        assert (row.community_id, row.audience, row.page_id) == (
            document.community_id,
            document.audience,
            document.page_id,
        )
    study.unpublish()
    assert not SearchSample.objects.filter(page_id=study.pk).exists()
    assert set(SearchSample.objects.values_list("id", flat=True)) == expected_sample()
    SearchSample.objects.all().delete()
    services.postgres_engine().rebuild(all_documents())
    assert set(SearchSample.objects.values_list("id", flat=True)) == expected_sample()


def test_keys_hash_into_the_tiers_at_their_rates():
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FILTER (WHERE {postgres.SAMPLE_WHERE}), "  # noqa: S608
            "count(*) FILTER (WHERE (hashtext(d.key) & 63) = 0), "
            "count(*) FILTER (WHERE (hashtext(d.key) & 511) = 0), "
            "count(*) FILTER (WHERE (hashtext(d.key) & 511) = 0 AND (hashtext(d.key) & 63) > 0) "
            "FROM (SELECT kind || ':' || i AS key FROM generate_series(1, 64000) AS i, "
            "unnest(ARRAY['page', 'lesson']) AS kind) AS d"
        )
        one_in_8, one_in_64, one_in_512, sparse_outside_bucket_0 = cursor.fetchone()
    assert 16000 * 0.95 < one_in_8 < 16000 * 1.05
    assert 2000 * 0.9 < one_in_64 < 2000 * 1.1
    assert 250 * 0.8 < one_in_512 < 250 * 1.2
    assert sparse_outside_bucket_0 == 0  # the 1-in-512 tier lies within the 1-in-64 one


def test_the_sparse_tier_is_marked_by_the_key(world):
    """A row is in the 1-in-512 tier exactly when its key hashes to 0 modulo 512: checked on
    a document given such a key (the test corpus is too small to hold one by chance)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT k FROM (SELECT 'page:' || i AS k FROM generate_series(1, 100000) AS i) AS keys "
            "WHERE (hashtext(k) & 511) = 0 LIMIT 1"
        )
        [sparse_key] = cursor.fetchone()
        document = SearchDocument.objects.filter(kind=Kind.CASE_STUDY).first()
        SearchDocument.objects.filter(pk=document.pk).update(key=sparse_key)
        cursor.execute(postgres.SAMPLE_INSERT_SQL + "TRUE" + postgres.SAMPLE_UPSERT_SQL)
        cursor.execute(
            f"SELECT count(*) FILTER (WHERE s.sparse), "  # noqa: S608
            "count(*) FILTER (WHERE s.sparse <> ((hashtext(d.key) & 511) = 0)) "
            f"FROM {postgres.SAMPLE_TABLE} s JOIN {postgres.DOC_TABLE} d ON d.id = s.id"
        )
        assert cursor.fetchone() == (1, 0)
        assert SearchSample.objects.get(pk=document.pk).sparse


def sample_case_studies_sparsely():
    """Every index row in the 1-in-64 tier, and only the case studies' rows in the 1-in-512
    one, so that searching the wrong tier shows."""
    sample_everything()
    SearchSample.objects.filter(kind=Kind.CASE_STUDY).update(sparse=True)


def test_the_sparse_tier_holds_only_its_rows_within_the_privacy_rule(engine, world, monkeypatch):
    monkeypatch.setattr(postgres, "SPARSE_FROM", 0)
    sample_case_studies_sparsely()
    for who, visibilities in READABLE.items():
        result = engine.search(request_for(world["readers"][who]))
        readable = community_ids(world, visibilities)
        assert result.approximate, who
        assert result.reachable == len(readable), who  # one case study a community
        assert {hit.kind for hit in result.hits} == {Kind.CASE_STUDY}, who
        assert {hit.community_id for hit in result.hits} == readable, who
        each = postgres.about(postgres.SPARSE_EVERY * len(readable))
        assert dict(result.facets["kind"]) == {Kind.CASE_STUDY: each}, who
        assert {value for value, _count in result.facets["community"]} == readable, who


@pytest.mark.parametrize(
    ("text", "estimate", "tier"),
    [
        ("garden", 300, 1),
        ("garden", 3_200, postgres.SAMPLE_EVERY),
        ("garden", 20_000, postgres.SAMPLE_BUCKETS),
        ('"garden waste"', 300, 1),
        ('"garden waste"', 1_600, postgres.SAMPLE_EVERY),
        # A phrase is rechecked on each matching row's whole vector: smaller tier sooner.
        ('"garden waste"', 3_200, postgres.SAMPLE_BUCKETS),
        ('garden "waste"', 3_200, postgres.SAMPLE_EVERY),
        ('"garden" "waste"', 3_200, postgres.SAMPLE_EVERY),
        # Beyond SPARSE_FROM (phrases: PHRASE_SPARSE_FROM) the 1-in-512 tier, which is
        # counted first; the 1-in-64 tier is then not counted at all.
        ("garden", 100_000, postgres.SAMPLE_BUCKETS),
        ("garden", 200_000, postgres.SPARSE_EVERY),
        ('"garden waste"', 10_000, postgres.SAMPLE_BUCKETS),
        ('"garden waste"', 20_000, postgres.SPARSE_EVERY),
        ('garden "waste"', 20_000, postgres.SAMPLE_BUCKETS),
    ],
)
def test_the_tier_follows_the_estimate_and_phrases_move_sooner(
    engine, monkeypatch, text, estimate, tier
):
    from types import SimpleNamespace

    from search.engines.base import Reader, SearchRequest

    chosen = []

    def sampled_matches(request, sparse_over):
        sparse = estimate // postgres.SPARSE_EVERY
        return sparse, None if sparse > sparse_over else estimate // postgres.SAMPLE_BUCKETS

    monkeypatch.setattr(engine, "_sampled_matches", sampled_matches)

    def search(request, page, every=1):
        chosen.append(every)
        return SimpleNamespace(total=0, reachable=None)

    monkeypatch.setattr(engine, "_search", search)
    engine.search(SearchRequest(text=text, reader=Reader()))
    assert chosen == [tier]


def test_the_second_tier_is_counted_only_when_the_first_count_is_small(engine, world):
    sample_case_studies_sparsely()
    # Anonymous: the open community's case study (in both tiers), lesson and wiki page.
    request = request_for(None)
    assert engine._sampled_matches(request, 100) == (1, 3)
    with CaptureQueriesContext(connection) as captured:
        assert engine._sampled_matches(request, 0) == (1, None)
    [query] = captured
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + query["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "never executed" in plan  # the 1-in-64 count was not run
