"""Lists of case studies and lessons. The filtering itself lives in casestudies/filters.py.

- The site-wide library is the CaseStudyIndexPage (its get_context calls `library_context`).
- A community's list is routed from CommunityPage (`case-studies/`) to `community_case_studies`.
- The lessons page is a plain view at /lessons/.

Each starts from `visible_case_studies(user)`, so only what the user may read is listed.
"""

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from casestudies.filters import case_study_listing, lesson_listing
from casestudies.selectors import visible_case_studies


def library_context(request, index_page) -> dict:
    """The filtered library for the CaseStudyIndexPage."""
    listing = case_study_listing(request, visible_case_studies(request.user), action=index_page.url)
    return {**listing.context(), "export_query": listing.query_string}


def community_case_studies(request, community):
    """Every case study in one community, with the library's filters.

    Page serving has already applied the privacy rule, but for a private or restricted
    community it lets non-readers through to the community's own page (name, purpose and
    how to join); its list of case studies is content, so they get 404 here.
    """
    if getattr(request, "community_preview_only", False):
        raise Http404
    listing = case_study_listing(
        request,
        visible_case_studies(request.user).descendant_of(community),
        action=community.url + community.reverse_subpage("case_studies"),
    )
    return TemplateResponse(
        request,
        "casestudies/community_case_studies.html",
        {
            "page": community,
            "community": community,
            **listing.context(),
            "export_query": urlencode({"community": community.pk})
            + (f"&{listing.query_string}" if listing.query_string else ""),
        },
    )


@require_http_methods(["GET", "HEAD"])
def lessons(request):
    """Lessons from every case study the user may read, with the library's filters."""
    listing = lesson_listing(request, visible_case_studies(request.user), action=reverse("lessons"))
    return TemplateResponse(request, "casestudies/lessons.html", listing.context())
