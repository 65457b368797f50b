"""Reports, hiding, restoring, deleting, held first posts and the audit log."""

import pytest
from django.core import mail

from discussions.models import ModerationAction, Post, PostStatus, Report
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(people, community):
    discussion = factories.make_discussion(
        community,
        people["member"],
        title="Bin lorry routes",
        body="How did you plan the routes?",
        replies=[(people["other"], "Buy our routing software now!!!")],
    )
    return discussion, discussion.posts.get(is_opening=False)


def report(client, community, post, reason="Advertising"):
    return client.post(f"{community.url}posts/{post.pk}/report/", {"reason": reason})


def moderate(client, community, post, action, reason=""):
    return client.post(
        f"{community.url}posts/{post.pk}/moderate/", {"action": action, "reason": reason}
    )


def test_a_member_reports_once_and_facilitators_see_it(client, people, community, thread):
    discussion, spam = thread
    client.force_login(people["member"])
    assert client.get(f"{community.url}posts/{spam.pk}/report/").status_code == 200
    response = report(client, community, spam)
    assert response.status_code == 302
    response = report(client, community, spam, "Again")
    assert response.status_code == 409
    assert "already reported this post" in response.content.decode()
    assert Report.objects.filter(post=spam).count() == 1
    # Nobody reports their own post; anonymous visitors are sent to sign in.
    client.force_login(people["other"])
    assert report(client, community, spam).status_code == 409
    client.logout()
    assert report(client, community, spam).status_code == 302
    assert Report.objects.count() == 1
    # Members cannot see reports; facilitators can.
    client.force_login(people["member"])
    assert client.get(f"{community.url}moderation/").status_code == 403
    client.force_login(people["facilitator"])
    body = client.get(f"{community.url}moderation/").content.decode()
    assert "Advertising" in body and f"posts/{spam.pk}/moderate/" in body


def test_hide_with_a_reason_shown_to_the_author_then_restore(client, people, community, thread):
    discussion, spam = thread
    client.force_login(people["member"])
    report(client, community, spam)
    assert moderate(client, community, spam, "hide", "Advertising").status_code == 403
    client.force_login(people["facilitator"])
    assert client.get(f"{community.url}posts/{spam.pk}/moderate/").status_code == 200
    response = moderate(client, community, spam, "hide", "")
    assert response.status_code == 409 and "Give a reason" in response.content.decode()
    mail.outbox.clear()
    response = moderate(client, community, spam, "hide", "No advertising, please.")
    assert response.status_code == 302
    spam.refresh_from_db()
    assert spam.status == PostStatus.HIDDEN and spam.body  # kept, so it can be restored
    assert Report.objects.get(post=spam).resolved_by == people["facilitator"]
    assert [m.to for m in mail.outbox] == [[people["other"].email]]
    assert "No advertising, please." in mail.outbox[0].body
    log = ModerationAction.objects.get(post_id_recorded=spam.pk)
    assert (log.action, log.actor, log.author, log.reason) == (
        "hide",
        people["facilitator"],
        people["other"],
        "No advertising, please.",
    )
    # Readers see a placeholder; the author sees their text and the reason.
    client.logout()
    body = client.get(discussion.get_url()).content.decode()
    assert "hidden by a facilitator" in body and "routing software" not in body
    client.force_login(people["other"])
    body = client.get(discussion.get_url()).content.decode()
    assert "routing software" in body and "No advertising, please." in body
    # Replying to (quoting) a hidden post, or reporting it: refused, nothing changed.
    client.force_login(people["member"])
    before = Post.objects.count()
    response = client.post(f"{discussion.get_url()}reply/", {"body": "x", "quote": spam.pk})
    assert response.status_code == 302 and Post.objects.count() == before
    response = report(client, community, spam, "More")
    assert response.status_code == 409 and Report.objects.count() == 1
    # Hiding twice: refused.
    client.force_login(people["facilitator"])
    response = moderate(client, community, spam, "hide", "Again")
    assert response.status_code == 400
    assert ModerationAction.objects.filter(post_id_recorded=spam.pk).count() == 1
    # Restore.
    assert moderate(client, community, spam, "restore").status_code == 302
    spam.refresh_from_db()
    assert spam.status == PostStatus.PUBLISHED and spam.status_reason == ""
    client.logout()
    assert "routing software" in client.get(discussion.get_url()).content.decode()


def test_delete_clears_the_text_and_keeps_a_record(client, people, community, thread):
    discussion, spam = thread
    client.force_login(people["facilitator"])
    assert moderate(client, community, spam, "delete", "Spam").status_code == 302
    spam.refresh_from_db()
    assert spam.status == PostStatus.DELETED and spam.body == ""
    assert ModerationAction.objects.filter(
        post_id_recorded=spam.pk, action="delete", reason="Spam"
    ).exists()
    body = client.get(discussion.get_url()).content.decode()
    assert "This post has been deleted." in body
    assert "Recent moderation" in client.get(f"{community.url}moderation/").content.decode()


def test_deleting_the_opening_post_removes_the_discussion_from_readers(
    client, people, community, thread
):
    discussion, _spam = thread
    opening = discussion.posts.get(is_opening=True)
    client.force_login(people["facilitator"])
    moderate(client, community, opening, "delete", "Duplicate of another thread")
    client.force_login(people["other"])
    assert client.get(discussion.get_url()).status_code == 404
    assert "Bin lorry" not in client.get(f"{community.url}discussions/").content.decode()


def test_dismissing_reports_keeps_the_post(client, people, community, thread):
    _discussion, spam = thread
    client.force_login(people["member"])
    report(client, community, spam)
    client.force_login(people["facilitator"])
    assert moderate(client, community, spam, "dismiss").status_code == 302
    spam.refresh_from_db()
    assert spam.status == PostStatus.PUBLISHED
    assert Report.objects.get().resolved_at is not None
    assert "no open reports" in client.get(f"{community.url}moderation/").content.decode()


def test_first_posts_are_held_when_the_community_says_so(client, people, community):
    community.hold_first_posts = True
    community.save()
    newcomer = factories.UserFactory(first_name="Nell", last_name="Newcomer")
    factories.add_member(community, newcomer)
    client.force_login(newcomer)
    mail.outbox.clear()
    response = client.post(
        f"{community.url}discussions/new/", {"title": "Hello everyone", "body": "First post"}
    )
    assert response.status_code == 302
    post = Post.objects.get(body="First post")
    assert post.status == PostStatus.HELD
    assert [m.to for m in mail.outbox] == [[people["facilitator"].email]]
    # The author sees it, marked as waiting; others do not.
    body = client.get(post.discussion.get_url()).content.decode()
    assert "Waiting for approval" in body
    client.force_login(people["member"])
    assert client.get(post.discussion.get_url()).status_code == 404
    assert "Hello everyone" not in client.get(f"{community.url}discussions/").content.decode()
    # Facilitators are never held; they approve.
    client.force_login(people["facilitator"])
    assert "First post" in client.get(f"{community.url}moderation/").content.decode()
    assert moderate(client, community, post, "approve").status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    client.force_login(people["member"])
    assert client.get(post.discussion.get_url()).status_code == 200
    # The newcomer's next post is not held.
    client.force_login(newcomer)
    client.post(f"{post.discussion.get_url()}reply/", {"body": "Second post"})
    assert Post.objects.get(body="Second post").status == PostStatus.PUBLISHED


def test_rejecting_a_held_post(client, people, community):
    community.hold_first_posts = True
    community.save()
    newcomer = factories.UserFactory()
    factories.add_member(community, newcomer)
    discussion = factories.make_discussion(community, people["facilitator"])
    client.force_login(newcomer)
    client.post(f"{discussion.get_url()}reply/", {"body": "Cheap watches"})
    post = Post.objects.get(body="Cheap watches")
    assert post.status == PostStatus.HELD
    client.force_login(people["facilitator"])
    mail.outbox.clear()
    assert moderate(client, community, post, "reject", "Off topic").status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.DELETED and post.body == ""
    assert "Off topic" in mail.outbox[0].body and mail.outbox[0].to == [newcomer.email]
    assert ModerationAction.objects.filter(action="reject", post_id_recorded=post.pk).exists()


def test_site_administrators_moderate_every_community(client, people, community, thread):
    _discussion, spam = thread
    client.force_login(people["admin"])
    assert client.get(f"{community.url}moderation/").status_code == 200
    assert moderate(client, community, spam, "hide", "Spam").status_code == 302


def test_facilitators_of_another_community_cannot_moderate(client, people, community, thread):
    _discussion, spam = thread
    elsewhere = factories.make_community(visibility="open")
    stranger = factories.UserFactory()
    factories.add_member(elsewhere, stranger, role="facilitator")
    client.force_login(stranger)
    assert moderate(client, community, spam, "hide", "Spam").status_code == 403
    assert client.get(f"{community.url}moderation/").status_code == 403
    # Nor through their own community's address.
    assert moderate(client, elsewhere, spam, "hide", "Spam").status_code == 404
    spam.refresh_from_db()
    assert spam.status == PostStatus.PUBLISHED


def test_facilitators_set_first_post_holding_in_the_page_editor(client, people, community):
    client.force_login(people["facilitator"])
    response = client.get(f"/admin/pages/{community.pk}/edit/")
    assert response.status_code == 200
    assert 'name="hold_first_posts"' in response.content.decode()
