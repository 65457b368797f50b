"""Following: what a member follows, started by a button or automatically.

Any kind of thing can be followed once it is registered here with `register_kind`: its
model, how to check that a member may follow it, and how to name the things a member
follows on their "Following" page (only what they may still see). Communities, themes,
case studies, members and saved searches are registered in `register_builtin_kinds`.

The discussions feature registers its model and calls `follow_ensure` when someone
starts or replies to a discussion:

    from participation.models import FollowKind
    from participation.services import follows

    follows.register_kind(FollowKind.DISCUSSION, Discussion, may_follow=..., describe=...)
    follows.follow_ensure(user=request.user, target=discussion, automatic=True)

`follow_ensure(..., automatic=True)` never restarts something the member stopped
following; a click on "Follow" (automatic=False) always does.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from participation.models import Follow, FollowKind


class FollowError(Exception):
    """The member may not follow this (or it does not exist)."""


@dataclass
class Followed:
    """One row on the Following page."""

    kind: str
    kind_label: str
    object_id: int
    title: str
    url: str
    automatic: bool = False


@dataclass
class KindSpec:
    model: type
    # (user, object) -> may this member follow it?
    may_follow: Callable
    # (user, ids) -> {id: (title, url)} for the ones the member may still see
    describe: Callable


_kinds: dict[str, KindSpec] = {}


def register_kind(kind: str, model, *, may_follow, describe) -> None:
    _kinds[str(kind)] = KindSpec(model=model, may_follow=may_follow, describe=describe)


def kind_for(target) -> str:
    for kind, spec in _kinds.items():
        if isinstance(target, spec.model):
            return kind
    raise FollowError(f"{type(target).__name__} cannot be followed.")


def target_for(kind: str, object_id: int):
    """The object a kind and id name, or None (unknown kind, no such object)."""
    spec = _kinds.get(kind)
    if spec is None:
        return None
    objects = spec.model.objects.all()
    if hasattr(objects, "live"):  # pages: only published ones
        objects = objects.live()
    return objects.filter(pk=object_id).first()


def may_follow(user, target) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    try:
        kind = kind_for(target)
    except FollowError:
        return False
    return bool(_kinds[kind].may_follow(user, target))


def is_following(user, target) -> bool:
    if not (user and user.is_authenticated):
        return False
    return Follow.objects.filter(
        user=user, kind=kind_for(target), object_id=target.pk, active=True
    ).exists()


@transaction.atomic
def follow_ensure(*, user, target, automatic: bool = False) -> Follow | None:
    """Follow `target`. Automatic follows (writing, replying) do not undo a member's own
    "stop following"; returns None when nothing changes for that reason, or when the
    member may not follow it."""
    if not may_follow(user, target):
        if automatic:
            return None
        raise FollowError("You cannot follow that.")
    follow, created = Follow.objects.select_for_update().get_or_create(
        user=user,
        kind=kind_for(target),
        object_id=target.pk,
        defaults={"automatic": automatic},
    )
    if created or follow.active:
        return follow
    if automatic:
        return None  # they chose to stop
    follow.active, follow.automatic = True, False
    follow.save(update_fields=["active", "automatic", "updated_at"])
    return follow


def follow_stop(*, user, kind: str, object_id: int) -> bool:
    """Stop following; True if something was being followed. The row stays (inactive) so
    automatic follows do not start it again."""
    return bool(
        Follow.objects.filter(user=user, kind=kind, object_id=object_id, active=True).update(
            active=False
        )
    )


def followed_by(user) -> list[Followed]:
    """Everything `user` follows, named only where they may still see it; anything they can
    no longer see is listed without its name, so they can stop following it."""
    follows = list(
        Follow.objects.filter(user=user, active=True).order_by("kind", "-created_at", "pk")
    )
    by_kind: dict[str, list[int]] = {}
    for follow in follows:
        by_kind.setdefault(follow.kind, []).append(follow.object_id)
    names = {}
    for kind, ids in by_kind.items():
        spec = _kinds.get(kind)
        described = spec.describe(user, ids) if spec else {}
        names.update({(kind, pk): value for pk, value in described.items()})
    labels = dict(FollowKind.choices)
    rows = []
    for follow in follows:
        title, url = names.get((follow.kind, follow.object_id), ("", ""))
        rows.append(
            Followed(
                kind=follow.kind,
                kind_label=labels.get(follow.kind, follow.kind),
                object_id=follow.object_id,
                title=title,
                url=url,
                automatic=follow.automatic,
            )
        )
    return rows


# The built-in kinds ------------------------------------------------------------------------


def _communities(user, ids):
    from communities.selectors import listed_communities

    return {c.pk: (c.title, c.url) for c in listed_communities(user).filter(pk__in=ids)}


def _may_follow_community(user, community):
    from communities.selectors import can_read_community

    return can_read_community(user, community)


def _themes(user, ids):
    from django.urls import reverse

    from casestudies.models import Theme

    return {
        t.pk: (t.name, reverse("theme_detail", args=[t.slug]))
        for t in Theme.objects.filter(pk__in=ids)
    }


def _case_studies(user, ids):
    from casestudies.selectors import visible_case_studies

    return {p.pk: (p.title, p.url) for p in visible_case_studies(user).filter(pk__in=ids)}


def _may_follow_case_study(user, page):
    from casestudies.selectors import can_read_case_study

    return can_read_case_study(user, page)


def _members(user, ids):
    from django.urls import reverse

    from communities.models import User
    from communities.views.members import profile_visible_to

    return {
        m.pk: (m.display_name, reverse("member_profile", args=[m.pk]))
        for m in User.objects.filter(pk__in=ids)
        if profile_visible_to(m, user)
    }


def _may_follow_member(user, member):
    from communities.views.members import profile_visible_to

    return member.pk != user.pk and member.is_active and profile_visible_to(member, user)


def _saved_searches(user, ids):
    from django.urls import reverse

    from participation.models import SavedSearch

    return {
        s.pk: (s.name, f"{reverse('search')}?{s.query_string}")
        for s in SavedSearch.objects.filter(user=user, pk__in=ids)
    }


def register_builtin_kinds() -> None:
    from casestudies.models import CaseStudyPage, Theme
    from communities.models import CommunityPage, User
    from participation.models import SavedSearch

    register_kind(
        FollowKind.COMMUNITY,
        CommunityPage,
        may_follow=_may_follow_community,
        describe=_communities,
    )
    register_kind(FollowKind.THEME, Theme, may_follow=lambda user, theme: True, describe=_themes)
    register_kind(
        FollowKind.CASE_STUDY,
        CaseStudyPage,
        may_follow=_may_follow_case_study,
        describe=_case_studies,
    )
    register_kind(FollowKind.MEMBER, User, may_follow=_may_follow_member, describe=_members)
    register_kind(
        FollowKind.SAVED_SEARCH,
        SavedSearch,
        may_follow=lambda user, saved: saved.user_id == user.pk,
        describe=_saved_searches,
    )
