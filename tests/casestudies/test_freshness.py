"""Freshness of case studies: reminder emails, the "may be out of date" notice, marking as
reviewed, and the overdue list on a community's manage page. The clock is fixed."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from casestudies.models import CaseStudyPage, ReviewReminder
from casestudies.services import freshness
from casestudies.tasks import send_review_reminders as reminders_task
from communities.models import MembershipRole, MembershipState
from tests import factories

pytestmark = pytest.mark.django_db

REVIEW_BY = dt.date(2025, 3, 10)


def at(day: dt.date, hour=7, minute=0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def clock(monkeypatch):
    """A settable clock for the freshness service (and the views that ask it)."""

    class Clock:
        now = at(REVIEW_BY + dt.timedelta(days=1), hour=9)

        def set(self, value):
            self.now = value if isinstance(value, dt.datetime) else at(value, hour=9)

    clock = Clock()
    monkeypatch.setattr(freshness, "current_time", lambda: clock.now)
    return clock


@pytest.fixture
def people(open_community):
    facilitator = factories.UserFactory(first_name="Fay")
    factories.add_member(open_community, facilitator, role=MembershipRole.FACILITATOR)
    owner, review_owner, contact, other = (
        factories.UserFactory(first_name=name) for name in ("Olu", "Rita", "Cai", "Mo")
    )
    for person in (owner, review_owner, contact, other):
        factories.add_member(open_community, person)
    return {
        "facilitator": facilitator,
        "owner": owner,
        "review_owner": review_owner,
        "contact": contact,
        "other": other,
    }


def case_study(community, *, owner=None, review_owner=None, review_by=REVIEW_BY, contacts=(), **kw):
    page = factories.make_case_study(
        community, owner=owner, review_owner=review_owner, review_by=review_by, **kw
    )
    if contacts:
        page.contacts.set(contacts)
        page.save_revision().publish()
    return CaseStudyPage.objects.get(pk=page.pk)


@pytest.fixture
def study(open_community, people):
    return case_study(
        open_community,
        title="Chatbot for bin collections",
        owner=people["owner"],
        review_owner=people["review_owner"],
        contacts=[people["contact"]],
    )


def run(clock, day, hour=7):
    clock.set(at(day, hour=hour))
    return freshness.send_review_reminders()


def recipients():
    return [message.to for message in mail.outbox]


# Reminder emails ---------------------------------------------------------------------------


def test_nothing_is_sent_on_the_review_by_date_itself(clock, study):
    assert run(clock, REVIEW_BY).first_emails == 0
    assert mail.outbox == []


def test_first_email_the_day_after_then_one_reminder_after_14_days_and_never_more(
    clock, study, people
):
    first = run(clock, REVIEW_BY + dt.timedelta(days=1))
    assert (first.case_studies, first.first_emails, first.follow_up_emails) == (1, 1, 0)
    assert recipients() == [[people["review_owner"].email]]
    message = mail.outbox[0]
    assert "Please review Chatbot for bin collections" in message.subject
    assert "Reminder" not in message.subject
    assert "Hello Rita," in message.body
    assert "was due for review by 10 March 2025" in message.body
    assert f"http://testserver{study.url}" in message.body
    assert f"http://testserver/admin/pages/{study.pk}/edit/" in message.body
    assert 'select "Mark as reviewed"' in message.body

    # The same day again, and every day up to two weeks: nothing more.
    assert run(clock, REVIEW_BY + dt.timedelta(days=1), hour=18).first_emails == 0
    for days in range(2, 15):
        result = run(clock, REVIEW_BY + dt.timedelta(days=days))
        assert result.first_emails == result.follow_up_emails == 0, days
    assert len(mail.outbox) == 1

    second = run(clock, REVIEW_BY + dt.timedelta(days=15))
    assert (second.first_emails, second.follow_up_emails) == (0, 1)
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject.endswith("Reminder: Please review Chatbot for bin collections")
    assert "A reminder: the case study" in mail.outbox[1].body

    for days in (15, 16, 29, 30, 100, 400):
        run(clock, REVIEW_BY + dt.timedelta(days=days))
    assert len(mail.outbox) == 2

    reminder = ReviewReminder.objects.get(page=study)
    assert reminder.review_by == REVIEW_BY
    assert reminder.first_sent_at == at(REVIEW_BY + dt.timedelta(days=1))
    assert reminder.reminder_sent_at == at(REVIEW_BY + dt.timedelta(days=15))


def test_the_reminder_counts_days_not_hours(clock, study):
    run(clock, REVIEW_BY + dt.timedelta(days=1), hour=23)
    # Fourteen days later, but earlier in the day than the first email: still sent.
    assert run(clock, REVIEW_BY + dt.timedelta(days=15), hour=6).follow_up_emails == 1


def test_a_new_review_by_date_starts_afresh(clock, study, people):
    run(clock, REVIEW_BY + dt.timedelta(days=1))
    run(clock, REVIEW_BY + dt.timedelta(days=15))
    assert len(mail.outbox) == 2

    # An editor publishes a new date, which passes in turn.
    new_date = REVIEW_BY + dt.timedelta(days=60)
    study.review_by = new_date
    study.save_revision().publish()
    assert run(clock, new_date).first_emails == 0
    assert run(clock, new_date + dt.timedelta(days=1)).first_emails == 1
    assert "was due for review by 9 May 2025" in mail.outbox[-1].body
    assert run(clock, new_date + dt.timedelta(days=15)).follow_up_emails == 1
    assert run(clock, new_date + dt.timedelta(days=40)).follow_up_emails == 0
    assert len(mail.outbox) == 4
    assert ReviewReminder.objects.filter(page=study).count() == 2


def test_publishing_a_revision_with_the_same_date_does_not_reset_the_reminders(clock, study):
    run(clock, REVIEW_BY + dt.timedelta(days=1))
    study.summary = "A new summary, but the same review date."
    study.save_revision().publish()
    assert run(clock, REVIEW_BY + dt.timedelta(days=2)).first_emails == 0


def test_a_reviewed_case_study_gets_no_reminder(clock, study, people):
    run(clock, REVIEW_BY + dt.timedelta(days=1))
    clock.set(REVIEW_BY + dt.timedelta(days=3))
    freshness.case_study_mark_reviewed(page=study, user=people["review_owner"])
    run(clock, REVIEW_BY + dt.timedelta(days=15))
    assert len(mail.outbox) == 1


def test_no_review_owner_falls_back_to_the_page_owner(clock, open_community, people):
    case_study(open_community, owner=people["owner"])
    run(clock, REVIEW_BY + dt.timedelta(days=1))
    assert recipients() == [[people["owner"].email]]


def test_inactive_people_are_skipped(clock, open_community, people):
    people["review_owner"].is_active = False
    people["review_owner"].save()
    case_study(open_community, owner=people["owner"], review_owner=people["review_owner"])
    run(clock, REVIEW_BY + dt.timedelta(days=1))
    assert recipients() == [[people["owner"].email]]


def test_with_nobody_responsible_the_facilitators_are_told(clock, open_community, people):
    second_facilitator = factories.UserFactory()
    factories.add_member(open_community, second_facilitator, role=MembershipRole.FACILITATOR)
    people["owner"].is_active = False
    people["owner"].save()
    case_study(open_community, owner=people["owner"])
    run(clock, REVIEW_BY + dt.timedelta(days=1))
    assert sorted(recipients()) == sorted(
        [[people["facilitator"].email], [second_facilitator.email]]
    )
    assert "because you facilitate" in mail.outbox[0].body


def test_someone_who_can_no_longer_read_the_community_is_not_told(clock, private_community):
    facilitator, former = factories.UserFactory(), factories.UserFactory()
    factories.add_member(private_community, facilitator, role=MembershipRole.FACILITATOR)
    factories.add_member(private_community, former, state=MembershipState.LEFT)
    case_study(private_community, owner=former, review_owner=former)
    run(clock, REVIEW_BY + dt.timedelta(days=1))
    assert recipients() == [[facilitator.email]]


def test_with_nobody_at_all_nothing_is_recorded(clock, open_community):
    page = case_study(open_community)
    assert run(clock, REVIEW_BY + dt.timedelta(days=1)).case_studies == 0
    assert not ReviewReminder.objects.filter(page=page).exists()


def test_drafts_and_current_case_studies_are_left_alone(clock, open_community, people):
    case_study(open_community, owner=people["owner"], review_by=REVIEW_BY + dt.timedelta(days=1))
    case_study(open_community, owner=people["owner"], review_by=None)
    draft = case_study(open_community, owner=people["owner"])
    draft.unpublish()
    assert run(clock, REVIEW_BY + dt.timedelta(days=1)).case_studies == 0
    assert mail.outbox == []


def test_the_task_and_the_command_run_the_same_job(clock, study, open_community, people):
    clock.set(at(REVIEW_BY + dt.timedelta(days=1)))
    result = reminders_task.enqueue()  # the test settings run tasks at once
    assert result.return_value == {
        "case_studies": 1,
        "first_emails": 1,
        "follow_up_emails": 0,
        "failed": 0,
    }
    case_study(open_community, owner=people["owner"])
    from io import StringIO

    out = StringIO()
    call_command("send_review_reminders", stdout=out)
    assert "Reminded about 1 case study: 1 first email(s), 0 follow-up email(s)." in (
        out.getvalue()
    )
    call_command("send_review_reminders", stdout=out)
    assert len(mail.outbox) == 2


def test_a_failed_send_is_not_recorded_and_is_tried_again(clock, study, monkeypatch):
    def broken(**kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(freshness, "email_send", broken)
    assert run(clock, REVIEW_BY + dt.timedelta(days=1)).failed == 1
    assert not ReviewReminder.objects.filter(page=study).exists()
    monkeypatch.undo()
    monkeypatch.setattr(freshness, "current_time", lambda: at(REVIEW_BY + dt.timedelta(days=2)))
    assert freshness.send_review_reminders().first_emails == 1


# The notice ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "shown"),
    [
        (REVIEW_BY - dt.timedelta(days=30), False),
        (REVIEW_BY, False),
        (REVIEW_BY + dt.timedelta(days=1), True),
        (REVIEW_BY + dt.timedelta(days=400), True),
    ],
)
def test_the_notice_shows_once_the_review_by_date_has_passed(client, clock, study, today, shown):
    clock.set(today)
    body = client.get(study.url).content.decode()
    assert ("May be out of date" in body) is shown
    assert ("was due for review by 10 March 2025" in body) is shown


def test_no_notice_without_a_review_date(client, clock, open_community):
    page = case_study(open_community, review_by=None)
    assert "May be out of date" not in client.get(page.url).content.decode()


def test_readers_see_the_notice_but_only_those_allowed_get_the_button(client, clock, study, people):
    body = client.get(study.url).content.decode()
    assert "May be out of date" in body and "Mark as reviewed" not in body

    client.force_login(people["other"])
    body = client.get(study.url).content.decode()
    assert "May be out of date" in body and "Mark as reviewed" not in body

    client.force_login(people["review_owner"])
    body = client.get(study.url).content.decode()
    assert body.count("Mark as reviewed") == 2  # in the notice and in the side panel
    assert f'action="{study.url}reviewed/"' in body
    assert "Review by 10 March 2025; not reviewed since it was published." in body


def test_the_side_panel_offers_an_early_review_when_not_yet_due(client, clock, study, people):
    clock.set(REVIEW_BY - dt.timedelta(days=10))
    client.force_login(people["owner"])
    body = client.get(study.url).content.decode()
    assert "May be out of date" not in body
    assert body.count("Mark as reviewed") == 1


# Marking as reviewed -----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "review_owner", "contact", "facilitator", "site_admin"])
def test_those_responsible_can_mark_as_reviewed(client, clock, study, people, who):
    user = factories.UserFactory(is_superuser=True) if who == "site_admin" else people[who]
    clock.set(at(dt.date(2025, 4, 2), hour=11))
    client.force_login(user)
    response = client.post(f"{study.url}reviewed/")
    assert response.status_code == 302 and response["Location"] == study.url
    study.refresh_from_db()
    assert study.review_by == dt.date(2026, 4, 2)
    assert study.last_reviewed_at == at(dt.date(2025, 4, 2), hour=11)

    body = client.get(study.url).content.decode()
    assert "Marked as reviewed. The next review is due by 2 April 2026." in body
    assert "govuk-notification-banner--success" in body
    assert "May be out of date" not in body
    assert "last reviewed 2 April 2025" in body


@pytest.mark.parametrize("who", ["other", "non_member", "anonymous"])
def test_others_who_can_read_it_are_refused(client, clock, study, people, who):
    if who == "other":
        client.force_login(people["other"])
    elif who == "non_member":
        client.force_login(factories.UserFactory())
    response = client.post(f"{study.url}reviewed/")
    assert response.status_code == 403
    study.refresh_from_db()
    assert study.review_by == REVIEW_BY and study.last_reviewed_at is None
    assert not PageLogEntry.objects.filter(action=freshness.MARK_REVIEWED_ACTION).exists()


@pytest.mark.parametrize("who", ["non_member", "anonymous", "former_owner"])
def test_those_who_cannot_read_it_get_404(client, clock, private_community, who):
    owner = factories.UserFactory()
    factories.add_member(private_community, owner, state=MembershipState.LEFT)
    page = case_study(private_community, owner=owner, review_owner=owner)
    if who == "non_member":
        client.force_login(factories.UserFactory())
    elif who == "former_owner":
        client.force_login(owner)
    assert client.post(f"{page.url}reviewed/").status_code == 404
    page.refresh_from_db()
    assert page.review_by == REVIEW_BY


def test_a_get_changes_nothing(client, clock, study, people):
    client.force_login(people["review_owner"])
    assert client.get(f"{study.url}reviewed/").status_code == 405
    study.refresh_from_db()
    assert study.review_by == REVIEW_BY and study.last_reviewed_at is None


def test_marking_as_reviewed_publishes_nothing_and_keeps_last_updated(client, clock, study, people):
    before = CaseStudyPage.objects.get(pk=study.pk)
    revisions = Revision.page_revisions.filter(object_id=str(study.pk)).count()
    clock.set(at(dt.date(2025, 4, 2), hour=11))
    client.force_login(people["contact"])
    client.post(f"{study.url}reviewed/")

    after = CaseStudyPage.objects.get(pk=study.pk)
    assert after.last_published_at == before.last_published_at
    assert after.latest_revision_created_at == before.latest_revision_created_at
    assert after.live_revision_id == before.live_revision_id
    assert after.latest_revision_id == before.latest_revision_id
    assert Revision.page_revisions.filter(object_id=str(study.pk)).count() == revisions
    body = client.get(study.url).content.decode()
    assert f"Last updated {timezone.localtime(before.last_published_at):%-d %B %Y}" in body

    # The latest revision carries the new dates, so publishing from the editor keeps them.
    revision = after.latest_revision
    assert revision.as_object().review_by == dt.date(2026, 4, 2)
    assert revision.as_object().last_reviewed_at == at(dt.date(2025, 4, 2), hour=11)
    draft = after.get_latest_revision_as_object()
    draft.summary = "Edited later in the admin."
    draft.save_revision().publish()
    after.refresh_from_db()
    assert after.review_by == dt.date(2026, 4, 2)
    assert after.summary == "Edited later in the admin."


def test_marking_as_reviewed_is_in_the_page_history(client, clock, study, people):
    # A community the facilitator cannot read: the admin's scope check (AdminScopeMiddleware)
    # answers 404 to every page when there is none, as `exclude(Q())` excludes nothing.
    factories.make_community("Not theirs", visibility="private")
    client.force_login(people["facilitator"])
    client.post(f"{study.url}reviewed/")
    entry = PageLogEntry.objects.get(page=study, action=freshness.MARK_REVIEWED_ACTION)
    assert entry.user == people["facilitator"]
    assert entry.message == "Marked as reviewed"
    history = client.get(f"/admin/pages/{study.pk}/history/")
    assert history.status_code == 200
    assert "Marked as reviewed" in history.content.decode()


def test_review_dates_move_on_twelve_months():
    assert freshness.months_later(dt.date(2025, 4, 2), 12) == dt.date(2026, 4, 2)
    assert freshness.months_later(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert freshness.months_later(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert freshness.months_later(dt.date(2025, 12, 15), 1) == dt.date(2026, 1, 15)


# The overdue list on the manage page ---------------------------------------------------------


def test_facilitators_see_the_overdue_case_studies_oldest_first(
    client, clock, open_community, people
):
    older = case_study(
        open_community,
        title="Older write-up",
        owner=people["owner"],
        review_owner=people["review_owner"],
        review_by=REVIEW_BY - dt.timedelta(days=40),
    )
    newer = case_study(
        open_community, title="Newer write-up", owner=people["owner"], review_by=REVIEW_BY
    )
    case_study(
        open_community, title="Current write-up", review_by=REVIEW_BY + dt.timedelta(days=30)
    )
    draft = case_study(open_community, title="Draft write-up", owner=people["owner"])
    draft.unpublish()
    elsewhere = factories.make_community("Elsewhere")
    case_study(elsewhere, title="Someone else's write-up", owner=people["owner"])

    run(clock, REVIEW_BY - dt.timedelta(days=39))  # the older one's first email
    run(clock, REVIEW_BY - dt.timedelta(days=25))  # and its reminder
    clock.set(REVIEW_BY + dt.timedelta(days=5))
    run(clock, REVIEW_BY + dt.timedelta(days=1))  # the newer one's first email

    client.force_login(people["facilitator"])
    body = client.get(f"{open_community.url}manage/").content.decode()
    assert "2 case studies are overdue for review." in body
    table = body[body.index('id="overdue"') :]
    assert table.index("Older write-up") < table.index("Newer write-up")
    assert f'href="{older.url}"' in table and f'href="{newer.url}"' in table
    assert "Current write-up" not in table and "Draft write-up" not in table
    assert "Someone else" not in table
    assert "29 January 2025" in table and "10 March 2025" in table
    assert people["review_owner"].display_name in table and "Not set" in table
    assert "2 (last on 13 February 2025)" in table
    assert "1 (on 11 March 2025)" in table


def test_the_manage_page_says_when_nothing_is_overdue(client, clock, open_community, people):
    case_study(open_community, review_by=REVIEW_BY + dt.timedelta(days=30))
    client.force_login(people["facilitator"])
    body = client.get(f"{open_community.url}manage/").content.decode()
    assert "No case studies are overdue for review." in body


def test_one_overdue_case_study_reads_naturally(client, clock, study, open_community, people):
    client.force_login(people["facilitator"])
    body = client.get(f"{open_community.url}manage/").content.decode()
    assert "1 case study is overdue for review." in body


def test_members_who_do_not_facilitate_cannot_see_the_list(client, clock, study, people):
    client.force_login(people["review_owner"])
    assert client.get(f"{study.get_parent().url}manage/").status_code == 403


def test_the_editor_preview_shows_the_notice_without_the_button(clock, study, people):
    draft = study.get_latest_revision_as_object()
    draft.summary = "A draft summary."
    response = draft.make_preview_request(
        preview_mode=draft.default_preview_mode,
        extra_request_attrs={"user": people["facilitator"]},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "A draft summary." in body
    assert "May be out of date" in body and "Mark as reviewed" not in body
