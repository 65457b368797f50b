"""Who may see what. Every surface that shows community content asks these functions.

The rule (see docs/privacy.md):
- open: anyone reads;
- restricted: any signed-in, active and approved member of the site reads (members
  from outside the public-sector allow-list wait for approval: communities/services/signup.py);
- private and hidden: only the community's active members (and site administrators) read;
- listings show open, restricted and private communities (name and purpose only for
  private ones to non-members); hidden communities are listed only to their members.
"""

import copy

from django.db.models import Q

from communities.models import (
    CommunityPage,
    Membership,
    MembershipRole,
    MembershipState,
    Visibility,
)
from cop.requestmemo import keeping, kept
from cop.tree import ancestor_paths

PUBLIC_LISTED = [Visibility.OPEN, Visibility.RESTRICTED, Visibility.PRIVATE]


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _approved(user) -> bool:
    """Signed in and approved by the sign-up rules (site administrators always are)."""
    return _signed_in(user) and (user.is_superuser or bool(getattr(user, "approved", False)))


def _active_roles(user) -> dict[int, str]:
    """{community id: role} of the user's active memberships, read once per user object
    and kept while the content stays the same (membership changes drop it:
    communities/services/membership.py). Shared: never change what it returns."""
    roles = getattr(user, "_member_community_ids", None)
    if roles is None:
        roles = kept(
            ("active_roles", user.pk),
            lambda: dict(
                Membership.objects.filter(user=user, state=MembershipState.ACTIVE).values_list(
                    "community_id", "role"
                )
            ),
        )
        user._member_community_ids = roles
    return roles


def member_community_ids(user) -> set[int]:
    if not _signed_in(user):
        return set()
    return set(_active_roles(user))


def readable_communities_q(user) -> Q:
    """A Q over CommunityPage for the communities whose content `user` may read."""
    if _signed_in(user) and user.is_superuser:
        return Q()
    visible = Q(visibility=Visibility.OPEN)
    if _approved(user):
        visible |= Q(visibility=Visibility.RESTRICTED)
    if _signed_in(user):
        visible |= Q(pk__in=member_community_ids(user))
    return visible


def readable_communities(user):
    return CommunityPage.objects.live().filter(readable_communities_q(user))


def can_read_community(user, community: CommunityPage) -> bool:
    """`readable_communities_q` decided in memory for a community already loaded (no query
    beyond the user's memberships, which are read once per user object)."""
    if not isinstance(community, CommunityPage):
        return readable_communities(user).filter(pk=community.pk).exists()
    if not community.live:
        return False
    if _signed_in(user) and user.is_superuser:
        return True
    if community.visibility == Visibility.OPEN:
        return True
    if community.visibility == Visibility.RESTRICTED and _approved(user):
        return True
    return _signed_in(user) and community.pk in member_community_ids(user)


# Set on a page by page serving (communities/wagtail_hooks.py) for the rest of the request.
SERVED_COMMUNITY = "_served_community"


def _communities_by_path() -> dict[str, CommunityPage]:
    """Every community (with its collection) by tree path, kept while the content stays the
    same (cop.requestmemo.kept). Shared: copy what is taken from it."""
    return kept(
        ("communities-by-path",),
        lambda: {c.path: c for c in CommunityPage.objects.select_related("collection")},
    )


def community_above(page, inclusive: bool = False) -> CommunityPage | None:
    """The community `page` lies in (or is, with `inclusive`), with its collection: found
    in the kept communities by tree path, so with no query once they are kept. A copy,
    which the request may change."""
    communities = _communities_by_path()
    for path in ancestor_paths(page.path or "", inclusive=inclusive):
        if (community := communities.get(path)) is not None:
            return copy.copy(community)
    return None


def community_of_page(page, inclusive: bool = False) -> CommunityPage | None:
    """The community a page lies in (or is, with `inclusive`), with its collection, or None
    outside communities.

    A page being served already knows its community (found once by the privacy hook)."""
    if not inclusive and SERVED_COMMUNITY in page.__dict__:
        return page.__dict__[SERVED_COMMUNITY]
    if keeping():
        return community_above(page, inclusive=inclusive)
    # Tasks, commands and previews (nothing kept) ask for the one community.
    return (
        CommunityPage.objects.ancestor_of(page, inclusive=inclusive)
        .select_related("collection")
        .first()
    )


def community_of_collection(collection) -> CommunityPage | None:
    """The community whose collection is `collection` or holds it (as a child collection),
    or None for files kept outside every community."""
    if collection is None:
        return None
    return (
        CommunityPage.objects.filter(collection__in=collection.get_ancestors(inclusive=True))
        .order_by("-collection__depth")
        .first()
    )


def can_read_collection(user, collection) -> bool:
    """Whether `user` may read files (documents, images) kept in `collection`: the rule of
    the community that holds it; files outside every community are open."""
    community = community_of_collection(collection)
    return community is None or can_read_community(user, community)


def listed_communities(user):
    """Communities shown in listings: everything but hidden ones the user is not in."""
    q = Q(visibility__in=PUBLIC_LISTED)
    if _signed_in(user):
        q |= Q(pk__in=member_community_ids(user))
        if user.is_superuser:
            q = Q()
    return CommunityPage.objects.live().filter(q).order_by("title")


def _reader_key(user):
    if not _signed_in(user):
        return None
    return (user.pk, user.is_superuser, _approved(user), frozenset(member_community_ids(user)))


def readable_paths(user) -> list[str]:
    """Tree paths of the communities whose subtrees `user` may read (once per request, and
    kept while the content stays the same). Shared: never change what it returns."""
    return kept(
        ("readable_paths", _reader_key(user)),
        lambda: list(readable_communities(user).values_list("path", flat=True)),
    )


def within_readable_communities_q(user, path_field: str = "path") -> Q:
    """A Q over pages (or anything with a tree path) inside readable communities."""
    paths = readable_paths(user)
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= Q(**{f"{path_field}__startswith": path})
    return q


def membership_of(user, community):
    """The user's membership row for a community, whatever its state, or None."""
    if not _signed_in(user):
        return None
    return Membership.objects.filter(user=user, community=community).first()


def facilitated_community_ids(user) -> set[int]:
    """The communities `user` is an active facilitator of (from the memberships read once)."""
    if not _signed_in(user):
        return set()
    roles = _active_roles(user)
    return {pk for pk, role in roles.items() if role == MembershipRole.FACILITATOR}


def can_manage_community(user, community) -> bool:
    """Facilitators (and site administrators) run a community's membership."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    return getattr(community, "pk", community) in facilitated_community_ids(user)


def outside_unreadable_communities_q(user, path_field: str = "path") -> Q:
    """A Q over pages: everything except what lies inside communities `user` may not read
    (pages outside every community, such as the home page, stay in)."""
    if _signed_in(user) and user.is_superuser:
        return Q()
    hidden = CommunityPage.objects.exclude(readable_communities_q(user)).values_list(
        "path", flat=True
    )
    q = Q()
    for path in hidden:
        q &= ~Q(**{f"{path_field}__startswith": path})
    return q
