"""A member starts a question; another replies; the asker marks the answer; a third member
reports a reply and a facilitator hides it. A member asks a case study's authors a question.
Every page (and every form shown with errors) gets an accessibility check."""

import pytest
from playwright.sync_api import expect

from communities.models import MembershipRole
from tests import factories
from tests.browser.conftest import check_accessibility, visit
from tests.browser.test_membership import sign_in, sign_out

pytestmark = pytest.mark.django_db


def test_question_answer_report_and_hide(page):
    community = factories.make_community("Waste and recycling", visibility="open")
    asker = factories.UserFactory(first_name="Asha", last_name="Asker")
    helper = factories.UserFactory(first_name="Hal", last_name="Helper")
    seller = factories.UserFactory(first_name="Sal", last_name="Seller")
    facilitator = factories.UserFactory(first_name="Femi", last_name="Facilitator")
    for person in (asker, helper, seller):
        factories.add_member(community, person)
    factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)

    # The asker starts a question, first forgetting the title.
    sign_in(page, asker)
    visit(page, community.url, "community page with discussions")
    page.get_by_role("link", name="All discussions in this community").click()
    check_accessibility(page, "discussion list (empty)")
    page.get_by_role("link", name="Start a discussion").click()
    check_accessibility(page, "start a discussion")
    page.get_by_label("Your post").fill("Which **caddy liners** did you buy?")
    page.get_by_label("This is a question").check()
    page.get_by_role("button", name="Start the discussion").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_label("Your post")).to_have_value("Which **caddy liners** did you buy?")
    check_accessibility(page, "start a discussion with errors")
    page.get_by_label("Title").fill("Food waste caddy liners")
    page.get_by_role("button", name="Start the discussion").click()
    expect(page.get_by_role("heading", name="Food waste caddy liners")).to_be_visible()
    expect(page.locator("strong", has_text="caddy liners")).to_be_visible()
    check_accessibility(page, "discussion page (question)")
    thread_url = page.url
    sign_out(page)

    # Another member replies; an empty reply is refused first.
    sign_in(page, helper)
    visit(page, thread_url, "discussion page as another member")
    page.get_by_role("button", name="Post your reply").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, "reply with errors")
    page.get_by_label("Your reply").fill("Compostable liners from the regional framework.")
    page.get_by_role("button", name="Post your reply").click()
    expect(page.get_by_text("Your reply has been posted.")).to_be_visible()
    sign_out(page)

    # A third member replies with an advert.
    sign_in(page, seller)
    page.goto(thread_url)
    page.get_by_label("Your reply").fill("Buy my liners at https://example.com/liners now!")
    page.get_by_role("button", name="Post your reply").click()
    expect(page.get_by_role("link", name="https://example.com/liners")).to_be_visible()
    sign_out(page)

    # The asker marks the answer and reports the advert.
    sign_in(page, asker)
    visit(page, thread_url, "discussion page with replies")
    page.get_by_role("button", name="Mark as the answer").first.click()
    expect(page.get_by_text("Marked as the answer.")).to_be_visible()
    expect(page.get_by_text("Answered").first).to_be_visible()
    check_accessibility(page, "discussion page with an answer")
    page.get_by_role("link", name="Report this post").last.click()
    check_accessibility(page, "report a post")
    page.get_by_role("button", name="Send the report").click()
    check_accessibility(page, "report with errors")
    page.get_by_label("Why should a facilitator look at this post?").fill("Advertising")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_text("The community's facilitators will look at the post.")).to_be_visible()
    sign_out(page)

    # The facilitator hides the reported reply with a reason.
    sign_in(page, facilitator)
    visit(page, f"{community.url}moderation/", "reports page")
    page.get_by_role("link", name="Review the post by Sal Seller").click()
    check_accessibility(page, "moderate a post")
    page.get_by_label("Hide it").check()
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, "moderate a post with errors")
    page.get_by_label("Hide it").check()
    page.get_by_label("Reason").fill("No advertising, please.")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("There are no open reports.")).to_be_visible()
    check_accessibility(page, "reports page after hiding")
    sign_out(page)

    # Readers see that it was hidden; its author sees why.
    visit(page, thread_url, "discussion page, signed out")
    expect(page.get_by_text("This post has been hidden by a facilitator.")).to_be_visible()
    expect(page.get_by_text("Buy my liners")).to_have_count(0)
    sign_in(page, seller)
    visit(page, thread_url, "discussion page as the hidden post's author")
    expect(page.get_by_text("No advertising, please.")).to_be_visible()


def test_ask_a_case_study_s_authors(page):
    community = factories.make_community("Channel shift", visibility="open")
    author = factories.UserFactory(first_name="Ari", last_name="Author")
    factories.add_member(community, author)
    case_study = factories.make_case_study(community, title="Online bin reports")
    case_study.owner = author
    case_study.save()
    reader = factories.UserFactory(first_name="Rae", last_name="Reader")

    sign_in(page, reader)
    visit(page, case_study.url, "case study with no comments")
    page.get_by_role("button", name="Post").click()
    check_accessibility(page, "comment with errors")
    page.get_by_label("A question for the authors").check()
    page.get_by_label("Your comment").fill("How long did the integration take?")
    page.get_by_role("button", name="Post").click()
    expect(page.get_by_text("the authors have been told")).to_be_visible()
    check_accessibility(page, "case study with a question")
    sign_out(page)

    sign_in(page, author)
    page.goto(case_study.url)
    page.get_by_text("Reply", exact=False).filter(has_text="to the comment").click()
    page.get_by_label("Your reply").fill("About three months.")
    page.get_by_role("button", name="Post your reply").click()
    expect(page.get_by_text("About three months.")).to_be_visible()
    check_accessibility(page, "case study with a reply")
