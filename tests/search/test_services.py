import pytest
from django.http import QueryDict

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


def titles(results, kind=None):
    return [result.title for result in results.page if kind is None or result.kind == kind]


def test_matches_title_summary_and_lessons_ranking_title_first(corpus):
    results = services.search(query="garden", user=None)
    assert titles(results, "case_study") == ["Garden waste renewals online", "Open data portal"]


def test_a_matching_lesson_is_a_result_of_its_own_linking_to_its_anchor(corpus):
    results = services.search(query="supplier", user=None)
    [lesson] = [result for result in results.page if result.kind == "lesson"]
    lesson_pk = corpus[1].lessons.get().pk
    assert lesson.url == f"{corpus[1].url}#lesson-{lesson_pk}"
    assert (lesson.kind_label, lesson.lesson_kind, lesson.lesson_category) == (
        "Lesson",
        "What went wrong",
        "Procurement",
    )
    assert lesson.community == "Channel shift"


def test_words_that_match_nothing_find_nothing(corpus):
    assert services.search(query="xylophone quasar", user=None).total == 0


def test_phrase_or_and_exclusion_syntax(corpus):
    assert titles(services.search(query='"open data"', user=None), "case_study") == [
        "Open data portal"
    ]
    assert titles(services.search(query="xylophone OR portal", user=None), "case_study") == [
        "Open data portal"
    ]
    assert titles(services.search(query="garden -portal", user=None), "case_study") == [
        "Garden waste renewals online"
    ]


def test_snippets_escape_text_and_mark_matches(open_community):
    factories.make_case_study(
        open_community, title="Forms", summary="<script>alert(1)</script> garden forms"
    )
    from search.templatetags.search_tags import highlight

    [result] = services.search(query="garden", user=None, params=QueryDict("kind=case_study")).page
    html = highlight(result.snippet)
    assert "<script" not in html and "<mark>garden</mark>" in html


def test_facets_count_the_results_and_link_to_the_search_with_that_filter(corpus):
    results = services.search(query="garden", user=None)
    [kind_facet] = [facet for facet in results.facets if facet.name == "kind"]
    kinds = {value.value: value for value in kind_facet.values}
    assert kinds["case_study"].count == 2 and kinds["lesson"].count >= 1
    assert kinds["lesson"].toggle_url == "?q=garden&kind=lesson"
    filtered = services.search(user=None, params=QueryDict("q=garden&kind=lesson"))
    assert {result.kind for result in filtered.page} == {"lesson"}
    assert filtered.query_string == "q=garden&kind=lesson"


def test_similar_case_studies_share_themes_and_respect_privacy(open_community):
    theme = factories.theme("Waste")
    hidden = factories.make_community(visibility="hidden")
    page = factories.make_case_study(open_community, title="Food waste rounds")
    near = factories.make_case_study(open_community, title="Garden waste permits")
    secret = factories.make_case_study(hidden, title="Secret waste study")
    for study in (page, near, secret):
        study.themes.set([theme])
        study.save_revision().publish()
    [card] = services.similar_case_studies(page, None)
    assert (card.page_id, card.url, card.title) == (near.pk, near.url, "Garden waste permits")


def test_similar_case_studies_fall_back_to_title_words(open_community):
    """Those sharing a theme come first; title words fill the rest when they are too few."""
    theme = factories.theme("Parking")
    page = factories.make_case_study(open_community, title="Parking permits online")
    themed = factories.make_case_study(open_community, title="Blue badge renewals")
    worded = factories.make_case_study(open_community, title="Resident permits by text message")
    factories.make_case_study(open_community, title="Library opening hours")
    for study in (page, themed):
        study.themes.set([theme])
        study.save_revision().publish()
    found = services.similar_case_studies(page, None)
    assert [card.page_id for card in found] == [themed.pk, worded.pk]


def test_autocomplete_offers_titles_and_themes(corpus, private_community):
    factories.theme("Garden services")
    factories.make_case_study(private_community, title="Garden secrets")
    labels = [(item["label"], item["kind"]) for item in services.autocomplete("gard", None)]
    assert ("Garden waste renewals online", "Case study") in labels
    assert ("Garden services", "Theme") in labels
    assert "Garden secrets" not in [label for label, _kind in labels]


@pytest.mark.parametrize("query", ["", "   ", "\x00\x01", '"unbalanced', "-", "OR", "a" * 10_000])
def test_odd_queries_return_normally(corpus, query):
    results = services.search(query=query, user=None)
    assert results.total >= 0


def test_theme_options_are_cached_and_refreshed_when_a_theme_changes(corpus):
    theme = factories.theme("Waste")
    corpus[0].themes.add(theme)
    corpus[0].save_revision().publish()
    params = QueryDict(mutable=True)
    params["theme"] = "waste"
    found = services.search(query="garden", user=None, params=params, log=False)
    assert [value.label for value in found.selected] == ["Waste"]
    theme.name = "Waste and recycling"
    theme.save()
    found = services.search(query="garden", user=None, params=params, log=False)
    assert [value.label for value in found.selected] == ["Waste and recycling"]
    theme.delete()
    found = services.search(query="garden", user=None, params=params, log=False)
    assert found.notices == ["Theme: a value was not one of the options, so it was ignored."]


def test_results_name_their_community_as_it_is_called_now(corpus, open_community):
    """Community names are cached for labelling; renaming one shows at once."""
    results = services.search(query="garden", user=None, log=False)
    assert {result.community for result in results.page} == {open_community.title}
    open_community.title = "Digital channels"
    open_community.save_revision().publish()
    results = services.search(query="garden", user=None, log=False)
    assert {result.community for result in results.page} == {"Digital channels"}
