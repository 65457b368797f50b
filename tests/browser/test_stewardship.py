"""A facilitator works through their moderation queue, and posts an announcement with a
preview, first with a mistake. Every page (and the form with errors) gets an
accessibility check; the queue is also checked with the keyboard."""

import pytest
from playwright.sync_api import expect

from communities.models import MembershipRole, MembershipState
from discussions.models import PostStatus, Report
from participation.models import Announcement
from tests import factories
from tests.browser.conftest import check_accessibility, check_keyboard, visit
from tests.browser.test_membership import sign_in, sign_out

pytestmark = pytest.mark.django_db


def test_a_facilitator_works_through_the_queue(page):
    community = factories.make_community("Waste and recycling", visibility="private")
    facilitator = factories.UserFactory(first_name="Femi", last_name="Facilitator")
    author = factories.UserFactory(first_name="Asha", last_name="Author")
    factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)
    factories.add_member(community, author)
    factories.submit_case_study(community, author, title="Shared bin rota")
    factories.add_member(
        community,
        factories.UserFactory(first_name="Jo", last_name="Joiner"),
        state=MembershipState.REQUESTED,
    )
    held = factories.make_discussion(community, author, title="Held thread")
    held.posts.update(status=PostStatus.HELD)
    reported = factories.make_discussion(community, author, title="Reported thread")
    Report.objects.create(post=reported.posts.get(), reporter=facilitator, reason="Off topic")

    sign_in(page, facilitator)
    visit(page, "/", "home page with the moderation link")
    page.get_by_role("link", name="Moderation 4 waiting").click()
    expect(page.get_by_role("heading", name="Your moderation queue")).to_be_visible()
    check_accessibility(page, "your moderation queue")
    seen = check_keyboard(page, "/moderation/")
    assert "Waste and recycling: moderation queue" in " ".join(seen)
    page.locator(f'[data-community="{community.pk}"] a').click()
    expect(page.get_by_role("heading", name="Moderation queue")).to_be_visible()
    check_accessibility(page, "community moderation queue")
    expect(page.get_by_role("cell", name="Shared bin rota", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Review in the editor").first).to_be_visible()
    # Approve the held post from the queue.
    page.get_by_role("link", name="Approve or reject the post by Asha Author").click()
    page.get_by_label("Approve it").check()
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator('[data-count="held"]')).to_have_text("0")
    check_accessibility(page, "community moderation queue after approving")
    # Requests to join are handled on the manage page.
    page.get_by_role("link", name="Approve or decline requests to join").click()
    expect(page.get_by_role("heading", name="Jo Joiner")).to_be_visible()
    sign_out(page)


def test_a_facilitator_posts_an_announcement(page):
    community = factories.make_community("Waste and recycling", visibility="open")
    facilitator = factories.UserFactory(first_name="Femi", last_name="Facilitator")
    member = factories.UserFactory(first_name="Mina", last_name="Member")
    factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)
    factories.add_member(community, member)

    sign_in(page, facilitator)
    visit(page, community.url, "community page for a facilitator")
    page.get_by_role("link", name="Make an announcement").click()
    check_accessibility(page, "make an announcement")
    page.get_by_label("Announcement").fill("We meet on **3 March**.\n\n- Agenda\n- Minutes")
    page.get_by_role("button", name="Preview", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, "make an announcement with errors")
    page.get_by_label("Title").fill("Spring meet-up")
    page.get_by_role("button", name="Preview", exact=True).click()
    expect(page.get_by_role("heading", name="Check your announcement")).to_be_visible()
    expect(page.locator("#preview strong", has_text="3 March")).to_be_visible()
    check_accessibility(page, "announcement preview")
    page.get_by_role("button", name="Send announcement").click()
    expect(page.get_by_role("heading", name="Spring meet-up")).to_be_visible()
    check_accessibility(page, "announcement page")
    sign_out(page)

    visit(page, community.url, "community page with the latest announcement")
    expect(page.get_by_role("link", name="Spring meet-up")).to_be_visible()
    page.get_by_role("link", name="All announcements").click()
    check_accessibility(page, "announcements list")
    # The emails are sent when the transaction commits, which a journey (rolled back at
    # the end) never does: tests/participation/test_announcements.py covers them.
    assert Announcement.objects.filter(community=community, title="Spring meet-up").exists()
