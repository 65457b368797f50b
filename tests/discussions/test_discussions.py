"""Discussions in a community: who may read and post, lists, replies, quotes, edits,
answers, locking and pinning."""

import datetime

import pytest
from django.utils import timezone

from discussions import services
from discussions.models import Discussion, ModerationAction, Post
from tests import factories
from tests.discussions.conftest import join

pytestmark = pytest.mark.django_db

VISIBILITIES = ["open", "restricted", "private", "hidden"]
USERS = ["anonymous", "outsider", "member", "facilitator", "admin"]


def login(client, people, kind):
    client.logout()
    if kind != "anonymous":
        client.force_login(people[kind])
    return client


def may_read(kind, visibility):
    if visibility == "open":
        return True
    if visibility == "restricted":
        return kind != "anonymous"
    return kind in ("member", "facilitator", "admin")


def may_post(kind):
    return kind in ("member", "facilitator", "admin")


@pytest.fixture
def worlds(people):
    out = {}
    for visibility in VISIBILITIES:
        community = join(factories.make_community(visibility=visibility), people)
        discussion = factories.make_discussion(
            community,
            people["member"],
            title=f"Kestrel thread {visibility}",
            body=f"Kestrel opening {visibility}",
            replies=[(people["other"], f"Kestrel reply {visibility}")],
        )
        out[visibility] = (community, discussion)
    return out


def test_reading_follows_the_community(client, people, worlds):
    wrong = []
    for kind in USERS:
        login(client, people, kind)
        for visibility, (community, discussion) in worlds.items():
            for url, text in (
                (f"{community.url}discussions/", f"Kestrel thread {visibility}"),
                (discussion.get_url(), f"Kestrel reply {visibility}"),
            ):
                response = client.get(url)
                shown = response.status_code == 200 and text in response.content.decode()
                if shown != may_read(kind, visibility):
                    wrong.append(f"{kind} {visibility} {url}: {response.status_code}")
                if not shown:
                    assert response.status_code == 404, (kind, visibility, url)
    assert not wrong, wrong


def test_only_active_members_start_discussions_and_reply(client, people, worlds):
    wrong = []
    for kind in USERS:
        for visibility, (community, discussion) in worlds.items():
            login(client, people, kind)
            before = Post.objects.count()
            response = client.post(
                f"{community.url}discussions/new/",
                {"title": f"New from {kind}", "body": "Hello all"},
            )
            reply = client.post(f"{discussion.get_url()}reply/", {"body": f"Reply from {kind}"})
            created = Post.objects.count() - before
            expected = 2 if may_post(kind) else 0
            if created != expected:
                wrong.append(f"{kind} {visibility}: created {created}")
            if not may_read(kind, visibility):
                assert response.status_code == reply.status_code == 404
            elif kind == "anonymous":
                assert response.status_code == reply.status_code == 302
                assert "/accounts/login/" in response["Location"]
            elif not may_post(kind):
                assert response.status_code == reply.status_code == 403
            from django.core.cache import cache

            cache.clear()
    assert not wrong, wrong


def test_pending_members_cannot_post(client, people):
    community = factories.make_community(visibility="open")
    pending = factories.UserFactory()
    factories.add_member(community, pending, state="requested")
    client.force_login(pending)
    response = client.post(f"{community.url}discussions/new/", {"title": "T", "body": "B"})
    assert response.status_code == 403
    assert not Discussion.objects.filter(community=community).exists()


def test_start_a_discussion_and_it_appears_in_the_list_and_on_the_community_page(
    client, people, community
):
    client.force_login(people["member"])
    response = client.post(
        f"{community.url}discussions/new/",
        {"title": "Food waste caddies", "body": "Which **supplier** did you use?"},
    )
    discussion = Discussion.objects.get(title="Food waste caddies")
    assert response.status_code == 302 and response["Location"] == discussion.get_url()
    body = client.get(discussion.get_url()).content.decode()
    assert "<strong>supplier</strong>" in body
    assert "Food waste caddies" in client.get(f"{community.url}discussions/").content.decode()
    assert "Food waste caddies" in client.get(community.url).content.decode()


def test_empty_and_over_long_posts_are_form_errors_and_keep_the_text(client, people, community):
    client.force_login(people["member"])
    response = client.post(f"{community.url}discussions/new/", {"title": "", "body": "Kept"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a title" in body and "Kept</textarea>" in body
    long_text = "x" * 10_001
    response = client.post(f"{community.url}discussions/new/", {"title": "Long", "body": long_text})
    assert response.status_code == 400
    assert "10,000 characters or fewer" in response.content.decode()
    assert long_text in response.content.decode()
    discussion = factories.make_discussion(community, people["member"])
    response = client.post(f"{discussion.get_url()}reply/", {"body": "   \n  "})
    assert response.status_code == 400 and "Enter your reply" in response.content.decode()
    assert not Discussion.objects.filter(title="Long").exists()
    assert discussion.posts.count() == 1


def test_list_is_pinned_first_then_by_last_activity_and_paged(client, people, community):
    now = timezone.now()
    old = factories.make_discussion(community, people["member"], title="Old thread")
    new = factories.make_discussion(community, people["member"], title="New thread")
    pinned = factories.make_discussion(community, people["member"], title="Pinned thread")
    Discussion.objects.filter(pk=old.pk).update(last_activity_at=now - datetime.timedelta(days=2))
    Discussion.objects.filter(pk=new.pk).update(last_activity_at=now)
    Discussion.objects.filter(pk=pinned.pk).update(
        last_activity_at=now - datetime.timedelta(days=9), pinned=True
    )
    body = client.get(f"{community.url}discussions/").content.decode()
    assert body.index("Pinned thread") < body.index("New thread") < body.index("Old thread")
    # A reply moves a discussion up.
    client.force_login(people["other"])
    client.post(f"{old.get_url()}reply/", {"body": "Bumping this"})
    body = client.get(f"{community.url}discussions/").content.decode()
    assert body.index("Old thread") < body.index("New thread")
    for n in range(21):
        factories.make_discussion(community, people["member"], title=f"Filler {n}")
    first = client.get(f"{community.url}discussions/").content.decode()
    second = client.get(f"{community.url}discussions/?page=2").content.decode()
    assert "Pinned thread" in first and "Pinned thread" not in second
    assert client.get(f"{community.url}discussions/?page=oops").status_code == 200


def test_quote_a_reply(client, people, community):
    discussion = factories.make_discussion(
        community, people["member"], replies=[(people["other"], "Use the framework.")]
    )
    quoted = discussion.posts.get(is_opening=False)
    client.force_login(people["member"])
    form = client.get(f"{discussion.get_url()}reply/?quote={quoted.pk}")
    assert form.status_code == 200 and "Use the framework." in form.content.decode()
    response = client.post(
        f"{discussion.get_url()}reply/", {"body": "Which lot?", "quote": quoted.pk}
    )
    assert response.status_code == 302
    post = Post.objects.get(body="Which lot?")
    assert post.quote == quoted
    body = client.get(discussion.get_url()).content.decode()
    assert body.count("Use the framework.") == 2  # the reply and the quotation


def test_edits_within_the_window_are_marked_and_later_ones_refused(client, people, community):
    discussion = factories.make_discussion(community, people["member"], body="Frist")
    opening = discussion.posts.get()
    client.force_login(people["member"])
    assert client.get(f"{community.url}posts/{opening.pk}/edit/").status_code == 200
    response = client.post(
        f"{community.url}posts/{opening.pk}/edit/", {"title": "Better title", "body": "First"}
    )
    assert response.status_code == 302
    opening.refresh_from_db()
    discussion.refresh_from_db()
    assert opening.body == "First" and opening.edited_at and discussion.title == "Better title"
    assert "· edited" in client.get(discussion.get_url()).content.decode()
    # Someone else's post: refused.
    client.force_login(people["other"])
    assert client.post(f"{community.url}posts/{opening.pk}/edit/", {"body": "x"}).status_code == 403
    # After the window: refused with a message, nothing changed, the text kept in the form.
    Post.objects.filter(pk=opening.pk).update(
        created_at=timezone.now() - services.EDIT_WINDOW - datetime.timedelta(minutes=1)
    )
    client.force_login(people["member"])
    response = client.post(
        f"{community.url}posts/{opening.pk}/edit/", {"title": "Late", "body": "Too late"}
    )
    assert response.status_code == 409
    assert "can only be edited in the first 30 minutes" in response.content.decode()
    assert "Too late" in response.content.decode()
    opening.refresh_from_db()
    assert opening.body == "First"
    response = client.get(f"{community.url}posts/{opening.pk}/edit/", follow=True)
    assert "can no longer be edited" in response.content.decode()


def test_the_asker_marks_and_unmarks_the_answer(client, people, community):
    discussion = factories.make_discussion(
        community,
        people["member"],
        is_question=True,
        replies=[(people["other"], "Try the framework.")],
    )
    reply = discussion.posts.get(is_opening=False)
    url = f"{community.url}posts/{reply.pk}/answer/"
    client.force_login(people["other"])
    assert client.post(url).status_code == 403
    client.force_login(people["member"])
    assert client.get(url).status_code == 405
    client.post(url)
    discussion.refresh_from_db()
    assert discussion.answer == reply
    body = client.get(discussion.get_url()).content.decode()
    assert "Answered" in body and "Unmark as the answer" in body
    client.post(url)
    discussion.refresh_from_db()
    assert discussion.answer is None
    # Not a question: nothing to mark.
    plain = factories.make_discussion(
        community, people["member"], replies=[(people["other"], "Reply")]
    )
    reply = plain.posts.get(is_opening=False)
    response = client.post(f"{community.url}posts/{reply.pk}/answer/", follow=True)
    assert "not a question" in response.content.decode()
    plain.refresh_from_db()
    assert plain.answer is None


def test_facilitators_lock_and_pin(client, people, community):
    discussion = factories.make_discussion(community, people["member"])
    client.force_login(people["member"])
    assert client.post(f"{discussion.get_url()}lock/").status_code == 403
    assert client.post(f"{discussion.get_url()}pin/").status_code == 403
    client.force_login(people["facilitator"])
    assert client.get(f"{discussion.get_url()}lock/").status_code == 405
    client.post(f"{discussion.get_url()}lock/")
    client.post(f"{discussion.get_url()}pin/")
    discussion.refresh_from_db()
    assert discussion.locked and discussion.pinned
    assert set(
        ModerationAction.objects.filter(discussion_id_recorded=discussion.pk).values_list(
            "action", flat=True
        )
    ) == {"lock", "pin"}
    # Replying to a locked discussion: a clear refusal, nothing changed, the text kept.
    client.force_login(people["other"])
    response = client.post(f"{discussion.get_url()}reply/", {"body": "Still here?"})
    assert response.status_code == 409
    assert "This discussion is locked" in response.content.decode()
    assert "Still here?" in response.content.decode()
    assert discussion.posts.count() == 1
    assert "This discussion is locked" in client.get(discussion.get_url()).content.decode()
    client.force_login(people["facilitator"])
    client.post(f"{discussion.get_url()}unlock/")
    client.post(f"{discussion.get_url()}unpin/")
    discussion.refresh_from_db()
    assert not discussion.locked and not discussion.pinned
    assert client.post(f"{discussion.get_url()}explode/").status_code == 404


def test_unknown_discussions_and_posts_are_404(client, people, community):
    other_community = join(factories.make_community(visibility="open"), people)
    elsewhere = factories.make_discussion(other_community, people["member"])
    client.force_login(people["member"])
    assert client.get(f"{community.url}discussions/{elsewhere.pk}/").status_code == 404
    assert client.get(f"{community.url}discussions/999999/").status_code == 404
    post = elsewhere.posts.get()
    assert client.get(f"{community.url}posts/{post.pk}/edit/").status_code == 404
    assert client.get(f"{community.url}posts/{post.pk}/unknown/").status_code == 404


def test_rate_limit_stops_floods_and_keeps_the_text(client, people, community):
    discussion = factories.make_discussion(community, people["facilitator"])
    client.force_login(people["member"])
    for n in range(services.POSTS_PER_MINUTE):
        assert (
            client.post(f"{discussion.get_url()}reply/", {"body": f"Post {n}"}).status_code == 302
        )
    response = client.post(f"{discussion.get_url()}reply/", {"body": "One too many"})
    assert response.status_code == 429
    assert "Wait a minute" in response.content.decode()
    assert "One too many" in response.content.decode()
    assert discussion.posts.count() == 1 + services.POSTS_PER_MINUTE
    # Others are not affected.
    client.force_login(people["other"])
    assert client.post(f"{discussion.get_url()}reply/", {"body": "Mine"}).status_code == 302


def test_replies_are_paged(client, people, community):
    discussion = factories.make_discussion(
        community,
        people["member"],
        replies=[(people["other"], f"Reply number {n}.") for n in range(55)],
    )
    first = client.get(discussion.get_url()).content.decode()
    second = client.get(f"{discussion.get_url()}?page=2").content.decode()
    assert "Reply number 0." in first and "Reply number 54." not in first
    assert "Reply number 54." in second and "55 replies" in first
