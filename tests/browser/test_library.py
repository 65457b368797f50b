"""A visitor filters the case study library by a lesson category, then reads the lessons."""

import pytest

from tests import factories
from tests.browser.conftest import check_accessibility, check_keyboard, visit

pytestmark = pytest.mark.django_db

FOCUSED_LABEL = "() => document.activeElement.labels?.[0]?.textContent.trim() || ''"
FOCUSED_TEXT = "() => document.activeElement.textContent.trim()"


@pytest.fixture
def content():
    community = factories.make_community("Channel shift", visibility="open")
    private = factories.make_community("Police data sharing", visibility="private")
    garden = factories.make_case_study(
        community,
        title="Moving garden waste renewals online",
        lead_organisation=factories.OrganisationFactory(name="Aldbridge District Council"),
        lessons=[
            ("went_well", "engagement", "Residents switched quickly once letters pointed online."),
            ("went_wrong", "procurement", "Our first supplier could not meet accessibility rules."),
        ],
    )
    chatbot = factories.make_case_study(
        community,
        title="Chatbot for bin collections",
        lessons=[("advice", "technology", "Test the supplier's API under load first.")],
    )
    factories.make_case_study(
        private,
        title="Confidential custody data pilot",
        lessons=[("went_wrong", "procurement", "A secret procurement lesson.")],
    )
    return {"community": community, "garden": garden, "chatbot": chatbot}


def tab_to(page, evaluate, wanted, limit=30):
    """Press Tab until the focused element's label (or text) is `wanted`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(evaluate) == wanted:
            return
    pytest.fail(f"Could not reach {wanted!r} with the Tab key on {page.url}")


def test_visitor_filters_the_library_by_lesson_category_and_reads_lessons(page, content):
    visit(page, "/", "home page")
    page.get_by_role("link", name="Case studies", exact=True).first.click()
    check_accessibility(page, "case study library")
    assert page.get_by_role("link", name="Chatbot for bin collections").is_visible()

    # Filter by a lesson category and kind: "procurement lessons that went wrong".
    page.get_by_label("Lesson category").select_option("procurement")
    page.get_by_label("Kind of lesson").select_option("went_wrong")
    page.get_by_role("button", name="Apply filters").click()
    check_accessibility(page, "filtered library")
    assert "lesson_category=procurement" in page.url and "lesson_kind=went_wrong" in page.url
    assert "1 case study matches your filters" in page.locator("#results-count").inner_text()
    assert page.get_by_role("link", name="Moving garden waste renewals online").is_visible()
    assert page.get_by_role("link", name="Chatbot for bin collections").count() == 0
    assert "Confidential custody data pilot" not in page.content()

    # The lessons page, from the site navigation, with the same filter.
    page.get_by_role("link", name="Lessons", exact=True).first.click()
    check_accessibility(page, "lessons page")
    assert page.get_by_text("Test the supplier's API under load first.").is_visible()
    page.get_by_label("Lesson category").select_option("procurement")
    page.get_by_role("button", name="Apply filters").click()
    check_accessibility(page, "filtered lessons page")
    assert page.get_by_text("Our first supplier could not meet accessibility rules.").is_visible()
    assert page.get_by_text("Residents switched quickly").count() == 0
    assert "A secret procurement lesson." not in page.content()
    page.get_by_role("link", name="Moving garden waste renewals online").click()
    check_accessibility(page, "case study page")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Moving garden waste renewals online"

    # Clearing the filters shows every lesson again.
    visit(page, "/lessons/?lesson_category=procurement", "lessons page, filtered by address")
    page.get_by_role("link", name="Clear filters").first.click()
    check_accessibility(page, "lessons page after clearing filters")
    assert page.get_by_text("Test the supplier's API under load first.").is_visible()
    assert not page.console_errors, page.console_errors


def test_filters_work_from_the_keyboard_alone(page, content):
    page.goto("/lessons/")
    tab_to(page, FOCUSED_LABEL, "Lesson category")
    page.keyboard.type("Procurement")
    tab_to(page, FOCUSED_TEXT, "Apply filters")
    page.keyboard.press("Enter")
    page.wait_for_url("**/lessons/?*lesson_category=procurement*")
    check_accessibility(page, "lessons page filtered from the keyboard")
    assert page.get_by_text("Our first supplier could not meet accessibility rules.").is_visible()
    assert page.get_by_text("Test the supplier's API under load first.").count() == 0

    # Every control and link on the filtered pages is reachable and visibly focused.
    seen = check_keyboard(page, "/case-studies/?lesson_category=procurement")
    assert "Apply filters" in seen and "Clear filters" in seen
    assert "Moving garden waste renewals online" in seen
    seen = check_keyboard(page, "/lessons/?lesson_category=procurement")
    assert "Apply filters" in seen and "Moving garden waste renewals online" in seen


def test_bad_filter_values_are_ignored_with_a_notice(page, content):
    visit(page, "/case-studies/?stage=banana&year=abc", "library with bad filter values")
    notice = page.locator("#ignored-filters")
    assert "2 filters were ignored" in notice.inner_text()
    assert "Stage: that is not one of the options" in notice.inner_text()
    assert page.get_by_role("link", name="Chatbot for bin collections").is_visible()


def test_community_list_of_case_studies(page, content):
    visit(page, content["community"].url, "community page")
    page.get_by_role("link", name="All case studies in this community").click()
    check_accessibility(page, "community case study list")
    assert page.get_by_role("heading", level=1).inner_text() == "Case studies in this community"
    page.get_by_label("Lesson category").select_option("technology")
    page.get_by_role("button", name="Apply filters").click()
    check_accessibility(page, "filtered community case study list")
    assert page.get_by_role("link", name="Chatbot for bin collections").is_visible()
    assert page.get_by_role("link", name="Moving garden waste renewals online").count() == 0
