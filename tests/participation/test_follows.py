"""Following: buttons, the Following page, automatic follows and the generic registry."""

import pytest
from django.urls import reverse

from communities.models import MembershipState
from participation.models import Follow, FollowKind
from participation.services import follows
from tests import factories

pytestmark = pytest.mark.django_db


def test_follow_buttons_on_community_case_study_theme_and_member_pages(client, member):
    community = factories.make_community("Channel shift", visibility="open")
    theme = factories.theme("Channel shift")
    study = factories.make_case_study(community, title="Chatbot for bins")
    study.themes.add(theme)
    study.save()
    other = factories.UserFactory(first_name="Priya", last_name="Shah")
    client.force_login(member)
    for url, target in [
        (community.url, community),
        (study.url, study),
        (reverse("theme_detail", args=[theme.slug]), theme),
        (reverse("member_profile", args=[other.pk]), other),
    ]:
        body = client.get(url).content.decode()
        assert 'action="/follow/"' in body, url
        kind = follows.kind_for(target)
        response = client.post("/follow/", {"kind": kind, "object_id": target.pk, "next": url})
        assert response.status_code == 302 and response["Location"] == url
        assert Follow.objects.filter(user=member, kind=kind, object_id=target.pk, active=True)
        assert 'action="/unfollow/"' in client.get(url).content.decode()

    page = client.get("/following/").content.decode()
    for name in ("Channel shift", "Chatbot for bins", "Priya Shah"):
        assert name in page


def test_no_follow_button_for_visitors_or_on_ones_own_profile(client, member):
    community = factories.make_community(visibility="open")
    assert 'action="/follow/"' not in client.get(community.url).content.decode()
    client.force_login(member)
    body = client.get(reverse("member_profile", args=[member.pk])).content.decode()
    assert 'action="/follow/"' not in body


def test_unfollow_from_the_following_page_one_item_at_a_time(client, member):
    community = factories.make_community("Open data", visibility="open")
    study = factories.make_case_study(community, title="Data portal")
    follows.follow_ensure(user=member, target=community)
    follows.follow_ensure(user=member, target=study)
    client.force_login(member)
    response = client.post("/unfollow/", {"kind": FollowKind.CASE_STUDY, "object_id": study.pk})
    assert response.status_code == 302 and response["Location"] == "/following/"
    page = client.get("/following/").content.decode()
    assert "Open data" in page and "Data portal" not in page


def test_cannot_follow_what_one_cannot_read_or_what_does_not_exist(client, member):
    private = factories.make_community(visibility="private")
    hidden_study = factories.make_case_study(private)
    client.force_login(member)
    for kind, object_id in [
        (FollowKind.COMMUNITY, private.pk),
        (FollowKind.CASE_STUDY, hidden_study.pk),
        (FollowKind.CASE_STUDY, 999999),
        ("nonsense", 1),
        (FollowKind.THEME, "not-a-number"),
    ]:
        response = client.post("/follow/", {"kind": kind, "object_id": object_id}, follow=True)
        assert "That cannot be followed, or no longer exists." in response.content.decode()
    assert not Follow.objects.filter(user=member).exists()


def test_next_must_stay_on_the_site(client, member):
    community = factories.make_community(visibility="open")
    client.force_login(member)
    response = client.post(
        "/follow/",
        {"kind": "community", "object_id": community.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/following/"


def test_authors_follow_their_case_study_automatically_and_can_stop(client, member):
    community = factories.make_community(visibility="open")
    factories.add_member(community, member)
    study = factories.make_case_study(community, owner=member)
    follow = Follow.objects.get(user=member, kind=FollowKind.CASE_STUDY, object_id=study.pk)
    assert follow.active and follow.automatic

    follows.follow_stop(user=member, kind=FollowKind.CASE_STUDY, object_id=study.pk)
    # Writing or replying again does not undo "stop following"...
    assert follows.follow_ensure(user=member, target=study, automatic=True) is None
    assert not Follow.objects.get(pk=follow.pk).active
    # ...but the Follow button does.
    follows.follow_ensure(user=member, target=study)
    assert Follow.objects.get(pk=follow.pk).active


def test_following_page_does_not_name_what_the_member_can_no_longer_read(client, member):
    private = factories.make_community("Secret squirrel", visibility="hidden")
    membership = factories.add_member(private, member)
    study = factories.make_case_study(private, title="Quiet project")
    follows.follow_ensure(user=member, target=private)
    follows.follow_ensure(user=member, target=study)
    membership.state = MembershipState.LEFT
    membership.save()
    client.force_login(member)
    page = client.get("/following/").content.decode()
    assert "Secret squirrel" not in page and "Quiet project" not in page
    assert page.count("Something you can no longer see") == 2
    client.post("/unfollow/", {"kind": "community", "object_id": private.pk})
    assert client.get("/following/").content.decode().count("no longer see") == 1


def test_registered_kinds_cover_every_follow_kind():
    """Discussions register themselves (DiscussionsConfig.ready), the rest are built in."""
    from participation import activity
    from participation.services.follows import _kinds

    assert set(_kinds) == set(FollowKind.values)
    assert {"discussion", "reply"} <= set(activity.SECTIONS)


def test_following_page_needs_sign_in(client):
    response = client.get("/following/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
