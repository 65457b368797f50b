"""Joining, leaving and running a community, kept in step with Wagtail's own permissions.

Every change of membership goes through these functions, which keep the community's two
Wagtail groups (members, facilitators), its page permissions, its view restriction and its
collection in sync, and email the people concerned. `community_sync_access` is idempotent;
`manage.py sync_community_access` runs it for every community to check and repair.
"""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    PageViewRestriction,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from communities.models import (
    CommunityPage,
    Invitation,
    Membership,
    MembershipRole,
    MembershipState,
    User,
    Visibility,
)
from communities.services.mail import email_send
from cop import requestmemo

INVITATION_LIFETIME = timedelta(days=14)
# Members add case studies (and edit their own drafts, submitting them for review);
# facilitators edit, publish and moderate everything in the community. In the community's
# wiki every member adds, edits and publishes directly.
MEMBER_PAGE_PERMISSIONS = ["add_page"]
MEMBER_WIKI_PERMISSIONS = ["add_page", "change_page", "publish_page"]
FACILITATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]
MEMBER_COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
]
FACILITATOR_COLLECTION_PERMISSIONS = MEMBER_COLLECTION_PERMISSIONS + [
    ("wagtaildocs", "change_document"),
    ("wagtailimages", "change_image"),
]


class MembershipError(Exception):
    """A membership change that cannot be made; the message says why, for the person asking."""


# Wagtail access --------------------------------------------------------------------------


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _ensure_group(community, field, label):
    group = getattr(community, field)
    name = f"{label}: {community.title} (community {community.pk})"[:150]
    if group is None:
        group, _ = Group.objects.get_or_create(name=name)
        setattr(community, field, group)
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    # Members write in Wagtail's admin, trimmed to what they may read by
    # communities/middleware.py and communities/wagtail_hooks.py.
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    return group


def _ensure_collection(community):
    if community.collection is None:
        root = Collection.get_first_root_node()
        community.collection = root.add_child(name=f"{community.title} (community {community.pk})")
    return community.collection


@transaction.atomic
def community_sync_access(*, community: CommunityPage) -> None:
    """Make Wagtail's groups, permissions and view restriction match the community."""
    members_group = _ensure_group(community, "members_group", "Members")
    facilitators_group = _ensure_group(community, "facilitators_group", "Facilitators")
    collection = _ensure_collection(community)
    CommunityPage.objects.filter(pk=community.pk).update(
        members_group=members_group,
        facilitators_group=facilitators_group,
        collection=collection,
    )

    for group, codenames in (
        (members_group, MEMBER_PAGE_PERMISSIONS),
        (facilitators_group, FACILITATOR_PAGE_PERMISSIONS),
    ):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=community, permission=_permission("wagtailcore", codename)
            )
    for group, perms in (
        (members_group, MEMBER_COLLECTION_PERMISSIONS),
        (facilitators_group, FACILITATOR_COLLECTION_PERMISSIONS),
    ):
        for app_label, codename in perms:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )

    _sync_view_restrictions(community, collection, [members_group, facilitators_group])
    wiki = _ensure_wiki(community)
    for codename in MEMBER_WIKI_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=members_group, page=wiki, permission=_permission("wagtailcore", codename)
        )
    _ensure_workflow(community, facilitators_group)

    active = Membership.objects.filter(community=community, state=MembershipState.ACTIVE)
    members = set(active.values_list("user_id", flat=True))
    facilitators = set(
        active.filter(role=MembershipRole.FACILITATOR).values_list("user_id", flat=True)
    )
    _set_group_users(members_group, members)
    _set_group_users(facilitators_group, facilitators)


def _ensure_wiki(community):
    """Every community has one wiki, made when the community is."""
    from wiki.models import WikiIndexPage

    wiki = WikiIndexPage.objects.child_of(community).first()
    if wiki is None:
        slug, taken = "wiki", set(community.get_children().values_list("slug", flat=True))
        while slug in taken:
            slug = f"{slug}-{secrets.token_hex(2)}"
        wiki = community.add_child(
            instance=WikiIndexPage(
                title="Wiki",
                slug=slug,
                body="<p>Notes that every member keeps up to date: where to start, who to "
                "ask, useful links.</p>",
            )
        )
        # Made live without a publish, so no publish signal tells search about it.
        from search.indexing import schedule_pages

        schedule_pages([wiki.pk])
    return wiki


def _ensure_workflow(community, facilitators_group):
    """Case studies go live after a facilitator of the community approves them."""
    # Named by number, not title: Wagtail's workflow reports list every workflow's name.
    name = f"Facilitators' review, community {community.pk}"
    link = WorkflowPage.objects.filter(page=community).select_related("workflow").first()
    if link is None:
        task = GroupApprovalTask.objects.create(name=f"Approval, community {community.pk}")
        workflow = Workflow.objects.create(name=name)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(page=community, workflow=workflow)
    else:
        workflow = link.workflow
        if workflow.name != name or not workflow.active:
            workflow.name, workflow.active = name, True
            workflow.save(update_fields=["name", "active"])
    for task in GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow):
        task.groups.set([facilitators_group])


def _sync_restriction(model, restrictions, create, visibility, groups):
    """Make a page's or collection's view restriction match the community's visibility."""
    if visibility == Visibility.OPEN:
        restrictions.delete()
        return
    kind = model.LOGIN if visibility == Visibility.RESTRICTED else model.GROUPS
    restriction = restrictions.first() or create(restriction_type=kind)
    if restriction.restriction_type != kind:
        restriction.restriction_type = kind
        restriction.save(update_fields=["restriction_type"])
    restrictions.exclude(pk=restriction.pk).delete()
    if kind == model.GROUPS:
        restriction.groups.set(groups)
    else:
        restriction.groups.clear()


def _sync_view_restrictions(community, collection, groups):
    """Pages under the community, and files in its collection, follow its visibility."""
    _sync_restriction(
        PageViewRestriction,
        PageViewRestriction.objects.filter(page=community),
        lambda **kwargs: PageViewRestriction.objects.create(page=community, **kwargs),
        community.visibility,
        groups,
    )
    _sync_restriction(
        CollectionViewRestriction,
        CollectionViewRestriction.objects.filter(collection=collection),
        lambda **kwargs: CollectionViewRestriction.objects.create(collection=collection, **kwargs),
        community.visibility,
        groups,
    )


def _set_group_users(group, user_ids):
    current = set(group.user_set.values_list("id", flat=True))
    if current - user_ids:
        group.user_set.remove(*(current - user_ids))
    if user_ids - current:
        group.user_set.add(*(user_ids - current))


def _after_change(membership):
    community_sync_access(community=membership.community)
    # Cached per-request community lists must not outlive a change.
    if hasattr(membership.user, "_member_community_ids"):
        del membership.user._member_community_ids
    requestmemo.forget()


# Email ----------------------------------------------------------------------------------


def _email(*, to, subject, template, context):
    email_send(
        to=to, subject=subject, template=f"communities/email/{template}.txt", context=context
    )


def _facilitator_emails(community):
    return list(
        User.objects.filter(
            memberships__community=community,
            memberships__state=MembershipState.ACTIVE,
            memberships__role=MembershipRole.FACILITATOR,
            is_active=True,
        ).values_list("email", flat=True)
    )


# Joining and leaving ----------------------------------------------------------------------


def _existing(user, community):
    return Membership.objects.select_for_update().filter(user=user, community=community).first()


@transaction.atomic
def membership_join(*, user: User, community: CommunityPage, message: str = "") -> Membership:
    """Join an open community at once, or ask to join a restricted or private one."""
    if not user.is_authenticated or not user.is_active:
        raise MembershipError("Sign in to join a community.")
    if not user.approved:
        raise MembershipError(
            "Your account is waiting for a site administrator's approval. "
            "You can join communities once it is approved."
        )
    if community.visibility == Visibility.HIDDEN:
        raise MembershipError("This community is by invitation only.")
    membership = _existing(user, community)
    if membership and membership.state == MembershipState.ACTIVE:
        raise MembershipError("You are already a member of this community.")
    if membership and membership.state == MembershipState.REQUESTED:
        raise MembershipError("You have already asked to join; a facilitator will reply.")
    if membership and membership.state == MembershipState.REMOVED:
        raise MembershipError(
            "A facilitator removed you from this community. Contact them to rejoin."
        )
    state = (
        MembershipState.ACTIVE
        if community.visibility == Visibility.OPEN
        else MembershipState.REQUESTED
    )
    if membership is None:
        membership = Membership(user=user, community=community, role=MembershipRole.MEMBER)
    membership.state = state
    membership.role = MembershipRole.MEMBER
    membership.message = message.strip()[:2000]
    membership.decided_by = None
    membership.decision_reason = ""
    membership.save()
    _after_change(membership)
    if state == MembershipState.REQUESTED:
        _email(
            to=_facilitator_emails(community),
            subject=f"Request to join {community.title}",
            template="request_received",
            context={"membership": membership, "community": community},
        )
    return membership


@transaction.atomic
def membership_withdraw(*, user: User, community: CommunityPage) -> None:
    membership = _existing(user, community)
    if membership is None or membership.state != MembershipState.REQUESTED:
        raise MembershipError("You have no request to join this community to withdraw.")
    membership.state = MembershipState.LEFT
    membership.save(update_fields=["state", "updated_at"])


def _decidable(membership_id, community):
    membership = (
        Membership.objects.select_for_update()
        .select_related("user", "community")
        .filter(pk=membership_id, community=community)
        .first()
    )
    if membership is None or membership.state != MembershipState.REQUESTED:
        raise MembershipError(
            "That request is no longer waiting: it may have been withdrawn or already decided."
        )
    return membership


@transaction.atomic
def membership_approve(*, membership_id: int, community: CommunityPage, by: User) -> Membership:
    membership = _decidable(membership_id, community)
    membership.state = MembershipState.ACTIVE
    membership.decided_by = by
    membership.save()
    _after_change(membership)
    _email(
        to=[membership.user.email],
        subject=f"You have joined {community.title}",
        template="request_approved",
        context={"membership": membership, "community": community},
    )
    return membership


@transaction.atomic
def membership_decline(
    *, membership_id: int, community: CommunityPage, by: User, reason: str
) -> Membership:
    reason = reason.strip()
    if not reason:
        raise MembershipError("Say why the request is declined; the person asking will see it.")
    membership = _decidable(membership_id, community)
    membership.state = MembershipState.DECLINED
    membership.decided_by = by
    membership.decision_reason = reason[:2000]
    membership.save()
    _email(
        to=[membership.user.email],
        subject=f"Your request to join {community.title}",
        template="request_declined",
        context={"membership": membership, "community": community},
    )
    return membership


def _other_facilitators(membership):
    return (
        Membership.objects.filter(
            community=membership.community,
            state=MembershipState.ACTIVE,
            role=MembershipRole.FACILITATOR,
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def _guard_last_facilitator(membership, action):
    # Lock every active facilitator row, so two facilitators demoting each other at the
    # same moment cannot both succeed.
    list(
        Membership.objects.select_for_update()
        .filter(
            community=membership.community,
            state=MembershipState.ACTIVE,
            role=MembershipRole.FACILITATOR,
        )
        .values_list("pk", flat=True)
    )
    if membership.role == MembershipRole.FACILITATOR and not _other_facilitators(membership):
        raise MembershipError(
            f"A community always needs a facilitator: make someone else a facilitator "
            f"before you {action}."
        )


@transaction.atomic
def membership_leave(*, user: User, community: CommunityPage) -> None:
    membership = _existing(user, community)
    if membership is None or membership.state != MembershipState.ACTIVE:
        raise MembershipError("You are not a member of this community.")
    _guard_last_facilitator(membership, "leave")
    membership.state = MembershipState.LEFT
    membership.role = MembershipRole.MEMBER
    membership.save()
    _after_change(membership)


def _active_member(membership_id, community):
    membership = (
        Membership.objects.select_for_update()
        .select_related("user")
        .filter(pk=membership_id, community=community, state=MembershipState.ACTIVE)
        .first()
    )
    if membership is None:
        raise MembershipError("That person is not an active member of this community.")
    return membership


@transaction.atomic
def membership_remove(
    *, membership_id: int, community: CommunityPage, by: User, reason: str = ""
) -> None:
    membership = _active_member(membership_id, community)
    _guard_last_facilitator(membership, "remove this facilitator")
    membership.state = MembershipState.REMOVED
    membership.role = MembershipRole.MEMBER
    membership.decided_by = by
    membership.decision_reason = reason.strip()[:2000]
    membership.save()
    _after_change(membership)


@transaction.atomic
def membership_set_role(
    *, membership_id: int, community: CommunityPage, role: str, by: User
) -> Membership:
    if role not in MembershipRole.values:
        raise MembershipError("Choose member or facilitator.")
    membership = _active_member(membership_id, community)
    if role == MembershipRole.MEMBER:
        _guard_last_facilitator(membership, "stop this person being a facilitator")
    membership.role = role
    membership.decided_by = by
    membership.save()
    _after_change(membership)
    return membership


# Invitations ------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(*, community: CommunityPage, email: str, by: User) -> Invitation:
    """Invite someone by email, with or without an account; the link works once."""
    email = email.strip()
    if not email or "@" not in email:
        raise MembershipError("Enter an email address in the correct format.")
    existing = User.objects.filter(email__iexact=email).first()
    if (
        existing
        and Membership.objects.filter(
            user=existing, community=community, state=MembershipState.ACTIVE
        ).exists()
    ):
        raise MembershipError(f"{email} is already a member of this community.")
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        community=community,
        email=email,
        token_hash=_token_hash(token),
        invited_by=by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    if existing:
        membership = Membership.objects.filter(user=existing, community=community).first()
        if membership and membership.state == MembershipState.REMOVED:
            raise MembershipError(
                f"{email} was removed from this community by a facilitator. Talk to the other "
                "facilitators before inviting them back."
            )
        if membership is None:
            Membership.objects.create(
                user=existing,
                community=community,
                state=MembershipState.INVITED,
                role=MembershipRole.MEMBER,
            )
        elif membership.state in (MembershipState.LEFT, MembershipState.DECLINED):
            membership.state = MembershipState.INVITED
            membership.save(update_fields=["state", "updated_at"])
    _email(
        to=[email],
        subject=f"You are invited to join {community.title}",
        template="invitation",
        context={"invitation": invitation, "community": community, "token": token, "by": by},
    )
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link's token names, if it is still usable."""
    invitation = (
        Invitation.objects.select_related("community").filter(token_hash=_token_hash(token)).first()
    )
    if invitation is None or invitation.used_at or invitation.expires_at <= timezone.now():
        return None
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    invitation = invitation_for_token(token)
    if invitation is None:
        raise MembershipError(
            "This invitation link has expired or has already been used. "
            "Ask a facilitator of the community to invite you again."
        )
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at:
        raise MembershipError("This invitation link has already been used.")
    if user.email.lower() != invitation.email.lower():
        raise MembershipError(
            f"This invitation was sent to {invitation.email}. Sign in with that address "
            "to accept it, or ask a facilitator to invite the address you use here."
        )
    community = invitation.community
    membership, _ = Membership.objects.get_or_create(
        user=user,
        community=community,
        defaults={"state": MembershipState.ACTIVE, "role": MembershipRole.MEMBER},
    )
    if membership.state != MembershipState.ACTIVE:
        membership.state = MembershipState.ACTIVE
        membership.role = MembershipRole.MEMBER
        membership.save()
    invitation.used_at = timezone.now()
    invitation.used_by = user
    invitation.save(update_fields=["used_at", "used_by"])
    _after_change(membership)
    return membership
