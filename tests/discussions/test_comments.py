"""Questions and notes on case studies: who may comment, who is told, one level of replies."""

import pytest
from django.core import mail

from discussions.models import Post, PostStatus
from tests import factories
from tests.discussions.conftest import join

pytestmark = pytest.mark.django_db


@pytest.fixture
def study(people, community):
    author = factories.UserFactory(first_name="Ari", last_name="Author")
    contact = factories.UserFactory(first_name="Cai", last_name="Contact")
    factories.add_member(community, author)
    case_study = factories.make_case_study(community, title="Shared food waste rounds")
    case_study.owner = author
    case_study.save()
    case_study.contacts.add(contact)
    case_study.save_revision(user=author).publish()
    return case_study, author, contact


def comment(client, case_study, body="How much did it cost?", kind="question", **extra):
    return client.post(f"{case_study.url}comments/", {"kind": kind, "body": body, **extra})


def test_a_member_asks_and_the_authors_and_contacts_are_told(client, people, study):
    case_study, author, contact = study
    client.force_login(people["outsider"])  # any approved member of the site may comment
    mail.outbox.clear()
    response = comment(client, case_study)
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{case_study.url}#comment-{post.pk}"
    assert post.kind == "question" and post.community_id == case_study.get_parent().pk
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([author.email, contact.email])
    assert "How much did it cost?" in mail.outbox[0].body
    assert mail.outbox[0].subject.endswith("A question about Shared food waste rounds")
    body = client.get(case_study.url).content.decode()
    assert "How much did it cost?" in body and "Question for the authors" in body


def test_comment_emails_carry_html_unsubscribe_and_preferences(client, people, study):
    case_study, author, contact = study
    client.force_login(people["outsider"])
    mail.outbox.clear()
    comment(client, case_study, body="Cost?\n\n<script>alert(1)</script> **really**")
    [message] = [m for m in mail.outbox if m.to == [author.email]]
    html = message.alternatives[0][0]
    assert "<strong>really</strong>" in html and "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    post = Post.objects.get()
    assert f"http://testserver{case_study.url}#comment-{post.pk}" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = message.extra_headers["List-Unsubscribe"].strip("<>")
    for body in (message.body, html):
        assert "http://testserver/following/" in body and "/unsubscribe/" in body
    # The one-click link turns these emails off: the next comment tells the contact only.
    assert client.post(one_click.removeprefix("http://testserver")).status_code == 200
    mail.outbox.clear()
    comment(client, case_study, body="And the timescale?")
    assert [m.to for m in mail.outbox] == [[contact.email]]


def test_replies_are_one_level_deep_and_tell_the_commenter(client, people, study):
    case_study, author, _contact = study
    question = factories.make_comment(case_study, people["member"], kind="question")
    client.force_login(author)
    mail.outbox.clear()
    response = client.post(
        f"{case_study.url}comments/", {"parent": question.pk, "body": "About £40,000."}
    )
    assert response.status_code == 302
    reply = Post.objects.get(body="About £40,000.")
    assert reply.parent == question and reply.kind == ""
    assert people["member"].email in [m.to[0] for m in mail.outbox]
    response = client.post(f"{case_study.url}comments/", {"parent": reply.pk, "body": "Deeper"})
    assert response.status_code == 409
    assert "only reply to a comment" in response.content.decode()
    assert not Post.objects.filter(body="Deeper").exists()
    body = client.get(case_study.url).content.decode()
    assert body.index("A comment.") < body.index("About £40,000.")


def test_comment_errors_keep_the_text(client, people, study):
    case_study, _author, _contact = study
    client.force_login(people["member"])
    response = comment(client, case_study, body="Kept text", kind="")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose whether this is a question or a note" in body and "Kept text" in body
    response = comment(client, case_study, body="")
    assert response.status_code == 400 and "Enter your comment" in response.content.decode()
    assert not Post.objects.exists()


def test_replying_to_a_hidden_comment_is_refused(client, people, study):
    case_study, _author, _contact = study
    hidden = factories.make_comment(
        case_study, people["other"], status=PostStatus.HIDDEN, status_reason="Rude"
    )
    client.force_login(people["member"])
    response = client.post(f"{case_study.url}comments/", {"parent": hidden.pk, "body": "Hm"})
    assert response.status_code == 409
    assert "not published" in response.content.decode()
    assert Post.objects.count() == 1


def test_who_may_comment(client, people):
    wrong = []
    for visibility in ("open", "restricted", "private", "hidden"):
        community = join(factories.make_community(visibility=visibility), people)
        case_study = factories.make_case_study(community)
        for kind, expected in (
            ("anonymous", 302 if visibility == "open" else 404),
            ("outsider", 302 if visibility in ("open", "restricted") else 404),
            ("member", 302),
            ("facilitator", 302),
            ("admin", 302),
        ):
            client.logout()
            if kind != "anonymous":
                client.force_login(people[kind])
            before = Post.objects.count()
            response = comment(client, case_study, body=f"{kind} {visibility}")
            created = Post.objects.count() - before
            if response.status_code != expected or created != (
                kind != "anonymous" and expected == 302
            ):
                wrong.append(f"{kind} {visibility}: {response.status_code}, created {created}")
            if kind == "anonymous" and expected == 302:
                assert "/accounts/login/" in response["Location"]
    assert not wrong, wrong


def test_unapproved_members_of_the_site_cannot_comment(client, study):
    case_study, _author, _contact = study
    unapproved = factories.UserFactory(approved=False)
    client.force_login(unapproved)
    assert comment(client, case_study).status_code == 403
    assert not Post.objects.exists()


def test_get_on_the_comment_route_changes_nothing(client, people, study):
    case_study, _author, _contact = study
    client.force_login(people["member"])
    assert (
        client.get(f"{case_study.url}comments/", {"kind": "note", "body": "x"}).status_code == 405
    )
    assert not Post.objects.exists()


def test_comments_are_moderated_through_the_community(client, people, community, study):
    case_study, _author, _contact = study
    note = factories.make_comment(case_study, people["other"], body="Rude remark")
    client.force_login(people["member"])
    assert (
        client.post(f"{community.url}posts/{note.pk}/report/", {"reason": "Rude"}).status_code
        == 302
    )
    client.force_login(people["facilitator"])
    response = client.post(
        f"{community.url}posts/{note.pk}/moderate/", {"action": "hide", "reason": "Be kind"}
    )
    assert response.status_code == 302
    client.logout()
    body = client.get(case_study.url).content.decode()
    assert "Rude remark" not in body and "hidden by a facilitator" in body


def test_comments_on_a_held_community_wait_for_approval(client, people, community, study):
    case_study, author, _contact = study
    community.hold_first_posts = True
    community.save()
    client.force_login(people["outsider"])
    mail.outbox.clear()
    comment(client, case_study, body="First time here")
    post = Post.objects.get()
    assert post.status == PostStatus.HELD
    assert [m.to[0] for m in mail.outbox] == [people["facilitator"].email]  # not the authors
    client.force_login(author)
    assert "First time here" not in client.get(case_study.url).content.decode()
    client.force_login(people["facilitator"])
    mail.outbox.clear()
    client.post(f"{community.url}posts/{post.pk}/moderate/", {"action": "approve"})
    assert author.email in [m.to[0] for m in mail.outbox]


def test_comment_emails_go_only_to_who_may_read_the_case_study_where_it_is_now(
    client, people, community, study
):
    """Recipients are checked against the case study as it is when the comment is
    published (moved to a private community, or unpublished), not the community the
    comment was written in."""
    from discussions.services import comment_recipients

    case_study, author, contact = study
    client.force_login(people["outsider"])
    comment(client, case_study, body="Did it work?")
    post = Post.objects.get()
    assert {person.pk for person in comment_recipients(post)} == {author.pk, contact.pk}
    private = factories.make_community("Police data sharing", visibility="private")
    factories.add_member(private, author)
    case_study.move(private, pos="last-child")
    post = Post.objects.get()
    assert [person.pk for person in comment_recipients(post)] == [author.pk]
    case_study.refresh_from_db()
    case_study.unpublish()
    assert comment_recipients(Post.objects.get()) == []
