"""Announcements: written by facilitators on the site, kept on the community's pages and
emailed once to each active member who wants them, with privacy asked at send time."""

import re

import pytest
from django.core import mail
from django.test import Client

from communities.models import MembershipRole, MembershipState
from participation.models import Announcement, AnnouncementSent
from participation.services import announcements
from participation.tokens import ANNOUNCEMENTS, unsubscribe_token
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return {
        "facilitator": factories.UserFactory(first_name="Femi", last_name="Facilitator"),
        "member": factories.UserFactory(first_name="Mina", last_name="Member"),
        "other": factories.UserFactory(first_name="Omar", last_name="Other"),
        "outsider": factories.UserFactory(first_name="Nia", last_name="Outsider"),
    }


def community_with(people, visibility="private"):
    community = factories.make_community("Waste and recycling", visibility=visibility)
    factories.add_member(community, people["facilitator"], role=MembershipRole.FACILITATOR)
    factories.add_member(community, people["member"])
    factories.add_member(community, people["other"])
    factories.add_member(community, people["outsider"], state=MembershipState.REQUESTED)
    return community


@pytest.fixture
def community(people):
    return community_with(people)


def post(client, community, **data):
    return client.post(f"{community.url}announcements/new/", data)


def send(
    client,
    community,
    title="Meet-up in March",
    body="We meet on 3 March.\n\nSee https://example.org/agenda",
):
    return post(client, community, title=title, body=body, send="1")


def test_a_facilitator_posts_an_announcement_and_members_are_emailed_once(
    client, people, community, django_capture_on_commit_callbacks
):
    client.force_login(people["facilitator"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, community)
    announcement = Announcement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{community.url}announcements/{announcement.pk}/"
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(
        people[k].email for k in ("facilitator", "member", "other")
    )  # the requester is not a member yet
    message = mail.outbox[0]
    assert "Waste and recycling: Meet-up in March" in message.subject
    assert "We meet on 3 March." in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0][0]
    assert 'href="https://example.org/agenda" rel="nofollow ugc noopener"' in html
    assert announcement.sent_at is not None
    # Running the task again sends nothing twice.
    mail.outbox.clear()
    from participation.tasks import send_announcement

    send_announcement.call(announcement.pk)
    assert mail.outbox == []
    assert AnnouncementSent.objects.filter(announcement=announcement).count() == 3


def test_it_is_shown_on_the_community_home_list_and_its_own_page(
    client, people, community, django_capture_on_commit_callbacks
):
    client.force_login(people["facilitator"])
    with django_capture_on_commit_callbacks(execute=True):
        send(client, community, title="Older news")
        send(client, community, title="Newest news", body="Fresh.")
    client.force_login(people["member"])
    home = client.get(community.url).content.decode()
    assert "Newest news" in home and "Older news" not in home
    listing = client.get(f"{community.url}announcements/").content.decode()
    assert "Newest news" in listing and "Older news" in listing
    assert listing.index("Newest news") < listing.index("Older news")
    latest = Announcement.objects.get(title="Newest news")
    assert "Fresh." in client.get(f"{community.url}announcements/{latest.pk}/").content.decode()
    assert client.get(f"{community.url}announcements/999999/").status_code == 404


def test_non_members_of_a_private_community_see_nothing(
    client, people, community, django_capture_on_commit_callbacks
):
    client.force_login(people["facilitator"])
    with django_capture_on_commit_callbacks(execute=True):
        send(client, community, title="Secret wombat plans")
    announcement = Announcement.objects.get()
    for user in (None, people["outsider"]):
        client.logout()
        if user:
            client.force_login(user)
        for suffix in ("announcements/", f"announcements/{announcement.pk}/", "announcements/new/"):
            assert client.get(f"{community.url}{suffix}").status_code == 404, suffix
        assert "Secret wombat" not in client.get(community.url).content.decode()


def test_only_facilitators_may_write(client, people, community):
    client.force_login(people["member"])
    assert client.get(f"{community.url}announcements/new/").status_code == 403
    assert send(client, community).status_code == 403
    assert not Announcement.objects.exists()
    client.logout()
    assert client.get(f"{community.url}announcements/new/").status_code == 404  # private
    open_community = community_with(
        {**people, "facilitator": factories.UserFactory()}, visibility="open"
    )
    response = client.get(f"{open_community.url}announcements/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    # A facilitator of another community may not write here.
    client.force_login(open_community.facilitators().first())
    assert send(client, community).status_code == 404


def test_bad_input_shows_an_error_summary_and_changes_nothing(client, people, community):
    client.force_login(people["facilitator"])
    mail.outbox.clear()
    for data in (
        {"title": "", "body": "Text", "send": "1"},
        {"title": "Title", "body": "   ", "send": "1"},
        {"title": "x" * 151, "body": "Text", "send": "1"},
        {"title": "Title", "body": "x" * 5001, "preview": "1"},
    ):
        response = post(client, community, **data)
        assert response.status_code == 400, data
        body = response.content.decode()
        assert "govuk-error-summary" in body and "<title>Error:" in body
    assert not Announcement.objects.exists() and mail.outbox == []


def test_preview_shows_it_and_sends_nothing(client, people, community):
    client.force_login(people["facilitator"])
    mail.outbox.clear()
    response = post(client, community, title="Draft **title**", body="Hello **all**", preview="1")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Check your announcement" in body and "<strong>all</strong>" in body
    assert 'name="send"' in body
    assert not Announcement.objects.exists() and mail.outbox == []
    changed = post(client, community, title="Draft", body="Hello", edit="1")
    assert changed.status_code == 200 and "Make an announcement" in changed.content.decode()


def test_email_preferences_are_respected(
    client, people, community, django_capture_on_commit_callbacks
):
    announcements.announcements_set(user=people["other"], wanted=False)
    client.force_login(people["facilitator"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send(client, community)
    assert people["other"].email not in [m.to[0] for m in mail.outbox]
    assert people["member"].email in [m.to[0] for m in mail.outbox]


def test_the_preference_is_on_the_following_page(client, people):
    client.force_login(people["member"])
    body = client.get("/following/").content.decode()
    assert (
        'name="announcements"' in body
        and 'value="yes" checked' in body.replace("\n", " ")
        or 'value="yes"' in body
    )
    client.post("/following/preferences/", {"frequency": "daily", "announcements": "no"})
    assert announcements.announcements_wanted(people["member"]) is False
    client.post("/following/preferences/", {"frequency": "daily"})  # left out: unchanged
    assert announcements.announcements_wanted(people["member"]) is False
    client.post("/following/preferences/", {"frequency": "daily", "announcements": "yes"})
    assert announcements.announcements_wanted(people["member"]) is True


def _unsubscribe_link(message):
    return re.search(r"Unsubscribe from announcements: (\S+)", message.body).group(1)


def test_the_unsubscribe_link_turns_off_announcements_only(
    client, people, community, django_capture_on_commit_callbacks
):
    from participation.services.notifications import frequency_of

    client.force_login(people["facilitator"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send(client, community)
    message = next(m for m in mail.outbox if m.to == [people["member"].email])
    link = _unsubscribe_link(message)
    path = link.split("://", 1)[1].split("/", 1)[1]
    anonymous = Client()
    page = anonymous.get(f"/{path}")
    assert page.status_code == 200 and "announcements" in page.content.decode()
    assert announcements.announcements_wanted(people["member"])  # a GET changes nothing
    done = anonymous.post(f"/{path}")
    assert "no more announcements" in done.content.decode()
    assert not announcements.announcements_wanted(people["member"])
    assert frequency_of(people["member"]) == "weekly"  # digests untouched
    # One-click from the header, without a CSRF token.
    one_click = message.extra_headers["List-Unsubscribe"].strip("<>")
    other = unsubscribe_token(people["other"], ANNOUNCEMENTS)
    assert one_click.endswith("/one-click/")
    response = Client(enforce_csrf_checks=True).post(f"/unsubscribe/{other}/one-click/")
    assert response.status_code == 200
    assert not announcements.announcements_wanted(people["other"])
    tampered = Client(enforce_csrf_checks=True).post(f"/unsubscribe/{other[:-3]}abc/one-click/")
    assert tampered.status_code == 400


def test_a_member_removed_before_sending_gets_nothing(people, community):
    announcement = Announcement.objects.create(
        community=community, author=people["facilitator"], title="Later", body="Text"
    )
    membership = community.memberships.get(user=people["member"])
    membership.state = MembershipState.REMOVED
    membership.save()
    mail.outbox.clear()
    result = announcements.announcement_send(announcement_id=announcement.pk)
    assert result.sent == 2
    assert people["member"].email not in [m.to[0] for m in mail.outbox]


def test_an_inactive_account_or_unpublished_community_gets_nothing(people, community):
    announcement = Announcement.objects.create(
        community=community, author=people["facilitator"], title="Later", body="Text"
    )
    people["other"].is_active = False
    people["other"].save()
    mail.outbox.clear()
    announcements.announcement_send(announcement_id=announcement.pk)
    assert people["other"].email not in [m.to[0] for m in mail.outbox]
    second = Announcement.objects.create(community=community, title="Gone", body="Text")
    community.unpublish()
    mail.outbox.clear()
    assert announcements.announcement_send(announcement_id=second.pk).sent == 0
    assert mail.outbox == []


def test_script_in_an_announcement_is_shown_as_text(
    client, people, community, django_capture_on_commit_callbacks
):
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))"
    client.force_login(people["facilitator"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send(client, community, title=payload, body=payload)
    announcement = Announcement.objects.get()
    for url in (
        community.url,
        f"{community.url}announcements/",
        f"{community.url}announcements/{announcement.pk}/",
    ):
        body = client.get(url).content.decode()
        assert "<script>alert(1)" not in body and "<img src=x" not in body, url
        assert 'href="javascript:' not in body
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>alert(1)" not in html and "<img src=x" not in html


def test_csrf_is_required_to_post(people, community):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["facilitator"])
    response = send(client, community)
    assert response.status_code == 403
    assert not Announcement.objects.exists()


def test_the_community_page_queries_do_not_grow_with_announcements(client, people, community):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people["member"])

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    Announcement.objects.create(
        community=community, author=people["facilitator"], title="A", body="a"
    )
    home, listing = count(community.url), count(f"{community.url}announcements/")
    for n in range(6):
        Announcement.objects.create(
            community=community, author=factories.UserFactory(), title=f"T{n}", body="b"
        )
    assert count(community.url) == home
    assert count(f"{community.url}announcements/") == listing
