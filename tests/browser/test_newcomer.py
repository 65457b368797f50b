"""A newcomer reads the home page, browses communities and case studies, and searches."""

import pytest

from tests import factories
from tests.browser.conftest import check_accessibility, check_keyboard, visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    open_community = factories.make_community("Channel shift", visibility="open")
    private = factories.make_community("Police data sharing", visibility="private")
    case_study = factories.make_case_study(
        open_community,
        title="Moving garden waste renewals online",
        summary="We moved garden waste renewals from phone to a web form and halved calls.",
        lessons=[
            ("went_well", "engagement", "Residents switched quickly once letters pointed online."),
            ("went_wrong", "procurement", "Our first supplier could not meet accessibility rules."),
        ],
    )
    secret = factories.make_case_study(
        private, title="Confidential custody data pilot", summary="Garden waste is not here."
    )
    return {"community": open_community, "case_study": case_study, "secret": secret}


def test_newcomer_browses_and_searches(page, content):
    visit(page, "/", "home page")
    assert page.get_by_role("heading", level=1).inner_text() == "Learn from each other's projects"
    assert "Confidential custody data pilot" not in page.content()

    page.get_by_role("link", name="Communities", exact=True).first.click()
    check_accessibility(page, "communities")
    page.get_by_role("link", name="Channel shift").click()
    check_accessibility(page, "community page")
    page.get_by_role("link", name="Moving garden waste renewals online").click()
    check_accessibility(page, "case study page")
    assert page.get_by_text("Our first supplier could not meet accessibility rules.").is_visible()

    page.get_by_role("link", name="Case studies", exact=True).first.click()
    check_accessibility(page, "case study library")
    assert "Confidential custody data pilot" not in page.content()

    page.get_by_role("link", name="Search", exact=True).first.click()
    page.get_by_label("Search case studies and lessons").fill("garden waste")
    page.get_by_role("button", name="Search", exact=True).click()
    check_accessibility(page, "search results")
    assert page.get_by_role("link", name="Moving garden waste renewals online", exact=True)
    assert "Confidential custody data pilot" not in page.content()

    # Narrow to lessons with the filter panel; the address holds the whole search.
    page.get_by_label("Search case studies and lessons").fill("supplier")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("group", name="Kind").get_by_label("Lesson").check()
    page.get_by_role("button", name="Apply filters").click()
    check_accessibility(page, "search results filtered to lessons")
    assert "kind=lesson" in page.url
    assert page.locator("#results-count").inner_text().startswith("1 result")
    assert page.get_by_role("link", name="Remove filter Kind: Lesson").is_visible()

    # A lesson result opens the case study at that lesson.
    lesson = content["case_study"].lessons.get(category="procurement")
    page.locator(".app-result").get_by_role("link").first.click()
    page.wait_for_url(f"**{content['case_study'].url}#lesson-{lesson.pk}")
    assert page.locator(f"#lesson-{lesson.pk}").is_visible()
    assert "could not meet accessibility rules" in page.locator(f"#lesson-{lesson.pk}").inner_text()

    # A misspelling is answered with "Did you mean".
    page.goto("/search/")
    page.get_by_label("Search case studies and lessons").fill("gardne")
    page.get_by_role("button", name="Search", exact=True).click()
    check_accessibility(page, "search with no results and a suggestion")
    page.get_by_role("link", name="garden", exact=True).click()
    assert page.get_by_label("Search case studies and lessons").input_value() == "garden"
    assert page.get_by_role("link", name="Moving garden waste renewals online", exact=True)
    assert not page.console_errors, page.console_errors


def test_private_content_is_not_found_for_a_newcomer(page, content):
    response = page.goto(content["secret"].url)
    assert response.status == 404
    check_accessibility(page, "not found page")


def test_skip_link_and_keyboard_focus(page, content):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    # The skip link is visible when focused.
    assert page.locator(".govuk-skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"

    # Tabbing reaches every link and control in the page, in order, each visibly focused.
    seen = check_keyboard(page, "/")
    assert "Search" in seen and "Accessibility statement" in seen
