"""The search page, search within one community, and autocomplete for the search box.

Every view here only reads: the one thing a search writes is its entry in the search log
(search/services.py). The search state lives entirely in the address, so any search can be
shared or bookmarked. Privacy is applied by the service, which limits everything (results,
facet counts, suggestions, autocomplete) to what the reader may see.
"""

import re

from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cop import pagecache
from search import services
from search.models import SearchLog

# Words of a query, for the broader search offered when nothing is found.
WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
MAX_BROADER_WORDS = 6


def _broader_query(query: str) -> str:
    """The query's words joined by OR (any of them rather than all), or "" if that would
    be the same search. Excluded words (-word) and the OR operator are left out."""
    words = []
    for token in query.replace('"', " ").split():
        if token.startswith("-") or token.upper() == "OR":
            continue
        words.extend(WORD_RE.findall(token))
    words = list(dict.fromkeys(words))[:MAX_BROADER_WORDS]
    return " OR ".join(words) if len(words) > 1 else ""


def _context(request, results, *, action: str, community=None) -> dict:
    keep_query = [("q", results.query)] if results.query else []
    if results.sort != "relevance":
        keep_query.append(("sort", results.sort))
    facets = results.facets
    if community is not None:
        # Everything here is in the one community: a facet of one value says nothing.
        facets = [facet for facet in facets if facet.name != "community"]
    broader = _broader_query(results.query) if results.searched and not results.total else ""
    selected = [
        (facet.label, value) for facet in facets for value in facet.values if value.selected
    ]
    return {
        "results": results,
        # Each facet with whether its panel starts open: the first, and any in use.
        "facets": [
            (facet, n == 0 or any(value.selected for value in facet.values))
            for n, facet in enumerate(facets)
        ],
        "selected": selected,
        "action": action,
        "community": community,
        "clear_filters_url": "?" + urlencode(keep_query),
        "broader_query": broader,
        "broader_url": "?" + urlencode({"q": broader}) if broader else "",
        "sorts": list(services.SORT_LABELS.items()),
        "page_obj": results.page,
        "query_string": results.query_string,
    }


def _run_search(request, community=None):
    from wagtail.models import Site

    page = request.GET.get("page")
    return services.search(
        site=Site.find_for_request(request),
        user=request.user,
        params=request.GET,
        community=community,
        # One log entry per search, not one per page of its results.
        log=page in (None, "", "1"),
    )


def log_cached_search(request, **entry):
    """Log a search answered from the page cache (cop/pagecache.py), as the search would
    have been logged had it run."""
    SearchLog.objects.create(**entry)


def _searched(request, results, response, community=None):
    """Ask the page cache to log the search again whenever it serves this page (only
    anonymous pages are cached, so the entry has no user)."""
    if results.searched and request.GET.get("page") in (None, "", "1"):
        pagecache.on_hit(
            response,
            "search.views.log_cached_search",
            query=results.query,
            filters=results.filters,
            result_count=results.total,
            community_id=community.pk if community is not None else None,
            engine=results.engine,
        )
    return response


@require_http_methods(["GET", "HEAD"])
def search(request):
    results = _run_search(request)
    response = TemplateResponse(
        request, "search/search.html", _context(request, results, action=request.path)
    )
    return _searched(request, results, response)


def community_search(request, community):
    """Search within one community (the `search/` route of CommunityPage).

    Page serving has applied the privacy rule already; like the community's list of case
    studies, this is content, so those who may only see the community's name and purpose
    (request.community_preview_only) get 404.
    """
    if getattr(request, "community_preview_only", False):
        raise Http404
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    results = _run_search(request, community=community)
    context = _context(
        request,
        results,
        action=community.url + community.reverse_subpage("search"),
        community=community,
    )
    context["page"] = community
    response = TemplateResponse(request, "search/search.html", context)
    return _searched(request, results, response, community)


@never_cache
@require_http_methods(["GET", "HEAD"])
def autocomplete(request):
    """Suggestions for the search box as JSON: titles the user may read, and themes."""
    suggestions = services.autocomplete(request.GET.get("q", ""), request.user)
    return JsonResponse({"suggestions": suggestions})
