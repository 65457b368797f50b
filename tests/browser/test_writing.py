"""A member writes a case study in the editor and submits it; a facilitator approves it;
it is then on the site and in search. A member edits the community wiki and reads its
history on the site."""

import re

import pytest
from playwright.sync_api import expect

from communities.models import MembershipRole
from tests import factories
from tests.browser.conftest import check_accessibility, visit
from tests.browser.test_membership import sign_in, sign_out

pytestmark = pytest.mark.django_db


def type_into(page, field, text):
    """Type at the end of a rich text field, once its editor has started and taken the
    focus, and wait until the editor has saved the text into the form field it submits."""
    editor = page.locator(f"#panel-child-content-{field}-section [role='textbox']")
    expect(editor).to_have_attribute("contenteditable", "true")
    editor.click()
    expect(editor).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.type(text)
    expect(editor).to_contain_text(text.strip())
    page.wait_for_function(
        "([name, text]) => document.querySelector(`[name='${name}']`).value.includes(text)",
        arg=[field, text.strip()],
    )


def test_write_submit_approve_and_find(page):
    community = factories.make_community("Waste and recycling", visibility="open")
    author = factories.UserFactory(first_name="Asha", last_name="Author")
    facilitator = factories.UserFactory(first_name="Femi", last_name="Facilitator")
    factories.add_member(community, author)
    factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)

    sign_in(page, author)
    visit(page, community.url, "community page as member")
    page.get_by_role("link", name="Share a case study").click()
    page.locator("#id_title").fill("Shared food waste rounds")
    page.locator("#id_summary").fill("Two districts ran one food waste round and saved a lorry.")
    for section, text in (
        ("background", "Both districts sent a half-empty lorry down the same lanes."),
        ("what_we_did", "We merged the two rounds and shared one crew rota."),
    ):
        type_into(page, section, text)
    page.get_by_role("button", name="Add lesson").first.click()
    page.locator("select[name='lessons-0-kind']").select_option("went_wrong")
    page.locator("select[name='lessons-0-category']").select_option("procurement")
    page.locator("textarea[name='lessons-0-text']").fill(
        "Our vehicle lease ended a year apart, so we paid for two fleets for twelve months."
    )
    page.get_by_role("button", name="More actions").last.click()
    page.get_by_role("button", name=re.compile("^Submit to")).click()
    expect(page.get_by_text("submitted for moderation", exact=False).first).to_be_visible()
    sign_out(page)

    sign_in(page, facilitator)
    page.goto("/admin/")
    expect(page.get_by_text("Shared food waste rounds").first).to_be_visible()
    page.get_by_role("link", name="Shared food waste rounds").first.click()
    page.get_by_role("button", name="More actions").last.click()
    page.get_by_role("button", name="Approve").first.click()
    expect(page.get_by_text("has been updated", exact=False).first).to_be_visible()
    expect(page.get_by_text("Live", exact=True).first).to_be_visible()
    sign_out(page)

    visit(page, "/search/?q=food+waste+lorry", "search finds the new case study")
    page.get_by_role("link", name="Shared food waste rounds").click()
    check_accessibility(page, "published case study")
    expect(page.get_by_text("we paid for two fleets", exact=False)).to_be_visible()
    assert not page.console_errors, page.console_errors


def test_edit_the_wiki_and_read_its_history(page):
    community = factories.make_community("Data sharing", visibility="private")
    member = factories.UserFactory(first_name="Wren", last_name="Editor")
    factories.add_member(community, member)
    wiki_page = factories.make_wiki_page(
        community,
        title="Where to start",
        body="<p>Read the data protection guide first.</p>",
        user=member,
        change_note="First notes",
    )

    sign_in(page, member)
    visit(page, community.url, "private community as member")
    page.get_by_role("link", name="Community wiki").click()
    check_accessibility(page, "wiki front page")
    page.get_by_role("link", name="Where to start").click()
    check_accessibility(page, "wiki page")
    page.get_by_role("link", name="Edit this page").click()
    type_into(page, "body", " Then ask the records team.")
    page.locator("#id_change_note").fill("Added who to ask")
    page.get_by_role("button", name="More actions").last.click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published", exact=False).first).to_be_visible()

    visit(page, wiki_page.url, "wiki page after edit")
    expect(page.get_by_text("Then ask the records team.")).to_be_visible()
    expect(page.get_by_text("Added who to ask", exact=False).first).to_be_visible()
    page.get_by_role("link", name="See the history").click()
    check_accessibility(page, "wiki history")
    page.get_by_role("button", name="Compare the chosen versions").click()
    check_accessibility(page, "wiki comparison")
    expect(page.locator(".app-diff ins").first).to_contain_text("ask the records team")
    page.get_by_role("link", name="Back to the history").click()
    page.get_by_role("link", name="Put back").first.click()
    check_accessibility(page, "old wiki version")
    page.get_by_role("button", name="Put back this version").click()
    expect(page.get_by_text("is now the current one", exact=False)).to_be_visible()
    assert "Then ask the records team." not in page.content()
    assert not page.console_errors, page.console_errors
