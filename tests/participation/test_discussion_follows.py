"""Discussions in following and digests: the Follow button, automatic follows, new
discussions and replies in digests and "as it happens" emails, privacy at send time."""

import datetime as dt

import pytest
from django.core import mail

from communities.models import Membership, MembershipRole, MembershipState
from communities.services.membership import community_sync_access
from discussions import services
from discussions.models import ModerationAction, Post
from participation import signals
from participation.models import DigestSent, Follow, FollowKind, Frequency, NotificationSent
from participation.services import follows, notifications
from tests import factories
from tests.participation.conftest import NOW

pytestmark = pytest.mark.django_db

LAST_WEEK = NOW - dt.timedelta(days=5)  # in the weekly digest's period
TWO_WEEKS_AGO = NOW - dt.timedelta(days=12)


@pytest.fixture
def world(db):
    author = factories.UserFactory(first_name="Ada", last_name="Author")
    reader = factories.UserFactory(first_name="Rae", last_name="Reader")
    facilitator = factories.UserFactory(first_name="Femi", last_name="Facilitator")
    open_community = factories.make_community("Channel shift", visibility="open")
    private = factories.make_community("Police data", visibility="private")
    for community in (open_community, private):
        factories.add_member(community, author)
        factories.add_member(community, reader)
        factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)
    return {
        "author": author,
        "reader": reader,
        "facilitator": facilitator,
        "open": open_community,
        "private": private,
    }


def _at(when, *posts):
    """Pretend these posts were written at `when`."""
    Post.objects.filter(pk__in=[post.pk for post in posts]).update(created_at=when)


def _opening(discussion):
    return discussion.posts.get(is_opening=True)


def _follow_row(user, discussion):
    return Follow.objects.filter(
        user=user, kind=FollowKind.DISCUSSION, object_id=discussion.pk
    ).first()


# Following ----------------------------------------------------------------------------------


def test_follow_button_on_the_discussion_page_and_the_following_page(client, world):
    discussion = factories.make_discussion(world["open"], world["author"], title="Bin apps")
    client.force_login(world["reader"])
    page = client.get(discussion.get_url()).content.decode()
    assert 'name="kind" value="discussion"' in page and ">Follow<" in page

    response = client.post(
        "/follow/",
        {"kind": "discussion", "object_id": discussion.pk, "next": discussion.get_url()},
    )
    assert response.status_code == 302
    row = _follow_row(world["reader"], discussion)
    assert row.active and not row.automatic
    assert "Stop following" in client.get(discussion.get_url()).content.decode()

    following = client.get("/following/").content.decode()
    assert "Bin apps" in following and f'href="{discussion.get_url()}"' in following


def test_the_following_page_names_only_discussions_the_member_may_still_read(client, world):
    discussion = factories.make_discussion(world["private"], world["author"], title="Secret")
    follows.follow_ensure(user=world["reader"], target=discussion)
    Membership.objects.filter(user=world["reader"], community=world["private"]).update(
        state=MembershipState.REMOVED
    )
    community_sync_access(community=world["private"])
    client.force_login(world["reader"])
    following = client.get("/following/").content.decode()
    assert "Secret" not in following
    assert 'name="kind" value="discussion"' in following  # still listed, to stop following


def test_members_who_may_not_read_it_cannot_follow_it(client, world):
    discussion = factories.make_discussion(world["private"], world["author"])
    outsider = factories.UserFactory()
    assert not follows.may_follow(outsider, discussion)
    client.force_login(outsider)
    client.post("/follow/", {"kind": "discussion", "object_id": discussion.pk})
    assert _follow_row(outsider, discussion) is None


def test_starting_and_replying_follow_the_discussion(world):
    discussion = services.discussion_start(
        community=world["open"], user=world["author"], title="Bins", body="Which app?"
    )
    assert _follow_row(world["author"], discussion).automatic
    services.post_reply(discussion=discussion, user=world["reader"], body="Ours")
    row = _follow_row(world["reader"], discussion)
    assert row.active and row.automatic


def test_a_held_posts_author_follows_at_once(world):
    community = world["open"]
    community.hold_first_posts = True
    community.save()
    newcomer = factories.UserFactory()
    factories.add_member(community, newcomer)
    discussion = services.discussion_start(
        community=community, user=newcomer, title="Hello", body="First post"
    )
    assert _opening(discussion).status == "held"
    assert _follow_row(newcomer, discussion).active

    other = factories.UserFactory()
    factories.add_member(community, other)
    published = factories.make_discussion(community, world["author"])
    reply = services.post_reply(discussion=published, user=other, body="Held reply")
    assert reply.status == "held"
    assert _follow_row(other, published).active


def test_stopping_is_not_undone_by_a_later_reply(world):
    discussion = factories.make_discussion(world["open"], world["author"])
    services.post_reply(discussion=discussion, user=world["reader"], body="One")
    follows.follow_stop(user=world["reader"], kind=FollowKind.DISCUSSION, object_id=discussion.pk)
    services.post_reply(discussion=discussion, user=world["reader"], body="Two")
    assert not _follow_row(world["reader"], discussion).active
    assert not follows.is_following(world["reader"], discussion)
    # A click on Follow starts it again.
    follows.follow_ensure(user=world["reader"], target=discussion)
    assert follows.is_following(world["reader"], discussion)


def test_commenting_follows_the_case_study_and_stopping_sticks(world):
    case_study = factories.make_case_study(world["open"], title="Bin sensors")
    case_study.save_revision().publish()
    services.comment_add(
        case_study=case_study,
        community=world["open"],
        user=world["reader"],
        body="How long did the sensors last?",
        kind="question",
    )
    row = Follow.objects.get(
        user=world["reader"], kind=FollowKind.CASE_STUDY, object_id=case_study.pk
    )
    assert row.active and row.automatic
    # Replying to a comment follows it too; a stopped follow is not started again.
    question = Post.objects.get(body="How long did the sensors last?")
    services.comment_add(
        case_study=case_study,
        community=world["open"],
        user=world["author"],
        body="Three years.",
        parent=question,
    )
    assert follows.is_following(world["author"], case_study)
    follows.follow_stop(user=world["reader"], kind=FollowKind.CASE_STUDY, object_id=case_study.pk)
    services.comment_add(
        case_study=case_study,
        community=world["open"],
        user=world["reader"],
        body="Thank you.",
        kind="note",
    )
    assert not follows.is_following(world["reader"], case_study)


# Digests ------------------------------------------------------------------------------------


def test_digest_lists_new_discussions_and_replies_in_what_the_member_follows(clock, world):
    reader, author, facilitator = world["reader"], world["author"], world["facilitator"]
    follows.follow_ensure(user=reader, target=world["open"])
    in_community = factories.make_discussion(world["open"], author, title="Bin collection apps")
    followed = factories.make_discussion(
        world["private"],
        author,
        title="Sharing crime maps",
        replies=[(facilitator, "We publish monthly")],
    )
    follows.follow_ensure(user=reader, target=followed)
    unfollowed = factories.make_discussion(
        world["private"], author, title="Not followed", replies=[(facilitator, "Quiet")]
    )
    old = factories.make_discussion(world["open"], author, title="Too old")
    recent = factories.make_discussion(world["open"], author, title="This week")
    own = factories.make_discussion(world["open"], reader, title="Reader's own")
    _at(LAST_WEEK, *Post.objects.filter(discussion__in=[in_community, followed, unfollowed, own]))
    _at(TWO_WEEKS_AGO, _opening(followed), _opening(old))  # the thread is old, its reply new
    _at(NOW - dt.timedelta(hours=2), _opening(recent))

    run = notifications.digests_send(frequency=Frequency.WEEKLY)

    assert run.sent >= 1
    [email] = [m for m in mail.outbox if m.to == [reader.email]]
    assert email.subject == "[Practice Exchange] Your weekly digest: 2 new things"
    for body in (email.body, email.alternatives[0][0]):
        assert "new discussions" in body.lower() and "new replies" in body.lower()
        assert "Bin collection apps" in body and "Sharing crime maps" in body
        assert "We publish monthly" in body
        for absent in ("Not followed", "Too old", "This week", "Reader&#x27;s own", "Reader's own"):
            assert absent not in body
    reply = followed.posts.get(is_opening=False)
    assert f"http://testserver{followed.get_url()}#post-{reply.pk}" in email.body


def test_following_a_member_lists_their_discussions_and_replies(clock, world):
    reader, author, facilitator = world["reader"], world["author"], world["facilitator"]
    follows.follow_ensure(user=reader, target=author)
    started = factories.make_discussion(world["private"], author, title="Crime map formats")
    elsewhere = factories.make_discussion(
        world["open"], facilitator, title="Webchat hours", replies=[(author, "Nine to five")]
    )
    others = factories.make_discussion(world["open"], facilitator, title="Someone else's")
    _at(LAST_WEEK, *Post.objects.filter(discussion__in=[started, elsewhere, others]))

    notifications.digests_send(frequency=Frequency.WEEKLY)

    [email] = [m for m in mail.outbox if m.to == [reader.email]]
    assert "Crime map formats" in email.body and "Nine to five" in email.body
    assert "Someone else" not in email.body
    reply = elsewhere.posts.get(is_opening=False)
    assert f"{elsewhere.get_url()}#post-{reply.pk}" in email.body

    # Removed from the private community: its threads are not told, even by a followed member.
    DigestSent.objects.all().delete()
    mail.outbox.clear()
    Membership.objects.filter(user=reader, community=world["private"]).update(
        state=MembershipState.REMOVED
    )
    community_sync_access(community=world["private"])
    notifications.digests_send(frequency=Frequency.WEEKLY)
    [email] = [m for m in mail.outbox if m.to == [reader.email]]
    assert "Crime map formats" not in email.body and "Nine to five" in email.body


def test_a_held_post_counts_when_it_is_approved(clock, world):
    community = world["open"]
    community.hold_first_posts = True
    community.save()
    newcomer = factories.UserFactory()
    factories.add_member(community, newcomer)
    follows.follow_ensure(user=world["reader"], target=community)
    discussion = services.discussion_start(
        community=community, user=newcomer, title="Held then approved", body="Hello"
    )
    _at(TWO_WEEKS_AGO, _opening(discussion))
    services.post_moderate(post=_opening(discussion), user=world["facilitator"], action="approve")
    ModerationAction.objects.filter(post_id_recorded=_opening(discussion).pk).update(
        created_at=LAST_WEEK
    )
    mail.outbox.clear()
    notifications.digests_send(frequency=Frequency.WEEKLY)
    [email] = [m for m in mail.outbox if m.to == [world["reader"].email]]
    assert "Held then approved" in email.body


def test_privacy_is_checked_at_send_time(clock, world):
    reader, author = world["reader"], world["author"]
    follows.follow_ensure(user=reader, target=world["private"])
    follows.follow_ensure(user=reader, target=world["open"])
    secret = factories.make_discussion(
        world["private"], author, title="Police data sharing", replies=[(author, "Reply text")]
    )
    follows.follow_ensure(user=reader, target=secret)
    news = factories.make_discussion(world["open"], author, title="Open news")
    _at(LAST_WEEK, *Post.objects.filter(discussion__in=[secret, news]))
    # Removed from the private community after they were posted, before the digest goes.
    Membership.objects.filter(user=reader, community=world["private"]).update(
        state=MembershipState.REMOVED
    )
    community_sync_access(community=world["private"])

    notifications.digests_send(frequency=Frequency.WEEKLY)
    [email] = [m for m in mail.outbox if m.to == [reader.email]]
    for body in (email.body, email.alternatives[0][0]):
        assert "Open news" in body
        assert "Police data" not in body and "Reply text" not in body


def test_hidden_replies_and_threads_are_not_news(clock, world):
    reader, author, facilitator = world["reader"], world["author"], world["facilitator"]
    follows.follow_ensure(user=reader, target=world["open"])
    gone = factories.make_discussion(
        world["open"], author, title="Hidden thread", replies=[(facilitator, "Under it")]
    )
    kept = factories.make_discussion(
        world["open"], author, title="Kept thread", replies=[(facilitator, "Hidden reply")]
    )
    _at(LAST_WEEK, *Post.objects.filter(discussion__in=[gone, kept]))
    services.post_moderate(post=_opening(gone), user=facilitator, action="hide", reason="Off")
    hidden = kept.posts.get(is_opening=False)
    services.post_moderate(post=hidden, user=facilitator, action="hide", reason="Rude")
    mail.outbox.clear()
    notifications.digests_send(frequency=Frequency.WEEKLY)
    [email] = [m for m in mail.outbox if m.to == [reader.email]]
    assert "Kept thread" in email.body
    assert "Hidden thread" not in email.body and "Hidden reply" not in email.body
    assert "Under it" not in email.body


def test_digest_preview_lists_this_weeks_discussions(client, clock, world):
    follows.follow_ensure(user=world["reader"], target=world["open"])
    discussion = factories.make_discussion(world["open"], world["author"], title="Fresh talk")
    _at(NOW - dt.timedelta(hours=3), _opening(discussion))
    client.force_login(world["reader"])
    page = client.get("/digest/preview/").content.decode()
    assert "New discussions" in page and "Fresh talk" in page


# As it happens ------------------------------------------------------------------------------


def test_immediate_notifications_go_once_each(clock, world, django_capture_on_commit_callbacks):
    reader, author = world["reader"], world["author"]
    notifications.preference_set(user=reader, frequency=Frequency.IMMEDIATE)
    discussion = factories.make_discussion(world["open"], author, title="Bin collection apps")
    follows.follow_ensure(user=reader, target=discussion)

    with django_capture_on_commit_callbacks(execute=True):
        reply = services.post_reply(discussion=discussion, user=author, body="An update")
    [email] = mail.outbox
    assert email.to == [reader.email]
    assert email.subject == "[Practice Exchange] New: Bin collection apps"
    assert "An update" in email.body
    notifications.activity_announce(item_keys=[f"reply:{reply.pk}"])  # run again
    assert len(mail.outbox) == 1
    assert NotificationSent.objects.filter(user=reader, item_key=f"reply:{reply.pk}").count() == 1


def test_a_new_discussion_is_announced_to_community_followers(
    clock, world, django_capture_on_commit_callbacks
):
    reader = world["reader"]
    notifications.preference_set(user=reader, frequency=Frequency.IMMEDIATE)
    follows.follow_ensure(user=reader, target=world["open"])
    with django_capture_on_commit_callbacks(execute=True):
        services.discussion_start(
            community=world["open"], user=world["author"], title="Payments", body="Card?"
        )
    assert [m.to for m in mail.outbox] == [[reader.email]]
    assert "Payments" in mail.outbox[0].subject


def test_held_posts_are_announced_when_approved(clock, world, django_capture_on_commit_callbacks):
    community = world["open"]
    community.hold_first_posts = True
    community.save()
    newcomer = factories.UserFactory()
    factories.add_member(community, newcomer)
    reader = world["reader"]
    notifications.preference_set(user=reader, frequency=Frequency.IMMEDIATE)
    discussion = factories.make_discussion(community, world["author"], title="Waiting room")
    follows.follow_ensure(user=reader, target=discussion)
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.post_reply(discussion=discussion, user=newcomer, body="Held words")
    assert reader.email not in [to for m in mail.outbox for to in m.to]
    with django_capture_on_commit_callbacks(execute=True):
        services.post_moderate(post=reply, user=world["facilitator"], action="approve")
    assert [m for m in mail.outbox if m.to == [reader.email] and "Held words" in m.body]


def test_immediate_notifications_respect_privacy(world):
    outsider = factories.UserFactory()
    notifications.preference_set(user=outsider, frequency=Frequency.IMMEDIATE)
    discussion = factories.make_discussion(world["private"], world["author"], title="Private")
    Follow.objects.create(user=outsider, kind=FollowKind.DISCUSSION, object_id=discussion.pk)
    reply = services.post_reply(discussion=discussion, user=world["author"], body="Secret")
    notifications.activity_announce(item_keys=[f"discussion:{discussion.pk}", f"reply:{reply.pk}"])
    assert not mail.outbox


def test_nothing_is_announced_while_suspended(world, django_capture_on_commit_callbacks):
    reader = world["reader"]
    notifications.preference_set(user=reader, frequency=Frequency.IMMEDIATE)
    follows.follow_ensure(user=reader, target=world["open"])
    with django_capture_on_commit_callbacks(execute=True), signals.suspended():
        services.discussion_start(
            community=world["open"], user=world["author"], title="Quiet", body="Shh"
        )
    assert not mail.outbox
