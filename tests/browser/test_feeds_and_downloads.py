"""A member finds their private feed address and resets it; a visitor downloads a CSV of a
filtered case study library."""

import csv
import io

import pytest

from feeds.models import FeedToken
from participation.services.saved_searches import saved_search_create
from tests import factories
from tests.browser.conftest import check_accessibility, visit

pytestmark = pytest.mark.django_db


def test_member_finds_and_resets_their_feed_address(page):
    private = factories.make_community("Police data sharing", visibility="private")
    member = factories.UserFactory(first_name="Sam", last_name="Okoro")
    factories.add_member(private, member)
    factories.make_case_study(private, title="Custody data pilot")

    visit(page, "/accounts/login/", "sign-in page")
    page.get_by_label("Email").fill(member.email)
    page.locator("#id_password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    visit(page, "/members/me/", "profile")
    page.get_by_role("link", name="Your feed address").click()
    check_accessibility(page, "feed address page (none yet)")
    page.get_by_role("button", name="Create your feed address").click()
    check_accessibility(page, "feed address page")
    first = page.get_by_label("Your feed address").input_value()
    token = FeedToken.objects.get(user=member, revoked=False).token
    assert first.endswith(f"/feeds/search/{token}/")

    # The address works in a feed reader (no session), and shows the private case study.
    reader = page.context.browser.new_context()
    feed = reader.request.get(first)
    assert feed.status == 200 and "Custody data pilot" in feed.text()

    page.get_by_role("button", name="Reset your feed address").click()
    check_accessibility(page, "feed address page after reset")
    assert "the old address no longer works" in page.locator("main").inner_text()
    second = page.get_by_label("Your feed address").input_value()
    assert second != first
    assert reader.request.get(first).status == 404
    assert reader.request.get(second).status == 200

    # Each saved search links to its feed, under the new address.
    saved_search_create(user=member, name="Custody searches", query_string="q=custody")
    page.get_by_role("link", name="your saved searches").click()
    check_accessibility(page, "saved searches with their feeds")
    link = page.get_by_role("link", name="Feed for Custody searches")
    href = link.get_attribute("href")
    assert href.startswith(second.removeprefix(page.url.split("/saved-searches")[0]))
    feed = reader.request.get(page.url.split("/saved-searches")[0] + href)
    assert feed.status == 200 and "Custody data pilot" in feed.text()
    reader.close()
    assert not page.console_errors, page.console_errors


def test_visitor_downloads_a_csv_of_a_filtered_library(page):
    community = factories.make_community("Channel shift", visibility="open")
    private = factories.make_community("Police data sharing", visibility="private")
    factories.make_case_study(community, title="Garden waste online", stage="live")
    factories.make_case_study(community, title="Chatbot for bins", stage="beta")
    factories.make_case_study(private, title="Custody data pilot", stage="live")

    visit(page, "/case-studies/", "case study library")
    page.get_by_label("Stage").select_option("live")
    page.get_by_role("button", name="Apply filters").click()
    check_accessibility(page, "filtered library")
    assert "1 case study matches your filters" in page.locator("#results-count").inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV file of these case studies").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    assert [row["title"] for row in rows] == ["Garden waste online"]
    assert rows[0]["licence"] == "Open Government Licence v3.0"
    assert not page.console_errors, page.console_errors
