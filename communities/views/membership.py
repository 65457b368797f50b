"""Joining, leaving and managing a community. Routed from CommunityPage (see its routes).

Page serving has already applied the privacy rule (communities/wagtail_hooks.py) before
any of these views run: a hidden community is 404 to everyone outside it.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_POST

from communities.models import Membership, MembershipRole, MembershipState, Visibility
from communities.selectors import can_manage_community, membership_of
from communities.services import membership as service


class JoinForm(forms.Form):
    message = forms.CharField(
        label="Why would you like to join? (optional)",
        help_text="Facilitators read this when they decide. Say what you work on.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Reason for declining",
        help_text="The person who asked will see this.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label="Email address", help_text="They do not need an account yet.")


def _signed_in_or_login(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def join(request, community):
    if (response := _signed_in_or_login(request)) is not None:
        return response
    if community.visibility == Visibility.HIDDEN:
        raise Http404
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = service.membership_join(
                user=request.user, community=community, message=form.cleaned_data["message"]
            )
        except service.MembershipError as error:
            messages.error(request, str(error))
            return redirect(community.url)
        if membership.state == MembershipState.ACTIVE:
            messages.success(request, f"You have joined {community.title}.")
        else:
            messages.success(
                request,
                "Your request has been sent. A facilitator will approve or decline it, "
                "and we will email you either way.",
            )
        return redirect(community.url)
    return TemplateResponse(
        request,
        "communities/membership/join.html",
        {"page": community, "form": form, "asks": community.visibility != Visibility.OPEN},
    )


def leave(request, community):
    if (response := _signed_in_or_login(request)) is not None:
        return response
    membership = membership_of(request.user, community)
    if membership is None or membership.state not in (
        MembershipState.ACTIVE,
        MembershipState.REQUESTED,
    ):
        messages.error(request, "You are not a member of this community.")
        return redirect(community.url)
    if request.method == "POST":
        try:
            if membership.state == MembershipState.REQUESTED:
                service.membership_withdraw(user=request.user, community=community)
                messages.success(request, "Your request to join has been withdrawn.")
            else:
                service.membership_leave(user=request.user, community=community)
                messages.success(request, f"You have left {community.title}.")
        except service.MembershipError as error:
            messages.error(request, str(error))
        return redirect(community.url)
    return TemplateResponse(
        request,
        "communities/membership/leave.html",
        {"page": community, "membership": membership},
    )


def manage(request, community):
    if (response := _signed_in_or_login(request)) is not None:
        return response
    if not can_manage_community(request.user, community):
        raise PermissionDenied
    memberships = Membership.objects.filter(community=community).select_related(
        "user", "user__organisation"
    )
    context = {
        "page": community,
        "requests": memberships.filter(state=MembershipState.REQUESTED).order_by("created_at"),
        "members": memberships.filter(state=MembershipState.ACTIVE).order_by(
            "role", "user__first_name", "user__last_name"
        ),
        "invitations": community.invitations.filter(used_at__isnull=True)[:50],
        "decline_form": DeclineForm(),
        "invite_form": InviteForm(),
        "roles": MembershipRole,
        "overdue_case_studies": _overdue_case_studies(request.user, community),
    }
    return TemplateResponse(request, "communities/membership/manage.html", context)


def _overdue_case_studies(user, community):
    from casestudies.services.freshness import overdue_in_community

    return list(overdue_in_community(user=user, community=community))


@require_POST
def manage_action(request, community, action):
    if (response := _signed_in_or_login(request)) is not None:
        return response
    if not can_manage_community(request.user, community):
        raise PermissionDenied
    by = request.user
    membership_id = request.POST.get("membership")
    try:
        membership_id = int(membership_id) if membership_id else None
        if action == "invite":
            form = InviteForm(request.POST)
            if not form.is_valid():
                raise service.MembershipError("Enter an email address in the correct format.")
            invitation = service.invitation_create(
                community=community, email=form.cleaned_data["email"], by=by
            )
            messages.success(request, f"Invitation sent to {invitation.email}.")
        elif membership_id is None:
            raise service.MembershipError("Choose a member first.")
        elif action == "approve":
            done = service.membership_approve(
                membership_id=membership_id, community=community, by=by
            )
            messages.success(request, f"{done.user.display_name} is now a member.")
        elif action == "decline":
            form = DeclineForm(request.POST)
            if not form.is_valid():
                raise service.MembershipError(
                    "Say why the request is declined; the person asking will see it."
                )
            done = service.membership_decline(
                membership_id=membership_id,
                community=community,
                by=by,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, f"The request from {done.user.display_name} was declined.")
        elif action == "remove":
            service.membership_remove(
                membership_id=membership_id,
                community=community,
                by=by,
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, "The member was removed.")
        elif action == "role":
            done = service.membership_set_role(
                membership_id=membership_id,
                community=community,
                role=request.POST.get("role", ""),
                by=by,
            )
            messages.success(
                request, f"{done.user.display_name} is now a {done.get_role_display().lower()}."
            )
        else:
            raise Http404
    except (service.MembershipError, ValueError) as error:
        messages.error(
            request,
            str(error)
            if isinstance(error, service.MembershipError)
            else "That request could not be understood; nothing was changed.",
        )
    return redirect(f"{community.url}manage/")


def accept_invitation(request, token):
    invitation = service.invitation_for_token(token)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = service.invitation_accept(token=token, user=request.user)
        except service.MembershipError as error:
            messages.error(request, str(error))
            return redirect(request.path)
        messages.success(request, f"You have joined {membership.community.title}.")
        return redirect(membership.community.url)
    return TemplateResponse(
        request,
        "communities/membership/invitation.html",
        {"invitation": invitation, "token": token},
        status=200 if invitation else 404,
    )


urlpatterns = [
    path("invitations/<str:token>/", accept_invitation, name="invitation_accept"),
]
