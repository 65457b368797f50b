"""Any query string and any filter values give a normal answer, never an error.

Property-based: hypothesis throws arbitrary text, operator soup, huge strings and junk
filter values at the service; known nasty inputs are listed too."""

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import services
from search.engines.base import FACET_FIELDS
from tests import factories

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    " ",
    "x" * 10_000,
    "procurement " * 2_000,
    '"',
    '"unbalanced quote',
    "((((",
    "OR OR OR",
    "- - -",
    "-",
    '-"" OR -',
    "!&|:*<->()",
    "'; DROP TABLE search_searchdocument; --",
    "1' OR '1'='1",
    "%_\\",
    "\x00\x01\x02 null bytes",
    "\x02highlight\x03 markers",
    "emoji 🚮♻️ recycling",
    "إعادة التدوير",  # right-to-left text
    "\u202eright to left override",
    "the and of",  # only stop words
    "a:* & b:*",
]
OPERATORS = st.sampled_from(['"', "OR", "-", "(", ")", "&", "|", "!", ":*", "<->", "'", "\\"])
QUERIES = st.one_of(
    st.text(max_size=600),
    st.lists(st.one_of(OPERATORS, st.sampled_from(["bins", "data", "recycling"])), max_size=30).map(
        " ".join
    ),
)


@pytest.fixture
def corpus(open_community):
    factories.make_case_study(
        open_community,
        title="Recycling bins for flats",
        summary="Communal recycling bins in blocks of flats.",
    )
    factories.make_case_study(open_community, title="Open data portal")


def assert_normal(results):
    assert results.total >= 0
    assert len(results.query) <= services.MAX_QUERY_LENGTH
    assert all(ch.isprintable() for ch in results.query)
    if results.page is not None:
        assert 1 <= results.page.number <= max(results.page.paginator.num_pages, 1)


@pytest.mark.parametrize("query", NASTY)
def test_nasty_queries_give_a_normal_answer(corpus, query):
    results = services.search(query=query, user=None, log=False)
    assert_normal(results)
    if len(query) > services.MAX_QUERY_LENGTH:
        assert any("shortened" in notice for notice in results.notices)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=QUERIES)
def test_any_query_gives_a_normal_answer(corpus, query):
    assert_normal(services.search(query=query, user=None, log=False))


FILTER_VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["open_data", "999999", "0", "-1", "1e9", "", " ", "None", "[]"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    filters=st.dictionaries(
        st.sampled_from([*FACET_FIELDS, "sort", "page"]),
        st.lists(FILTER_VALUES, min_size=1, max_size=4),
        max_size=5,
    )
)
def test_unknown_or_malformed_filters_are_ignored_with_a_notice(corpus, filters):
    params = QueryDict(mutable=True)
    params["q"] = "recycling"
    for name, values in filters.items():
        params.setlist(name, values)
    results = services.search(user=None, params=params, log=False)
    assert_normal(results)
    for name, values in results.filters.items():
        assert set(values) <= set(filters[name])


def test_a_bad_filter_value_is_named_in_a_notice_and_changes_nothing_else(corpus):
    params = QueryDict("q=recycling&stage=banana&year=abc&theme=no-such-theme&community=-4")
    results = services.search(user=None, params=params, log=False)
    assert results.total == services.search(query="recycling", user=None, log=False).total
    assert results.filters == {}
    notices = " ".join(results.notices)
    for label in ("Stage", "Year the project started", "Theme", "Community"):
        assert label in notices


def test_a_bad_sort_falls_back_to_best_match(corpus):
    results = services.search(user=None, params=QueryDict("q=recycling&sort=;DROP"), log=False)
    assert results.sort == "relevance"
    assert results.notices


@pytest.mark.parametrize("page", ["9999", "0", "-3", "abc", "1" * 40])
def test_page_numbers_past_the_end_or_malformed_give_a_real_page(open_community, page):
    for n in range(3):
        factories.make_case_study(open_community, title=f"Recycling scheme {n}")
    results = services.search(
        query="recycling",
        user=None,
        params=QueryDict("kind=case_study"),
        page_number=page,
        page_size=2,
    )
    assert results.page.number in (1, 2)
    if page == "9999":
        assert results.page.number == 2  # the last page
        assert len(results.results) == results.total - 2


@pytest.mark.parametrize("text", NASTY)
def test_nasty_autocomplete_text_gives_a_list(corpus, text):
    suggestions = services.autocomplete(text, None)
    assert isinstance(suggestions, list)
    assert len(suggestions) <= 8
