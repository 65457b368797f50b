"""The search page, search within a community, and autocomplete, through their URLs."""

import re
from html import unescape

import pytest
from django.urls import reverse

from search.models import SearchLog
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(open_community):
    theme = factories.theme("Waste")
    garden = factories.make_case_study(
        open_community,
        title="Garden waste renewals online",
        summary="We moved garden waste renewals to a web form and halved phone calls.",
        stage="live",
        lessons=[("went_wrong", "procurement", "The first supplier missed every deadline.")],
    )
    portal = factories.make_case_study(
        open_community,
        title="Open data portal",
        summary="Publishing spending data every month.",
        stage="beta",
    )
    for study in (garden, portal):
        study.themes.set([theme])
        study.save_revision().publish()
    return {"garden": garden, "portal": portal, "theme": theme}


def body(response):
    assert response.status_code == 200
    return response.content.decode()


def result_titles(html):
    return [
        unescape(title)
        for title in re.findall(
            r'app-card__title"><a class="govuk-link" href="[^"]*">([^<]*)',
            html,
        )
    ]


def test_the_empty_search_page_explains_the_syntax_and_logs_nothing(client, db):
    html = body(client.get("/search/"))
    assert "<title>Search – " in html
    assert "finds the exact phrase" in html and 'href="/case-studies/"' in html
    assert not SearchLog.objects.exists()


def test_results_show_kind_community_organisation_and_highlighted_snippet(client, corpus):
    html = body(client.get("/search/", {"q": "garden"}))
    assert "<title>garden: " in html
    assert 'role="status"' in html and "result" in html
    assert result_titles(html)[0] == "Garden waste renewals online"
    assert 'app-result__kind">Case study</strong>' in html
    assert "In Channel shift" in html
    assert "<mark>garden</mark>" in html.lower()
    assert SearchLog.objects.get().query == "garden"


def test_lesson_results_say_what_kind_of_lesson_and_link_to_its_anchor(client, corpus):
    lesson = corpus["garden"].lessons.get()
    html = body(client.get("/search/", {"q": "deadline"}))
    assert f'href="{corpus["garden"].url}#lesson-{lesson.pk}"' in html
    assert re.search(r">Lesson</strong> What went wrong · Procurement", html)
    page = body(client.get(corpus["garden"].url))
    assert f'id="lesson-{lesson.pk}"' in page


def test_facets_are_checkboxes_with_counts_and_filters_live_in_the_address(client, corpus):
    html = body(client.get("/search/", {"q": "waste OR data"}))
    assert re.search(r'name="kind" type="checkbox" value="case_study"', html)
    assert re.search(r'name="theme" type="checkbox" value="waste"', html)
    assert "Apply filters" in html
    filtered = body(client.get("/search/", {"q": "waste OR data", "stage": "beta"}))
    assert set(result_titles(filtered)) == {"Open data portal"}  # the case study and its lesson
    assert re.search(r'name="stage" type="checkbox" value="beta" checked', filtered)
    # The filter in use is shown as a tag that removes it.
    assert "Remove filter </span>Stage: Beta" in filtered
    assert 'href="?q=waste+OR+data"' in filtered  # removing it, and "Clear all filters"


def test_sort_by_newest(client, corpus):
    html = body(client.get("/search/", {"q": "waste OR data", "kind": "case_study"}))
    assert '<option value="relevance" selected>' in html
    newest = body(
        client.get("/search/", {"q": "waste OR data", "kind": "case_study", "sort": "newest"})
    )
    assert result_titles(newest) == ["Open data portal", "Garden waste renewals online"]
    assert '<option value="newest" selected>' in newest
    # Removing a filter keeps the sort.
    assert 'href="?q=waste+OR+data&amp;sort=newest"' in newest


def test_paging_keeps_the_search_and_past_the_end_shows_the_last_page(client, open_community):
    for n in range(23):
        factories.make_case_study(open_community, title=f"Pothole report {n}", summary="Roads.")
    first = body(client.get("/search/", {"q": "pothole", "kind": "case_study"}))
    assert "page 1 of 2" in first
    assert 'href="?q=pothole&amp;kind=case_study&amp;page=2"' in first
    last = body(client.get("/search/", {"q": "pothole", "kind": "case_study", "page": "99"}))
    assert "page 2 of 2" in last and len(result_titles(last)) == 3
    # Paging is one search in the log, not one per page.
    assert SearchLog.objects.count() == 1


def test_bad_filters_are_ignored_with_a_notice(client, corpus):
    html = body(client.get("/search/", {"q": "garden", "stage": "banana", "sort": "upside"}))
    assert 'id="search-notices"' in html
    assert "Stage: a value was not one of the options" in html
    assert "That sort order is not one of the options" in html
    assert "Garden waste renewals online" in html


def test_a_long_query_is_shortened_with_a_notice(client, corpus):
    html = body(client.get("/search/", {"q": "garden " * 200}))
    assert "Your search was shortened" in html


def test_did_you_mean_links_to_the_corrected_search(client, corpus):
    html = body(client.get("/search/", {"q": "gardne"}))
    link = re.search(r'Did you mean <a class="govuk-link" href="([^"]*)">([^<]*)</a>', html)
    assert link and link[2] == "garden" and unescape(link[1]) == "?q=garden"
    assert result_titles(body(client.get("/search/" + unescape(link[1]))))


def test_no_results_suggest_broader_searches(client, corpus):
    html = body(client.get("/search/", {"q": "garden xylophone", "stage": "live"}))
    assert "No results" in html and 'id="no-results"' in html
    assert "remove the filters" in html and 'href="?q=garden+xylophone"' in html
    assert 'href="?q=garden+OR+xylophone"' in html  # any of the words
    assert 'href="/case-studies/"' in html and 'href="/lessons/"' in html


def test_search_is_get_only(client, db):
    assert client.post("/search/", {"q": "x"}).status_code == 405


# -- within one community ------------------------------------------------------------------


def test_a_community_search_finds_only_that_communitys_content(client, corpus):
    other = factories.make_community("Adult social care", visibility="open")
    factories.make_case_study(other, title="Garden visits for carers")
    community = corpus["garden"].get_parent().specific
    page = body(client.get(community.url))
    assert f'action="{community.url}search/"' in page  # the form on the community page
    html = body(client.get(community.url + "search/", {"q": "garden"}))
    assert "Search this community" in html
    assert "Garden waste renewals online" in html and "Garden visits for carers" not in html
    assert 'name="community"' not in html  # no community facet inside one community
    assert SearchLog.objects.get().community_id == community.pk
    everywhere = body(client.get("/search/", {"q": "garden"}))
    assert "Garden visits for carers" in everywhere


def test_a_private_communitys_search_is_not_found_for_non_members(client, private_community):
    factories.make_case_study(private_community, title="Custody data pilot")
    url = private_community.url + "search/"
    assert client.get(url, {"q": "custody"}).status_code == 404
    client.force_login(factories.UserFactory())
    assert client.get(url, {"q": "custody"}).status_code == 404
    member = factories.UserFactory()
    factories.add_member(private_community, member)
    client.force_login(member)
    assert "Custody data pilot" in body(client.get(url, {"q": "custody"}))


# -- autocomplete --------------------------------------------------------------------------


def test_autocomplete_answers_json_with_titles_and_themes(client, corpus, private_community):
    factories.make_case_study(private_community, title="Garden secrets")
    response = client.get(reverse("search_autocomplete"), {"q": "gard"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    suggestions = response.json()["suggestions"]
    assert {
        "label": "Garden waste renewals online",
        "kind": "Case study",
        "url": corpus["garden"].url,
    } in suggestions
    assert all(item["label"] != "Garden secrets" for item in suggestions)
    themes = client.get(reverse("search_autocomplete"), {"q": "was"}).json()["suggestions"]
    assert {"label": "Waste", "kind": "Theme", "url": "/search/?theme=waste"} in themes
    assert client.get(reverse("search_autocomplete"), {"q": "g"}).json() == {"suggestions": []}
    assert client.get(reverse("search_autocomplete")).json() == {"suggestions": []}
    assert not SearchLog.objects.exists()


def test_autocomplete_is_get_only(client, db):
    assert client.post(reverse("search_autocomplete"), {"q": "gard"}).status_code == 405
