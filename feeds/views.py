"""Feed views, and the member's page for their private feed address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from feeds.services import active_feed_token, feed_token_reset


def feed_view(feed_class):
    """A view that serves `feed_class` with a fresh instance per request (feeds keep the
    request on themselves while they are built)."""

    @require_http_methods(["GET", "HEAD"])
    def view(request, *args, **kwargs):
        return feed_class()(request, *args, **kwargs)

    view.__name__ = view.__qualname__ = f"{feed_class.__name__}_view"
    return view


def search_feed_path(token) -> str:
    return reverse("feed_search", args=[token.token])


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_feed(request):
    """See your private feed address; POST makes one, or resets it (the old one stops)."""
    if request.method == "POST":
        had_one = active_feed_token(request.user) is not None
        feed_token_reset(user=request.user)
        messages.success(
            request,
            "Your feed address has been reset: the old address no longer works."
            if had_one
            else "Your feed address has been created.",
        )
        return redirect("member_feed")
    token = active_feed_token(request.user)
    response = render(
        request,
        "feeds/member_feed.html",
        {
            "token": token,
            "feed_url": request.build_absolute_uri(search_feed_path(token)) if token else "",
            "example_url": (
                request.build_absolute_uri(search_feed_path(token)) + "?q=chatbot&stage=live"
                if token
                else ""
            ),
            "site_feed_url": request.build_absolute_uri(reverse("feed_case_studies")),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response
