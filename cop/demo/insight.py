"""Demo figures for the insight dashboards: page views over the last 90 days, searches made
inside communities (some finding nothing), and the dates members joined and left.

Everything is made from fixed numbers (no randomness), so two loads on the same day give
the same figures, and loading again adds nothing.
"""

import datetime as dt
import hashlib

from django.utils import timezone

from casestudies.models import CaseStudyPage
from communities.models import CommunityPage
from insight.models import MembershipEvent, MembershipEventKind, PageViewDay
from search.models import SearchLog

DAYS = 90

# (community slug, query, result count, days ago, signed-in member's email or None)
COMMUNITY_SEARCHES = [
    ("channel-shift", "damp and mould reporting", 0, 1, "jo.hartley@aldbridge.gov.uk"),
    ("channel-shift", "damp and mould reporting", 0, 6, None),
    ("channel-shift", "damp and mould reporting", 0, 13, None),
    ("channel-shift", "webchat staffing", 0, 3, "sam.whitfield@northmoor.gov.uk"),
    ("channel-shift", "chatbot", 2, 2, None),
    ("channel-shift", "chatbot", 2, 9, "jo.hartley@aldbridge.gov.uk"),
    ("channel-shift", "missed bins", 1, 4, None),
    ("channel-shift", "council tax direct debit online", 0, 20, None),
    ("open-data", "spending data", 3, 2, "alex.morgan@dcls.gov.uk"),
    ("open-data", "bus timetables open data", 0, 5, None),
    ("open-data", "bus timetables open data", 0, 8, "alex.morgan@dcls.gov.uk"),
    ("open-data", "data ethics board", 0, 11, None),
    ("agile-delivery", "discovery phase budget", 0, 7, "hannah.price@riverholme.gov.uk"),
    ("agile-delivery", "user research", 4, 2, None),
]

# (community slug, kind, days ago): members who left, spread over the period.
ENDED = [
    ("channel-shift", MembershipEventKind.LEFT, 12),
    ("channel-shift", MembershipEventKind.LEFT, 40),
    ("open-data", MembershipEventKind.REMOVED, 25),
    ("agile-delivery", MembershipEventKind.LEFT, 60),
]


def _number(*parts, modulo: int) -> int:
    """A fixed number from 0 to modulo - 1 for the given parts (stable between loads)."""
    digest = hashlib.sha256("/".join(str(part) for part in parts).encode()).digest()
    return int.from_bytes(digest[:4], "big") % modulo


def page_views_ensure() -> int:
    """Views of every live case study and community page, for each of the last DAYS days:
    more on weekdays, more for some pages than others."""
    today = timezone.localdate()
    pages = list(CaseStudyPage.objects.live().values_list("pk", "slug"))
    pages += list(CommunityPage.objects.live().values_list("pk", "slug"))
    rows = []
    for page_id, slug in pages:
        popularity = 1 + _number(slug, modulo=6)
        for days_ago in range(DAYS):
            day = today - dt.timedelta(days=days_ago)
            weekday = day.weekday() < 5
            views = _number(slug, day, modulo=popularity + 1) + (popularity if weekday else 0)
            if views:
                signed_in = _number(slug, day, "signed", modulo=views + 1)
                rows.append(
                    PageViewDay(
                        page_id=page_id, day=day, signed_in=signed_in, anonymous=views - signed_in
                    )
                )
    before = PageViewDay.objects.count()
    PageViewDay.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return PageViewDay.objects.count() - before


def community_searches_ensure(users: dict) -> int:
    queries = {query for _slug, query, *_ in COMMUNITY_SEARCHES}
    if SearchLog.objects.filter(query__in=queries, community_id__isnull=False).exists():
        return 0
    communities = dict(CommunityPage.objects.values_list("slug", "pk"))
    now = timezone.now()
    made = 0
    for slug, query, count, days_ago, email in COMMUNITY_SEARCHES:
        entry = SearchLog.objects.create(
            query=query,
            result_count=count,
            community_id=communities[slug],
            user=users.get(email) if email else None,
            engine="postgres",
        )
        SearchLog.objects.filter(pk=entry.pk).update(created_at=now - dt.timedelta(days=days_ago))
        made += 1
    return made


def membership_dates_ensure() -> int:
    """Spread the demo members' joining over the last DAYS days (the load itself records
    them all as joining now) and add a few who left, once."""
    if MembershipEvent.objects.exclude(kind=MembershipEventKind.JOINED).exists():
        return 0
    now = timezone.now()
    for event in MembershipEvent.objects.filter(kind=MembershipEventKind.JOINED):
        days_ago = _number("joined", event.pk, modulo=DAYS)
        event.occurred_at = now - dt.timedelta(days=days_ago, hours=_number(event.pk, modulo=9))
        event.save(update_fields=["occurred_at"])
    communities = dict(CommunityPage.objects.values_list("slug", "pk"))
    MembershipEvent.objects.bulk_create(
        MembershipEvent(
            community_id=communities[slug],
            kind=kind,
            occurred_at=now - dt.timedelta(days=days_ago),
        )
        for slug, kind, days_ago in ENDED
    )
    return len(ENDED)


def insight_ensure(users: dict) -> dict:
    return {
        "page views": page_views_ensure(),
        "searches": community_searches_ensure(users),
        "membership": membership_dates_ensure(),
    }
