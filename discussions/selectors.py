"""Who may do what with discussions and comments, and the reads behind each page.

Reading follows the community (communities/selectors.py, the one privacy rule): the pages
are routes of the community or case study page, so page serving has applied the rule before
any of these run, and the views check `can_read_community` again for the community's own
routes (which page serving lets non-readers reach for a community's preview).

- posting (start a discussion, reply, comment): active members of the community, and site
  administrators; comments also from any signed-in, approved member of the site who may
  read the case study;
- reporting: anyone signed in who may read the post;
- moderating (hide, restore, delete, approve, reject, lock, pin): the community's
  facilitators and site administrators (`can_manage_community`).
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from communities.selectors import (
    can_manage_community,
    can_read_community,
    member_community_ids,
    readable_communities,
)
from cop.requestmemo import surely_absent
from discussions.models import Discussion, Post, PostStatus, Report


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_take_part(user, community) -> bool:
    """Start discussions and reply: the community's active members (and administrators)."""
    if not _signed_in(user):
        return False
    return user.is_superuser or community.pk in member_community_ids(user)


def can_comment(user, community) -> bool:
    """Comment on a case study: signed-in, approved members of the site who may read it."""
    if not _signed_in(user):
        return False
    if not (user.is_superuser or getattr(user, "approved", False)):
        return False
    return can_take_part(user, community) or can_read_community(user, community)


def can_moderate(user, community) -> bool:
    return can_manage_community(user, community)


def post_visible_to(post, user, *, moderator: bool) -> bool:
    """Whether the post's text may be shown to `user` (else a placeholder is shown)."""
    if post.status == PostStatus.PUBLISHED:
        return True
    if post.status == PostStatus.DELETED:
        return False
    is_author = _signed_in(user) and post.author_id == user.pk
    return moderator or is_author


def visible_posts_q(user, *, moderator: bool) -> Q:
    """Posts listed to `user`: published ones; held ones to their author and moderators;
    hidden and deleted ones appear as placeholders so replies keep their place."""
    if moderator:
        return Q()
    q = ~Q(status=PostStatus.HELD)
    if _signed_in(user):
        q |= Q(author=user)
    return q


def discussions_for(community, user, *, moderator: bool):
    """A community's discussions in list order: pinned first, then latest activity.

    A discussion is listed when its opening post is published; a held, hidden or deleted
    one is listed only to moderators (and held and hidden ones to their author).
    """
    opening = Post.objects.filter(discussion=OuterRef("pk"), is_opening=True)
    listed = opening.filter(status=PostStatus.PUBLISHED)
    if _signed_in(user) and not moderator:
        listed = opening.filter(
            Q(status=PostStatus.PUBLISHED)
            | Q(status__in=[PostStatus.HELD, PostStatus.HIDDEN], author=user)
        )
    queryset = Discussion.objects.filter(community=community)
    if not moderator:
        queryset = queryset.filter(Exists(listed))
    return (
        queryset.select_related("author")
        .annotate(
            reply_count=Count(
                "posts",
                filter=Q(posts__is_opening=False, posts__status=PostStatus.PUBLISHED),
            )
        )
        .order_by("-pinned", "-last_activity_at", "-pk")
    )


def opening_post(discussion):
    return discussion.posts.filter(is_opening=True).select_related("author").first()


def can_see_discussion(opening, user, *, moderator: bool) -> bool:
    """Moderators see every discussion (a deleted one as a placeholder); readers see those
    whose opening post is published; its author also sees it while held or hidden."""
    if opening is None:
        return False
    if moderator or opening.status == PostStatus.PUBLISHED:
        return True
    return opening.status != PostStatus.DELETED and post_visible_to(opening, user, moderator=False)


def readable_discussions(user, *, published_only: bool = False):
    """Discussions `user` may read now: in a community they may read, with a published
    opening post (or, unless `published_only`, a held or hidden one they wrote). Used by
    following and digests; moderators' extra view of held and deleted threads is left out."""
    opening = Post.objects.filter(discussion=OuterRef("pk"), is_opening=True)
    shown = Q(status=PostStatus.PUBLISHED)
    if _signed_in(user) and not published_only:
        shown |= Q(status__in=[PostStatus.HELD, PostStatus.HIDDEN], author=user)
    return Discussion.objects.filter(community__in=readable_communities(user).values("pk")).filter(
        Exists(opening.filter(shown))
    )


def can_read_discussion(user, discussion) -> bool:
    """Whether `user` may read this discussion now (see `readable_discussions`); also asked
    before someone follows it."""
    return readable_discussions(user).filter(pk=discussion.pk).exists()


def readable_published_posts(user, post_ids):
    """The published posts among `post_ids` in discussions `user` may read now (the opening
    post published too): what a digest or notification may tell them about."""
    return Post.objects.filter(
        pk__in=list(post_ids),
        status=PostStatus.PUBLISHED,
        discussion__in=readable_discussions(user, published_only=True).values("pk"),
    )


def replies_for(discussion, user, *, moderator: bool):
    return (
        discussion.posts.filter(is_opening=False)
        .filter(visible_posts_q(user, moderator=moderator))
        .select_related("author", "author__organisation", "quote", "quote__author")
        .order_by("created_at", "pk")
    )


def _commented_case_study_ids() -> frozenset[int]:
    return frozenset(
        Post.objects.filter(case_study__isnull=False)
        .values_list("case_study_id", flat=True)
        .distinct()
    )


def comments_for(case_study, user, *, moderator: bool):
    """Top-level comments on a case study with their replies (one level), oldest first.

    While answers are kept between requests (cop.requestmemo), the case studies that have
    any comment at all are kept as one set, so the many pages without one ask nothing."""
    if surely_absent(case_study.pk, ("commented",), _commented_case_study_ids):
        return Post.objects.none()
    shown = visible_posts_q(user, moderator=moderator)
    replies = (
        Post.objects.filter(shown)
        .select_related("author", "author__organisation")
        .order_by("created_at", "pk")
    )
    return (
        Post.objects.filter(case_study=case_study, parent__isnull=True)
        .filter(shown)
        .select_related("author", "author__organisation")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="shown_replies"))
        .order_by("created_at", "pk")
    )


def held_posts(community):
    return (
        Post.objects.filter(community=community, status=PostStatus.HELD)
        .select_related("author", "discussion", "case_study")
        .order_by("created_at", "pk")
    )


def open_reports(community):
    return (
        Report.objects.filter(post__community=community, resolved_at__isnull=True)
        .select_related("post", "post__author", "post__discussion", "post__case_study", "reporter")
        .order_by("created_at", "pk")
    )


def post_in_community(community, post_id):
    """The post with this id in this community, or None: a comment counts only while its
    case study is live and still inside the community."""
    post = (
        Post.objects.filter(community=community, pk=post_id)
        .select_related("discussion", "case_study", "author", "quote")
        .first()
    )
    if post is None:
        return None
    if post.case_study_id is not None:
        study = post.case_study
        if not (study.live and study.path.startswith(community.path)):
            return None
    return post


def latest_discussions(community, user, limit: int = 5):
    return list(discussions_for(community, user, moderator=False)[:limit])
