"""Writing discussions and comments, and moderating them. Views call these; nothing else
writes the discussion tables.

Every function checks who may do it (discussions/selectors.py) and refuses, with a message
for the member, anything that would not make sense: replying in a locked discussion or to a
hidden post, editing after the edit window, reporting twice. A refusal changes nothing.
"""

import datetime
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from communities.models import User
from communities.selectors import can_read_community
from communities.services.mail import email_send
from discussions import selectors
from discussions.models import (
    CommentKind,
    Discussion,
    ModerationAction,
    ModerationActionKind,
    Post,
    PostStatus,
    Report,
)
from participation.models import Frequency

EDIT_WINDOW = datetime.timedelta(minutes=getattr(settings, "DISCUSSION_EDIT_MINUTES", 30))
POSTS_PER_MINUTE = getattr(settings, "DISCUSSION_POSTS_PER_MINUTE", 5)
DELETED_TITLE = "Deleted discussion"


class DiscussionError(Exception):
    """A refused request; the message is shown to the member."""

    status = 409


class NotAllowed(DiscussionError):
    status = 403


class RateLimited(DiscussionError):
    status = 429


# -- helpers ---------------------------------------------------------------------------


def _rate_limit(user) -> None:
    """At most POSTS_PER_MINUTE new posts a minute from one member (site administrators
    are not limited), counted in the cache as the sign-in limits are."""
    if user.is_superuser:
        return
    key = f"discussions:posts:{user.pk}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    if count > POSTS_PER_MINUTE:
        raise RateLimited(
            "You have posted a lot in the last minute. Wait a minute, then try again: "
            "your text is still here."
        )


def _first_status(community, user) -> str:
    """Held for approval when the community holds first posts and this member has no
    published post there yet (facilitators and administrators are never held)."""
    if not community.hold_first_posts or selectors.can_moderate(user, community):
        return PostStatus.PUBLISHED
    has_published = Post.objects.filter(
        community=community, author=user, status=PostStatus.PUBLISHED
    ).exists()
    return PostStatus.PUBLISHED if has_published else PostStatus.HELD


def _log(*, community, action, actor, post=None, discussion=None, reason=""):
    return ModerationAction.objects.create(
        community=community,
        action=action,
        actor=actor,
        post_id_recorded=post.pk if post else None,
        discussion_id_recorded=(
            discussion.pk if discussion else getattr(post, "discussion_id", None)
        ),
        author=post.author if post else None,
        reason=reason,
    )


def _reindex(discussion_ids) -> None:
    from search.indexing import schedule_discussions

    ids = [pk for pk in discussion_ids if pk]
    if ids:
        schedule_discussions(ids)


def post_url(post) -> str:
    """The address of a post on the site."""
    if post.discussion_id:
        return f"{post.discussion.get_url(post.community)}#post-{post.pk}"
    return f"{post.case_study.url}#comment-{post.pk}"


def _tell_facilitators_of_held_post(post) -> None:
    community = post.community
    for address in community.facilitators().filter(is_active=True).values_list("email", flat=True):
        email_send(
            to=[address],
            subject=f"A post waits for your approval in {community.title}",
            template="discussions/email/post_held.txt",
            context={"post": post, "community": community, "path": f"{community.url}moderation/"},
        )


def _settle(post) -> None:
    """A new post is either held for the facilitators or published at once."""
    if post.status == PostStatus.HELD:
        _tell_facilitators_of_held_post(post)
    else:
        _published(post)


def _published(post) -> None:
    """What happens when a post becomes visible: activity, emails, search."""
    if post.discussion_id:
        Discussion.objects.filter(pk=post.discussion_id).update(last_activity_at=timezone.now())
        _reindex([post.discussion_id])
        _announce(post)
    else:
        _tell_authors_of_comment(post)


def _follow(user, target) -> None:
    """Writing follows what was written in: a discussion when starting or replying to it,
    a case study when commenting on it or replying to a comment (at once, even while the
    post is held), unless the member stopped following it
    (participation/services/follows.py)."""
    from participation.services.follows import follow_ensure

    follow_ensure(user=user, target=target, automatic=True)


def _announce(post) -> None:
    """Tell followers (digests, "as it happens") about a published discussion or reply,
    once committed (participation/signals.py; nothing while announcing is suspended)."""
    from participation.signals import activity_posted

    key = f"discussion:{post.discussion_id}" if post.is_opening else f"reply:{post.pk}"
    activity_posted([key])


def comment_recipients(post) -> list[User]:
    """Who is told about a new comment: the case study's owner, the members who wrote its
    versions and its contacts (and, for a reply, the comment's author), while they are
    active, have an address, may still read the case study and have not turned off emails about
    what they follow (the unsubscribe link in these emails does that); never the
    commenter."""
    study = post.case_study
    ids = set(study.contacts.values_list("pk", flat=True))
    if study.owner_id:
        ids.add(study.owner_id)
    ids |= set(study.revisions.exclude(user=None).values_list("user_id", flat=True).distinct()[:50])
    if post.parent_id and post.parent.author_id:
        ids.add(post.parent.author_id)
    ids.discard(post.author_id)
    people = (
        User.objects.filter(pk__in=ids, is_active=True)
        .exclude(email="")
        .exclude(email_preference__frequency=Frequency.OFF)
        .order_by("pk")
    )
    from casestudies.selectors import can_read_case_study

    # The case study as it is now: it may have moved or been unpublished since the comment
    # was written (a held comment approved later).
    return [person for person in people if can_read_case_study(person, study)]


def _tell_authors_of_comment(post) -> None:
    """Email each recipient, HTML and plain text, with the one-click unsubscribe and the
    link to their preferences that every email about what they follow carries."""
    from participation.mail import absolute, email_send_to_member

    for person in comment_recipients(post):
        email_send_to_member(
            user=person,
            subject=(
                f"A question about {post.case_study.title}"
                if post.kind == CommentKind.QUESTION
                else f"A comment on {post.case_study.title}"
            ),
            template="discussions/email/comment_added",
            context={
                "post": post,
                "case_study": post.case_study,
                "url": absolute(post_url(post)),
            },
        )


def _tell_author_of_moderation(post, action_label: str, reason: str) -> None:
    if post.author is None or not post.author.is_active:
        return
    email_send(
        to=[post.author.email],
        subject=f"Your post in {post.community.title} was {action_label}",
        template="discussions/email/post_moderated.txt",
        context={
            "post": post,
            "community": post.community,
            "action": action_label,
            "reason": reason,
            "path": post_url(post),
        },
    )


# -- discussions -----------------------------------------------------------------------


def discussion_start(*, community, user, title: str, body: str, is_question: bool = False):
    if not selectors.can_take_part(user, community):
        raise NotAllowed("Only members of this community can start a discussion.")
    _rate_limit(user)
    status = _first_status(community, user)
    now = timezone.now()
    with transaction.atomic():
        discussion = Discussion.objects.create(
            community=community,
            title=title,
            is_question=is_question,
            author=user,
            last_activity_at=now,
        )
        post = Post.objects.create(
            community=community,
            discussion=discussion,
            is_opening=True,
            author=user,
            body=body,
            status=status,
        )
    _follow(user, discussion)
    if status == PostStatus.HELD:
        _tell_facilitators_of_held_post(post)
    else:
        _reindex([discussion.pk])
        _announce(post)
    return discussion


def post_reply(*, discussion, user, body: str, quote=None):
    community = discussion.community
    if not selectors.can_take_part(user, community):
        raise NotAllowed("Only members of this community can reply.")
    if discussion.locked:
        raise DiscussionError("This discussion is locked: nobody can reply to it.")
    opening = selectors.opening_post(discussion)
    if opening is None or opening.status != PostStatus.PUBLISHED:
        raise DiscussionError("You cannot reply to this discussion until it is published.")
    if quote is not None and (
        quote.discussion_id != discussion.pk or quote.status != PostStatus.PUBLISHED
    ):
        raise DiscussionError("You can only quote a published post in this discussion.")
    _rate_limit(user)
    post = Post.objects.create(
        community=community,
        discussion=discussion,
        author=user,
        body=body,
        quote=quote,
        status=_first_status(community, user),
    )
    _follow(user, discussion)
    _settle(post)
    return post


def comment_add(*, case_study, community, user, body: str, kind: str = "", parent=None):
    if not selectors.can_comment(user, community):
        raise NotAllowed("Sign in as a member of the site to comment.")
    if parent is not None:
        if parent.case_study_id != case_study.pk or parent.parent_id is not None:
            raise DiscussionError("You can only reply to a comment on this case study.")
        if parent.status != PostStatus.PUBLISHED:
            raise DiscussionError("You cannot reply to a comment that is not published.")
        kind = ""
    elif kind not in CommentKind.values:
        raise DiscussionError("Choose whether this is a question or a note.")
    _rate_limit(user)
    post = Post.objects.create(
        community=community,
        case_study=case_study,
        parent=parent,
        author=user,
        body=body,
        kind=kind,
        status=_first_status(community, user),
    )
    _follow(user, case_study)
    _settle(post)
    return post


def can_edit(post, user) -> bool:
    return (
        bool(user and user.is_authenticated)
        and post.author_id == user.pk
        and post.status in (PostStatus.PUBLISHED, PostStatus.HELD)
        and timezone.now() - post.created_at <= EDIT_WINDOW
        and not (post.discussion_id and post.discussion.locked)
    )


def post_edit(*, post, user, body: str, title: str | None = None):
    if post.author_id != getattr(user, "pk", None):
        raise NotAllowed("You can only edit your own posts.")
    if post.status not in (PostStatus.PUBLISHED, PostStatus.HELD):
        raise DiscussionError("This post can no longer be edited.")
    if post.discussion_id and post.discussion.locked:
        raise DiscussionError("This discussion is locked: its posts can no longer be edited.")
    if timezone.now() - post.created_at > EDIT_WINDOW:
        minutes = int(EDIT_WINDOW.total_seconds() // 60)
        raise DiscussionError(
            f"Posts can only be edited in the first {minutes} minutes. "
            "Reply instead to add or correct something."
        )
    with transaction.atomic():
        post.body = body
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "edited_at"])
        if title is not None and post.is_opening:
            Discussion.objects.filter(pk=post.discussion_id).update(title=title)
            post.discussion.title = title
    if post.discussion_id and post.status == PostStatus.PUBLISHED:
        _reindex([post.discussion_id])
    return post


def discussion_mark_answer(*, discussion, post, user):
    """Mark a reply as the answer (or, if it already is, unmark it). Returns the answer."""
    allowed = discussion.author_id == getattr(user, "pk", None) or selectors.can_moderate(
        user, discussion.community
    )
    if not allowed:
        raise NotAllowed("Only the person who asked can mark the answer.")
    if not discussion.is_question:
        raise DiscussionError("This discussion is not a question, so it has no answer.")
    if post.discussion_id != discussion.pk or post.is_opening:
        raise DiscussionError("Only a reply in this discussion can be the answer.")
    if post.status != PostStatus.PUBLISHED:
        raise DiscussionError("Only a published reply can be the answer.")
    answer = None if discussion.answer_id == post.pk else post
    discussion.answer = answer
    discussion.save(update_fields=["answer"])
    return answer


def discussion_lock(*, discussion, user, locked: bool, reason: str = ""):
    if not selectors.can_moderate(user, discussion.community):
        raise NotAllowed("Only facilitators can lock discussions.")
    if discussion.locked == locked:
        return discussion
    discussion.locked = locked
    discussion.save(update_fields=["locked"])
    _log(
        community=discussion.community,
        action=ModerationActionKind.LOCK if locked else ModerationActionKind.UNLOCK,
        actor=user,
        discussion=discussion,
        reason=reason,
    )
    return discussion


def discussion_pin(*, discussion, user, pinned: bool):
    if not selectors.can_moderate(user, discussion.community):
        raise NotAllowed("Only facilitators can pin discussions.")
    if discussion.pinned == pinned:
        return discussion
    discussion.pinned = pinned
    discussion.save(update_fields=["pinned"])
    _log(
        community=discussion.community,
        action=ModerationActionKind.PIN if pinned else ModerationActionKind.UNPIN,
        actor=user,
        discussion=discussion,
    )
    return discussion


# -- reports and moderation ------------------------------------------------------------


def post_report(*, post, user, reason: str):
    if not (user and user.is_authenticated and user.is_active):
        raise NotAllowed("Sign in to report a post.")
    if not can_read_community(user, post.community):
        raise NotAllowed("You cannot report this post.")
    if post.status != PostStatus.PUBLISHED:
        raise DiscussionError("This post is not published, so there is nothing to report.")
    if post.author_id == user.pk:
        raise DiscussionError("You cannot report your own post. Edit it, or ask a facilitator.")
    if Report.objects.filter(post=post, reporter=user).exists():
        raise DiscussionError(
            "You have already reported this post. The facilitators will look at it."
        )
    return Report.objects.create(post=post, reporter=user, reason=reason)


MODERATION = {
    # action: (statuses it applies to, new status, past tense for the author's email)
    ModerationActionKind.HIDE: ({PostStatus.PUBLISHED}, PostStatus.HIDDEN, "hidden"),
    ModerationActionKind.RESTORE: ({PostStatus.HIDDEN}, PostStatus.PUBLISHED, "restored"),
    ModerationActionKind.DELETE: (
        {PostStatus.PUBLISHED, PostStatus.HIDDEN, PostStatus.HELD},
        PostStatus.DELETED,
        "deleted",
    ),
    ModerationActionKind.APPROVE: ({PostStatus.HELD}, PostStatus.PUBLISHED, "approved"),
    ModerationActionKind.REJECT: ({PostStatus.HELD}, PostStatus.DELETED, "not approved"),
    ModerationActionKind.DISMISS: ({PostStatus.PUBLISHED}, PostStatus.PUBLISHED, ""),
}
NEEDS_REASON = {
    ModerationActionKind.HIDE,
    ModerationActionKind.DELETE,
    ModerationActionKind.REJECT,
}


def moderation_actions_for(post) -> list[tuple[str, str]]:
    """(action, label) a facilitator may take on the post now."""
    labels = {
        ModerationActionKind.HIDE: "Hide it",
        ModerationActionKind.RESTORE: "Restore it",
        ModerationActionKind.DELETE: "Delete it",
        ModerationActionKind.APPROVE: "Approve it",
        ModerationActionKind.REJECT: "Reject it",
        ModerationActionKind.DISMISS: "Keep it and close the reports",
    }
    return [
        (action, labels[action])
        for action, (statuses, _new, _label) in MODERATION.items()
        if post.status in statuses
        and (
            action != ModerationActionKind.DISMISS or post.reports.filter(resolved_at=None).exists()
        )
    ]


def post_moderate(*, post, user, action: str, reason: str = ""):
    community = post.community
    if not selectors.can_moderate(user, community):
        raise NotAllowed("Only facilitators can moderate posts.")
    if action not in MODERATION:
        raise DiscussionError("Choose what to do with the post.")
    statuses, new_status, label = MODERATION[action]
    if post.status not in statuses:
        raise DiscussionError(
            f"This post is {post.get_status_display().lower()}, so it cannot be "
            f"{label or 'kept'} now. Nothing has changed."
        )
    if action in NEEDS_REASON and not reason.strip():
        raise DiscussionError("Give a reason: the author will see it.")
    now = timezone.now()
    with transaction.atomic():
        post.status = new_status
        if action in (
            ModerationActionKind.HIDE,
            ModerationActionKind.DELETE,
            ModerationActionKind.REJECT,
        ):
            post.status_reason = reason
        elif action == ModerationActionKind.RESTORE:
            post.status_reason = ""
        if new_status == PostStatus.DELETED:
            post.body = ""
            if post.is_opening:
                Discussion.objects.filter(pk=post.discussion_id).update(
                    title=DELETED_TITLE, answer=None
                )
        post.save(update_fields=["status", "status_reason", "body"])
        if new_status != PostStatus.PUBLISHED and post.discussion_id:
            Discussion.objects.filter(pk=post.discussion_id, answer=post).update(answer=None)
        Report.objects.filter(post=post, resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=user
        )
        _log(community=community, action=action, actor=user, post=post, reason=reason)
    if action == ModerationActionKind.APPROVE:
        _published(post)
    elif post.discussion_id:
        _reindex([post.discussion_id])
    if label and action != ModerationActionKind.APPROVE:
        _tell_author_of_moderation(post, label, reason)
    return post
