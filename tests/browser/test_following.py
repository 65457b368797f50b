"""A member follows a community and a case study, saves a search, previews their digest,
unsubscribes through the link in the digest they are sent, and says a case study helped."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from participation.models import Frequency
from participation.services import notifications
from tests import factories
from tests.browser.conftest import check_accessibility, visit
from tests.browser.test_membership import sign_in

pytestmark = pytest.mark.django_db


def test_follow_save_a_search_preview_unsubscribe_and_say_it_helped(page):
    organisation = factories.OrganisationFactory(name="Southby District Council")
    member = factories.UserFactory(first_name="Fola", last_name="Lower", organisation=organisation)
    author = factories.UserFactory(first_name="Ada", last_name="Author")
    channel = factories.make_community("Channel shift", visibility="open")
    data = factories.make_community("Open data", visibility="open")
    chatbot = factories.make_case_study(
        channel,
        title="Chatbot for missed bins",
        summary="A chatbot took bin reports.",
        owner=author,
    )
    portal = factories.make_case_study(
        data, title="Open data portal", summary="Publishing spending data.", owner=author
    )

    sign_in(page, member)
    visit(page, channel.url, "community page with a Follow button")
    page.get_by_role("button", name="Follow Channel shift").click()
    assert page.get_by_text("You are following this.").is_visible()
    assert page.get_by_role("button", name="Stop following Channel shift").is_visible()

    visit(page, portal.url, "case study page with a Follow button")
    page.get_by_role("button", name="Follow Open data portal").click()
    assert page.get_by_role("button", name="Stop following Open data portal").is_visible()

    visit(page, "/search/?q=chatbot", "search results with Save this search")
    page.get_by_label("Save this search").fill("Chatbots")
    page.get_by_role("button", name="Save this search").click()
    assert page.get_by_text("Saved “Chatbots”").is_visible()
    check_accessibility(page, "saved searches")

    visit(page, "/following/", "what you follow")
    table = page.get_by_role("table", name="Everything you follow")
    for name in ("Channel shift", "Open data portal", "Chatbots"):
        assert table.get_by_role("link", name=name).is_visible()

    page.get_by_role("link", name="Preview your next digest").click()
    check_accessibility(page, "digest preview")
    assert page.get_by_role("heading", name="Your next digest").is_visible()
    assert page.get_by_role("link", name="Chatbot for missed bins").is_visible()
    assert page.get_by_role("link", name="Open data portal").is_visible()

    # The weekly job runs the next week; the digest's unsubscribe link works without signing in.
    run = notifications.digests_send(
        frequency=Frequency.WEEKLY, now=timezone.now() + dt.timedelta(days=7)
    )
    assert run.sent == 1
    [email] = mail.outbox
    assert "Chatbot for missed bins" in email.body and "Open data portal" in email.body
    link = re.search(r"http://testserver(/unsubscribe/\S+/)", email.body).group(1)
    context = page.context.browser.new_context(base_url=page.url.split("/following")[0])
    visitor = context.new_page()
    visit(visitor, link, "unsubscribe page")
    visitor.get_by_role("button", name="Unsubscribe").click()
    assert visitor.get_by_role("heading", name="You are unsubscribed").is_visible()
    check_accessibility(visitor, "unsubscribed")
    response = visitor.goto(link.replace("/unsubscribe/", "/unsubscribe/x"))
    assert response.status == 400
    assert visitor.get_by_text("Nothing has been changed").is_visible()
    check_accessibility(visitor, "tampered unsubscribe link")
    context.close()
    assert notifications.frequency_of(member) == Frequency.OFF

    visit(page, chatbot.url, "case study with This helped us")
    page.get_by_role("link", name="Say this helped us").click()
    check_accessibility(page, "this helped us form")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text(
        "Choose whether it helped your organisation or you reused it."
    ).first.is_visible()
    check_accessibility(page, "this helped us form with an error")
    page.get_by_label("We reused it").check()
    page.get_by_label("Add a note (optional)").fill("We reused the bot's script.")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Thank you: the author has been told.").is_visible()
    assert page.get_by_text("Reused by 1 member").is_visible()
    assert page.get_by_text("We reused the bot's script.").is_visible()
    check_accessibility(page, "case study after saying it helped")
    visit(page, f"/organisations/{organisation.slug}/", "organisation page with reuses")
    assert page.get_by_role("link", name="Chatbot for missed bins").is_visible()
    assert not page.console_errors, page.console_errors
