"""A facilitator curates their community's home page on the site (a mistake first); a
visitor reads a theme collection that leaves out a private case study, and finds a best bet
above the search results. Every page, and the form with errors, gets an accessibility check."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from communities.models import MembershipRole
from curation.models import BestBet
from tests import factories
from tests.browser.conftest import check_accessibility, check_keyboard, visit
from tests.browser.test_membership import sign_in, sign_out

pytestmark = pytest.mark.django_db


def test_facilitator_curates_the_community_home_page(page):
    community = factories.make_community("Waste and recycling", visibility="open")
    facilitator = factories.UserFactory(first_name="Femi", last_name="Facilitator")
    factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)
    factories.make_case_study(community, title="Garden waste online")
    factories.make_case_study(community, title="Food waste caddies")
    factories.make_discussion(community, facilitator, title="Caddy liners: who supplies yours?")

    sign_in(page, facilitator)
    visit(page, community.url, "community page before curation")
    page.get_by_role("link", name="Curate this community").click()
    check_accessibility(page, "curate page")

    # The same case study twice is refused, with what was typed kept.
    page.get_by_label("Welcome").fill("New here? Start with the caddies case study.")
    page.get_by_label("Featured case study 1").select_option(label="Food waste caddies")
    page.get_by_label("Featured case study 2").select_option(label="Food waste caddies")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_label("Welcome")).to_have_value(
        "New here? Start with the caddies case study."
    )
    check_accessibility(page, "curate page with errors")
    page.locator(".govuk-error-summary a").first.click()
    expect(page.get_by_label("Featured case study 2")).to_be_focused()

    page.get_by_label("Featured case study 2").select_option(label="Garden waste online")
    page.get_by_label("Caddy liners: who supplies yours?").check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("The community’s home page has been updated.")).to_be_visible()
    featured = page.locator("#featured-case-studies")
    expect(featured.get_by_role("link")).to_have_text(["Food waste caddies", "Garden waste online"])
    expect(page.locator("#pinned-discussions")).to_contain_text("Caddy liners")
    check_accessibility(page, "community page after curation")
    sign_out(page)

    # Visitors see the welcome and the featured case studies, and no curate link.
    visit(page, community.url, "curated community page for a visitor")
    expect(page.locator("#community-welcome")).to_contain_text("Start with the caddies")
    expect(page.get_by_role("link", name="Curate this community")).to_have_count(0)


def test_visitor_reads_a_collection_and_finds_a_best_bet(page):
    theme = factories.theme("Channel shift")
    open_community = factories.make_community("Channel shift", visibility="open")
    private = factories.make_community("Digital leaders", visibility="private")
    webchat = factories.make_case_study(
        open_community,
        title="Webchat for council tax",
        lessons=[("advice", "people", "Train the team before launch.")],
    )
    secret = factories.make_case_study(private, title="Board paper on cloud hosting")
    collection = factories.make_collection(
        "Channel shift: start here",
        theme=theme,
        introduction="<p>Three projects that moved calls <b>online</b>.</p>",
        items=[(webchat, "The clearest write-up."), secret, webchat.lessons.get()],
    )
    BestBet.objects.create(
        site=Site.objects.get(is_default_site=True),
        queries="channel shift",
        page=collection,
    )
    BestBet.objects.create(
        site=Site.objects.get(is_default_site=True), queries="channel shift", page=secret
    )

    visit(page, "/collections/", "collections listing")
    page.get_by_role("link", name="Channel shift: start here").click()
    check_accessibility(page, "collection page")
    expect(page.get_by_role("heading", level=1)).to_have_text("Channel shift: start here")
    expect(page.locator(".app-collection > li")).to_have_count(2)
    expect(page.get_by_text("Board paper on cloud hosting")).to_have_count(0)
    expect(page.get_by_text("Train the team before launch.")).to_be_visible()
    check_keyboard(page, collection.url)

    visit(page, f"/themes/{theme.slug}/", "theme page with collections")
    expect(page.get_by_role("link", name="Channel shift: start here")).to_be_visible()

    visit(page, "/search/?q=Channel+SHIFT", "search with a best bet")
    best_bets = page.locator("#best-bets")
    expect(best_bets.get_by_role("link")).to_have_text(["Channel shift: start here"])
    best_bets.get_by_role("link", name="Channel shift: start here").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Channel shift: start here")
