"""A facilitator reads the community's insight dashboard, picks a period (first with a
date that does not exist), and asks the community for a case study on a search that found
nothing; a site administrator reads the site-wide dashboard. Every page gets an
accessibility check."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from communities.models import MembershipRole
from discussions.models import Discussion
from insight.models import PageViewDay
from search.models import SearchLog
from tests import factories
from tests.browser.conftest import check_accessibility, check_keyboard, visit
from tests.browser.test_membership import sign_in, sign_out

pytestmark = pytest.mark.django_db


def test_facilitator_reads_the_dashboard_and_asks_the_community(page):
    community = factories.make_community("Waste and recycling", visibility="open")
    facilitator = factories.UserFactory(first_name="Femi", last_name="Facilitator")
    factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)
    factories.add_member(community, factories.UserFactory())
    study = factories.make_case_study(community, title="Wheelie bin rollout")
    today = timezone.localdate()
    for days_ago in range(10):
        PageViewDay.objects.create(
            page=study, day=today - dt.timedelta(days=days_ago), signed_in=days_ago, anonymous=2
        )
    for query, count in [("damp and mould", 0), ("damp and mould", 0), ("garden waste", 4)]:
        SearchLog.objects.create(
            query=query, result_count=count, community_id=community.pk, engine="postgres"
        )

    sign_in(page, facilitator)
    visit(page, f"{community.url}insight/", "community insight dashboard")
    expect(page.get_by_role("heading", name="Insight")).to_be_visible()
    expect(page.get_by_role("img", name="Page views per day")).to_be_visible()
    expect(page.get_by_role("link", name="Wheelie bin rollout")).to_be_visible()
    page.get_by_text("Page views per day as a table").click()
    check_accessibility(page, "dashboard with a chart's table open")

    # Dates of one's own: a date that does not exist first.
    page.get_by_label("Dates of my own").check()
    page.locator("#from-day").fill("31")
    page.locator("#from-month").fill("2")
    page.locator("#from-year").fill(str(today.year))
    page.get_by_role("button", name="Show the figures").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The start date must be a real date"
    )
    check_accessibility(page, "dashboard with a bad date")
    page.get_by_label("Last 7 days").check()
    page.get_by_role("button", name="Show the figures").click()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    expect(page.get_by_role("cell", name="damp and mould", exact=True).first).to_be_visible()

    # One click asks the community.
    page.get_by_role("button", name="Ask the community for a case study on this").click()
    expect(
        page.get_by_role("heading", name="Has anyone done a project on “damp and mould”?")
    ).to_be_visible()
    expect(page.get_by_text("Your question has been posted.")).to_be_visible()
    check_accessibility(page, "the question asked from the dashboard")
    assert Discussion.objects.filter(community=community, is_question=True).count() == 1

    # The confirm form, for editing the wording first.
    visit(page, f"{community.url}insight/ask/?q=garden+waste", "ask the community form")
    page.get_by_label("What people searched for").fill("")
    page.get_by_role("button", name="Ask the community").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, "ask the community form with errors")
    # (The dashboard's period radios are one tab stop, as radio groups are, so the
    # keyboard walk is on the form page.)
    check_keyboard(page, f"{community.url}insight/ask/?q=garden+waste")
    sign_out(page)

    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    sign_in(page, admin)
    visit(page, "/insight/", "site insight dashboard")
    expect(page.get_by_role("heading", name="Insight across the site")).to_be_visible()
    visit(page, "/insight/ask/?q=damp+and+mould", "site ask form")
