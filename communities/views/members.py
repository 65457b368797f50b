"""Member profiles, the profile form, the member directory, data export and account deletion."""

import json

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from taggit.models import Tag

from casestudies.models import CaseStudyPage
from communities.forms import AccountDeleteForm, MemberDirectoryForm, ProfileForm
from communities.models import Invitation, MemberExpertise, Membership, MembershipState, User
from communities.selectors import listed_communities, within_readable_communities_q
from communities.services.profiles import (
    LastFacilitatorError,
    communities_left_without_facilitator,
    member_delete,
    profile_update,
)
from communities.views.listing import filtered_page

DIRECTORY_PAGE_SIZE = 20
MAX_SEARCH_WORDS = 10

# Reads -----------------------------------------------------------------------------------


def listed_members():
    """Members who appear in the directory and on their organisation's page."""
    return User.objects.filter(listed=True, approved=True, is_active=True)


def is_listed(member) -> bool:
    return member.listed and member.approved and member.is_active


def _is_site_admin(viewer) -> bool:
    return bool(viewer.is_authenticated and viewer.is_active and viewer.is_superuser)


def profile_visible_to(member, viewer) -> bool:
    """Listed profiles are public; others only to the member themselves and site admins."""
    if viewer.is_authenticated and viewer.pk == member.pk:
        return True
    return is_listed(member) or _is_site_admin(viewer)


def may_see_email(viewer, member) -> bool:
    """Email addresses go only to signed-in, approved members, and only of those who agreed."""
    return bool(
        member.contactable
        and viewer.is_authenticated
        and viewer.is_active
        and (viewer.approved or viewer.pk == member.pk)
    )


def member_communities(member, viewer):
    """The member's active communities, limited to those the viewer may see listed."""
    return listed_communities(viewer).filter(
        memberships__user=member, memberships__state=MembershipState.ACTIVE
    )


def directory_expertise_names() -> list[str]:
    """Expertise of listed members only, so unlisted members' topics are never offered."""
    tag_ids = MemberExpertise.objects.filter(content_object__in=listed_members()).values("tag_id")
    return list(Tag.objects.filter(pk__in=tag_ids).order_by("name").values_list("name", flat=True))


def search_directory(filters: dict):
    """Listed members matching the directory's (already validated) search and filters."""
    members = listed_members().select_related("organisation").prefetch_related("expertise")
    for word in (filters.get("q") or "").split()[:MAX_SEARCH_WORDS]:
        members = members.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(job_title__icontains=word)
            | Q(bio__icontains=word)
            | Q(
                pk__in=MemberExpertise.objects.filter(tag__name__icontains=word).values(
                    "content_object_id"
                )
            )
        )
    if filters.get("organisation"):
        members = members.filter(organisation=filters["organisation"])
    if filters.get("organisation_type"):
        members = members.filter(organisation__type=filters["organisation_type"])
    if filters.get("region"):
        members = members.filter(organisation__region=filters["region"])
    if filters.get("expertise"):
        members = members.filter(
            pk__in=MemberExpertise.objects.filter(tag__name=filters["expertise"]).values(
                "content_object_id"
            )
        )
    if filters.get("contactable"):
        members = members.filter(contactable=True)
    return members.order_by("last_name", "first_name", "pk")


def _iso(value):
    return value.isoformat() if value else None


def _case_study_entries(case_studies, request):
    return [
        {
            "title": page.title,
            "url": page.get_full_url(request) if page.live else None,
            "live": page.live,
        }
        for page in case_studies.order_by("title")
    ]


def member_data(user, request) -> dict:
    """Everything held about a member, for "Download my data".

    Case studies appear when they sit in communities the member may read (the privacy
    rule applies to exports too); memberships and invitations are the member's own records.
    """
    addresses = list(EmailAddress.objects.filter(user=user).order_by("email"))
    readable_studies = CaseStudyPage.objects.filter(within_readable_communities_q(user))
    return {
        "exported_at": _iso(timezone.now()),
        "profile": {
            "id": user.pk,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "organisation": (
                {"name": user.organisation.name, "slug": user.organisation.slug}
                if user.organisation
                else None
            ),
            "organisation_verified": user.organisation_verified,
            "job_title": user.job_title,
            "expertise": sorted(tag.name for tag in user.expertise.all()),
            "bio": user.bio,
            "contactable": user.contactable,
            "listed": user.listed,
            "approved": user.approved,
            "is_staff": user.is_staff,
            "is_superuser": user.is_superuser,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary} for a in addresses
        ],
        "memberships": [
            {
                "community": membership.community.title,
                "url": membership.community.get_full_url(request),
                "state": membership.state,
                "role": membership.role,
                "message": membership.message,
                "decision_reason": membership.decision_reason,
                "created_at": _iso(membership.created_at),
                "updated_at": _iso(membership.updated_at),
            }
            for membership in Membership.objects.filter(user=user)
            .select_related("community")
            .order_by("created_at", "pk")
        ],
        "invitations": [
            {
                "community": invitation.community.title,
                "email": invitation.email,
                "created_at": _iso(invitation.created_at),
                "expires_at": _iso(invitation.expires_at),
                "used_at": _iso(invitation.used_at),
            }
            for invitation in Invitation.objects.filter(
                # Only addresses the member has proved they own: an unverified address
                # must not reveal where its real owner was invited.
                Q(used_by=user) | Q(email__in=[a.email for a in addresses if a.verified])
            )
            .select_related("community")
            .order_by("created_at", "pk")
        ],
        "case_studies_owned": _case_study_entries(readable_studies.filter(owner=user), request),
        "case_studies_contact_for": _case_study_entries(
            readable_studies.filter(contacts=user).distinct(), request
        ),
        "authenticators": [
            {
                "type": authenticator.type,
                "created_at": _iso(authenticator.created_at),
                "last_used_at": _iso(authenticator.last_used_at),
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("pk")
        ],
    }


# Views -----------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def member_directory(request):
    form = MemberDirectoryForm(request.GET or None, expertise_choices=directory_expertise_names())
    listing = filtered_page(request, form, search_directory, DIRECTORY_PAGE_SIZE)
    for member in listing.page_obj:
        member.show_email = may_see_email(request.user, member)
    return render(request, "communities/members/directory.html", listing.context())


@require_http_methods(["GET", "HEAD"])
def member_profile(request, pk):
    member = get_object_or_404(User.objects.select_related("organisation"), pk=pk)
    if not profile_visible_to(member, request.user):
        raise Http404
    is_own = request.user.is_authenticated and request.user.pk == member.pk
    return render(
        request,
        "communities/members/profile.html",
        {
            "member": member,
            "is_own": is_own,
            "is_listed": is_listed(member),
            "show_email": may_see_email(request.user, member),
            "expertise": list(member.expertise.order_by("name")),
            "communities": member_communities(member, request.user),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def member_me(request):
    return redirect("member_profile", pk=request.user.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_edit(request):
    """Edit your own profile. There is no URL for editing anyone else's."""
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            profile_update(user=user, **form.cleaned_data)
            messages.success(request, "Your profile has been updated.")
            return redirect("member_profile", pk=user.pk)
    else:
        form = ProfileForm(initial=ProfileForm.initial_for(user))
    return render(request, "communities/members/edit.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_export(request):
    if request.method == "POST":
        body = json.dumps(member_data(request.user, request), cls=DjangoJSONEncoder, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        filename = f"practice-exchange-my-data-{timezone.localdate().isoformat()}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "communities/members/export.html")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_delete_account(request):
    user = request.user
    form = AccountDeleteForm(
        request.POST if request.method == "POST" else None, user=user, request=request
    )
    blocking = list(communities_left_without_facilitator(user))
    if request.method == "POST" and not blocking and form.is_valid():
        try:
            member_delete(user=user)
        except LastFacilitatorError as error:
            blocking = error.communities
        else:
            logout(request)
            messages.success(request, "Your account has been deleted.")
            return redirect("/")
    return render(
        request,
        "communities/members/delete.html",
        {
            "form": form,
            "blocking": blocking,
            "profile_url": reverse("member_profile", args=[user.pk]),
        },
    )


urlpatterns = [
    path("", member_directory, name="member_directory"),
    path("me/", member_me, name="member_me"),
    path("me/edit/", member_edit, name="member_edit"),
    path("me/export/", member_export, name="member_export"),
    path("me/delete/", member_delete_account, name="member_delete"),
    path("<int:pk>/", member_profile, name="member_profile"),
]
