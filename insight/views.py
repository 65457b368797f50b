"""The insight dashboards: a community's (a route of its page, `<community>/insight/`, for
its facilitators and site administrators) and the site's (`/insight/`, for site
administrators), their CSV downloads, and "ask the community for a case study".

A community's routes are also served to non-readers of a private or restricted community
(for its preview), so each community view checks `can_read_community` first and answers
404 like a missing page; readers who do not run the community get 403, as on the
moderation page.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from communities.models import CommunityPage
from communities.selectors import can_manage_community, can_read_community
from cop.spreadsheets import csv_lines
from discussions import selectors as discussion_selectors
from discussions.models import PostStatus
from discussions.services import DiscussionError
from insight import charts, services
from insight.forms import AskForm, SiteAskForm
from insight.periods import PRESETS, period_from
from insight.selectors import Dashboard, Scope, can_see_site_insight
from insight.tables import TABLES


def _signed_in_or_login(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _community_guard(request, community):
    if getattr(request, "community_preview_only", False) or not can_read_community(
        request.user, community
    ):
        raise Http404
    if (response := _signed_in_or_login(request)) is not None:
        return response
    if not can_manage_community(request.user, community):
        raise PermissionDenied("Only the community's facilitators can see its insight.")
    return None


def _site_guard(request):
    if (response := _signed_in_or_login(request)) is not None:
        return response
    if not can_see_site_insight(request.user):
        raise PermissionDenied("Only site administrators can see the site's insight.")
    return None


def _dashboard_page(request, scope, *, community=None, base_url):
    choice = period_from(request.GET)
    context = {
        "page": community,
        "community": community,
        "choice": choice,
        "presets": list(PRESETS),
        "base_url": base_url,
        "site_wide": scope.site_wide,
        "tables": TABLES,
    }
    status = 200
    if choice.period is None:
        status = 400
    else:
        board = Dashboard(scope=scope, period=choice.period, user=request.user, request=request)
        context["board"] = board
        context["joined_chart"] = charts.bar_chart(
            "Members joined per week", board.membership["joined_by_week"]
        )
        context["views_chart"] = charts.bar_chart(
            "Page views per week" if board.views_weekly else "Page views per day",
            board.views["by_day"],
        )
        context["ask_communities"] = _ask_communities(request.user, scope)
    return TemplateResponse(request, "insight/dashboard.html", context, status=status)


def _download(request, scope, table, *, name):
    if table not in TABLES:
        raise Http404
    choice = period_from(request.GET)
    if choice.period is None:
        return redirect(f"{request.path.rsplit('download/', 1)[0]}?{choice.query_string()}")
    board = Dashboard(scope=scope, period=choice.period, user=request.user, request=request)
    rows = list(TABLES[table].rows(board))
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    filename = f"{name}-{table}-{choice.period.start}-to-{choice.period.end}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _ask_communities(user, scope):
    """Communities in the scope where `user` may start a discussion."""
    return [
        community
        for community in scope.communities
        if discussion_selectors.can_take_part(user, community)
    ]


def _ask(request, form, *, community, page, back_url, template_context):
    """Handle the ask form for `community` (None until the form names one)."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    status = 200
    if request.method == "POST":
        if form.is_valid():
            community = community or CommunityPage.objects.get(pk=form.cleaned_data["community"])
            try:
                discussion, started = services.ask_for_case_study(
                    community=community,
                    user=request.user,
                    query=form.cleaned_data["query"],
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                )
            except DiscussionError as error:
                form.add_error(None, str(error))
                status = error.status
            else:
                if not started:
                    messages.info(request, "This community has already been asked.")
                elif discussion_selectors.opening_post(discussion).status == PostStatus.HELD:
                    messages.success(
                        request,
                        "Your question is waiting for a facilitator's approval before members "
                        "see it.",
                    )
                else:
                    messages.success(request, "Your question has been posted.")
                return redirect(discussion.get_url(community))
        else:
            status = 400
    query = (form.data.get("query") or request.GET.get("q", "")).strip()
    return TemplateResponse(
        request,
        "insight/ask.html",
        {
            "page": page,
            "form": form,
            "query": query,
            "back_url": back_url,
            **template_context,
        },
        status=status,
    )


def _initial(request):
    query = request.GET.get("q", "").strip()[:200]
    if not query:
        return {}
    return {"query": query, "title": services.ask_title(query), "body": services.ask_body(query)}


# A community's dashboard (routes of CommunityPage) --------------------------------------


def community_dashboard(request, community):
    if (response := _community_guard(request, community)) is not None:
        return response
    return _dashboard_page(
        request,
        Scope.of_community(community),
        community=community,
        base_url=f"{community.url}insight/",
    )


def community_download(request, community, table):
    if (response := _community_guard(request, community)) is not None:
        return response
    return _download(request, Scope.of_community(community), table, name=community.slug)


def community_ask(request, community):
    if (response := _community_guard(request, community)) is not None:
        return response
    if not discussion_selectors.can_take_part(request.user, community):
        raise PermissionDenied("Only members of this community can start a discussion.")
    data = request.POST if request.method == "POST" else None
    form = AskForm(data, initial=_initial(request))
    return _ask(
        request,
        form,
        community=community,
        page=community,
        back_url=f"{community.url}insight/",
        template_context={"community": community},
    )


# The site's dashboard --------------------------------------------------------------------


def site_dashboard(request):
    if (response := _site_guard(request)) is not None:
        return response
    return _dashboard_page(request, Scope.of_site(request.user), base_url=reverse("insight"))


def site_download(request, table):
    if (response := _site_guard(request)) is not None:
        return response
    return _download(request, Scope.of_site(request.user), table, name="site")


def site_ask(request):
    if (response := _site_guard(request)) is not None:
        return response
    communities = _ask_communities(request.user, Scope.of_site(request.user))
    data = request.POST if request.method == "POST" else None
    initial = _initial(request)
    if request.GET.get("community", "").isdigit():
        initial["community"] = int(request.GET["community"])
    form = SiteAskForm(data, initial=initial, communities=communities)
    return _ask(
        request,
        form,
        community=None,
        page=None,
        back_url=reverse("insight"),
        template_context={"community": None},
    )


urlpatterns = [
    path("insight/", site_dashboard, name="insight"),
    path("insight/ask/", site_ask, name="insight_ask"),
    path("insight/download/<slug:table>/", site_download, name="insight_download"),
]
