"""A member signs in, edits their profile, finds themselves in the directory and visits
their organisation's page."""

import re

import pytest

from tests import factories
from tests.browser.conftest import check_accessibility, check_keyboard, visit

pytestmark = pytest.mark.django_db


def test_edit_profile_find_yourself_and_your_organisation(page):
    council = factories.organisation_with_domain(
        "aldbridge.gov.uk",
        name="Aldbridge District Council",
        type="district",
        region="east",
        population_band="100k_250k",
    )
    factories.OrganisationFactory(name="Brackenshire County Council")
    member = factories.UserFactory(
        email="sam.okoro@aldbridge.gov.uk",
        first_name="Sam",
        last_name="Okoro",
        organisation=council,
        organisation_verified=True,
    )
    community = factories.make_community("Channel shift", visibility="open")
    factories.add_member(community, member)
    factories.make_case_study(community, title="Online bulky waste", lead_organisation=council)

    visit(page, "/accounts/login/", "sign-in page")
    page.get_by_label("Email").fill(member.email)
    page.locator("#id_password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("link", name="Your account").is_visible()

    # A bio that is too long is refused with an accessible error summary.
    visit(page, "/members/me/edit/", "profile form")
    page.get_by_label("Job title").fill("Digital services manager")
    page.get_by_label("Expertise").fill("channel shift, open data")
    page.get_by_label("Short bio").fill("x" * 1001)
    page.get_by_role("button", name="Save changes").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Short bio must be 1000 characters or fewer" in summary.inner_text()
    assert page.title().startswith("Error:")
    check_accessibility(page, "profile form with errors")
    # The error summary links to the field.
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_bio"

    page.get_by_label("Short bio").fill("I moved our bulky waste bookings online.")
    page.get_by_label("I am happy to be contacted about my work").check()
    page.get_by_role("button", name="Save changes").click()
    assert page.get_by_text("Your profile has been updated").is_visible()
    assert re.search(rf"/members/{member.pk}/$", page.url)
    check_accessibility(page, "own profile page")
    main = page.locator("main")
    assert "Digital services manager" in main.inner_text()
    assert "I moved our bulky waste bookings online." in main.inner_text()
    assert "Unverified" not in main.inner_text()
    assert main.get_by_role("link", name="Channel shift", exact=True).is_visible()
    assert main.get_by_role("link", name=re.compile("Account settings")).is_visible()

    # Find yourself in the directory.
    visit(page, "/members/", "member directory")
    page.get_by_label("Search members").fill("digital services")
    page.get_by_label("Expertise").select_option("open data")
    page.get_by_role("button", name="Search").click()
    check_accessibility(page, "member directory results")
    results = page.locator(".app-card-list")
    assert results.get_by_role("link", name="Sam Okoro").is_visible()
    assert "mailto:sam.okoro@aldbridge.gov.uk" in results.inner_html()

    # On to the organisation's page, and to organisations like it.
    results.get_by_role("link", name="Aldbridge District Council").click()
    check_accessibility(page, "organisation page")
    main = page.locator("main")
    assert main.get_by_role("link", name="Sam Okoro").is_visible()
    assert main.get_by_role("link", name="Online bulky waste").is_visible()
    main.get_by_role("link", name="Same type: District council").click()
    check_accessibility(page, "organisations of the same type")
    assert page.get_by_label("Type").input_value() == "district"
    assert page.locator(".app-card-list").get_by_text("Aldbridge District Council").is_visible()
    assert "Brackenshire" not in page.locator(".app-card-list").inner_text()

    visit(page, "/members/me/export/", "download your data page")
    visit(page, "/members/me/delete/", "delete your account page")
    page.get_by_role("button", name="Delete my account").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility(page, "delete your account page with errors")
    assert not page.console_errors, page.console_errors


def test_directory_and_organisation_list_work_with_the_keyboard(page):
    factories.OrganisationFactory(name="Aldbridge District Council")
    seen = check_keyboard(page, "/members/")
    assert "Search" in seen
    seen = check_keyboard(page, "/organisations/")
    assert "Apply filters" in seen
    visit(page, "/organisations/?type=nonsense", "organisation list with an error")
    assert page.locator(".govuk-error-summary").is_visible()
