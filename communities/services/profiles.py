"""Writes to a member's own profile and account (keyword-only, <thing>_<action> names)."""

from allauth.account.models import EmailAddress
from django.db import transaction
from taggit.models import Tag

from communities.models import CommunityPage, Membership, MembershipRole, MembershipState
from communities.services.members import organisation_for_email


class LastFacilitatorError(Exception):
    """The member is the only active facilitator of these communities."""

    def __init__(self, communities):
        self.communities = list(communities)
        names = ", ".join(community.title for community in self.communities)
        super().__init__(f"Last active facilitator of: {names}")


def verified_email_organisations(user) -> set:
    """Organisations that own the domain of one of the member's verified email addresses."""
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    )
    return {org for org in (organisation_for_email(email) for email in addresses) if org}


def _existing_tag_names(names: list[str]) -> list[str]:
    """Reuse an existing tag whatever its case, so "Open data" and "open data" are one tag."""
    result = []
    for name in names:
        existing = Tag.objects.filter(name__iexact=name).order_by("pk").first()
        result.append(existing.name if existing else name)
    return result


@transaction.atomic
def profile_update(
    *,
    user,
    first_name: str,
    last_name: str,
    organisation,
    job_title: str,
    expertise: list[str],
    bio: str,
    contactable: bool,
    listed: bool,
):
    """Save a member's own profile.

    An organisation chosen by the member is verified only when it is the one they already
    had verified, or the one that owns the domain of one of their verified addresses.
    """
    if organisation is None:
        verified = False
    elif organisation.pk == user.organisation_id and user.organisation_verified:
        verified = True
    else:
        verified = organisation in verified_email_organisations(user)
    user.first_name = first_name
    user.last_name = last_name
    user.organisation = organisation
    user.organisation_verified = verified
    user.job_title = job_title
    user.bio = bio
    user.contactable = contactable
    user.listed = listed
    user.save(
        update_fields=[
            "first_name",
            "last_name",
            "organisation",
            "organisation_verified",
            "job_title",
            "bio",
            "contactable",
            "listed",
        ]
    )
    user.expertise.set(_existing_tag_names(expertise))
    return user


def communities_left_without_facilitator(user):
    """Communities where `user` is the only active facilitator (with an active account)."""
    active_facilitator = {"role": MembershipRole.FACILITATOR, "state": MembershipState.ACTIVE}
    facilitated = set(
        Membership.objects.filter(user=user, **active_facilitator).values_list(
            "community_id", flat=True
        )
    )
    if not facilitated:
        return CommunityPage.objects.none()
    covered = set(
        Membership.objects.filter(
            community_id__in=facilitated, user__is_active=True, **active_facilitator
        )
        .exclude(user=user)
        .values_list("community_id", flat=True)
    )
    return CommunityPage.objects.filter(pk__in=facilitated - covered).order_by("title")


@transaction.atomic
def member_delete(*, user):
    """Delete a member's account.

    Their memberships, email addresses, authenticators and expertise go with them; pages
    they own or revised stay, with no owner (Wagtail sets it to NULL). Refused with
    LastFacilitatorError while they are the only facilitator of a community: they must
    hand over first. The caller signs them out.
    """
    # Lock the facilitator rows of their communities, so two last facilitators deleting
    # their accounts at the same moment cannot both leave a community without one.
    community_ids = Membership.objects.filter(
        user=user, role=MembershipRole.FACILITATOR, state=MembershipState.ACTIVE
    ).values("community_id")
    list(
        Membership.objects.select_for_update()
        .filter(community_id__in=community_ids, role=MembershipRole.FACILITATOR)
        .values_list("pk", flat=True)
    )
    blocking = list(communities_left_without_facilitator(user))
    if blocking:
        raise LastFacilitatorError(blocking)
    user.delete()
