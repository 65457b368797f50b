"""Following, email preferences, saved searches, the digest preview, unsubscribing, theme
pages and "this helped us" (a route of the case study page). Views stay thin: reads in
selectors.py and services/follows.py, writes in services/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from casestudies.models import Theme
from casestudies.selectors import visible_case_studies
from participation import selectors
from participation.forms import AnnouncementForm, FrequencyForm, HelpedForm, SavedSearchForm
from participation.models import Frequency
from participation.services import announcements, follows, helped, notifications, saved_searches
from participation.tokens import ANNOUNCEMENTS, BadToken, read_token


def _next_url(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# Following --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
def following(request):
    return render(
        request,
        "participation/following.html",
        {
            "followed": follows.followed_by(request.user),
            "form": FrequencyForm(
                initial={
                    "frequency": notifications.frequency_of(request.user),
                    "announcements": "yes"
                    if announcements.announcements_wanted(request.user)
                    else "no",
                }
            ),
        },
    )


@login_required
@require_POST
def preferences(request):
    form = FrequencyForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "participation/following.html",
            {"followed": follows.followed_by(request.user), "form": form},
        )
    frequency = form.cleaned_data["frequency"]
    notifications.preference_set(user=request.user, frequency=frequency)
    if form.cleaned_data["announcements"]:
        announcements.announcements_set(
            user=request.user, wanted=form.cleaned_data["announcements"] == "yes"
        )
    messages.success(request, f"Saved. We will email you: {Frequency(frequency).label}.")
    return redirect("following")


def _target(request):
    kind = request.POST.get("kind", "")
    object_id = request.POST.get("object_id", "")
    if not (object_id.isascii() and object_id.isdigit() and len(object_id) < 19):
        return kind, None, None
    return kind, int(object_id), follows.target_for(kind, int(object_id))


@login_required
@require_POST
def follow(request):
    kind, _object_id, target = _target(request)
    if target is None or not follows.may_follow(request.user, target):
        messages.error(request, "That cannot be followed, or no longer exists.")
        return redirect(_next_url(request, reverse("following")))
    follows.follow_ensure(user=request.user, target=target)
    messages.success(request, "You are following this. New things in it will be in your emails.")
    return redirect(_next_url(request, reverse("following")))


@login_required
@require_POST
def unfollow(request):
    kind, object_id, _target_object = _target(request)
    if object_id is None or not follows.follow_stop(
        user=request.user, kind=kind, object_id=object_id
    ):
        messages.error(request, "You were not following that.")
    else:
        messages.success(request, "You have stopped following it.")
    return redirect(_next_url(request, reverse("following")))


# Saved searches -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def saved_search_list(request):
    form = SavedSearchForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = saved_searches.saved_search_create(
                user=request.user,
                name=form.cleaned_data["name"],
                query_string=form.cleaned_data["query_string"],
            )
        except saved_searches.SavedSearchError as error:
            form.add_error("name", str(error))
        else:
            messages.success(
                request,
                f"Saved “{saved.name}”. We will tell you when something new matches it.",
            )
            return redirect("saved_searches")
    from feeds.services import active_feed_token
    from feeds.views import search_feed_path

    token = active_feed_token(request.user)
    response = render(
        request,
        "participation/saved_searches.html",
        {
            "saved_searches": selectors.saved_searches_of(request.user),
            "form": form,
            # Each saved search's feed is the member's private feed address followed by the
            # search (docs/api.md, "The private search feed").
            "feed_path": search_feed_path(token) if token else "",
        },
    )
    # The page shows the private feed address: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def saved_search_delete(request, pk):
    if saved_searches.saved_search_delete(user=request.user, saved_search_id=pk):
        messages.success(request, "Saved search deleted.")
    else:
        messages.error(request, "That saved search does not exist.")
    return redirect("saved_searches")


# The digest preview -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
def digest_preview(request):
    digest, since, until, frequency = notifications.preview_for(request.user)
    return render(
        request,
        "participation/digest_preview.html",
        {"digest": digest, "since": since, "until": until, "frequency": frequency},
    )


# Unsubscribing --------------------------------------------------------------------------------


def _bad_token(request, error: BadToken):
    return render(request, "participation/unsubscribe.html", {"bad_token": error}, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """The link in every email: a page with one button (a GET never changes anything, so
    mail scanners that open links unsubscribe nobody)."""
    try:
        member, scope = read_token(token)
    except BadToken as error:
        return _bad_token(request, error)
    done = request.method == "POST"
    if done:
        _unsubscribe(member, scope)
    return render(
        request,
        "participation/unsubscribe.html",
        {"member": member, "done": done, "token": token, "announcements": scope == ANNOUNCEMENTS},
    )


def _unsubscribe(member, scope):
    if scope == ANNOUNCEMENTS:
        announcements.announcements_set(user=member, wanted=False)
    else:
        notifications.preference_set(user=member, frequency=Frequency.OFF)


@csrf_exempt
@require_POST
def unsubscribe_one_click(request, token):
    """RFC 8058 one-click unsubscribe, posted by mail programs from the List-Unsubscribe
    header. They cannot send a CSRF token; the signed token in the address is the proof
    (nobody else can make one), and it only ever turns emails off."""
    try:
        member, scope = read_token(token)
    except BadToken as error:
        return HttpResponse(
            "This unsubscribe link has expired." if error.expired else "Invalid link.",
            status=400,
            content_type="text/plain",
        )
    _unsubscribe(member, scope)
    return HttpResponse("Unsubscribed.", content_type="text/plain")


# Themes -----------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def theme_detail(request, slug):
    from curation.selectors import collections_for_theme

    theme = get_object_or_404(Theme, slug=slug)
    case_studies = (
        visible_case_studies(request.user)
        .filter(themes=theme)
        .order_by("-first_published_at", "pk")
    )
    page_obj = Paginator(case_studies, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "participation/theme_detail.html",
        {
            "theme": theme,
            "page_obj": page_obj,
            "case_studies": page_obj.object_list,
            "collections": collections_for_theme(theme),
        },
    )


# "This helped us" (a route of the case study page, so page serving has applied the privacy
# rule before this runs) --------------------------------------------------------------------------


def helped_view(request, page):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    record = selectors.helped_record_of(request.user, page)
    if request.method == "POST" and "remove" in request.POST:
        helped.helped_record_delete(user=request.user, page=page)
        messages.success(request, "Your record has been removed.")
        return redirect(page.url)
    initial = {"kind": record.kind, "note": record.note} if record else None
    form = HelpedForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            _record, created = helped.helped_record_save(
                user=request.user,
                page=page,
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
            )
        except helped.HelpedError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                "Thank you: the author has been told." if created else "Your record is updated.",
            )
            return redirect(page.url)
    return render(
        request,
        "participation/helped_form.html",
        {"page": page, "form": form, "record": record},
    )


# Announcements (routes of the community page; page serving has applied the privacy rule,
# but routes are also served to non-readers for a community's preview, so each view asks
# again: 404, as for a page that does not exist) ----------------------------------------------


ANNOUNCEMENTS_PER_PAGE = 20


def _community_readable(request, community):
    from communities.selectors import can_read_community

    if getattr(request, "community_preview_only", False) or not can_read_community(
        request.user, community
    ):
        raise Http404


def _may_announce(request, community) -> bool:
    from communities.selectors import can_manage_community

    return can_manage_community(request.user, community)


@require_http_methods(["GET", "HEAD"])
def announcement_list(request, community):
    _community_readable(request, community)
    page_obj = Paginator(
        announcements.announcements_for(community), ANNOUNCEMENTS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "participation/announcements/list.html",
        {
            "page": community,
            "page_obj": page_obj,
            "announcements": page_obj.object_list,
            "can_announce": _may_announce(request, community),
        },
    )


@require_http_methods(["GET", "HEAD"])
def announcement_detail(request, community, announcement_id):
    _community_readable(request, community)
    announcement = announcements.announcements_for(community).filter(pk=announcement_id).first()
    if announcement is None:
        raise Http404
    return render(
        request,
        "participation/announcements/detail.html",
        {"page": community, "announcement": announcement},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def announcement_new(request, community):
    """Write, preview, then send. Posting with `preview` shows the announcement as members
    will see it, with the text kept in the form; posting with `send` stores and sends it.
    Refusals show the form again with an error summary (400) and change nothing."""
    _community_readable(request, community)
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not _may_announce(request, community):
        raise PermissionDenied("Only facilitators can make announcements.")
    form = AnnouncementForm(request.POST if request.method == "POST" else None)
    context = {"page": community, "form": form, "preview": None}
    if request.method != "POST" or "edit" in request.POST:
        return render(request, "participation/announcements/new.html", context)
    if not form.is_valid():
        return render(request, "participation/announcements/new.html", context, status=400)
    if "send" not in request.POST:
        context["preview"] = form.cleaned_data
        return render(request, "participation/announcements/new.html", context)
    try:
        announcement = announcements.announcement_create(
            community=community,
            author=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
        )
    except announcements.NotAllowed as error:
        raise PermissionDenied(str(error)) from None
    except announcements.AnnouncementError as error:
        form.add_error(None, str(error))
        return render(request, "participation/announcements/new.html", context, status=400)
    messages.success(
        request, "Your announcement is published here and is being emailed to the members."
    )
    return redirect(f"{community.url}announcements/{announcement.pk}/")


urlpatterns = [
    path("following/", following, name="following"),
    path("following/preferences/", preferences, name="email_preferences"),
    path("follow/", follow, name="follow"),
    path("unfollow/", unfollow, name="unfollow"),
    path("saved-searches/", saved_search_list, name="saved_searches"),
    path("saved-searches/<int:pk>/delete/", saved_search_delete, name="saved_search_delete"),
    path("digest/preview/", digest_preview, name="digest_preview"),
    path("unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
    path("unsubscribe/<str:token>/one-click/", unsubscribe_one_click, name="unsubscribe_one_click"),
    path("themes/<slug:slug>/", theme_detail, name="theme_detail"),
]
