"""The moderation queue: a community's (its moderation/ route) and a facilitator's own
(/moderation/), with the link in the site menu."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities.models import MembershipRole, MembershipState
from discussions.models import PostStatus, Report
from tests import factories
from tests.discussions.conftest import join

pytestmark = pytest.mark.django_db


def fill(community, people, *, size=1, prefix="Item"):
    """`size` of each kind of thing that waits: a case study submitted for review, a
    request to join, a held post and an open report."""
    for n in range(size):
        author = factories.UserFactory(first_name=f"{prefix}author{n}")
        factories.add_member(community, author)
        factories.submit_case_study(community, author, title=f"{prefix} study {n}")
        factories.add_member(
            community,
            factories.UserFactory(first_name=f"{prefix}asker{n}"),
            state=MembershipState.REQUESTED,
        )
        held = factories.make_discussion(community, author, title=f"{prefix} held {n}")
        held.posts.update(status=PostStatus.HELD)
        reported = factories.make_discussion(community, author, title=f"{prefix} reported {n}")
        Report.objects.create(
            post=reported.posts.get(), reporter=people["member"], reason=f"{prefix} reason {n}"
        )


def test_the_community_queue_shows_everything_waiting_with_counts(client, people, community):
    fill(community, people, size=2, prefix="Wombat")
    client.force_login(people["facilitator"])
    response = client.get(f"{community.url}moderation/")
    assert response.status_code == 200
    body = response.content.decode()
    for kind in ("reviews", "requests", "reports", "held"):
        assert f'data-count="{kind}">2<' in body
    assert "Wombat study 0" in body and "Wombat study 1" in body
    assert "Wombatauthor0" in body  # who submitted it
    from casestudies.models import CaseStudyPage

    study = CaseStudyPage.objects.get(title="Wombat study 0")
    assert f"/admin/pages/{study.pk}/edit/" in body
    assert f"/admin/pages/workflow/preview/{study.pk}/" in body
    assert "Wombatasker0" in body and f"{community.url}manage/#requests" in body
    assert "Wombat reason 0" in body
    assert body.count("/moderate/") >= 4  # held posts and reports keep their actions


def test_the_review_link_opens_the_editor_for_the_facilitator(client, people, community):
    fill(community, people)
    from casestudies.models import CaseStudyPage

    study = CaseStudyPage.objects.get(title="Item study 0")
    client.force_login(people["facilitator"])
    response = client.get(f"/admin/pages/{study.pk}/edit/")
    assert response.status_code == 200
    assert "Approve" in response.content.decode()


def test_approved_and_withdrawn_reviews_leave_the_queue(client, people, community):
    fill(community, people)
    from casestudies.models import CaseStudyPage
    from discussions.queue import queue_counts

    study = CaseStudyPage.objects.get(title="Item study 0")
    assert queue_counts([community])[community.pk].reviews == 1
    study.current_workflow_state.current_task_state.approve(user=people["facilitator"])
    assert queue_counts([community])[community.pk].reviews == 0


def test_members_and_outsiders_cannot_see_the_queue(client, people, community):
    fill(community, people)
    url = f"{community.url}moderation/"
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(people["member"])
    assert client.get(url).status_code == 403
    client.force_login(people["outsider"])
    assert client.get(url).status_code == 403
    hidden = join(factories.make_community("Secret", visibility="hidden"), people)
    client.force_login(factories.UserFactory())
    assert client.get(f"{hidden.url}moderation/").status_code == 404


def test_a_facilitator_of_another_community_sees_nothing_of_this_one(client, people, community):
    fill(community, people, prefix="Quokka")
    other = factories.make_community("Other place", visibility="hidden")
    elsewhere = factories.UserFactory()
    factories.add_member(other, elsewhere, role=MembershipRole.FACILITATOR)
    fill(other, people, prefix="Numbat")
    client.force_login(elsewhere)
    assert client.get(f"{community.url}moderation/").status_code == 403
    body = client.get("/moderation/").content.decode()
    assert "Other place" in body and "Numbat" not in body  # counts only, no content
    assert community.title not in body and "Quokka" not in body
    assert f'data-community="{community.pk}"' not in body
    # The site menu counts only their own community's queue (four things).
    home = client.get("/").content.decode()
    assert "Moderation" in home and ">4<" in home


def test_the_personal_queue_counts_each_community(client, people, community):
    second = join(factories.make_community("Second community", visibility="private"), people)
    fill(community, people, size=2)
    fill(second, people, size=1, prefix="Two")
    client.force_login(people["facilitator"])
    response = client.get("/moderation/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "12 things waiting" in body
    assert f"{community.url}moderation/" in body and f"{second.url}moderation/" in body
    assert "Moderation <strong" in body  # the link in the site menu


def test_the_personal_queue_is_for_facilitators(client, people, community):
    assert client.get("/moderation/").status_code == 302
    client.force_login(people["member"])
    assert client.get("/moderation/").status_code == 403
    assert "Moderation <strong" not in client.get("/").content.decode()


def test_the_menu_link_shows_only_when_something_waits(client, people, community):
    client.force_login(people["facilitator"])
    assert "Moderation <strong" not in client.get("/").content.decode()
    assert "Nothing is waiting" in client.get("/moderation/").content.decode()
    fill(community, people)
    assert "Moderation <strong" in client.get("/").content.decode()


def test_removed_facilitators_lose_the_queue(client, people, community):
    fill(community, people)
    membership = community.memberships.get(user=people["facilitator"])
    membership.state = MembershipState.REMOVED
    membership.save()
    client.force_login(people["facilitator"])
    assert client.get("/moderation/").status_code == 403
    assert client.get(f"{community.url}moderation/").status_code == 403


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_query_counts_do_not_grow_with_items_or_communities(client, people, community):
    fill(community, people, size=1)
    client.force_login(people["facilitator"])
    queue_url = f"{community.url}moderation/"
    few_items, few_personal = _queries(client, queue_url), _queries(client, "/moderation/")
    fill(community, people, size=4, prefix="More")
    for n in range(3):
        extra = join(factories.make_community(f"Extra {n}"), people)
        fill(extra, people, prefix=f"Extra{n}")
    assert _queries(client, queue_url) == few_items
    assert _queries(client, "/moderation/") == few_personal


def test_the_menu_total_is_the_queue_total_in_two_queries(people, community):
    from discussions.queue import waiting_for, waiting_total

    second = join(factories.make_community("Second community", visibility="private"), people)
    fill(community, people, size=2)
    fill(second, people, size=1, prefix="Two")
    other = factories.make_community("Not theirs", visibility="open")
    fill(other, people, size=1, prefix="Else")
    facilitator = people["facilitator"]
    assert waiting_total(facilitator) == waiting_for(facilitator)[2] == 12
    from communities.selectors import facilitated_community_ids

    facilitated_community_ids(facilitator)  # read once per request, before the menu asks
    with CaptureQueriesContext(connection) as queries:
        waiting_total(facilitator)
    assert len(queries) == 2  # their communities, then the four counts in one statement
    assert waiting_total(people["member"]) == 0
