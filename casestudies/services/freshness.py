"""Keeping case studies current: review reminders, overdue lists and "mark as reviewed".

A live case study whose `review_by` date has passed is overdue. The daily job
(`send_review_reminders`, run by cron through `manage.py send_review_reminders` or queued
as a task) emails the person responsible once, and once more 14 days later if it is still
overdue; never more for the same review-by date. Sends are recorded in `ReviewReminder`,
one row per page and review-by date, so running the job twice sends nothing twice and a new
review-by date starts afresh.

Marking a case study as reviewed moves its review-by date 12 months on without publishing a
new revision, so the page's "last updated" date stays as it was.

The current time comes from `current_time()`, which tests replace to fix the clock.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Revision

from casestudies.models import CaseStudyPage, ReviewReminder
from casestudies.selectors import visible_case_studies
from communities.models import CommunityPage, MembershipRole, MembershipState, User
from communities.selectors import can_manage_community, can_read_community, community_of_page
from communities.services.mail import email_send
from cop import pagecache

REMINDER_AFTER = dt.timedelta(days=14)
REVIEW_PERIOD_MONTHS = 12
MARK_REVIEWED_ACTION = "casestudies.mark_reviewed"

logger = logging.getLogger(__name__)


def current_time() -> dt.datetime:
    return timezone.now()


def today() -> dt.date:
    return timezone.localdate(current_time())


def is_overdue(page: CaseStudyPage, *, on: dt.date | None = None) -> bool:
    """The review-by date has passed (a case study is due on the day itself, overdue after)."""
    return page.review_by is not None and page.review_by < (on or today())


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the last day of the month when that day does not exist."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover: every month has a 28th


def _absolute(path: str) -> str:
    """An address on the site, for emails (SITE_URL, read into WAGTAILADMIN_BASE_URL)."""
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def page_address(page) -> str:
    _site_id, _root_url, path = page.get_url_parts()
    return _absolute(path)


# Who is responsible --------------------------------------------------------------------------


def review_recipients(page: CaseStudyPage, community: CommunityPage | None) -> list[User]:
    """Who is told a case study is overdue: its review owner, or else its page owner, or
    else (when neither is an active member who can still read it) the community's
    facilitators."""
    for person in (page.review_owner, page.owner):
        if (
            person is not None
            and person.is_active
            and person.email
            and (community is None or can_read_community(person, community))
        ):
            return [person]
    if community is None:
        return []
    return list(
        User.objects.filter(
            memberships__community=community,
            memberships__state=MembershipState.ACTIVE,
            memberships__role=MembershipRole.FACILITATOR,
            is_active=True,
        )
        .exclude(email="")
        .order_by("pk")
        .distinct()
    )


def can_mark_reviewed(user, page: CaseStudyPage, community: CommunityPage | None = None) -> bool:
    """The review owner, the contacts, the page owner, the community's facilitators and site
    administrators may mark a case study as reviewed (if they may read it)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    community = community or community_of_page(page)
    if community is None or not can_read_community(user, community):
        return False
    if user.is_superuser or user.pk in (page.review_owner_id, page.owner_id):
        return True
    if any(contact.pk == user.pk for contact in page.contact_list()):
        return True
    return can_manage_community(user, community)


# Reminders -------------------------------------------------------------------------------


@dataclass
class ReminderRun:
    """What one run of the job did."""

    first_emails: int = 0
    follow_up_emails: int = 0
    case_studies: int = 0
    failed: int = 0

    def __str__(self):
        text = (
            f"Reminded about {self.case_studies} case stud"
            f"{'y' if self.case_studies == 1 else 'ies'}: {self.first_emails} first "
            f"email(s), {self.follow_up_emails} follow-up email(s)."
        )
        if self.failed:
            text += f" {self.failed} could not be sent and will be tried again next run."
        return text


def overdue_for_reminders(*, on: dt.date):
    return (
        CaseStudyPage.objects.live()
        .filter(review_by__lt=on)
        .select_related("review_owner", "owner")
        .order_by("review_by", "pk")
    )


def _send(page, *, community, recipients, follow_up: bool) -> int:
    context = {
        "page": page,
        "community": community,
        "url": page_address(page),
        "edit_url": _absolute(reverse("wagtailadmin_pages:edit", args=[page.pk])),
        "follow_up": follow_up,
        "months": REVIEW_PERIOD_MONTHS,
    }
    subject = f"{'Reminder: ' if follow_up else ''}Please review {page.title}"
    for person in recipients:
        email_send(
            to=[person.email],
            subject=subject,
            template="casestudies/email/review_due.txt",
            context={
                **context,
                "person": person,
                "as_facilitator": person.pk not in (page.review_owner_id, page.owner_id),
            },
        )
    return len(recipients)


@transaction.atomic
def _remind(page, *, now, on) -> tuple[bool, int]:
    """Send what is due for one overdue page; returns (follow-up?, emails sent)."""
    reminder = (
        ReviewReminder.objects.select_for_update()
        .filter(page=page, review_by=page.review_by)
        .first()
    )
    follow_up = reminder is not None
    if follow_up and (
        reminder.reminder_sent_at is not None
        or on < timezone.localdate(reminder.first_sent_at) + REMINDER_AFTER
    ):
        return follow_up, 0
    community = community_of_page(page)
    recipients = review_recipients(page, community)
    if not recipients:
        return follow_up, 0  # nobody to tell; nothing recorded, so the next run looks again
    if follow_up:
        reminder.reminder_sent_at = now
        reminder.save(update_fields=["reminder_sent_at"])
    else:
        # The row is written before anything is sent: if another run got here at the same
        # moment, the unique constraint stops this one first.
        ReviewReminder.objects.create(page=page, review_by=page.review_by, first_sent_at=now)
    return follow_up, _send(page, community=community, recipients=recipients, follow_up=follow_up)


def send_review_reminders(*, now: dt.datetime | None = None) -> ReminderRun:
    """Email about every overdue live case study: once, then once more 14 days later."""
    now = now or current_time()
    on = timezone.localdate(now)
    run = ReminderRun()
    for page in overdue_for_reminders(on=on):
        try:
            follow_up, sent = _remind(page, now=now, on=on)
        except IntegrityError:
            continue  # another run is sending this one
        except Exception:
            # Nothing is recorded for this page, so the next run tries again.
            logger.exception("Could not send the review reminder for page %s", page.pk)
            run.failed += 1
            continue
        if sent:
            run.case_studies += 1
            if follow_up:
                run.follow_up_emails += sent
            else:
                run.first_emails += sent
    return run


# The overdue list for facilitators ------------------------------------------------------------


def overdue_in_community(*, user, community: CommunityPage, on: dt.date | None = None):
    """The community's live case studies past their review-by date, oldest first, with the
    reminders sent for that date (`first_reminder_at`, `second_reminder_at`)."""
    reminders = ReviewReminder.objects.filter(page=OuterRef("pk"), review_by=OuterRef("review_by"))
    return (
        visible_case_studies(user)
        .descendant_of(community)
        .filter(review_by__lt=on or today())
        .select_related("review_owner")
        .annotate(
            first_reminder_at=Subquery(reminders.values("first_sent_at")[:1]),
            second_reminder_at=Subquery(reminders.values("reminder_sent_at")[:1]),
        )
        .order_by("review_by", "title")
    )


# Marking as reviewed ----------------------------------------------------------------------


class NotAllowed(Exception):
    """The user may not mark this case study as reviewed."""


@transaction.atomic
def case_study_mark_reviewed(
    *, page: CaseStudyPage, user, now: dt.datetime | None = None
) -> dt.date:
    """Record a review and move the review-by date 12 months on from today.

    Changes the live row and the latest revision only: no new revision is published, so
    "last updated" stays as it was, and a later publish from the editor keeps the new date.
    Returns the new review-by date.
    """
    if not can_mark_reviewed(user, page):
        raise NotAllowed
    now = now or current_time()
    review_by = months_later(timezone.localdate(now), REVIEW_PERIOD_MONTHS)
    CaseStudyPage.objects.filter(pk=page.pk).update(last_reviewed_at=now, review_by=review_by)
    pagecache.bump()  # the page shows the review date; update() sends no signal
    revision = Revision.objects.select_for_update().filter(pk=page.latest_revision_id).first()
    if revision is not None:
        revision.content["last_reviewed_at"] = now.astimezone(dt.UTC)
        revision.content["review_by"] = review_by
        revision.save(update_fields=["content"])
    page.last_reviewed_at, page.review_by = now, review_by
    log(instance=page, action=MARK_REVIEWED_ACTION, user=user)
    return review_by
