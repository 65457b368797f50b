"""The figures on the insight dashboards.

A `Scope` says whose figures they are: one community (its facilitators' dashboard) or
every community the viewer may read (the site-wide dashboard, for site administrators).
Everything counted starts from the scope, so a community's dashboard only ever counts that
community's content. Each section of `Dashboard` is computed once, on first use, in a fixed
number of queries whatever the number of rows (tests/insight/test_dashboard.py counts them).
"""

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Exists, F, IntegerField, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Lower, Trim, TruncDate
from django.utils import timezone
from wagtail.models import Page

from casestudies.models import CaseStudyPage, Theme
from casestudies.selectors import visible_case_studies
from communities.models import CommunityPage, Membership, MembershipState, User
from communities.selectors import readable_communities
from discussions.models import Discussion, Post, PostStatus
from insight import clock
from insight.models import MembershipEvent, MembershipEventKind, PageViewDay
from insight.periods import Period
from participation.models import Follow, FollowKind
from search.models import SearchLog

TOP = 10  # rows in each "most" table
LIST_LIMIT = 50  # rows in each list (overdue, unanswered); the count says how many in all


def can_see_site_insight(user) -> bool:
    """The site-wide dashboard: site administrators (superusers and staff)."""
    return bool(
        user and user.is_authenticated and user.is_active and (user.is_superuser or user.is_staff)
    )


@dataclass
class Scope:
    communities: list  # CommunityPage rows
    site_wide: bool = False
    all_searches: bool = False  # site searches outside any community too

    @classmethod
    def of_community(cls, community: CommunityPage) -> "Scope":
        return cls(communities=[community])

    @classmethod
    def of_site(cls, user) -> "Scope":
        """Every community `user` may read (all of them for superusers), and the searches
        made outside communities."""
        return cls(
            communities=list(readable_communities(user).order_by("title")),
            site_wide=True,
            all_searches=True,
        )

    @cached_property
    def community_ids(self) -> list[int]:
        return [community.pk for community in self.communities]

    def paths_q(self, field: str = "path") -> Q:
        if not self.communities:
            return Q(pk__in=[])
        q = Q()
        for community in self.communities:
            q |= Q(**{f"{field}__startswith": community.path})
        return q

    def community_named(self, community_id):
        return next((c for c in self.communities if c.pk == community_id), None)


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """The period as [start, end) datetimes in the site's time zone."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start, end


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def buckets(period: Period, weekly: bool) -> list[dt.date]:
    """The days (or the Mondays of the weeks) a period covers, in order."""
    if weekly:
        first, step = _week_start(period.start), 7
    else:
        first, step = period.start, 1
    days, day = [], first
    while day <= period.end:
        days.append(day)
        day += dt.timedelta(days=step)
    return days


def _series(period: Period, weekly: bool, counts: dict[dt.date, int]) -> list[tuple]:
    totals = dict.fromkeys(buckets(period, weekly), 0)
    for day, count in counts.items():
        key = _week_start(day) if weekly else day
        if key in totals:
            totals[key] += count
    return list(totals.items())


@dataclass
class SearchRow:
    query: str
    searches: int
    zero_results: int
    last_searched: dt.datetime
    community: CommunityPage | None = None


class Dashboard:
    def __init__(self, *, scope: Scope, period: Period, user, request=None):
        self.scope = scope
        self.period = period
        self.user = user
        self.request = request
        self.start, self.end = _bounds(period)
        self.views_weekly = period.days > 92

    # Membership ---------------------------------------------------------------------------

    @cached_property
    def membership(self) -> dict:
        ids = self.scope.community_ids
        events = MembershipEvent.objects.filter(
            community_id__in=ids, occurred_at__gte=self.start, occurred_at__lt=self.end
        )
        counts = events.aggregate(
            joined=Count("pk", filter=Q(kind=MembershipEventKind.JOINED)),
            left=Count("pk", filter=Q(kind=MembershipEventKind.LEFT)),
            removed=Count("pk", filter=Q(kind=MembershipEventKind.REMOVED)),
        )
        states = Membership.objects.filter(community_id__in=ids).aggregate(
            active=Count("pk", filter=Q(state=MembershipState.ACTIVE)),
            pending=Count("pk", filter=Q(state=MembershipState.REQUESTED)),
        )
        by_day = (
            events.filter(kind=MembershipEventKind.JOINED)
            .annotate(day=TruncDate("occurred_at"))
            .values("day")
            .annotate(n=Count("pk"))
        )
        return {
            **counts,
            "ended": counts["left"] + counts["removed"],
            **states,
            "joined_by_week": _series(self.period, True, {row["day"]: row["n"] for row in by_day}),
        }

    # Page views ---------------------------------------------------------------------------

    def _views(self):
        return PageViewDay.objects.filter(day__gte=self.period.start, day__lte=self.period.end)

    @cached_property
    def views(self) -> dict:
        in_scope = self._views().filter(self.scope.paths_q("page__path"))
        by_day = in_scope.values("day").annotate(signed=Sum("signed_in"), anon=Sum("anonymous"))
        signed = sum(row["signed"] for row in by_day)
        anonymous = sum(row["anon"] for row in by_day)
        return {
            "total": signed + anonymous,
            "signed_in": signed,
            "anonymous": anonymous,
            "by_day": _series(
                self.period,
                self.views_weekly,
                {row["day"]: row["signed"] + row["anon"] for row in by_day},
            ),
        }

    @cached_property
    def most_read(self) -> list[dict]:
        studies = visible_case_studies(self.user).filter(self.scope.paths_q())
        rows = list(
            self._views()
            .filter(page__in=studies.values("pk"))
            .values("page")
            .annotate(signed=Sum("signed_in"), anon=Sum("anonymous"))
            .annotate(total=F("signed") + F("anon"))
            .order_by("-total", "page")[:TOP]
        )
        pages = Page.objects.in_bulk([row["page"] for row in rows])
        return [
            {
                "page": pages[row["page"]],
                "url": pages[row["page"]].get_url(self.request),
                "views": row["total"],
                "signed_in": row["signed"],
                "anonymous": row["anon"],
            }
            for row in rows
            if row["page"] in pages
        ]

    # Contributors -------------------------------------------------------------------------

    @cached_property
    def contributors(self) -> dict:
        """People who published case studies, discussion posts or comments in the period."""
        published = (
            CaseStudyPage.objects.live()
            .filter(self.scope.paths_q(), first_published_at__gte=self.start)
            .filter(first_published_at__lt=self.end, owner__isnull=False)
            .values("owner")
            .annotate(n=Count("pk"))
        )
        posts = (
            Post.objects.filter(
                community_id__in=self.scope.community_ids,
                status=PostStatus.PUBLISHED,
                created_at__gte=self.start,
                created_at__lt=self.end,
                author__isnull=False,
            )
            .values("author")
            .annotate(
                discussion_posts=Count("pk", filter=Q(discussion__isnull=False)),
                comments=Count("pk", filter=Q(case_study__isnull=False)),
            )
        )
        people: dict[int, dict] = {}

        def person(user_id):
            return people.setdefault(
                user_id, {"case_studies": 0, "discussion_posts": 0, "comments": 0}
            )

        for row in published:
            person(row["owner"])["case_studies"] = row["n"]
        for row in posts:
            entry = person(row["author"])
            entry["discussion_posts"] = row["discussion_posts"]
            entry["comments"] = row["comments"]
        for entry in people.values():
            entry["total"] = entry["case_studies"] + entry["discussion_posts"] + entry["comments"]
        top = sorted(people.items(), key=lambda item: (-item[1]["total"], item[0]))[:TOP]
        users = User.objects.in_bulk([user_id for user_id, _ in top])
        return {
            "count": len(people),
            "top": [{"person": users.get(user_id), **entry} for user_id, entry in top],
        }

    # Themes -------------------------------------------------------------------------------

    @cached_property
    def themes(self) -> list[dict]:
        """Themes by how many members follow them (the community's own themes on its
        dashboard), with the follows started in the period."""
        if self.scope.site_wide:
            themes = Theme.objects.all()
        else:
            themes = Theme.objects.filter(communities__in=self.scope.community_ids)
        follows = Follow.objects.filter(
            kind=FollowKind.THEME, active=True, object_id=OuterRef("pk")
        )

        def counted(extra=None):
            return Coalesce(
                Subquery(
                    follows.filter(extra or Q())
                    .order_by()
                    .values("object_id")
                    .annotate(n=Count("pk"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
                0,
            )

        rows = (
            themes.distinct()
            .annotate(
                followers=counted(),
                new_followers=counted(Q(created_at__gte=self.start, created_at__lt=self.end)),
            )
            .filter(followers__gt=0)
            .order_by("-followers", "name")[:TOP]
        )
        return [
            {"theme": theme, "followers": theme.followers, "new": theme.new_followers}
            for theme in rows
        ]

    # Searches -----------------------------------------------------------------------------

    def _searches(self):
        searches = SearchLog.objects.filter(
            created_at__gte=self.start, created_at__lt=self.end
        ).exclude(query__regex=r"^\s*$")
        where = Q(community_id__in=self.scope.community_ids)
        if self.scope.all_searches:
            where |= Q(community_id__isnull=True)
        return searches.filter(where).annotate(normalised=Lower(Trim("query")))

    @cached_property
    def top_searches(self) -> list[SearchRow]:
        rows = (
            self._searches()
            .values("normalised")
            .annotate(
                searches=Count("pk"),
                zero=Count("pk", filter=Q(result_count=0)),
                last=Max("created_at"),
            )
            .order_by("-searches", "normalised")[: TOP * 2]
        )
        return [
            SearchRow(row["normalised"], row["searches"], row["zero"], row["last"]) for row in rows
        ]

    @cached_property
    def zero_result_count(self) -> int:
        """How many searches in the period found nothing (all of them, not only the rows
        the table shows)."""
        return self._searches().filter(result_count=0).count()

    @cached_property
    def zero_result_searches(self) -> list[SearchRow]:
        """Searches that found nothing, most often first. On the site-wide dashboard each
        row also names the community it was made in (None: the site's own search)."""
        group = ["normalised"] + (["community_id"] if self.scope.site_wide else [])
        rows = (
            self._searches()
            .filter(result_count=0)
            .values(*group)
            .annotate(searches=Count("pk"), last=Max("created_at"))
            .order_by("-searches", "-last", "normalised")[: TOP * 2]
        )
        return [
            SearchRow(
                row["normalised"],
                row["searches"],
                row["searches"],
                row["last"],
                self.scope.community_named(row.get("community_id"))
                if self.scope.site_wide
                else self.scope.communities[0],
            )
            for row in rows
        ]

    # Keeping content current ----------------------------------------------------------------

    @cached_property
    def overdue(self) -> dict:
        today = clock.today()
        studies = (
            visible_case_studies(self.user)
            .filter(self.scope.paths_q(), review_by__lt=today)
            .select_related("review_owner")
            .order_by("review_by", "title")
        )
        rows = list(studies[:LIST_LIMIT])
        for page in rows:
            page.insight_url = page.get_url(self.request)
        count = len(rows) if len(rows) < LIST_LIMIT else studies.count()
        return {"count": count, "rows": rows, "today": today}

    @cached_property
    def unanswered(self) -> dict:
        opening = Post.objects.filter(
            discussion=OuterRef("pk"), is_opening=True, status=PostStatus.PUBLISHED
        )
        questions = (
            Discussion.objects.filter(
                community_id__in=self.scope.community_ids,
                is_question=True,
                answer__isnull=True,
            )
            .filter(Exists(opening))
            .select_related("community", "author")
            .annotate(
                replies=Count(
                    "posts", filter=Q(posts__is_opening=False, posts__status=PostStatus.PUBLISHED)
                )
            )
            .order_by("created_at")
        )
        rows = list(questions[:LIST_LIMIT])
        community_urls = {c.pk: c.get_url(self.request) for c in self.scope.communities}
        for discussion in rows:
            discussion.insight_url = (
                f"{community_urls[discussion.community_id]}discussions/{discussion.pk}/"
            )
        count = len(rows) if len(rows) < LIST_LIMIT else questions.count()
        return {"count": count, "rows": rows}
