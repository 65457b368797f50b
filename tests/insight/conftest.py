"""A fixed clock and a small, known world for the insight dashboards.

The clock stands at noon on Friday 27 February 2026 (London, which is on GMT then), so
"the last 30 days" is 29 January to 27 February 2026.
"""

import datetime as dt

import pytest
from django.utils import timezone

from communities.models import MembershipRole, MembershipState
from discussions.models import Discussion, Post
from insight import clock
from insight.models import MembershipEvent, PageViewDay
from participation.models import Follow, FollowKind
from search.models import SearchLog
from tests import factories

NOW = timezone.make_aware(dt.datetime(2026, 2, 27, 12, 0))
TODAY = NOW.date()


def days_ago(days, hour=10):
    return timezone.make_aware(dt.datetime.combine(TODAY - dt.timedelta(days=days), dt.time(hour)))


@pytest.fixture
def fixed_clock(monkeypatch):
    class Clock:
        now = NOW

        def set(self, value):
            self.now = value

    fixed = Clock()
    monkeypatch.setattr(clock, "now", lambda: fixed.now)
    return fixed


def _search(query, count, when, community=None):
    entry = SearchLog.objects.create(
        query=query, result_count=count, community_id=community and community.pk, engine="postgres"
    )
    SearchLog.objects.filter(pk=entry.pk).update(created_at=when)
    return entry


def _views(page, day, signed_in=0, anonymous=0):
    PageViewDay.objects.create(page=page, day=day, signed_in=signed_in, anonymous=anonymous)


@pytest.fixture
def insight_world(db, fixed_clock):
    """Community "Bins" (open) with known activity, and "Secret" (private) with activity
    that must never show on Bins' dashboard."""
    people = {
        "facilitator": factories.UserFactory(first_name="Femi", last_name="Facilitator"),
        "member": factories.UserFactory(first_name="Mina", last_name="Member"),
        "writer": factories.UserFactory(first_name="Wren", last_name="Writer"),
        "outsider": factories.UserFactory(first_name="Nia", last_name="Outsider"),
        "admin": factories.UserFactory(is_staff=True, is_superuser=True),
    }
    recycling = factories.theme("Recycling")
    waste = factories.theme("Waste")
    policing = factories.theme("Policing")
    bins = factories.make_community("Bins", visibility="open")
    bins.themes.set([recycling, waste])
    bins.save()
    secret = factories.make_community("Secret", visibility="private")
    secret.themes.set([policing])
    secret.save()
    factories.add_member(bins, people["facilitator"], role=MembershipRole.FACILITATOR)
    factories.add_member(bins, people["member"])
    factories.add_member(bins, people["writer"])
    factories.add_member(bins, factories.UserFactory(), state=MembershipState.REQUESTED)
    factories.add_member(secret, people["facilitator"], role=MembershipRole.FACILITATOR)

    read_most = factories.make_case_study(bins, title="Wheelie bin rollout", owner=people["writer"])
    read_less = factories.make_case_study(
        bins, title="Food waste trial", review_by=TODAY - dt.timedelta(days=3)
    )
    secret_study = factories.make_case_study(
        secret, title="Covert study", review_by=TODAY - dt.timedelta(days=40)
    )
    old = days_ago(200)
    for page in (read_less, secret_study):
        page.__class__.objects.filter(pk=page.pk).update(first_published_at=old)
    type(read_most).objects.filter(pk=read_most.pk).update(first_published_at=days_ago(5))

    # Membership: only these events (the ones made while building the world are dropped).
    MembershipEvent.objects.all().delete()
    for kind, when in [
        ("joined", days_ago(2)),
        ("joined", days_ago(9)),
        ("joined", days_ago(10)),
        ("joined", days_ago(45)),  # before the period
        ("left", days_ago(3)),
        ("removed", days_ago(20)),
    ]:
        MembershipEvent.objects.create(community=bins, kind=kind, occurred_at=when)
    MembershipEvent.objects.create(community=secret, kind="joined", occurred_at=days_ago(1))

    # Page views.
    _views(read_most, TODAY, signed_in=3, anonymous=4)
    _views(read_most, TODAY - dt.timedelta(days=1), signed_in=1, anonymous=2)
    _views(read_less, TODAY - dt.timedelta(days=2), signed_in=2)
    _views(read_less, TODAY - dt.timedelta(days=40), anonymous=50)  # before the period
    _views(bins, TODAY, anonymous=5)
    _views(secret_study, TODAY, signed_in=99)

    # Searches.
    _search("Damp and mould", 0, days_ago(1), bins)
    _search("damp and mould ", 0, days_ago(4), bins)
    _search("garden waste", 3, days_ago(2), bins)
    _search('=HYPERLINK("http://x")', 0, days_ago(2), bins)
    _search("ancient query", 0, days_ago(60), bins)  # before the period
    _search("covert operations", 0, days_ago(1), secret)
    _search("parking permits", 0, days_ago(1))  # the site's own search

    # Follows.
    for user in (people["member"], people["writer"]):
        Follow.objects.create(user=user, kind=FollowKind.THEME, object_id=recycling.pk)
    Follow.objects.create(user=people["member"], kind=FollowKind.THEME, object_id=waste.pk)
    for user in (people["member"], people["writer"], people["facilitator"]):
        Follow.objects.create(user=user, kind=FollowKind.THEME, object_id=policing.pk)
    Follow.objects.filter(object_id=recycling.pk).update(created_at=days_ago(1))
    Follow.objects.filter(object_id__in=[waste.pk, policing.pk]).update(created_at=days_ago(100))

    # Discussions and comments.
    question = factories.make_discussion(
        bins, people["member"], title="Who collects glass?", is_question=True
    )
    answered = factories.make_discussion(
        bins,
        people["facilitator"],
        title="Which bins for flats?",
        is_question=True,
        replies=[(people["member"], "Communal ones.")],
    )
    answered.answer = answered.posts.get(is_opening=False)
    answered.save()
    factories.make_comment(read_most, people["member"], body="Thanks.")
    secret_question = factories.make_discussion(
        secret, people["facilitator"], title="Covert question", is_question=True
    )
    Post.objects.update(created_at=days_ago(3))
    old_post = Post.objects.create(
        community=bins, discussion=answered, author=people["writer"], body="Long ago."
    )
    Post.objects.filter(pk=old_post.pk).update(created_at=days_ago(90))
    Discussion.objects.filter(pk=question.pk).update(created_at=days_ago(6))
    return {
        "people": people,
        "bins": bins,
        "secret": secret,
        "read_most": read_most,
        "read_less": read_less,
        "secret_study": secret_study,
        "question": question,
        "answered": answered,
        "secret_question": secret_question,
    }
