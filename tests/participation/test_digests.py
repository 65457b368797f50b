"""Digests with a fixed clock: content, no empty digests, no duplicates on a second run,
privacy at send time; immediate notifications; preview; preferences."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from casestudies.models import Lesson
from communities.models import MembershipRole, MembershipState
from participation.models import DigestSent, Frequency, NotificationSent
from participation.services import follows, notifications
from tests import factories
from tests.participation.conftest import NOW, published_at

pytestmark = pytest.mark.django_db

LAST_WEEK = NOW - dt.timedelta(days=5)  # Friday 10 April 2026
TWO_WEEKS_AGO = NOW - dt.timedelta(days=12)


@pytest.fixture
def world(db):
    author = factories.UserFactory(first_name="Ada", last_name="Author")
    reader = factories.UserFactory(first_name="Rae", last_name="Reader")
    open_community = factories.make_community("Channel shift", visibility="open")
    private = factories.make_community("Police data", visibility="private")
    for community in (open_community, private):
        factories.add_member(community, author)
        factories.add_member(community, reader)
    theme = factories.theme("Open data")
    return {
        "author": author,
        "reader": reader,
        "open": open_community,
        "private": private,
        "theme": theme,
    }


def _study(community, title, when, owner=None, **kwargs):
    return published_at(
        factories.make_case_study(community, title=title, owner=owner, **kwargs), when
    )


def test_weekly_digest_lists_last_weeks_case_studies_in_what_the_member_follows(clock, world):
    reader, author = world["reader"], world["author"]
    follows.follow_ensure(user=reader, target=world["open"])
    follows.follow_ensure(user=reader, target=world["theme"])
    _study(world["open"], "Chatbot for bins", LAST_WEEK, owner=author)
    themed = _study(factories.make_community(visibility="open"), "Open data portal", LAST_WEEK)
    themed.themes.add(world["theme"])
    themed.save()
    _study(world["open"], "Too old", TWO_WEEKS_AGO)
    _study(world["open"], "This week", NOW - dt.timedelta(hours=2))
    _study(world["private"], "Not followed", LAST_WEEK)

    run = notifications.digests_send(frequency=Frequency.WEEKLY)

    assert run.sent == 1 and run.period_start == dt.date(2026, 4, 6)
    [email] = mail.outbox
    assert email.to == [reader.email]
    assert email.subject == "[Practice Exchange] Your weekly digest: 2 new things"
    text, (html, mimetype) = email.body, email.alternatives[0]
    assert mimetype == "text/html"
    for body in (text, html):
        assert "Chatbot for bins" in body and "Open data portal" in body
        assert "Too old" not in body and "This week" not in body and "Not followed" not in body
        assert "http://testserver/following/" in body
        assert "http://testserver/unsubscribe/" in body
    assert email.extra_headers["List-Unsubscribe"].startswith("<http://testserver/unsubscribe/")
    assert email.extra_headers["List-Unsubscribe"].endswith("/one-click/>")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The author follows their own case study but is not told about their own work.
    assert not mail.outbox[1:]


def test_a_second_run_sends_nothing_again(clock, world):
    follows.follow_ensure(user=world["reader"], target=world["open"])
    _study(world["open"], "Chatbot for bins", LAST_WEEK)
    first = notifications.digests_send(frequency=Frequency.WEEKLY)
    second = notifications.digests_send(frequency=Frequency.WEEKLY)
    call_command("send_digests", "--frequency", "weekly", stdout=__import__("io").StringIO())
    assert (first.sent, second.sent, second.already_sent) == (1, 0, 1)
    assert len(mail.outbox) == 1
    assert DigestSent.objects.count() == 1


def test_empty_digests_are_not_sent(clock, world):
    follows.follow_ensure(user=world["reader"], target=world["open"])
    _study(world["private"], "Elsewhere", LAST_WEEK)  # activity, but not in what they follow
    run = notifications.digests_send(frequency=Frequency.WEEKLY)
    assert run.sent == 0 and run.empty == 1
    assert not mail.outbox and not DigestSent.objects.exists()


def test_privacy_is_checked_at_send_time(clock, world):
    reader = world["reader"]
    follows.follow_ensure(user=reader, target=world["private"])
    follows.follow_ensure(user=reader, target=world["open"])
    _study(world["private"], "Police data sharing", LAST_WEEK)
    _study(world["open"], "Open news", LAST_WEEK)
    # Removed from the private community after it was published, before the digest goes.
    from communities.models import Membership
    from communities.services.membership import community_sync_access

    Membership.objects.filter(user=reader, community=world["private"]).update(
        state=MembershipState.REMOVED
    )
    community_sync_access(community=world["private"])

    notifications.digests_send(frequency=Frequency.WEEKLY)
    [email] = mail.outbox
    assert "Open news" in email.body and "Police data sharing" not in email.body
    assert "Police data sharing" not in email.alternatives[0][0]


def test_daily_digest_covers_yesterday_only(clock, world):
    reader = world["reader"]
    notifications.preference_set(user=reader, frequency=Frequency.DAILY)
    follows.follow_ensure(user=reader, target=world["open"])
    _study(world["open"], "Yesterday's", NOW - dt.timedelta(days=1))
    _study(world["open"], "Day before", NOW - dt.timedelta(days=2))
    assert notifications.digests_send(frequency=Frequency.WEEKLY).sent == 0  # not weekly
    run = notifications.digests_send(frequency=Frequency.DAILY)
    assert run.sent == 1 and run.period_start == dt.date(2026, 4, 14)
    assert "Yesterday's" in mail.outbox[0].body and "Day before" not in mail.outbox[0].body


def test_members_who_turned_emails_off_get_no_digest(clock, world):
    reader = world["reader"]
    follows.follow_ensure(user=reader, target=world["open"])
    notifications.preference_set(user=reader, frequency=Frequency.OFF)
    _study(world["open"], "Chatbot", LAST_WEEK)
    assert notifications.digests_send(frequency=Frequency.WEEKLY).sent == 0
    assert not mail.outbox


def test_new_lessons_on_a_published_case_study_are_news_but_other_edits_are_not(clock, world):
    reader, author = world["reader"], world["author"]
    study = _study(world["open"], "Chatbot", TWO_WEEKS_AGO, owner=author)
    follows.follow_ensure(user=reader, target=study)
    # An edit with no new lesson: nothing to tell.
    study.summary = "A better summary."
    study.change_note = "Fixed a typo"
    study.save_revision().publish()
    # An edit that adds a lesson: news.
    study.lessons.add(Lesson(kind="advice", category="people", text="Bring the call centre in."))
    study.save_revision().publish()
    study.refresh_from_db()
    when = study.last_published_at
    clock.set(when + dt.timedelta(days=7))
    items = notifications.activity.items_between(when - dt.timedelta(hours=1), clock.now)
    assert [item.kind for item in items] == ["lesson"]
    digest = notifications.digest_for(reader, items=items)
    [(label, [item])] = digest.sections
    assert label == "New lessons" and item.summary == "Bring the call centre in."


def test_immediate_notifications_go_once_each(clock, world, django_capture_on_commit_callbacks):
    reader = world["reader"]
    notifications.preference_set(user=reader, frequency=Frequency.IMMEDIATE)
    follows.follow_ensure(user=reader, target=world["open"])
    with django_capture_on_commit_callbacks(execute=True):  # the task runs once committed
        study = factories.make_case_study(world["open"], title="Chatbot for bins")
    [email] = mail.outbox
    assert email.subject == "[Practice Exchange] New: Chatbot for bins"
    assert "Chatbot for bins" in email.alternatives[0][0]
    assert "List-Unsubscribe" in email.extra_headers
    notifications.activity_announce(item_keys=[f"case_study:{study.pk}"])  # run again
    assert len(mail.outbox) == 1
    assert NotificationSent.objects.filter(user=reader).count() == 1
    # Weekly readers are not told at once.
    other = factories.UserFactory()
    follows.follow_ensure(user=other, target=world["open"])
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_case_study(world["open"], title="Second")
    assert [m.to for m in mail.outbox[1:]] == [[reader.email]]


def test_immediate_notifications_respect_privacy(clock, world):
    outsider = factories.UserFactory()
    notifications.preference_set(user=outsider, frequency=Frequency.IMMEDIATE)
    follows.Follow.objects.create(user=outsider, kind="theme", object_id=world["theme"].pk)
    study = factories.make_case_study(world["private"], title="Private thing")
    study.themes.add(world["theme"])
    study.save()
    notifications.activity_announce(item_keys=[f"case_study:{study.pk}"])
    assert not mail.outbox


def test_digest_preview_shows_the_members_next_digest(client, clock, world):
    reader = world["reader"]
    follows.follow_ensure(user=reader, target=world["open"])
    _study(world["open"], "This week's news", NOW - dt.timedelta(days=1))
    _study(world["open"], "Last week's", LAST_WEEK)
    client.force_login(reader)
    page = client.get("/digest/preview/").content.decode()
    assert "This week&#x27;s news" in page and "Last week" not in page
    notifications.preference_set(user=reader, frequency=Frequency.DAILY)
    page = client.get("/digest/preview/").content.decode()
    assert "This week" not in page and "Nothing new yet" in page


def test_preferences_form(client, member):
    client.force_login(member)
    assert 'value="weekly" checked' in client.get("/following/").content.decode()
    response = client.post("/following/preferences/", {"frequency": "daily"})
    assert response.status_code == 302
    assert notifications.frequency_of(member) == Frequency.DAILY
    response = client.post("/following/preferences/", {"frequency": "hourly"})
    assert response.status_code == 200
    assert "Choose one of the options." in response.content.decode()
    assert notifications.frequency_of(member) == Frequency.DAILY


def test_send_digests_command_and_task(clock, world):
    from io import StringIO

    from participation.tasks import send_digests

    follows.follow_ensure(user=world["reader"], target=world["open"])
    _study(world["open"], "Chatbot", NOW - dt.timedelta(days=1))
    out = StringIO()
    call_command("send_digests", "--frequency", "daily", stdout=out)
    assert "0 sent" in out.getvalue()  # they chose weekly
    result = send_digests.enqueue("weekly")
    assert result.return_value["sent"] == 0  # "yesterday" is this week, not last week
    call_command("send_digests", "--frequency", "daily", "--enqueue", stdout=out)
    assert "Queued" in out.getvalue()


def test_facilitator_role_does_not_matter_only_reading(clock, world):
    facilitator = factories.UserFactory()
    factories.add_member(world["private"], facilitator, role=MembershipRole.FACILITATOR)
    follows.follow_ensure(user=facilitator, target=world["private"])
    _study(world["private"], "Inside", LAST_WEEK)
    assert notifications.digests_send(frequency=Frequency.WEEKLY).sent == 1
