"""Announcements: a community's facilitators write one on the site; it is kept on the
community's pages and emailed once to each of its active members who have not turned
announcements off (EmailPreference.announcements; no row means yes).

Writing checks who may (the community's facilitators and site administrators) and stores
the text as typed, cleaned like other members' text (participation/text.py); it is shown
in the discussions' post format (the `post_text` filter), which escapes everything.

Sending happens in a background task (participation.tasks.send_announcement), queued when
the writing transaction commits. Each member is asked at send time: still an active member
of the community, still able to read it, still wanting announcements, an address to send
to. Each send is recorded (`AnnouncementSent`, one row per announcement and member) in the
same transaction that sends it, so running the task twice sends nothing twice, and a
failed send is tried again by the next run.
"""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from communities.models import MembershipState, User
from communities.selectors import can_manage_community, can_read_community
from participation.mail import absolute, email_send_to_member
from participation.models import Announcement, AnnouncementSent, EmailPreference
from participation.text import plain_text
from participation.tokens import ANNOUNCEMENTS

logger = logging.getLogger(__name__)

MAX_TITLE = 150
MAX_BODY = 5000


class AnnouncementError(Exception):
    pass


class NotAllowed(AnnouncementError):
    pass


def clean_title(value) -> str:
    return plain_text(value, max_length=MAX_TITLE)


def clean_body(value) -> str:
    return plain_text(value, max_length=MAX_BODY, multiline=True)


def announcement_create(*, community, author, title: str, body: str) -> Announcement:
    """Store an announcement and queue its emails (after the transaction commits)."""
    if not can_manage_community(author, community):
        raise NotAllowed("Only the community's facilitators can make announcements.")
    title, body = clean_title(title), clean_body(body)
    if not title or not body:
        raise AnnouncementError("Enter a title and the text of the announcement.")
    announcement = Announcement.objects.create(
        community=community, author=author, title=title, body=body
    )
    from participation.tasks import send_announcement

    transaction.on_commit(lambda: send_announcement.enqueue(announcement.pk), robust=True)
    return announcement


def announcements_for(community):
    return Announcement.objects.filter(community=community).select_related("author")


def latest_announcement(community):
    return announcements_for(community).first()


def announcements_wanted(user) -> bool:
    preference = EmailPreference.objects.filter(user=user).first()
    return preference.announcements if preference else True


def announcements_set(*, user, wanted: bool) -> EmailPreference:
    preference, _created = EmailPreference.objects.update_or_create(
        user=user, defaults={"announcements": wanted}
    )
    return preference


def recipients(announcement):
    """Who gets the announcement now: active members of its community, with an address,
    who have not turned announcements off and have not been sent it yet."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__community_id=announcement.community_id,
            memberships__state=MembershipState.ACTIVE,
        )
        .exclude(email="")
        .exclude(email_preference__announcements=False)
        .exclude(
            pk__in=AnnouncementSent.objects.filter(announcement=announcement).values("user_id")
        )
        .distinct()
        .order_by("pk")
    )


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0


def announcement_send(*, announcement_id: int) -> SendResult:
    """Email the announcement to each member who should get it and has not yet."""
    result = SendResult()
    announcement = (
        Announcement.objects.filter(pk=announcement_id).select_related("community").first()
    )
    if announcement is None:
        return result
    community = announcement.community.specific
    if not community.live:
        return result
    url = absolute(f"{community.url}announcements/{announcement.pk}/")
    for user in recipients(announcement):
        # Asked again for each member at send time: membership is what lets a member of a
        # private community read it, and it may have changed since the query above.
        if not (
            community.memberships.filter(user=user, state=MembershipState.ACTIVE).exists()
            and can_read_community(user, community)
        ):
            continue
        try:
            with transaction.atomic():
                AnnouncementSent.objects.create(
                    announcement=announcement, user=user, sent_at=timezone.now()
                )
                email_send_to_member(
                    user=user,
                    subject=f"{community.title}: {announcement.title}",
                    template="participation/email/announcement",
                    context={"announcement": announcement, "community": community, "url": url},
                    scope=ANNOUNCEMENTS,
                )
        except IntegrityError:
            continue  # another run sent it
        except Exception:
            logger.exception("Could not send announcement %s to %s", announcement.pk, user.pk)
            result.failed += 1
            continue
        result.sent += 1
    Announcement.objects.filter(pk=announcement.pk).update(sent_at=timezone.now())
    return result
