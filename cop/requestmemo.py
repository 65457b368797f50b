"""Answers kept for the rest of one request, or in this process while the content stays
the same (readable communities, a member's roles, the site, a page's community).

`RequestMemoMiddleware` opens an empty memo for each request and drops it afterwards;
`memo(key, compute)` returns the memo's answer for `key`, computing it the first time.
Outside a request (tasks, commands, tests calling selectors directly) nothing is kept, so
answers are never stale there. Writes that change what a memo holds (membership changes)
call `forget()`.

`kept(key, compute)` keeps an answer longer: in this process, for as long as the page
cache's generation (cop/pagecache.py) stays the one the request began under, and at most
KEPT_SECONDS. Any write that changes what a page shows starts a new generation, in every
process at once, so an answer kept this way is as current as a cached page; a request that
has itself written stops using kept answers for the rest of it. With the page cache off there is no
generation, and `kept` is `memo`.
"""

import copy
import time
from contextvars import ContextVar

from cop.pagecache import current_generation

_memo: ContextVar[dict | None] = ContextVar("cop_request_memo", default=None)

# (generation, when started, answers) of this process. Answers are shared by the requests
# a process serves (one after another, or side by side in threads): never change them.
_kept: tuple[str | None, float, dict] = (None, 0.0, {})
KEPT_MAX_ENTRIES = 20_000
# However long a generation lasts, answers are asked again after this many seconds: the
# bound on staleness should a write ever fail to start a new generation (a cache that
# cannot be written, a command run with the page cache off).
KEPT_SECONDS = 60


def memo(key, compute):
    store = _memo.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def keeping() -> bool:
    """Whether `kept` keeps answers across requests now (so a look-up that pays off only
    when kept, such as a set covering every page, is worth making)."""
    return current_generation() is not None


def kept(key, compute):
    """`compute()`, kept in this process while the content's generation stays the same
    (see the module's docstring). What it returns is shared: read it, never change it."""
    global _kept
    generation = current_generation()
    if generation is None:
        return memo(key, compute)
    kept_under, started, store = _kept
    now = time.monotonic()
    if kept_under != generation or now - started > KEPT_SECONDS or len(store) >= KEPT_MAX_ENTRIES:
        store = {}
        _kept = (generation, now, store)
    try:
        return store[key]
    except KeyError:
        value = store[key] = compute()
        return value


def surely_absent(item, key, compute) -> bool:
    """Whether `item` is missing from the set `compute()` returns, kept (`kept`): True only
    while answers are kept, so a set covering every page is read only when it pays off."""
    return keeping() and item not in kept(key, compute)


def forget_kept() -> None:
    """Drop every answer kept in this process (tests: a rolled-back transaction starts no
    new generation)."""
    global _kept
    _kept = (None, 0.0, {})


def forget() -> None:
    store = _memo.get()
    if store is not None:
        store.clear()


def _site_with_root(request):
    """Wagtail's site for the request, with its root page loaded as its own type."""
    from wagtail.models import Site

    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site


def remember_site(request) -> None:
    """Give the request the site (and root page) kept for its host and port, so routing
    asks the database for neither (two queries on every page not served from the page
    cache; the sites' root paths, which links need, are kept too: cop/apps.py)."""
    if current_generation() is None:  # nothing kept across requests: Wagtail asks as ever
        return
    try:
        host, port = request.get_host(), request.get_port()
    except Exception:  # a host Django refuses: Django and Wagtail answer it as ever
        return
    site = kept(("site", host, port), lambda: _site_with_root(request))
    if site is not None:
        # Copies: a request may set attributes on its site and pages.
        request._wagtail_site = copy.copy(site)
        request._wagtail_site.root_page = copy.copy(site.root_page)


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            remember_site(request)
            return self.get_response(request)
        finally:
            _memo.reset(token)
