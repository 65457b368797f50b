"""Digests and notifications about what members follow.

Each member chooses how often (`Frequency`): as it happens, daily, weekly (the default) or
never. What they hear about is *activity* (participation/activity.py): new case studies,
new lessons on published case studies (and, from the discussions feature, threads and
replies) in the communities, themes, case studies, discussions and members they follow,
plus whatever matched their saved searches. A republish that adds no lesson tells nobody:
change notes carry no "significant" flag, so only first publication and new lessons count.

Privacy is asked when an email is made, never earlier: items come from live rows and each
source's `readable()` asks the selectors for this member now. A member removed from a
community gets nothing more from it, even about things published while they were in it.

Sending is safe to run twice: a digest is recorded (`DigestSent`, one row per member,
frequency and period) in the same transaction that sends it, and an immediate notification
per member and item (`NotificationSent`). Empty digests are not sent (nor recorded, so a
later run still finds nothing to send).

The current time comes from `current_time()`, which tests replace to fix the clock.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from communities.models import User
from participation import activity
from participation.mail import absolute, email_send_to_member
from participation.models import (
    DEFAULT_FREQUENCY,
    DigestSent,
    EmailPreference,
    Follow,
    FollowKind,
    Frequency,
    NotificationSent,
    SavedSearch,
    SavedSearchMatch,
)

logger = logging.getLogger(__name__)


def current_time() -> dt.datetime:
    return timezone.now()


# Preferences ------------------------------------------------------------------------------


def frequency_of(user) -> str:
    preference = EmailPreference.objects.filter(user=user).first()
    return preference.frequency if preference else DEFAULT_FREQUENCY


def preference_set(*, user, frequency: str) -> EmailPreference:
    if frequency not in Frequency.values:
        raise ValueError(frequency)
    preference, _created = EmailPreference.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    return preference


def members_choosing(frequency: str):
    """Active members with an address whose choice is `frequency` (no choice: weekly)."""
    members = User.objects.filter(is_active=True).exclude(email="")
    if frequency == DEFAULT_FREQUENCY:
        return members.filter(
            Q(email_preference__isnull=True) | Q(email_preference__frequency=frequency)
        )
    return members.filter(email_preference__frequency=frequency)


# Periods ------------------------------------------------------------------------------------


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def last_period(frequency: str, now: dt.datetime) -> tuple[dt.date, dt.datetime, dt.datetime]:
    """The last whole period before `now`: (its first day, start, end). Daily: yesterday;
    weekly: last week, Monday to Sunday (local time)."""
    today = timezone.localdate(now)
    if frequency == Frequency.DAILY:
        start = today - dt.timedelta(days=1)
        end = today
    elif frequency == Frequency.WEEKLY:
        end = today - dt.timedelta(days=today.weekday())
        start = end - dt.timedelta(days=7)
    else:
        raise ValueError(f"Digests are daily or weekly, not {frequency!r}.")
    return start, _midnight(start), _midnight(end)


def next_digest_period(frequency: str, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """What the member's next digest will cover so far: (start of the current period, now).
    Members who chose "as it happens" or "never" are shown the current week."""
    today = timezone.localdate(now)
    if frequency == Frequency.DAILY:
        return _midnight(today), now
    return _midnight(today - dt.timedelta(days=today.weekday())), now


# What one member hears about -----------------------------------------------------------------


@dataclass
class Digest:
    sections: list[tuple[str, list[activity.ActivityItem]]] = field(default_factory=list)
    saved_search_names: dict[str, list[str]] = field(default_factory=dict)  # item key -> names

    @property
    def count(self) -> int:
        return sum(len(items) for _label, items in self.sections)

    def __bool__(self):
        return self.count > 0


def _followed(user) -> set[tuple[str, int]]:
    return set(Follow.objects.filter(user=user, active=True).values_list("kind", "object_id"))


def digest_for(user, *, items: list[activity.ActivityItem]) -> Digest:
    """The items among `items` that `user` follows or saved a search for, that they did not
    write themselves, and that they may read now, grouped by section."""
    followed = _followed(user)
    saved_ids = [object_id for kind, object_id in followed if kind == FollowKind.SAVED_SEARCH]
    names = dict(SavedSearch.objects.filter(user=user, pk__in=saved_ids).values_list("pk", "name"))
    matched: dict[str, list[str]] = {}
    for saved_id, item_key in SavedSearchMatch.objects.filter(
        saved_search_id__in=list(names), item_key__in=[item.key for item in items]
    ).values_list("saved_search_id", "item_key"):
        matched.setdefault(item_key, []).append(names[saved_id])
    wanted = [
        item
        for item in items
        if item.actor_id != user.pk
        and ({(str(kind), pk) for kind, pk in item.targets} & followed or item.key in matched)
    ]
    wanted = activity.readable(user, wanted)
    digest = Digest(saved_search_names={key: sorted(value) for key, value in matched.items()})
    for section, label in activity.SECTIONS.items():
        in_section = [item for item in wanted if item.kind == section]
        if in_section:
            digest.sections.append((label, in_section))
    return digest


def preview_for(user, *, now=None) -> tuple[Digest, dt.datetime, dt.datetime, str]:
    """The member's next digest as it stands: (digest, since, until, frequency)."""
    now = now or current_time()
    frequency = frequency_of(user)
    since, until = next_digest_period(frequency, now)
    return digest_for(user, items=activity.items_between(since, until)), since, until, frequency


def _email_context(digest: Digest) -> dict:
    return {
        "digest": digest,
        "sections": [
            (
                label,
                [
                    (item, absolute(item.url), digest.saved_search_names.get(item.key, []))
                    for item in items
                ],
            )
            for label, items in digest.sections
        ],
    }


# Digests --------------------------------------------------------------------------------------


@dataclass
class DigestRun:
    frequency: str
    period_start: dt.date | None = None
    sent: int = 0
    empty: int = 0
    already_sent: int = 0
    failed: int = 0

    def __str__(self):
        text = (
            f"{self.frequency.capitalize()} digests for the period from {self.period_start}: "
            f"{self.sent} sent, {self.empty} with nothing to say (not sent), "
            f"{self.already_sent} sent before."
        )
        if self.failed:
            text += f" {self.failed} could not be sent and will be tried again next run."
        return text


def _recipients(frequency: str):
    interested = Follow.objects.filter(active=True).values("user_id")
    return members_choosing(frequency).filter(pk__in=interested).order_by("pk")


def digests_send(*, frequency: str, now: dt.datetime | None = None) -> DigestRun:
    """Send the digest for the last whole period to every member who chose `frequency`."""
    now = now or current_time()
    period_start, since, until = last_period(frequency, now)
    run = DigestRun(frequency=frequency, period_start=period_start)
    items = activity.items_between(since, until)
    if not items:
        return run
    done = set(
        DigestSent.objects.filter(frequency=frequency, period_start=period_start).values_list(
            "user_id", flat=True
        )
    )
    for user in _recipients(frequency).iterator(500):
        if user.pk in done:
            run.already_sent += 1
            continue
        try:
            digest = digest_for(user, items=items)
            if not digest:
                run.empty += 1
                continue
            with transaction.atomic():
                # Recorded before sending: a second run at the same moment stops here.
                DigestSent.objects.create(
                    user=user,
                    frequency=frequency,
                    period_start=period_start,
                    items=digest.count,
                    sent_at=now,
                )
                email_send_to_member(
                    user=user,
                    subject=_digest_subject(frequency, digest),
                    template="participation/email/digest",
                    context={
                        **_email_context(digest),
                        "frequency": frequency,
                        "since": since,
                        "until": until - dt.timedelta(seconds=1),
                    },
                )
        except IntegrityError:
            run.already_sent += 1
        except Exception:
            logger.exception("Could not send the %s digest to member %s", frequency, user.pk)
            run.failed += 1
        else:
            run.sent += 1
    return run


def _digest_subject(frequency: str, digest: Digest) -> str:
    things = f"{digest.count} new thing{'s' if digest.count != 1 else ''}"
    return f"Your {'daily' if frequency == Frequency.DAILY else 'weekly'} digest: {things}"


# As it happens --------------------------------------------------------------------------------


def _interested_in(items: list[activity.ActivityItem]):
    """Members who follow something these items concern, or whose saved search they matched."""
    targets = {(str(kind), pk) for item in items for kind, pk in item.targets}
    q = Q(pk__in=[])
    by_kind: dict[str, set[int]] = {}
    for kind, pk in targets:
        by_kind.setdefault(kind, set()).add(pk)
    for kind, ids in by_kind.items():
        q |= Q(kind=kind, object_id__in=ids)
    followers = Follow.objects.filter(q, active=True).values("user_id")
    searchers = SavedSearchMatch.objects.filter(item_key__in=[item.key for item in items]).values(
        "saved_search__user_id"
    )
    return User.objects.filter(Q(pk__in=followers) | Q(pk__in=searchers))


def activity_announce(*, item_keys: list[str], now: dt.datetime | None = None) -> int:
    """Something new was published (or posted): match saved searches against it, and tell
    at once the members who chose "as it happens". Safe to run twice. Returns emails sent.

    The discussions feature calls this (through the `announce_activity` task) with the keys
    of a new thread or reply."""
    from participation.services.saved_searches import saved_searches_match

    now = now or current_time()
    items = activity.items_for_keys(item_keys)
    if not items:
        return 0
    _ensure_indexed(items)
    saved_searches_match(items=items, now=now)
    sent = 0
    members = (
        members_choosing(Frequency.IMMEDIATE)
        .filter(pk__in=_interested_in(items).values("pk"))
        .order_by("pk")
    )
    for user in members:
        told = set(
            NotificationSent.objects.filter(
                user=user, item_key__in=[item.key for item in items]
            ).values_list("item_key", flat=True)
        )
        digest = digest_for(user, items=[item for item in items if item.key not in told])
        if not digest:
            continue
        try:
            with transaction.atomic():
                NotificationSent.objects.bulk_create(
                    [
                        NotificationSent(user=user, item_key=item.key, sent_at=now)
                        for _label, section in digest.sections
                        for item in section
                    ]
                )
                first = digest.sections[0][1][0]
                email_send_to_member(
                    user=user,
                    subject=f"New: {first.title}",
                    template="participation/email/notification",
                    context=_email_context(digest),
                )
        except IntegrityError:
            continue  # another run told them
        except Exception:
            logger.exception("Could not notify member %s", user.pk)
            continue
        sent += 1
    return sent


def _ensure_indexed(items) -> None:
    """Saved searches are matched against the search index: make sure these items'
    documents are there (the indexing task may not have run yet). Idempotent."""
    from search import indexing
    from search.models import SearchDocument

    keys = {key for item in items for key in item.document_keys}
    present = set(SearchDocument.objects.filter(key__in=keys).values_list("key", flat=True))
    if keys - present:
        indexing.index_pages_now({item.page_id for item in items if item.page_id})
