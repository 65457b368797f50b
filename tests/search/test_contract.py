"""The contract both search engines keep (search/engines/base.py), run against each.

PostgreSQL runs on the test database and is checked in full. Elasticsearch runs against
the fake cluster in tests/search/fake_elasticsearch.py, which evaluates the structured
part of every query exactly (the privacy filter, the filters, the community scope, facet
aggregations, paging) but full text only naively. So on the Elasticsearch side these tests
verify what can honestly be verified without a real cluster: that the privacy filter and
the other filters the engine sends keep private documents out of results, counts,
suggestions, autocomplete and similar items, and that responses are mapped back into the
contract's results. Ranking and language analysis (stemming, folding, synonyms) are not
claimed here; tests/search/test_elastic.py checks the mapping and queries we send for them.

Every page is published through the normal path, so both indexes are written the way
they are in production (search/indexing.py writes Elasticsearch too when it is set).
"""

import pytest

from search import services
from search.documents import all_documents
from search.engines.base import FACET_FIELDS, SavedQuery, SearchRequest
from search.models import Kind
from tests import factories
from tests.search.fake_elasticsearch import FakeElasticsearch

pytestmark = pytest.mark.django_db

VISIBILITIES = ("open", "restricted", "private", "hidden")


@pytest.fixture(params=["postgres", "elasticsearch"])
def engine(request, settings):
    if request.param == "postgres":
        return services.postgres_engine()
    fake = FakeElasticsearch().start()
    request.addfinalizer(fake.stop)
    settings.ELASTICSEARCH_URL = fake.url
    settings.ELASTICSEARCH_INDEX = "contract"
    engine = services.elasticsearch_engine()
    engine.rebuild(all_documents())  # creates the index; pages published later go through
    return engine


@pytest.fixture
def world(engine):
    """A community of each visibility, each with a case study (and its lesson) and a wiki
    page about gardens, and a reader of each kind."""
    theme = factories.theme("Waste")
    communities, studies = {}, {}
    for visibility in VISIBILITIES:
        community = factories.make_community(f"{visibility.title()} circle", visibility=visibility)
        communities[visibility] = community
        studies[visibility] = factories.make_case_study(
            community, title=f"Garden waste {visibility}", summary="Garden waste collections."
        )
        studies[visibility].themes.add(theme)
        studies[visibility].save_revision().publish()
        factories.make_wiki_page(community, title=f"Garden notes {visibility}")
    private_member = factories.UserFactory()
    factories.add_member(communities["private"], private_member)
    hidden_member = factories.UserFactory()
    factories.add_member(communities["hidden"], hidden_member)
    readers = {
        "anonymous": None,
        "unapproved": factories.UserFactory(approved=False),
        "approved": factories.UserFactory(),
        "private member": private_member,
        "hidden member": hidden_member,
        "superuser": factories.UserFactory(is_superuser=True, is_staff=True),
    }
    return {"communities": communities, "studies": studies, "readers": readers}


READABLE = {
    "anonymous": {"open"},
    "unapproved": {"open"},
    "approved": {"open", "restricted"},
    "private member": {"open", "restricted", "private"},
    "hidden member": {"open", "restricted", "hidden"},
    "superuser": set(VISIBILITIES),
}


def request_for(user, text="garden", **kwargs):
    return SearchRequest(text=text, reader=services.reader_for(user), **kwargs)


def community_ids(world, visibilities):
    return {world["communities"][visibility].pk for visibility in visibilities}


def test_results_hold_only_what_the_reader_may_read(engine, world):
    for who, visibilities in READABLE.items():
        result = engine.search(request_for(world["readers"][who]))
        readable = community_ids(world, visibilities)
        assert {hit.community_id for hit in result.hits} == readable, who
        # A case study, its lesson and a wiki page from each readable community.
        assert result.total == 3 * len(readable), who
        titles = {hit.title for hit in result.hits}
        for visibility in set(VISIBILITIES) - visibilities:
            assert not any(visibility in title for title in titles), who


def test_facet_counts_never_include_private_documents(engine, world):
    for who, visibilities in READABLE.items():
        result = engine.search(request_for(world["readers"][who]))
        readable = community_ids(world, visibilities)
        assert set(FACET_FIELDS) <= set(result.facets)
        assert {value for value, _count in result.facets["community"]} == readable, who
        assert dict(result.facets["kind"]) == {
            Kind.CASE_STUDY: len(readable),
            Kind.LESSON: len(readable),
            Kind.WIKI: len(readable),
        }, who
        [(_theme, theme_count)] = result.facets["theme"]
        assert theme_count == 2 * len(readable), who  # case studies and their lessons


def test_listed_communities_are_found_by_everyone_hidden_ones_by_members(engine, world):
    anonymous = engine.search(request_for(None, text="circle"))
    assert {hit.page_id for hit in anonymous.hits} == community_ids(
        world, ("open", "restricted", "private")
    )
    assert {hit.kind for hit in anonymous.hits} == {Kind.COMMUNITY}
    member = engine.search(request_for(world["readers"]["hidden member"], text="circle"))
    assert world["communities"]["hidden"].pk in {hit.page_id for hit in member.hits}


def test_suggestions_never_come_from_documents_the_reader_may_not_see(engine, world):
    factories.make_case_study(world["communities"]["private"], title="Zanzibarian allotments")
    for who in ("anonymous", "approved", "hidden member"):
        suggestion = engine.suggest(request_for(world["readers"][who], text="zanzibarien"))
        assert "zanzibarian" not in (suggestion or "").lower(), who
    suggestion = engine.suggest(request_for(world["readers"]["private member"], text="zanzibarien"))
    assert suggestion == "zanzibarian"


def test_autocomplete_never_offers_titles_the_reader_may_not_see(engine, world):
    factories.make_case_study(world["communities"]["private"], title="Zanzibarian allotments")
    factories.make_case_study(world["communities"]["open"], title="Zanzibar twinning")
    for who in ("anonymous", "unapproved", "approved", "hidden member"):
        hits = engine.autocomplete("zanz", services.reader_for(world["readers"][who]))
        assert [hit.title for hit in hits] == ["Zanzibar twinning"], who
    hits = engine.autocomplete("zanz", services.reader_for(world["readers"]["private member"]))
    assert {hit.title for hit in hits} == {"Zanzibar twinning", "Zanzibarian allotments"}
    assert all(hit.kind != Kind.LESSON for hit in hits)


def test_similar_case_studies_are_only_ones_the_reader_may_see(engine, world):
    studies = world["studies"]
    for who, visibilities in READABLE.items():
        found = engine.similar(studies["open"].pk, services.reader_for(world["readers"][who]))
        expected = {studies[visibility].pk for visibility in visibilities - {"open"}}
        assert set(found) == expected, who


def test_every_kind_is_reported(engine, world):
    community = factories.make_community("Allotment society", purpose="Allotment keepers.")
    factories.make_case_study(community, title="Allotment waiting lists")
    factories.make_wiki_page(community, title="Allotment rules")
    result = engine.search(request_for(None, text="allotment"))
    assert {hit.kind for hit in result.hits} == {
        Kind.COMMUNITY,
        Kind.CASE_STUDY,
        Kind.LESSON,
        Kind.WIKI,
    }
    assert {kind for kind, _count in result.facets["kind"]} == {hit.kind for hit in result.hits}
    lesson = next(hit for hit in result.hits if hit.kind == Kind.LESSON)
    assert lesson.lesson_kind and lesson.lesson_category and "#lesson-" in lesson.url


def test_a_page_past_the_end_gives_the_last_page(engine, world):
    result = engine.search(request_for(world["readers"]["superuser"], page=99, page_size=5))
    assert result.total == 12
    assert result.page == 3
    assert len(result.hits) == 2
    first = engine.search(request_for(world["readers"]["superuser"], page=1, page_size=5))
    assert not {hit.key for hit in first.hits} & {hit.key for hit in result.hits}


def test_searching_within_one_community(engine, world):
    open_community = world["communities"]["open"]
    other = factories.make_community("Second open circle", visibility="open")
    factories.make_case_study(other, title="Garden waste elsewhere")
    result = engine.search(request_for(None, community_id=open_community.pk))
    assert result.total == 3
    assert {hit.community_id for hit in result.hits} == {open_community.pk}
    # Scoping never widens what the reader may see.
    private = world["communities"]["private"]
    assert engine.search(request_for(None, community_id=private.pk)).total == 0


def test_filters_apply_and_results_sort_newest_first(engine, world):
    reader = world["readers"]["superuser"]
    result = engine.search(request_for(reader, filters={"kind": [Kind.CASE_STUDY]}, sort="newest"))
    assert {hit.kind for hit in result.hits} == {Kind.CASE_STUDY}
    assert result.total == 4
    published = [hit.published_at for hit in result.hits]
    assert published == sorted(published, reverse=True)


def test_snippets_mark_matches(engine, world):
    [hit, *_] = engine.search(request_for(None, filters={"kind": [Kind.CASE_STUDY]})).hits
    from search.engines.postgres import HIGHLIGHT_START, HIGHLIGHT_STOP

    assert f"{HIGHLIGHT_START}Garden{HIGHLIGHT_STOP}" in hit.snippet


def test_the_service_answers_from_the_configured_engine(engine, world):
    results = services.search(query="garden", user=None)
    assert results.engine == engine.name
    assert results.total == 3


def test_saved_searches_match_new_documents_by_text_and_every_filter(engine):
    """Which saved searches new documents match (alerts); privacy is not applied here."""
    community = factories.make_community("Private circle", visibility="private")
    theme = factories.theme("Channel shift")
    study = factories.make_case_study(
        community,
        title="Chatbot for missed bins",
        stage="live",
        lessons=[("went_wrong", "procurement", "We bought the chatbot too early.")],
    )
    study.themes.add(theme)
    study.save_revision().publish()
    page_key, lesson_key = f"page:{study.pk}", f"lesson:{study.lessons.get().pk}"
    queries = [
        SavedQuery(1, "chatbot", {}),
        SavedQuery(2, "chatbots bins", {"stage": ["live"], "theme": [theme.pk]}),
        SavedQuery(3, "chatbot", {"stage": ["alpha"]}),
        SavedQuery(4, "", {"kind": ["lesson"], "lesson_category": ["procurement"]}),
        SavedQuery(5, '"missed bins" -parking', {"community": [community.pk]}),
        SavedQuery(6, "parking", {}),
        SavedQuery(7, "", {"region": ["south_west"], "organisation_type": ["county"]}),
        SavedQuery(8, "chatbot", {"theme": [theme.pk + 1000]}),
        SavedQuery(9, "chatbot OR parking", {"year": [1990]}),
    ]
    pairs = engine.match_saved_searches([page_key, lesson_key, "page:999999"], queries)
    assert sorted(pairs) == [
        (1, lesson_key),
        (1, page_key),
        (2, lesson_key),
        (2, page_key),
        (4, lesson_key),
        (5, lesson_key),
        (5, page_key),
    ]
    assert engine.match_saved_searches(["page:999999"], queries) == []
    assert engine.match_saved_searches([page_key], []) == []
