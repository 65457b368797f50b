"""Whole-page cache for anonymous readers (docs/page-speed.md).

Three quarters of the traffic is anonymous, and an anonymous reader sees exactly what every
other anonymous reader sees. `PageCacheMiddleware` keeps those pages, rendered, in the
`pages` cache for `PAGE_CACHE_SECONDS`, and serves them again without running the view.

What may be stored, all of it decided when the response is made:

- a GET answered 200 with HTML, to a request with no session or messages cookie and no
  `Authorization` header, whose user is anonymous once the view has run;
- not if the response sets a cookie, if the page asked for a CSRF token (a form that
  posts) or for the CSP nonce, if it says `Cache-Control: private/no-cache/no-store`, or if
  it varies on anything other than `Cookie` and `Accept-Encoding`.

Anonymous readers may only ever be given open content (the privacy rule answers 404 to
everything else), so what is stored is public by construction; signed-in requests (any
session cookie) are never answered from the cache and never stored.

Invalidation is by generation: every entry carries the generation it was rendered under,
and a request reads the current generation and its page in one `get_many`. `bump()` starts
a new generation, which makes every stored page stale at once. It is called on any write
that can change what a page shows (signals below, connected in `cop/apps.py`, plus the few
services that write with `QuerySet.update()`), immediately and again once the transaction
commits, so a page rendered from the old data while the transaction was open cannot be
stored under the new generation. Entries also expire after `PAGE_CACHE_SECONDS`, which
bounds anything time-dependent ("may be out of date" notices, relative dates).
"""

import hashlib
import logging
import secrets
import time
from contextvars import ContextVar
from importlib import import_module

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
GENERATION_KEY = "page-cache:generation"
# Headers a cached response keeps. Those added outside this middleware (CSP, security
# headers) are added again on every response; cookies are never stored.
SKIP_HEADERS = {"set-cookie", "content-security-policy", "content-security-policy-report-only"}
ALLOWED_VARY = {"cookie", "accept-encoding"}
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/accounts/", "/api/", "/feeds/")


class PageFileCache(FileBasedCache):
    """Django's file cache, culling one write in CULL_EVERY instead of on every write: its
    cull lists the whole folder, which costs 10-20 ms with thousands of pages stored."""

    CULL_EVERY = 100
    _writes = 0

    def _cull(self):
        self._writes += 1
        if self._writes % self.CULL_EVERY == 0:
            super()._cull()


def timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def enabled() -> bool:
    return timeout() > 0


def page_cache():
    return caches[CACHE_ALIAS]


def _generation(cache, found: dict) -> str | None:
    """The current generation from what `get_many` found, started if there is none yet."""
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = _new_generation()
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY)
    return generation


def _new_generation() -> str:
    return f"{time.time_ns():x}-{secrets.token_hex(4)}"


def _bump_now() -> None:
    try:
        page_cache().set(GENERATION_KEY, _new_generation(), timeout=None)
    except Exception:  # a cache that cannot be written must not fail the write itself
        logger.exception("Could not start a new page cache generation")


def bump(using=None) -> None:
    """Make every cached page stale: now, and again when the current transaction commits."""
    if not enabled():
        return
    if _request_generation.get() is not None:  # in a request: it reads afresh from now on
        _content_changed.set(True)
    _bump_now()
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and not any(
        func is _bump_now for _sids, func, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_bump_now, using=using, robust=True)


def _key(request) -> str:
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "page-cache:" + hashlib.sha256(raw.encode()).hexdigest()


def _may_serve(request) -> bool:
    if request.method not in ("GET", "HEAD") or not enabled():
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not request.path.startswith(SKIP_PREFIXES)


def _may_store(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False
    if getattr(request, "page_cache_skip", False):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-cache", "no-store")):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= ALLOWED_VARY


def on_hit(response, path: str, **kwargs) -> None:
    """Ask for `path(request=..., **kwargs)` (a function named by its dotted path) to run
    whenever this response is served from the cache, as it ran when the page was made:
    the search page logs the search, pages count their views."""
    response.page_cache_on_hit = [*getattr(response, "page_cache_on_hit", ()), (path, kwargs)]


def _replay(calls, request) -> None:
    """Run what a page asked to be done on every view (see `on_hit`)."""
    for path, kwargs in calls or ():
        module_name, _, name = path.rpartition(".")
        try:
            getattr(import_module(module_name), name)(request=request, **kwargs)
        except Exception:
            logger.exception("Could not replay %s for a cached page", path)


# The generation read when the request began. Parts of pages made during the request
# (`remember`) are stored under it, as whole pages are, so a part built partly from rows
# read before a write committed mid-request is stale at once, never kept as current.
_request_generation: ContextVar[str | None] = ContextVar("cop_page_generation", default=None)
# Whether this request has written content since it began (see `current_generation`).
_content_changed: ContextVar[bool] = ContextVar("cop_content_changed", default=False)


def current_generation() -> str | None:
    """The generation this request began under, for answers kept while the content stays
    the same (`cop.requestmemo.kept`); None outside a request, with the page cache off, and
    once the request has itself written content (what it reads next may differ)."""
    if _content_changed.get():
        return None
    return _request_generation.get()


class PageCacheMiddleware:
    """Serve and store whole pages for anonymous readers (placed just inside the CSP
    middleware, so every response, cached or not, gets the policy header), and note the
    generation every request began under, for parts of pages (`remember`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled():
            return self.get_response(request)
        serve = _may_serve(request)
        cache = page_cache()
        key = _key(request) if serve else None
        try:
            found = cache.get_many([GENERATION_KEY, key] if serve else [GENERATION_KEY])
            generation = _generation(cache, found)
        except Exception:
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        token = _request_generation.set(generation)
        changed = _content_changed.set(False)
        try:
            if serve:
                return self._serve(request, cache, key, found, generation)
            return self.get_response(request)
        finally:
            _content_changed.reset(changed)
            _request_generation.reset(token)

    def _serve(self, request, cache, key, found, generation):
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation:
            if request.method == "GET":  # as uncached: HEAD is neither counted nor logged
                _replay(entry.get("on_hit"), request)
            response = HttpResponse(entry["content"], status=entry["status"])
            for name, value in entry["headers"]:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if generation is not None and _may_store(request, response):
            entry = {
                "generation": generation,
                "status": response.status_code,
                "headers": [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() not in SKIP_HEADERS
                ],
                "content": response.content,
                "on_hit": getattr(response, "page_cache_on_hit", None),
            }
            try:
                cache.set(key, entry, timeout=timeout())
            except Exception:
                logger.exception("Could not store a page in the page cache")
            response["X-Page-Cache"] = "miss"
        return response


# What invalidates: any write to these apps' models, except the bookkeeping listed below,
# which no page shows.
INVALIDATING_APPS = {
    "communities",
    "casestudies",
    "curation",
    "discussions",
    "participation",
    "wiki",
    "search",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "taggit",
    "auth",
}
IGNORED_MODELS = {
    "casestudies.reviewreminder",
    "casestudies.casestudyexport",
    "communities.invitation",
    "communities.allowedemaildomain",
    "discussions.report",
    "participation.emailpreference",
    "participation.savedsearch",
    "participation.savedsearchmatch",
    "participation.lessonannouncement",
    "participation.digestsent",
    "participation.notificationsent",
    "participation.announcementsent",
    # The search index invalidates through search.indexing (it is written in bulk).
    "search.searchdocument",
    "search.searchword",
    "search.searchlog",
    "search.searchsample",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.uploadedfile",
    "wagtailimages.rendition",
}
# Signing in writes last_login; no page shows it.
IGNORED_UPDATE_FIELDS = {frozenset({"last_login"})}


def _invalidates(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return False
    return meta.app_label in INVALIDATING_APPS and meta.label_lower not in IGNORED_MODELS


def on_save(sender, update_fields=None, using=None, **kwargs):
    if not _invalidates(sender):
        return
    if update_fields is not None and frozenset(update_fields) in IGNORED_UPDATE_FIELDS:
        return
    bump(using)


def on_change(sender, using=None, **kwargs):
    if _invalidates(sender):
        bump(using)


def on_m2m_changed(sender, instance, action, using=None, **kwargs):
    if action.startswith("post_") and (_invalidates(sender) or _invalidates(type(instance))):
        bump(using)


def on_page_event(sender, **kwargs):
    bump()


def connect_signals() -> None:
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(on_save, dispatch_uid="page_cache_save")
    # Per model: a listener for every model would stop Django deleting in bulk (it fetches
    # each row to send the signal), for instance when the search index replaces documents.
    for model in apps.get_models():
        if _invalidates(model):
            uid = f"page_cache_{model._meta.label_lower}"
            post_delete.connect(on_change, sender=model, dispatch_uid=uid)
    m2m_changed.connect(on_m2m_changed, dispatch_uid="page_cache_m2m")
    page_published.connect(on_page_event, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_page_event, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(on_page_event, dispatch_uid="page_cache_moved")


def part_timeout() -> int:
    """How long a part of a page (`remember`) may be kept: longer than whole pages, since
    parts hold nothing time-dependent and the generation keeps them current."""
    return max(timeout(), int(getattr(settings, "PAGE_PART_SECONDS", 0) or 0))


def remember(name: str, compute, seconds: int | None = None):
    """`compute()`, kept in the page cache under `name` for the current generation (so any
    write that invalidates pages invalidates it too), for `seconds` (default: as long as
    whole pages). For parts of pages that signed-in readers share, such as a case study's
    related case studies for one audience, or a `{% pagepart %}`."""
    if not enabled() or _content_changed.get():  # a request that wrote reads afresh
        return compute()
    cache = page_cache()
    key = "page-cache-part:" + hashlib.sha256(name.encode()).hexdigest()
    began_under = _request_generation.get()
    try:
        if began_under is not None:
            found, generation = cache.get_many([key]), began_under
        else:  # outside a request
            found = cache.get_many([GENERATION_KEY, key])
            generation = _generation(cache, found)
    except Exception:
        logger.exception("Page cache unavailable")
        return compute()
    entry = found.get(key)
    if generation is not None and entry is not None and entry[0] == generation:
        return entry[1]
    value = compute()
    if generation is not None:
        try:
            cache.set(key, (generation, value), timeout=seconds or timeout())
        except Exception:
            logger.exception("Could not store a part of a page in the page cache")
    return value
