"""Page views counted on the server (not bots, previews, routes or refusals), and
membership changes recorded as events."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities.models import MembershipRole, MembershipState
from communities.services import membership as membership_services
from insight.models import MembershipEvent, PageViewDay
from insight.tracking import is_bot
from tests import factories
from tests.insight.conftest import TODAY

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


def counts(page):
    row = PageViewDay.objects.filter(page=page, day=TODAY).first()
    return (row.signed_in, row.anonymous) if row else (0, 0)


@pytest.fixture
def study(db, fixed_clock):
    community = factories.make_community(visibility="open")
    return factories.make_case_study(community, title="Counted study")


def test_each_view_adds_one_in_one_statement(client, study, member):
    client.get(study.url, HTTP_USER_AGENT=BROWSER)
    client.get(study.url, HTTP_USER_AGENT=BROWSER)
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        client.get(study.url, HTTP_USER_AGENT=BROWSER)
    assert counts(study) == (1, 2)
    upserts = [q for q in queries.captured_queries if "insight_pageviewday" in q["sql"]]
    assert len(upserts) == 1 and "ON CONFLICT" in upserts[0]["sql"]
    assert PageViewDay.objects.count() == 1  # one row for the page and day, no per-user rows


def test_community_pages_are_counted(client, study):
    community = study.get_parent().specific
    client.get(community.url, HTTP_USER_AGENT=BROWSER)
    assert counts(community) == (0, 1)


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36",
    ],
)
def test_bots_and_scripts_are_not_counted(client, study, user_agent):
    assert is_bot(user_agent)
    client.get(study.url, HTTP_USER_AGENT=user_agent)
    assert counts(study) == (0, 0)


def test_browsers_are_not_bots():
    assert not is_bot(BROWSER)
    assert not is_bot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1")


def test_routes_refusals_and_posts_are_not_counted(client, study, member):
    client.get(f"{study.url}comments/", HTTP_USER_AGENT=BROWSER)  # a route of the page
    client.post(study.url, HTTP_USER_AGENT=BROWSER)
    private = factories.make_community(visibility="private")
    hidden_study = factories.make_case_study(private)
    client.force_login(member)
    assert client.get(hidden_study.url, HTTP_USER_AGENT=BROWSER).status_code == 404
    assert counts(study) == (0, 0) and counts(hidden_study) == (0, 0)


def test_admin_previews_are_not_counted(rf, study):
    """Wagtail's editor preview (the same call the admin makes) counts nothing."""
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    original = rf.get("/admin/", HTTP_USER_AGENT=BROWSER)
    original.user = admin
    response = study.make_preview_request(original_request=original)
    assert response.status_code == 200
    assert counts(study) == (0, 0)


def test_joining_leaving_and_removal_are_recorded(member, fixed_clock):
    community = factories.make_community(visibility="open")
    facilitator = factories.UserFactory()
    factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)
    MembershipEvent.objects.all().delete()
    membership_services.membership_join(user=member, community=community)
    membership_services.membership_leave(user=member, community=community)
    membership_services.membership_join(user=member, community=community)
    other = factories.UserFactory()
    joined = membership_services.membership_join(user=other, community=community)
    membership_services.membership_remove(
        membership_id=joined.pk, community=community, by=facilitator
    )
    kinds = list(
        MembershipEvent.objects.filter(community=community)
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == ["joined", "left", "joined", "joined", "removed"]
    assert set(MembershipEvent.objects.values_list("occurred_at", flat=True)) == {fixed_clock.now}


def test_requests_count_when_approved_not_when_withdrawn_or_declined(member, fixed_clock):
    community = factories.make_community(visibility="private")
    facilitator = factories.UserFactory()
    factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)
    MembershipEvent.objects.all().delete()
    membership_services.membership_join(user=member, community=community)
    membership_services.membership_withdraw(user=member, community=community)
    asked = membership_services.membership_join(user=member, community=community)
    membership_services.membership_decline(
        membership_id=asked.pk, community=community, by=facilitator, reason="Not yet."
    )
    assert not MembershipEvent.objects.exists()
    other = factories.UserFactory()
    asked = membership_services.membership_join(user=other, community=community)
    assert asked.state == MembershipState.REQUESTED
    membership_services.membership_approve(
        membership_id=asked.pk, community=community, by=facilitator
    )
    assert list(MembershipEvent.objects.values_list("kind", flat=True)) == ["joined"]
