"""A member joins an open community and asks to join a private one; a facilitator approves."""

import pytest

from communities.models import MembershipRole
from tests import factories
from tests.browser.conftest import check_accessibility, visit

pytestmark = pytest.mark.django_db


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.locator("#id_password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("link", name="Sign out").is_visible()


def sign_out(page):
    page.goto("/accounts/logout/")
    page.get_by_role("button", name="Sign out").click()


def test_join_request_approve_and_read(page):
    open_community = factories.make_community("Channel shift", visibility="open")
    private = factories.make_community("Digital leaders", visibility="private")
    factories.make_case_study(private, title="Board paper on cloud hosting")
    facilitator = factories.UserFactory(first_name="Fay", last_name="Cilitator")
    factories.add_member(private, facilitator, role=MembershipRole.FACILITATOR)
    member = factories.UserFactory(first_name="Mo", last_name="Member")

    sign_in(page, member)
    visit(page, open_community.url, "open community (not a member)")
    page.get_by_role("link", name="Join this community").click()
    check_accessibility(page, "join page")
    page.get_by_role("button", name="Join Channel shift").click()
    assert page.get_by_text("You have joined Channel shift.").is_visible()
    check_accessibility(page, "community page as member")

    visit(page, private.url, "private community preview")
    assert "Board paper on cloud hosting" not in page.content()
    page.get_by_role("link", name="Ask to join").click()
    page.get_by_label("Why would you like to join? (optional)").fill("I lead our IT team.")
    check_accessibility(page, "request to join page")
    page.get_by_role("button", name="Send request").click()
    assert page.get_by_text("Your request has been sent.").is_visible()
    sign_out(page)

    sign_in(page, facilitator)
    visit(page, f"{private.url}manage/", "manage community page")
    assert page.get_by_text("I lead our IT team.").is_visible()
    page.get_by_role("button", name="Approve Mo Member").click()
    assert page.get_by_text("Mo Member is now a member.").is_visible()
    check_accessibility(page, "manage page after approval")
    sign_out(page)

    sign_in(page, member)
    visit(page, private.url, "private community as member")
    assert page.get_by_role("link", name="Board paper on cloud hosting").is_visible()
    sign_out(page)
    assert not page.console_errors, page.console_errors
