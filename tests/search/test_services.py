import pytest

from search import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(open_community):
    return [
        factories.make_case_study(
            open_community, title="Garden waste renewals online", summary="Fewer phone calls."
        ),
        factories.make_case_study(
            open_community,
            title="Open data portal",
            summary="Publishing spending data.",
            lessons=[("went_wrong", "procurement", "The garden centre supplier was late.")],
        ),
    ]


def titles(results):
    return [case_study.title for case_study in results.page]


def test_matches_title_summary_and_lessons_ranking_title_first(corpus):
    results = services.search(query="garden", user=None)
    assert titles(results) == ["Garden waste renewals online", "Open data portal"]


def test_words_that_match_nothing_find_nothing(corpus):
    assert services.search(query="xylophone quasar", user=None).total == 0


def test_phrase_or_and_exclusion_syntax(corpus):
    assert titles(services.search(query='"open data"', user=None)) == ["Open data portal"]
    assert services.search(query="xylophone OR portal", user=None).total == 1
    assert titles(services.search(query="garden -portal", user=None)) == [
        "Garden waste renewals online"
    ]


def test_snippets_escape_text_and_mark_matches(open_community):
    factories.make_case_study(
        open_community, title="Forms", summary="<script>alert(1)</script> garden forms"
    )
    from search.templatetags.search_tags import highlight

    [result] = services.search(query="garden", user=None).page
    html = highlight(result.snippet)
    assert "<script" not in html and "<mark>garden</mark>" in html


@pytest.mark.parametrize("query", ["", "   ", "\x00\x01", '"unbalanced', "-", "OR", "a" * 10_000])
def test_odd_queries_return_normally(corpus, query):
    results = services.search(query=query, user=None)
    assert results.total >= 0
