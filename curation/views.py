"""The "Curate this community" page: a route of CommunityPage (`curate/`).

Page serving has applied the privacy rule first; routes of a community page are also served
to non-readers of a private or restricted community (for its preview), so this answers 404
to them, like a missing page. Readers who do not run the community get 403.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from communities.selectors import can_manage_community, can_read_community
from curation import selectors, services
from curation.forms import CurateForm

MAX_DISCUSSION_CHOICES = 50


def _discussion_choices(community):
    """Discussions a facilitator may pin: the pinned ones and the 50 most recently active
    with a published opening post."""
    from discussions.models import Discussion, PostStatus

    published = Discussion.objects.filter(
        community=community, posts__is_opening=True, posts__status=PostStatus.PUBLISHED
    )
    recent = list(
        published.order_by("-last_activity_at", "-pk").values_list("pk", flat=True)[
            :MAX_DISCUSSION_CHOICES
        ]
    )
    pinned = list(published.filter(pinned=True).values_list("pk", flat=True))
    return Discussion.objects.filter(pk__in=set(recent) | set(pinned)).order_by(
        "-pinned", "-last_activity_at", "-pk"
    )


def curate(request, community):
    if getattr(request, "community_preview_only", False) or not can_read_community(
        request.user, community
    ):
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_manage_community(request.user, community):
        raise PermissionDenied("Only this community's facilitators can curate its home page.")
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    case_studies = services.curatable_case_studies(community)
    discussions = _discussion_choices(community)
    featured_ids = list(
        community.featured_items.order_by("sort_order", "pk").values_list(
            "case_study_id", flat=True
        )
    )
    initial = {"welcome": selectors.welcome_text(community)}
    initial.update({f"featured_{n}": pk for n, pk in enumerate(featured_ids, start=1)})
    initial["pinned"] = list(discussions.filter(pinned=True).values_list("pk", flat=True))
    form = CurateForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        case_studies=case_studies,
        discussions=discussions,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.community_curate(
                    community=community,
                    user=request.user,
                    welcome=form.cleaned_data["welcome"],
                    featured=form.featured(),
                    pinned=form.cleaned_data.get("pinned", []),
                    offered=list(discussions),
                )
            except services.NotAllowed as error:
                raise PermissionDenied(str(error)) from error
            except services.CurationError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                messages.success(request, "The community’s home page has been updated.")
                return redirect(community.url)
        else:
            status = 400
    return TemplateResponse(
        request,
        "curation/curate.html",
        {"page": community, "form": form, "has_case_studies": case_studies.exists()},
        status=status,
    )
