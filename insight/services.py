"""Acting on what the dashboard shows: asking a community for a case study on a search
that found nothing. The discussion is started through discussions/services.py, so the
usual rules apply (members only, the rate limit, first posts held where the community holds
them, followers told)."""

from discussions import services as discussions
from discussions.models import Discussion, PostStatus


def ask_title(query: str) -> str:
    title = f"Has anyone done a project on “{query}”?"
    if len(title) > 150:
        title = f"Has anyone done a project on “{query[:110]}…”?"
    return title


def ask_body(query: str) -> str:
    return (
        f"People have searched this community for “{query}” and found nothing.\n\n"
        "Has your organisation done a project on this? Reply with what you did and what "
        "you learned (what went well, what went wrong), or write it up as a case study so "
        "the next team finds it."
    )


def ask_for_case_study(*, community, user, query: str, title: str = "", body: str = ""):
    """Start a question in `community` asking for case studies on `query`.

    Returns (discussion, started): asking twice with the same title finds the discussion
    already started (unless it was deleted) instead of starting another one.
    """
    query = " ".join(query.split())
    title = (title or "").strip() or ask_title(query)
    body = (body or "").strip() or ask_body(query)
    existing = (
        Discussion.objects.filter(community=community, title=title)
        .filter(posts__is_opening=True)
        .exclude(posts__is_opening=True, posts__status=PostStatus.DELETED)
        .first()
    )
    if existing is not None:
        return existing, False
    discussion = discussions.discussion_start(
        community=community, user=user, title=title, body=body, is_question=True
    )
    return discussion, True
