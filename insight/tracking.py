"""Counting page views on the server: no cookies, no addresses, no third parties.

Wagtail's `on_serve_page` hook wraps page serving (after the `before_serve_page` hooks,
so the privacy rule has already answered for pages a reader may not read). When the page
itself is served (not one of its routes such as `discussions/` or `reviewed/`) and the
answer is a 200 to a GET, one is added to that page's counter for the day: one
`INSERT ... ON CONFLICT DO UPDATE` statement per view. Not counted: requests from crawlers
and scripts (a user agent naming a bot, or none at all), Wagtail's previews (which do not go
through page serving, and say `is_preview` if they ever do), and anything that is not a
successful GET (a 404, a redirect to sign in, a form post).
"""

import logging
import re

from django.db import DatabaseError, connection

from cop import pagecache
from insight import clock

logger = logging.getLogger(__name__)

# Words that crawlers, link checkers, monitors and HTTP libraries put in their user agents.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|scrape|fetch|monitor|checker|preview|headless|"
    r"lighthouse|pingdom|uptime|curl|wget|python|java/|go-http|okhttp|axios|node-fetch|"
    r"libwww|httpclient|http_request|facebookexternalhit|embedly|whatsapp|mediapartners",
    re.IGNORECASE,
)
HOME_ROUTE = "home"

UPSERT = """
    INSERT INTO insight_pageviewday (page_id, day, signed_in, anonymous)
    VALUES (%s, %s, %s, %s)
    ON CONFLICT (page_id, day) DO UPDATE SET
        signed_in = insight_pageviewday.signed_in + EXCLUDED.signed_in,
        anonymous = insight_pageviewday.anonymous + EXCLUDED.anonymous
"""


def is_bot(user_agent: str) -> bool:
    """A request from a crawler or a script: a bot-like user agent, or none at all."""
    user_agent = (user_agent or "").strip()
    return not user_agent or bool(BOT_USER_AGENT.search(user_agent))


def is_page_itself(serve_args, serve_kwargs) -> bool:
    """The page's own address, not one of its routes (routable pages pass their view)."""
    view = serve_args[0] if serve_args else serve_kwargs.get("view")
    return view is None or getattr(view, "__name__", "") == HOME_ROUTE


def should_count(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200:
        return False
    if getattr(request, "is_preview", False):
        return False
    return not is_bot(request.META.get("HTTP_USER_AGENT", ""))


def record_view(*, page_id: int, signed_in: bool) -> None:
    """Add one view of the page today (one statement, safe under concurrent requests)."""
    with connection.cursor() as cursor:
        cursor.execute(
            UPSERT, [page_id, clock.today(), 1 if signed_in else 0, 0 if signed_in else 1]
        )


def record_cached_view(*, request, page_id: int) -> None:
    """Count a view of a page served from the anonymous page cache (cop/pagecache.py),
    which skips page serving and so this module's hook."""
    if is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return
    try:
        record_view(page_id=page_id, signed_in=False)
    except DatabaseError:
        logger.exception("Could not count a page view")


def count_page_views(next_serve):
    """`on_serve_page` hook: serve the page, then count the view if it should be counted."""

    def serve(page, request, args, kwargs):
        response = next_serve(page, request, args, kwargs)
        if not is_page_itself(args, kwargs):
            return response
        if request.method == "GET" and response.status_code == 200:
            # Should the page cache keep this answer, it counts each view it serves too.
            pagecache.on_hit(response, "insight.tracking.record_cached_view", page_id=page.pk)
        if should_count(request, response):
            try:
                record_view(page_id=page.pk, signed_in=request.user.is_authenticated)
            except DatabaseError:
                # Counting must never break a page; the view is simply not counted.
                logger.exception("Could not count a page view")
        return response

    return serve
