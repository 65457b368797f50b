"""Searching: every state of the search page passes the accessibility check, the search
box's suggestions work from the keyboard, and a community can be searched on its own."""

import pytest

from tests import factories
from tests.browser.conftest import check_accessibility, visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    community = factories.make_community("Channel shift", visibility="open")
    private = factories.make_community("Police data sharing", visibility="private")
    theme = factories.theme("Waste")
    studies = [
        factories.make_case_study(
            community,
            title=f"Garden waste permits {n}",
            summary=f"Garden waste permits moved online in phase {n}.",
            stage="live" if n % 2 else "beta",
            lessons=[("advice", "process", f"Test the garden form with residents, round {n}.")],
        )
        for n in range(12)
    ]
    for study in studies:
        study.themes.set([theme])
        study.save_revision().publish()
    secret = factories.make_case_study(private, title="Garden waste in custody suites")
    return {"community": community, "studies": studies, "secret": secret}


def test_search_page_states_pass_the_accessibility_check(page, content):
    visit(page, "/search/", "search page before searching")
    visit(page, "/search/?q=garden&sort=newest", "search results, several pages")
    assert page.get_by_role("navigation", name="Pages").is_visible()
    assert "Garden waste in custody suites" not in page.content()
    page.get_by_role("link", name="Next page").click()
    check_accessibility(page, "search results, page 2")
    assert "page 2 of" in page.locator("#results-count").inner_text()
    visit(page, "/search/?q=garden&stage=live&theme=waste", "search with filters in use")
    visit(page, "/search/?q=xylophone+quasar&stage=beta", "search with no results")
    assert page.get_by_role("link", name="remove the filters").is_visible()
    assert page.get_by_role("link", name="xylophone OR quasar").is_visible()
    visit(page, "/search/?q=garden&stage=banana&year=soon", "search with ignored filters")
    assert page.get_by_role("region", name="Important").is_visible()
    assert "Stage: a value was not one of the options" in page.content()
    assert not page.console_errors, page.console_errors


def test_search_box_suggestions_work_from_the_keyboard(page, content):
    visit(page, "/search/", "search page")
    box = page.get_by_role("combobox", name="Search case studies and lessons")
    box.focus()
    page.keyboard.type("garden waste permits 1", delay=20)
    listbox = page.get_by_role("listbox", name="Suggestions")
    listbox.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.get_by_role("option")
    assert "Garden waste permits 1" in options.first.inner_text()
    assert "custody" not in listbox.inner_text()
    check_accessibility(page, "search page with suggestions open")
    page.keyboard.press("ArrowDown")
    first = options.first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    page.keyboard.press("Escape")
    assert listbox.is_hidden() and box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{content['studies'][1].url}")
    check_accessibility(page, "case study opened from a suggestion")
    assert not page.console_errors, page.console_errors


def test_a_community_is_searched_from_its_page(page, content):
    other = factories.make_community("Adult social care", visibility="open")
    factories.make_case_study(other, title="Garden visits for carers")
    visit(page, content["community"].url, "community page")
    page.get_by_label("Search this community").fill("garden")
    page.get_by_role("button", name="Search", exact=True).click()
    check_accessibility(page, "community search results")
    assert page.url.endswith(f"{content['community'].url}search/?q=garden")
    assert "Garden visits for carers" not in page.content()
    assert page.get_by_role("heading", level=1).inner_text() == "Search this community"
    assert not page.console_errors, page.console_errors
