"""The Elasticsearch engine against a fake cluster (tests/search/fake_elasticsearch.py): the
requests it sends (mapping, alias swap, privacy filter, facets, highlighting, more like
this) and what happens when the cluster fails (PostgreSQL answers instead)."""

import json
import logging
import re
import socket
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client

from casestudies.models import CaseStudyPage, Lesson
from communities.models import MembershipRole
from participation.services.saved_searches import saved_search_create, saved_search_delete
from search import indexing, services
from search.documents import all_documents
from search.engines import elastic
from search.engines.base import FACET_FIELDS, EngineError, Reader, SavedQuery, SearchRequest
from search.engines.postgres import HIGHLIGHT_START, HIGHLIGHT_STOP
from search.models import Synonym
from tests import factories
from tests.communities.test_signup_rules import (
    editor_with_every_permission,
    sign_in_with_second_factor,
)
from tests.search.fake_elasticsearch import FakeElasticsearch

pytestmark = pytest.mark.django_db

ALIAS = "test-exchange"


@pytest.fixture
def fake():
    server = FakeElasticsearch().start()
    yield server
    server.stop()


@pytest.fixture
def engine(fake, settings):
    settings.ELASTICSEARCH_URL = fake.url
    settings.ELASTICSEARCH_INDEX = ALIAS
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    engine = services.elasticsearch_engine()
    engine.rebuild(all_documents())
    fake.clear()
    return engine


@pytest.fixture
def corpus(engine, open_community, private_community):
    return {
        "open": factories.make_case_study(open_community, title="Garden waste online"),
        "private": factories.make_case_study(private_community, title="Garden waste secrets"),
    }


def index_creations(fake):
    return [r for r in fake.calls("PUT") if re.fullmatch(rf"/{ALIAS}-\d+", r.path)]


def alias_swaps(fake, alias=ALIAS):
    """The alias updates for `alias` (a rebuild swaps the percolator's alias too)."""
    return [
        r
        for r in fake.calls("POST", "/_aliases")
        if any(
            spec.get("alias", spec.get("index")) == alias
            for a in r.body["actions"]
            for spec in a.values()
        )
    ]


def concrete_indices(fake):
    return sorted(name for name in fake.indices if re.fullmatch(rf"{ALIAS}-\d+", name))


# -- the client ------------------------------------------------------------------------------


def test_requests_ask_for_elasticsearch_9_compatibility(engine, fake, corpus):
    engine.search(SearchRequest(text="garden", reader=Reader()))
    for request in fake.requests:
        assert "compatible-with=9" in request.headers.get("accept", ""), request


def test_one_engine_per_configuration(engine, settings):
    assert services.elasticsearch_engine() is engine
    settings.ELASTICSEARCH_INDEX = "another"
    assert services.elasticsearch_engine() is not engine


# -- the index ---------------------------------------------------------------------------


def test_the_index_folds_accents_stems_english_and_applies_synonyms_to_queries(engine, fake):
    Synonym.objects.create(terms="FOI, freedom of information")
    Synonym.objects.create(terms="ASB, anti-social behaviour")
    engine.rebuild(all_documents())
    [create] = index_creations(fake)
    settings, mappings = create.body["settings"], create.body["mappings"]
    analysis = settings["analysis"]
    index_analyzer = analysis["analyzer"]["english_folded"]
    search_analyzer = analysis["analyzer"]["english_folded_search"]
    assert index_analyzer["filter"][:2] == ["lowercase", "asciifolding"]
    stemmer = analysis["filter"][index_analyzer["filter"][-1]]
    assert stemmer == {"type": "stemmer", "language": "english"}
    synonyms = analysis["filter"]["practice_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert sorted(synonyms["synonyms"]) == [
        "asb, anti-social behaviour",
        "foi, freedom of information",
    ]
    # Synonyms apply to queries only, after folding and before stemming.
    assert "practice_synonyms" not in index_analyzer["filter"]
    assert search_analyzer["filter"].index("practice_synonyms") == 2
    for field in ("title", "summary", "body", "text_a", "text_b", "text_c"):
        assert mappings["properties"][field]["analyzer"] == "english_folded"
        assert mappings["properties"][field]["search_analyzer"] == "english_folded_search"
    assert mappings["dynamic"] == "strict"
    for field in ("audience", "community_id", "kind", "fingerprint", *FACET_FIELDS.values()):
        assert mappings["properties"][field]["type"] in ("keyword", "integer", "byte", "short")


def test_without_synonyms_the_search_analyzer_has_no_synonym_filter(engine, fake):
    engine.rebuild(all_documents())
    [create] = index_creations(fake)
    analysis = create.body["settings"]["analysis"]
    assert "practice_synonyms" not in analysis.get("filter", {})


@pytest.mark.parametrize(
    ("group", "rule"),
    [
        (["FOI", "Freedom of Information"], "foi, freedom of information"),
        (["a => b", "c"], "a b, c"),
        (["x#y", "x y"], "x y"),
    ],
)
def test_synonym_rules_cannot_carry_rule_syntax(group, rule):
    assert elastic.synonym_rules([group]) == ([rule] if "," in rule else [])


def test_rebuild_loads_a_new_index_then_swaps_the_alias_and_drops_the_old(engine, fake, corpus):
    [old] = concrete_indices(fake)
    fake.clear()
    seen_during_load = []

    def progress(pages):
        loading = {a: set(on) for a, on in fake.aliases.items() if a.endswith("-loading")}
        seen_during_load.append((set(fake.aliases[ALIAS]), loading))

    written = engine.rebuild(all_documents(), progress=progress)

    [new] = concrete_indices(fake)
    assert new != old and fake.aliases[ALIAS] == {new}
    assert not [alias for alias in fake.aliases if alias.endswith("-loading")]
    # Readers use the old index throughout; the new one has its loading alias meanwhile.
    assert seen_during_load
    assert all(
        alias == {old} and loading == {f"{new}-loading": {new}}
        for alias, loading in seen_during_load
    )
    assert written == len(fake.docs(ALIAS)) > 0
    steps = [(r.method, r.path) for r in fake.requests]
    create = steps.index(("PUT", f"/{new}"))
    swap = steps.index(("POST", "/_aliases"))
    drop = steps.index(("DELETE", f"/{old}"))
    bulk_steps = [i for i, step in enumerate(steps) if step[1].endswith("_bulk")]
    assert create < min(bulk_steps) and max(bulk_steps) < swap < drop
    [aliases] = alias_swaps(fake)
    assert aliases.body == {
        "actions": [
            {"remove": {"index": new, "alias": f"{new}-loading"}},
            {"remove": {"index": old, "alias": ALIAS}},
            {"add": {"index": new, "alias": ALIAS}},
        ]
    }
    # Bulk writes go to the new index by name, never through the alias.
    for request in fake.calls(endswith="_bulk"):
        assert {line["index"]["_index"] for line in request.body[::2]} == {new}


@pytest.mark.parametrize("change", ["unpublish", "retitle"])
def test_a_page_changed_while_a_rebuild_loads_is_not_lost_at_the_swap(engine, fake, corpus, change):
    """The page is loaded into the new index, then changed and indexed (into the live
    index and, through its loading alias, the new one) before the rebuild swaps."""
    page = corpus["open"]
    key = f"page:{page.pk}"
    changed = []

    def progress(pages):
        [new] = [name for name in concrete_indices(fake) if name not in fake.aliases[ALIAS]]
        if changed or key not in fake.indices[new]["docs"]:
            return
        if change == "unpublish":
            page.unpublish()
        else:
            page.title = "Garden waste by app"
            page.save_revision().publish()
        changed.append(new)

    engine.rebuild(all_documents(), progress=progress)

    [new] = concrete_indices(fake)
    assert changed == [new] and fake.aliases[ALIAS] == {new}
    if change == "unpublish":
        assert key not in fake.docs(ALIAS)
    else:
        assert fake.docs(ALIAS)[key]["title"] == "Garden waste by app"


def test_indexing_reads_no_loading_index_when_no_rebuild_runs(engine, fake, corpus):
    fake.clear()
    indexing.index_pages_now([corpus["open"].pk])
    [bulk] = fake.calls(endswith="_bulk")
    assert {line["index"]["_index"] for line in bulk.body[::2]} == {ALIAS}


def test_a_loading_alias_removed_before_the_write_is_skipped(
    engine, fake, corpus, monkeypatch, caplog
):
    """The swap (or a failed rebuild) may remove the loading alias between indexing finding
    it and writing to it: the write to the live alias stands, and nothing is raised."""
    gone = f"{ALIAS}-20260101000000000000-loading"
    answers = iter([[gone], []])
    monkeypatch.setattr(engine, "_loading", lambda: next(answers))
    page = corpus["open"]
    page.title = "Garden waste by app"
    with caplog.at_level(logging.ERROR, logger="search.indexing"):
        page.save_revision().publish()
    assert fake.docs(ALIAS)[f"page:{page.pk}"]["title"] == "Garden waste by app"
    assert gone not in fake.indices
    assert not caplog.records


def test_a_swap_between_the_two_writes_of_a_change_loses_nothing(engine, fake, corpus, monkeypatch):
    """Indexing writes a change to the loading index, then to the live alias. Whenever the
    rebuild swaps the alias meanwhile, the new (now live) index ends with the change."""
    [old] = concrete_indices(fake)
    new = f"{ALIAS}-29991231000000000000"
    fake.indices[new] = {"body": fake.indices[old]["body"], "docs": dict(fake.docs(old))}
    fake.aliases[f"{new}-loading"] = {new}
    writes = []
    original = elastic.bulk

    def bulk_then_swap(client, actions, **options):
        result = original(client, actions, **options)
        writes.append(options)
        if len(writes) == 1:  # the rebuild swaps right after indexing's first write
            engine._swap_alias(new, loading=f"{new}-loading")
        return result

    monkeypatch.setattr(elastic, "bulk", bulk_then_swap)
    page = corpus["open"]
    page.title = "Garden waste by app"
    page.save_revision().publish()
    assert len(writes) == 2 and fake.aliases[ALIAS] == {new}
    assert fake.docs(new)[f"page:{page.pk}"]["title"] == "Garden waste by app"


def test_rebuild_streams_batches(engine, fake, corpus):
    batches = all_documents(batch_size=1)
    with_documents = [chunk for chunk in batches.chunks() if batches.build(chunk)[1]]
    assert len(with_documents) > 2
    fake.clear()
    engine.rebuild(batches)
    assert len(fake.calls(endswith="_bulk")) == len(with_documents)


def test_rebuild_replaces_a_concrete_index_holding_the_alias_name(fake, settings):
    settings.ELASTICSEARCH_URL = fake.url
    settings.ELASTICSEARCH_INDEX = ALIAS
    fake.indices[ALIAS] = {"body": {}, "docs": {}}
    services.elasticsearch_engine().rebuild(all_documents())
    [aliases] = alias_swaps(fake)
    assert {"remove_index": {"index": ALIAS}} in aliases.body["actions"]
    assert ALIAS not in fake.indices and ALIAS in fake.aliases


def test_a_failed_rebuild_leaves_the_live_index_alone(engine, fake, corpus):
    [old] = concrete_indices(fake)
    fake.fail("error", "_bulk", status=500)
    with pytest.raises(EngineError):
        engine.rebuild(all_documents())
    fake.fail(None)
    assert concrete_indices(fake) == [old]
    assert fake.aliases[ALIAS] == {old}


def test_rebuild_command_and_check_command(engine, fake, corpus, capsys):
    call_command("rebuild_search_index", engine="elasticsearch")
    call_command("check_search_index", engine="elasticsearch")
    assert "The index matches the published pages." in capsys.readouterr().out
    [index] = concrete_indices(fake)
    del fake.indices[index]["docs"][f"page:{corpus['open'].pk}"]
    with pytest.raises(SystemExit):
        call_command("check_search_index", engine="elasticsearch")


# -- keeping it up to date ---------------------------------------------------------------------


def test_replacing_a_page_deletes_its_other_documents_and_writes_through_the_alias(
    engine, fake, corpus
):
    study = corpus["open"]
    [old_lesson] = study.lessons.all()
    fake.clear()
    study.lessons = [Lesson(kind="advice", category="people", text="Talk to residents first.")]
    study.save_revision().publish()
    [new_lesson] = CaseStudyPage.objects.get(pk=study.pk).lessons.all()
    [delete] = fake.calls("POST", "/_delete_by_query")
    assert delete.path == f"/{ALIAS}/_delete_by_query"
    assert delete.body["query"] == {
        "bool": {
            "filter": [{"terms": {"page_id": [study.pk]}}],
            "must_not": [{"ids": {"values": [f"page:{study.pk}", f"lesson:{new_lesson.pk}"]}}],
        }
    }
    [write] = fake.calls(endswith="_bulk")
    assert write.params["require_alias"] == ["true"]
    assert {line["index"]["_index"] for line in write.body[::2]} == {ALIAS}
    keys = set(fake.docs(ALIAS))
    assert f"lesson:{new_lesson.pk}" in keys and f"lesson:{old_lesson.pk}" not in keys


def test_unpublishing_removes_every_document_of_the_page(engine, fake, corpus):
    study = corpus["open"]
    study.unpublish()
    assert not [doc for doc in fake.docs(ALIAS).values() if doc["page_id"] == study.pk]


def test_writes_never_create_an_index_without_the_mapping(fake, settings, open_community):
    settings.ELASTICSEARCH_URL = fake.url
    settings.ELASTICSEARCH_INDEX = "never-built"
    engine = services.elasticsearch_engine()
    [document] = [d for _p, docs in all_documents() for d in docs][:1]
    with pytest.raises(EngineError):
        engine.replace_pages([document.page_id], [document])
    assert "never-built" not in fake.indices


def test_documents_match_the_strict_mapping(engine, fake, corpus):
    # The fake refuses fields the mapping does not declare, as Elasticsearch would.
    engine.rebuild(all_documents())
    assert engine.fingerprints() == {
        document.key: document.fingerprint
        for _pages, documents in all_documents()
        for document in documents
    }


# -- reading -----------------------------------------------------------------------------


def filters_of(body):
    return body["query"]["bool"].get("filter", [])


def privacy_clause(body):
    clauses = [
        clause for clause in filters_of(body) if "bool" in clause and "should" in clause["bool"]
    ]
    assert len(clauses) <= 1
    return clauses[0] if clauses else None


@pytest.mark.parametrize(
    ("reader", "expected"),
    [
        (Reader(), [{"terms": {"audience": [0]}}]),
        (Reader(approved=True), [{"terms": {"audience": [0, 1]}}]),
        (
            Reader(approved=True, member_ids=(7, 3)),
            [{"terms": {"audience": [0, 1]}}, {"terms": {"community_id": [3, 7]}}],
        ),
        (Reader(member_ids=(5,)), [{"terms": {"audience": [0]}}, {"terms": {"community_id": [5]}}]),
        (Reader(superuser=True, approved=True, member_ids=(5,)), None),
    ],
    ids=["anonymous", "approved", "member", "unapproved member", "superuser"],
)
def test_every_read_carries_one_bounded_privacy_filter(engine, fake, corpus, reader, expected):
    engine.search(SearchRequest(text="garden", reader=reader))
    engine.search(SearchRequest(text="", reader=reader, filters={"kind": ["case_study"]}))
    engine.autocomplete("gard", reader)
    engine.similar(corpus["open"].pk, reader)
    engine.suggest(SearchRequest(text="gardne", reader=reader))
    bodies = [body for body in fake.searches() if "query" in body]
    assert len(bodies) >= 5
    for body in bodies:
        clause = privacy_clause(body)
        if expected is None:
            assert clause is None
        else:
            assert clause == {"bool": {"should": expected, "minimum_should_match": 1}}


def test_the_privacy_filter_does_not_grow_with_the_reader_s_communities(engine, fake, corpus):
    reader = Reader(approved=True, member_ids=tuple(range(1, 501)))
    engine.search(SearchRequest(text="garden", reader=reader))
    [body] = fake.searches()
    clause = privacy_clause(body)
    assert len(clause["bool"]["should"]) == 2
    assert clause["bool"]["should"][1] == {"terms": {"community_id": list(range(1, 501))}}


def test_search_sends_weighted_fields_websearch_syntax_facets_and_highlighting(
    engine, fake, corpus
):
    engine.search(
        SearchRequest(
            text='"garden waste" OR compost -secrets',
            reader=Reader(),
            filters={"theme": [4, 5], "stage": ["live"]},
            community_id=42,
            page=2,
            page_size=10,
        )
    )
    body = fake.searches()[0]
    [must] = body["query"]["bool"]["must"]
    query = must["simple_query_string"]
    assert query["query"] == '"garden waste" | compost -secrets'
    assert query["default_operator"] == "and"
    assert query["fields"] == ["text_a^5", "text_b^2", "text_c"]
    assert set(query["flags"].split("|")) == {"OR", "NOT", "PHRASE", "WHITESPACE"}
    filters = filters_of(body)
    assert {"terms": {"theme_ids": [4, 5]}} in filters
    assert {"terms": {"stage": ["live"]}} in filters
    assert {"term": {"community_id": 42}} in filters
    assert body["from"] == 10 and body["size"] == 10 and body["track_total_hits"] is True
    assert body["aggs"] == {
        name: {"terms": {"field": field, "size": elastic.FACET_SIZE}}
        for name, field in FACET_FIELDS.items()
    }
    highlight = body["highlight"]
    assert highlight["pre_tags"] == [HIGHLIGHT_START]
    assert highlight["post_tags"] == [HIGHLIGHT_STOP]
    assert set(highlight["fields"]) == {"summary", "body"}
    assert highlight["highlight_query"]["simple_query_string"]["fields"] == ["summary", "body"]
    assert body["sort"][0] == "_score"


def test_filtering_without_text_sorts_newest_first_and_shows_plain_summaries(engine, fake, corpus):
    result = engine.search(
        SearchRequest(text="", reader=Reader(), filters={"kind": ["case_study"]})
    )
    body = fake.searches()[0]
    assert "must" not in body["query"]["bool"] or not body["query"]["bool"]["must"]
    assert "highlight" not in body
    assert body["sort"][0] == {"published_at": {"order": "desc"}}
    [hit] = result.hits
    assert hit.snippet == corpus["open"].summary
    assert HIGHLIGHT_START not in hit.snippet


def test_similar_asks_for_more_like_this_case_study(engine, fake, corpus):
    study = corpus["open"]
    engine.similar(study.pk, Reader(), limit=3)
    [body] = fake.searches()
    [must] = body["query"]["bool"]["must"]
    like = must["more_like_this"]
    assert like["like"] == [{"_index": ALIAS, "_id": f"page:{study.pk}"}]
    assert set(like["fields"]) == {"text_a", "text_b", "text_c"}
    assert {"term": {"kind": "case_study"}} in filters_of(body)
    assert body["query"]["bool"]["must_not"] == [{"term": {"page_id": study.pk}}]
    assert body["size"] == 3


def test_autocomplete_matches_title_prefixes_except_lessons(engine, fake, corpus):
    hits = engine.autocomplete("garden wa", Reader())
    assert [hit.title for hit in hits] == ["Garden waste online"]
    [body] = fake.searches()
    [must] = body["query"]["bool"]["must"]
    assert must["multi_match"]["type"] == "bool_prefix"
    assert must["multi_match"]["fields"][0] == "title_prefix"
    assert body["query"]["bool"]["must_not"] == [{"term": {"kind": "lesson"}}]


def test_a_suggestion_is_checked_against_what_the_reader_may_see(engine, fake, corpus):
    assert engine.suggest(SearchRequest(text="secrtes", reader=Reader())) is None
    suggester, check = fake.searches()
    assert suggester["suggest"]["spelling"]["term"]["field"] == "spell"
    assert check["query"]["bool"]["must"][0]["simple_query_string"]["query"] == "secrets"
    assert privacy_clause(check) is not None
    member = Reader(member_ids=(corpus["private"].get_parent().pk,))
    assert engine.suggest(SearchRequest(text="secrtes", reader=member)) == "secrets"


# -- failures --------------------------------------------------------------------------------

FAILURES = {
    "server error": {"mode": "error", "status": 500},
    "unavailable": {"mode": "error", "status": 503},
    "too slow": {"mode": "slow", "delay": 1.5},
    "connection dropped": {"mode": "drop"},
    "not JSON": {"mode": "garbage"},
    "unexpected JSON": {"mode": "shape"},
}


@pytest.mark.parametrize("failure", list(FAILURES))
def test_failures_raise_engine_errors(engine, fake, corpus, failure):
    fake.fail(**FAILURES[failure])
    reader = Reader()
    calls = [
        lambda: engine.search(SearchRequest(text="garden", reader=reader)),
        lambda: engine.suggest(SearchRequest(text="gardne", reader=reader)),
        lambda: engine.autocomplete("gard", reader),
        lambda: engine.similar(corpus["open"].pk, reader),
        lambda: engine.fingerprints(),
    ]
    if failure == "too slow":
        calls.pop()  # the check command reads the whole index: it waits longer
    for call in calls:
        engine.reset()
        with pytest.raises(EngineError):
            call()


def test_a_cluster_that_is_down_raises_engine_errors(db):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    engine = elastic.ElasticsearchEngine(f"http://127.0.0.1:{port}", index=ALIAS)
    with pytest.raises(EngineError):
        engine.search(SearchRequest(text="garden", reader=Reader()))
    with pytest.raises(EngineError):
        engine.rebuild(all_documents())
    with pytest.raises(EngineError):
        engine.replace_pages([1], [])


@pytest.mark.parametrize("failure", ["server error", "too slow", "not JSON"])
def test_the_service_falls_back_to_postgres_and_logs(engine, fake, corpus, failure, caplog):
    fake.fail(**FAILURES[failure])
    caplog.set_level(logging.ERROR, logger="search.services")
    results = services.search(query="garden", user=None)
    assert results.engine == "postgres"
    assert {result.title for result in results.page} == {"Garden waste online"}
    assert "Elasticsearch failed on search" in caplog.text
    assert [hit["label"] for hit in services.autocomplete("gard", None)] == ["Garden waste online"]
    assert services.similar_case_studies(corpus["open"], None) == []


def test_after_a_failure_reads_skip_elasticsearch_for_a_while(engine, fake, corpus):
    fake.fail("error", status=503)
    with pytest.raises(EngineError):
        engine.search(SearchRequest(text="garden", reader=Reader()))
    fake.fail(None)
    fake.clear()
    with pytest.raises(EngineError, match="recent failure"):
        engine.search(SearchRequest(text="garden", reader=Reader()))
    assert fake.requests == []
    assert services.search(query="garden", user=None).engine == "postgres"
    engine.reset()
    assert services.search(query="garden", user=None).engine == "elasticsearch"


def test_a_bad_request_does_not_stop_later_searches(engine, fake, corpus):
    fake.fail("error", status=400)
    with pytest.raises(EngineError):
        engine.search(SearchRequest(text="garden", reader=Reader()))
    fake.fail(None)
    assert engine.search(SearchRequest(text="garden", reader=Reader())).total == 2


def test_indexing_goes_on_in_postgres_when_elasticsearch_fails(engine, fake, caplog):
    fake.fail("error", status=500)
    community = factories.make_community("Compost circle")
    factories.make_case_study(community, title="Compost heaps")
    assert "Could not update Elasticsearch" in caplog.text
    request = SearchRequest(text="compost", reader=Reader())
    assert services.postgres_engine().search(request).total == 3  # community, study, lesson


# -- synonyms ------------------------------------------------------------------------------


def test_changing_synonyms_rebuilds_elasticsearch_once_committed(
    engine, fake, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        synonym = Synonym.objects.create(terms="FOI, freedom of information")
    assert len(callbacks) == 1
    [create] = index_creations(fake)
    rules = create.body["settings"]["analysis"]["filter"]["practice_synonyms"]["synonyms"]
    assert rules == ["foi, freedom of information"]
    fake.clear()
    with django_capture_on_commit_callbacks(execute=True):
        synonym.delete()
    [create] = index_creations(fake)
    assert "practice_synonyms" not in create.body["settings"]["analysis"].get("filter", {})


def test_without_elasticsearch_changing_synonyms_schedules_nothing(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        Synonym.objects.create(terms="FOI, freedom of information")
    assert callbacks == []


def test_a_bulk_load_changing_synonyms_schedules_nothing(
    engine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, indexing.suspended():
        Synonym.objects.create(terms="FOI, freedom of information")
    assert callbacks == []


def test_synonyms_are_edited_by_site_administrators_only():
    url = "/admin/snippets/search/synonym/"
    administrator = factories.UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    sign_in_with_second_factor(client, administrator)
    assert "Search synonyms" in client.get("/admin/").content.decode()
    assert client.get(url).status_code == 200
    response = client.post(f"{url}add/", {"terms": "FOI, freedom of information"})
    assert response.status_code == 302
    assert Synonym.objects.filter(terms="FOI, freedom of information").exists()

    synonym = Synonym.objects.get()
    community = factories.make_community("Facilitated")
    facilitator = factories.UserFactory()
    factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)
    for make_client in (
        lambda c: sign_in_with_second_factor(c, facilitator),
        editor_with_every_permission,
    ):
        client = Client()
        make_client(client)
        assert "Search synonyms" not in client.get("/admin/").content.decode()
        for path in (url, f"{url}add/", f"{url}edit/{synonym.pk}/"):
            assert client.get(path).status_code in (302, 403), path
        client.post(f"{url}edit/{synonym.pk}/", {"terms": "FOI, sneaky"})
        client.post(f"{url}delete/{synonym.pk}/")
        synonym.refresh_from_db()
        assert synonym.terms == "FOI, freedom of information"


# -- saved search alerts (percolator) ---------------------------------------------------------

PERCOLATOR = f"{ALIAS}-percolator"


def percolator_creations(fake):
    return [r for r in fake.calls("PUT") if re.fullmatch(rf"/{PERCOLATOR}-\d+", r.path)]


def percolations(fake):
    return [
        r.body
        for r in fake.calls("POST", f"/{PERCOLATOR}/_search")
        if "percolate" in json.dumps(r.body)
    ]


def test_rebuild_stores_every_saved_search_in_a_percolator_index(engine, fake, member):
    chatbots = saved_search_create(
        user=member, name="Chatbots", query_string="q=chatbot OR bots&stage=live&year=2020"
    )
    everything = saved_search_create(user=member, name="Live", query_string="stage=live")
    fake.clear()
    engine.rebuild(all_documents())

    [create] = percolator_creations(fake)
    [documents] = index_creations(fake)
    properties = create.body["mappings"]["properties"]
    assert properties["query"] == {"type": "percolator"}
    # The same fields and analysis as the documents, so documents percolate as indexed.
    assert {
        k: v for k, v in properties.items() if k in documents.body["mappings"]["properties"]
    } == (documents.body["mappings"]["properties"])
    assert set(properties) - set(documents.body["mappings"]["properties"]) == {
        "query",
        "saved_search_id",
        "saved_search_version",
    }
    assert create.body["settings"]["analysis"] == documents.body["settings"]["analysis"]
    new = create.path.strip("/")
    [swap] = alias_swaps(fake, PERCOLATOR)
    assert swap.body["actions"][-1] == {"add": {"index": new, "alias": PERCOLATOR}}
    [stored] = [r for r in fake.calls(endswith="_bulk") if r.body[0]["index"]["_index"] == new]
    by_id = {
        line["index"]["_id"]: source
        for line, source in zip(stored.body[::2], stored.body[1::2], strict=True)
    }
    assert set(by_id) == {str(chatbots.pk), str(everything.pk)}
    query = by_id[str(chatbots.pk)]["query"]
    assert query == {
        "bool": {
            "must": [
                {
                    "simple_query_string": {
                        "query": "chatbot | bots",
                        "fields": elastic.TEXT_FIELDS,
                        "default_operator": "and",
                        "flags": elastic.QUERY_FLAGS,
                        "lenient": True,
                    }
                }
            ],
            "filter": [{"terms": {"stage": ["live"]}}, {"terms": {"year": [2020]}}],
        }
    }
    # No privacy filter: each member is checked when they are told.
    assert "audience" not in json.dumps(query)
    assert by_id[str(everything.pk)]["query"] == {
        "bool": {"filter": [{"terms": {"stage": ["live"]}}]}
    }
    assert by_id[str(everything.pk)]["saved_search_id"] == everything.pk

    # A second rebuild replaces the percolator index and drops the old one.
    fake.clear()
    engine.rebuild(all_documents())
    assert [name for name in fake.indices if name.startswith(f"{PERCOLATOR}-")] == [
        percolator_creations(fake)[0].path.strip("/")
    ]


def test_saving_and_deleting_a_saved_search_updates_the_percolator_once_committed(
    engine, fake, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        saved = saved_search_create(user=member, name="Bins", query_string="q=bins&stage=live")
    [store] = fake.calls(endswith="_bulk")
    assert store.params["require_alias"] == ["true"]
    assert store.body[0] == {"index": {"_id": str(saved.pk), "_index": PERCOLATOR}}
    assert store.body[1]["query"]["bool"]["filter"] == [{"terms": {"stage": ["live"]}}]
    assert str(saved.pk) in fake.docs(PERCOLATOR)

    fake.clear()
    with django_capture_on_commit_callbacks(execute=True):
        saved_search_delete(user=member, saved_search_id=saved.pk)
    [delete] = fake.calls("DELETE")
    assert delete.path == f"/{PERCOLATOR}/_doc/{saved.pk}"
    assert str(saved.pk) not in fake.docs(PERCOLATOR)


def test_without_elasticsearch_saved_searches_schedule_nothing(
    member, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = ""
    with (
        mock.patch("participation.tasks.store_saved_search") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        saved = saved_search_create(user=member, name="Bins", query_string="q=bins")
        saved_search_delete(user=member, saved_search_id=saved.pk)
    task.enqueue.assert_not_called()


def test_matching_percolates_the_indexed_documents_and_maps_slots_to_keys(
    engine, fake, open_community
):
    study = factories.make_case_study(
        open_community,
        title="Chatbot for missed bins",
        lessons=[("went_wrong", "procurement", "We bought the chatbot too early.")],
    )
    page_key, lesson_key = f"page:{study.pk}", f"lesson:{study.lessons.get().pk}"
    queries = [
        SavedQuery(1, "chatbot", {}),
        SavedQuery(2, "", {"kind": ["lesson"]}),
        SavedQuery(3, "parking", {}),
    ]
    fake.clear()
    pairs = engine.match_saved_searches([lesson_key, "page:999999", page_key], queries)
    assert pairs == [(1, lesson_key), (1, page_key), (2, lesson_key)]

    [mget] = fake.calls("POST", f"/{ALIAS}/_mget")
    assert mget.body == {"ids": [lesson_key, "page:999999", page_key]}
    # Saved searches not yet in the percolator index are stored before percolating.
    [store] = fake.calls(endswith="_bulk")
    assert [line["index"]["_id"] for line in store.body[::2]] == ["1", "2", "3"]
    [percolation] = percolations(fake)
    [percolate] = percolation["query"]["bool"]["must"]
    documents = percolate["percolate"]["documents"]
    assert percolate["percolate"]["field"] == "query"
    # The documents as indexed, in the order found: slot 0 the lesson, slot 1 the page.
    assert documents == [fake.get_doc(ALIAS, lesson_key), fake.get_doc(ALIAS, page_key)]
    [versions] = percolation["query"]["bool"]["filter"]
    assert sorted(versions["terms"]["saved_search_version"]) == sorted(
        elastic.saved_query_version(query) for query in queries
    )
    assert percolation["size"] == 3

    # Already stored: one search to check, no writes. A changed search is stored again.
    fake.clear()
    assert engine.match_saved_searches([page_key], queries) == [(1, page_key)]
    assert not fake.calls(endswith="_bulk")
    changed = [SavedQuery(3, "bins", {})]
    assert engine.match_saved_searches([page_key], changed) == [(3, page_key)]
    assert (
        fake.docs(PERCOLATOR)["3"]["query"]["bool"]["must"][0]["simple_query_string"]["query"]
        == "bins"
    )


def test_saved_search_matching_falls_back_to_postgres_when_the_percolator_fails(
    engine, fake, open_community, caplog
):
    study = factories.make_case_study(open_community, title="Chatbot for missed bins")
    keys = [f"page:{study.pk}"]
    queries = [SavedQuery(1, "chatbot", {}), SavedQuery(2, "parking", {})]
    fake.fail("error", "percolator", status=500)
    with pytest.raises(EngineError):
        engine.match_saved_searches(keys, queries)
    engine.reset()
    fake.clear()
    with caplog.at_level(logging.WARNING):
        pairs = services.match_saved_searches(keys, queries)
    assert pairs == [(1, keys[0])]
    assert fake.calls(endswith="/_search")  # Elasticsearch was asked first
    assert "Matching saved searches in PostgreSQL" in caplog.text


def test_a_failed_saved_search_update_is_logged_and_healed_when_matching(
    engine, fake, member, open_community, django_capture_on_commit_callbacks, caplog
):
    fake.fail("error", "_bulk", status=500)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        saved = saved_search_create(user=member, name="Chatbots", query_string="q=chatbot")
    assert f"Could not update saved search {saved.pk}" in caplog.text
    fake.fail(None)
    engine.reset()
    study = factories.make_case_study(open_community, title="Chatbot for missed bins")
    query = SavedQuery(saved.pk, saved.query, saved.filters)
    assert engine.match_saved_searches([f"page:{study.pk}"], [query]) == [
        (saved.pk, f"page:{study.pk}")
    ]
