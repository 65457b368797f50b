"""The moderation queue: what is waiting for a community's facilitators, in one place.

Four kinds of thing wait: case studies submitted to the community's review workflow
(Wagtail's `WorkflowState` in progress, on a task still in progress), requests to join,
open reports and posts held for approval. A community's queue is its `moderation/` route;
a facilitator's own queue (`/moderation/`) counts the same four across the communities
they facilitate, and nothing from any other community.

Every read here is a fixed number of queries, whatever the number of items or communities:
counts are grouped by community in the database, and case studies in review are matched to
their community by tree path in one query.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from wagtail.models import Page, TaskState, WorkflowState

from communities.models import CommunityPage, Membership, MembershipState
from communities.selectors import facilitated_community_ids
from discussions.models import Post, PostStatus, Report


@dataclass
class QueueCounts:
    reviews: int = 0
    requests: int = 0
    reports: int = 0
    held: int = 0

    @property
    def total(self) -> int:
        return self.reviews + self.requests + self.reports + self.held


def facilitated_communities(user):
    """Live communities in which `user` is an active facilitator (site administrators see
    every community's own queue, but their personal queue lists only those they
    facilitate)."""
    ids = facilitated_community_ids(user)  # read once per request
    if not ids:
        return CommunityPage.objects.none()
    return CommunityPage.objects.live().filter(pk__in=ids).order_by("title", "pk")


def _in_communities(paths):
    """Pages inside any of the communities with these tree paths (one query's filter)."""
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(path__startswith=path, depth__gt=len(path) // Page.steplen)
    return q


def _reviews(communities):
    """Workflow states waiting for a reviewer, for pages inside `communities`."""
    paths = [community.path for community in communities]
    if not paths:
        return WorkflowState.objects.none()
    pages = Page.objects.filter(_in_communities(paths)).annotate(key=Cast("pk", CharField()))
    return (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            current_task_state__status=TaskState.STATUS_IN_PROGRESS,
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
            object_id__in=pages.values("key"),
        )
        .annotate(
            page_path=Subquery(
                Page.objects.filter(pk=Cast(OuterRef("object_id"), IntegerField())).values("path")[
                    :1
                ]
            )
        )
        .select_related("requested_by", "current_task_state")
        .order_by("created_at", "pk")
    )


def _community_for_path(communities, path):
    for community in communities:
        if path.startswith(community.path):
            return community
    return None


def pending_reviews(community, limit: int = 100):
    """Case studies in `community` waiting for a facilitator's approval, oldest first:
    each workflow state carries `.submitted_page` (the page, specific) and `.task_state`.
    Two queries."""
    states = list(_reviews([community])[:limit])
    pages = Page.objects.filter(pk__in=[int(state.object_id) for state in states]).specific()
    by_id = {page.pk: page for page in pages}
    for state in states:
        state.submitted_page = by_id.get(int(state.object_id))
        state.task_state = state.current_task_state
    return [state for state in states if state.submitted_page is not None]


def _grouped(ids) -> dict[str, tuple]:
    """Three of the four kinds, in the communities with these ids: (what waits, the field
    naming its community) by QueueCounts field. Reviews are matched by tree path instead."""
    return {
        "requests": (
            Membership.objects.filter(community__in=ids, state=MembershipState.REQUESTED),
            "community",
        ),
        "reports": (
            Report.objects.filter(post__community__in=ids, resolved_at__isnull=True),
            "post__community",
        ),
        "held": (Post.objects.filter(community__in=ids, status=PostStatus.HELD), "community"),
    }


def queue_counts(communities) -> dict[int, QueueCounts]:
    """What waits in each community, by community id (every community given is a key).
    Four queries whatever the number of communities or items."""
    communities = list(communities)
    ids = [community.pk for community in communities]
    counts = {pk: QueueCounts() for pk in ids}
    if not ids:
        return counts
    for name, (waiting, community_field) in _grouped(ids).items():
        for row in waiting.values(community_field).annotate(n=Count("pk")):
            setattr(counts[row[community_field]], name, row["n"])
    for path in _reviews(communities).values_list("page_path", flat=True):
        community = _community_for_path(communities, path or "")
        if community is not None:
            counts[community.pk].reviews += 1
    return counts


def waiting_for(user) -> tuple[list, dict[int, QueueCounts], int]:
    """A facilitator's own queue: (their communities, counts by community id, total)."""
    communities = list(facilitated_communities(user))
    counts = queue_counts(communities)
    return communities, counts, sum(count.total for count in counts.values())


def waiting_total(user) -> int:
    """How much waits in all of `user`'s communities (the site menu's count): what
    `waiting_for` totals, in one statement after their communities are read (a
    facilitator's every page view asks)."""
    communities = list(facilitated_communities(user))
    if not communities:
        return 0
    ids = [community.pk for community in communities]
    # Every review found is inside one of the communities (_reviews filters by their paths).
    waiting = [queryset for queryset, _field in _grouped(ids).values()] + [_reviews(communities)]
    parts, params = [], []
    for queryset in waiting:
        sql, part_params = queryset.order_by().values("pk").query.sql_with_params()
        # Django's own SQL for the queryset, its values as parameters.
        parts.append(f"(SELECT count(*) FROM ({sql}) AS waiting)")  # noqa: S608
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + " + ".join(parts), params)
        return cursor.fetchone()[0]
