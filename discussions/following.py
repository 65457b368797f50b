"""Discussions in following and digests (registered in DiscussionsConfig.ready).

- Following: `FollowKind.DISCUSSION` names a `Discussion`. A member may follow one they may
  read (discussions/selectors.py); the Following page names only those they may still read.
  Starting a discussion or replying to one follows it automatically (services.py), unless
  the member stopped following it before.
- Activity: a new discussion (`discussion:<id>`) and a new reply (`reply:<post id>`) are
  items for digests and "as it happens" emails, of interest to followers of the discussion,
  of its community and of the member who wrote the post. A post counts from the moment it
  is published: at once, or when a facilitator approves it (the approval's time, from the
  moderation log). Whether a member may read an item is asked when the email is made: only
  published posts, in discussions whose opening post is published, in communities the
  member may read now.
"""

from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from participation import activity
from participation.models import FollowKind
from participation.text import plain_text

SUMMARY_LENGTH = 300


# Following ----------------------------------------------------------------------------------


def may_follow(user, discussion) -> bool:
    from discussions import selectors

    return selectors.can_read_discussion(user, discussion)


def describe(user, ids) -> dict:
    """{id: (title, url)} for the discussions among `ids` that `user` may read now."""
    from discussions import selectors

    discussions = selectors.readable_discussions(user).filter(pk__in=list(ids))
    return {d.pk: (d.title, d.get_url()) for d in discussions.select_related("community")}


# Activity -----------------------------------------------------------------------------------


def _published_posts():
    """Published posts in discussions, each with `published_at`: when a facilitator approved
    it, or (never held) when it was written."""
    from discussions.models import ModerationAction, ModerationActionKind, Post, PostStatus

    approved = ModerationAction.objects.filter(
        action=ModerationActionKind.APPROVE, post_id_recorded=OuterRef("pk")
    ).order_by("-created_at")
    return (
        Post.objects.filter(discussion__isnull=False, status=PostStatus.PUBLISHED)
        .annotate(
            published_at=Coalesce(Subquery(approved.values("created_at")[:1]), F("created_at"))
        )
        .select_related("discussion", "community")
    )


class DiscussionSource(activity.ActivitySource):
    """New discussions (their opening post published) and new replies."""

    name = "discussions"
    prefixes = ("discussion", "reply")

    def items(self, *, since=None, until=None, keys=None) -> list[activity.ActivityItem]:
        from discussions.models import ModerationAction, ModerationActionKind

        posts = _published_posts()
        if keys is not None:
            discussion_ids, post_ids = set(), set()
            for key in keys:
                prefix, _sep, rest = key.partition(":")
                if rest.isdigit():
                    (discussion_ids if prefix == "discussion" else post_ids).add(int(rest))
            posts = posts.filter(
                Q(is_opening=True, discussion_id__in=discussion_ids)
                | Q(is_opening=False, pk__in=post_ids)
            )
        else:
            approvals = ModerationAction.objects.filter(
                action=ModerationActionKind.APPROVE,
                created_at__gte=since,
                created_at__lt=until,
            ).values("post_id_recorded")
            posts = posts.filter(
                Q(created_at__gte=since, created_at__lt=until) | Q(pk__in=approvals)
            ).filter(published_at__gte=since, published_at__lt=until)
        found = []
        for post in posts.order_by("pk"):
            discussion = post.discussion
            url = discussion.get_url(post.community)
            found.append(
                activity.ActivityItem(
                    key=(f"discussion:{discussion.pk}" if post.is_opening else f"reply:{post.pk}"),
                    kind="discussion" if post.is_opening else "reply",
                    title=discussion.title,
                    url=url if post.is_opening else f"{url}#post-{post.pk}",
                    occurred_at=post.published_at,
                    summary=plain_text(post.body, max_length=SUMMARY_LENGTH),
                    context=post.community.title,
                    actor_id=post.author_id,
                    # The discussion's search document belongs to its community page.
                    page_id=post.community_id if post.is_opening else None,
                    targets=frozenset(
                        {
                            (FollowKind.DISCUSSION, discussion.pk),
                            (FollowKind.COMMUNITY, post.community_id),
                        }
                        | ({(FollowKind.MEMBER, post.author_id)} if post.author_id else set())
                    ),
                    document_keys=(f"discussion:{discussion.pk}",) if post.is_opening else (),
                )
            )
        return found

    def readable(self, user, items):
        from discussions import selectors

        post_ids = {}
        for item in items:
            prefix, _sep, rest = item.key.partition(":")
            if prefix == "reply":
                post_ids[item.key] = int(rest)
        discussion_ids = {
            int(item.key.partition(":")[2]) for item in items if item.key not in post_ids
        }
        readable_threads = set(
            selectors.readable_discussions(user, published_only=True)
            .filter(pk__in=discussion_ids)
            .values_list("pk", flat=True)
        )
        readable_posts = set(
            selectors.readable_published_posts(user, post_ids.values()).values_list("pk", flat=True)
        )
        return [
            item
            for item in items
            if (
                post_ids[item.key] in readable_posts
                if item.key in post_ids
                else int(item.key.partition(":")[2]) in readable_threads
            )
        ]


def register() -> None:
    from discussions.models import Discussion
    from participation.services import follows

    follows.register_kind(
        FollowKind.DISCUSSION, Discussion, may_follow=may_follow, describe=describe
    )
    activity.register_source(
        DiscussionSource(), {"discussion": "New discussions", "reply": "New replies"}
    )
