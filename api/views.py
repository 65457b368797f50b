"""The read-only JSON API, /api/v1/ (docs/api.md; described by api/schema.py).

Plain Django views returning JSON. Anonymous requests see open content; a signed-in
session sees what that member may read: every list starts from the selectors
(`visible_case_studies`, `listed_communities`, `readable_communities`).

Bad input is refused, never guessed at: an unknown parameter, a filter value that is not
one of the options, a page size over MAX_PAGE_SIZE or a page past the end answers 400 (or
404 for the page) with {"errors": [{"parameter": ..., "message": ...}]}.
"""

import functools

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from api.schema import openapi_document
from casestudies.filters import STRICT_INVALID, CaseStudyFilterForm
from casestudies.models import CaseStudyPage
from casestudies.opendata import FILTER_PARAMS, Describer, select, with_related
from casestudies.selectors import visible_case_studies
from communities.models import (
    CommunityPage,
    Organisation,
    OrganisationType,
    PopulationBand,
    Region,
    Visibility,
)
from communities.selectors import (
    listed_communities,
    member_community_ids,
    readable_communities,
    readable_communities_q,
)

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10**6
PAGING = ("page", "page_size")
ORGANISATION_FILTERS = {
    "type": OrganisationType,
    "region": Region,
    "population_band": PopulationBand,
}
COMMUNITY_FILTERS = ("q", "visibility", "theme", "member")
MAX_TEXT_LENGTH = 200
# The case study filters' own theme field: a slug (or an id), looked up in at most two
# queries, with the same answer for a value that is unknown or malformed.
THEME_FIELD = CaseStudyFilterForm.base_fields["theme"]


class ApiError(Exception):
    def __init__(self, status: int, errors: dict[str | None, str]):
        super().__init__(errors)
        self.status = status
        self.errors = errors


def _json(data, status=200, request=None):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    signed_in = request is not None and request.user.is_authenticated
    response["Cache-Control"] = "private, no-cache" if signed_in else "public, max-age=60"
    # Readable from any web page, but only as an anonymous visitor: browsers never send
    # cookies with, nor show the answer to, a credentialed request to a "*" origin.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def api_view(view):
    """GET and HEAD only; errors (and 404) as JSON."""

    @functools.wraps(view)
    @require_http_methods(["GET", "HEAD"])
    def wrapped(request, *args, **kwargs):
        try:
            return _json(view(request, *args, **kwargs), request=request)
        except ApiError as error:
            errors = [
                {"parameter": name, "message": message} if name else {"message": message}
                for name, message in error.errors.items()
            ]
            return _json({"errors": errors}, status=error.status, request=request)
        except Http404:
            return _json({"errors": [{"message": "Not found."}]}, status=404, request=request)

    return wrapped


def _check_params(request, allowed):
    unknown = sorted(set(request.GET) - set(allowed) - set(PAGING))
    if unknown:
        raise ApiError(400, {name: f"{name}: not a parameter of this list." for name in unknown})


def _whole_number(request, name, default, high) -> int:
    values = request.GET.getlist(name)
    if not values:
        return default
    raw = values[-1].strip()
    if len(values) > 1 or not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= high:
        raise ApiError(400, {name: f"{name}: give a whole number from 1 to {high}."})
    return int(raw)


def paginate(request, queryset) -> tuple:
    """The requested page of `queryset` and the paging fields of the answer."""
    page_size = _whole_number(request, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    number = _whole_number(request, "page", 1, MAX_PAGE)
    paginator = Paginator(queryset, page_size)
    if number > paginator.num_pages:
        pages = paginator.num_pages
        raise ApiError(
            404, {"page": f"page: there {'is' if pages == 1 else 'are'} only {pages} of them."}
        )
    page = paginator.page(number)  # the number is in range, checked above

    def link(n):
        params = request.GET.copy()
        params["page"] = str(n)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    meta = {
        "count": paginator.count,
        "page": page.number,
        "page_size": page_size,
        "num_pages": paginator.num_pages,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
    }
    return page, meta


def _describer(request):
    return Describer(request.user, request.build_absolute_uri("/"), request)


def _selection(request, *, lessons=False):
    _check_params(request, (*FILTER_PARAMS, "sort"))
    selection = select(request.GET, request.user, lessons=lessons)
    if selection.errors:
        raise ApiError(400, selection.errors)
    return selection


# -- index and description ------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def api_openapi(request):
    return _json(openapi_document(request.build_absolute_uri("/api/v1")))


@api_view
def api_root(request):
    def absolute(name):
        return request.build_absolute_uri(reverse(name))

    return {
        "case_studies": absolute("api_case_studies"),
        "lessons": absolute("api_lessons"),
        "organisations": absolute("api_organisations"),
        "communities": absolute("api_communities"),
        "openapi": absolute("api_openapi"),
    }


# -- case studies and lessons ---------------------------------------------------------------


@api_view
def api_case_studies(request):
    selection = _selection(request)
    page, meta = paginate(request, with_related(selection.case_studies))
    describer = _describer(request)
    return {**meta, "results": [describer.case_study(case_study) for case_study in page]}


@api_view
def api_case_study(request, pk):
    _check_params(request, ())
    page = (
        with_related(visible_case_studies(request.user).filter(pk=pk))
        .prefetch_related("measures")
        .first()
    )
    if page is None:
        raise Http404
    return _describer(request).case_study(page, detail=True)


@api_view
def api_lessons(request):
    selection = _selection(request, lessons=True)
    lessons = selection.lessons.select_related("page")
    page, meta = paginate(request, lessons)
    describer = _describer(request)
    return {**meta, "results": [describer.lesson(lesson) for lesson in page]}


# -- organisations --------------------------------------------------------------------------


def _organisation(request, organisation) -> dict:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "type": organisation.type,
        "type_label": organisation.get_type_display(),
        "region": organisation.region,
        "region_label": organisation.get_region_display(),
        "population_band": organisation.population_band or None,
        "website": organisation.website or None,
        "url": request.build_absolute_uri(reverse("organisation_detail", args=[organisation.slug])),
        "api_url": request.build_absolute_uri(
            reverse("api_organisation", args=[organisation.slug])
        ),
    }


@api_view
def api_organisations(request):
    _check_params(request, ORGANISATION_FILTERS)
    organisations = Organisation.objects.order_by("name", "pk")
    errors = {}
    for name, choices in ORGANISATION_FILTERS.items():
        values = request.GET.getlist(name)
        if not values:
            continue
        if len(values) > 1 or values[-1] not in choices.values:
            errors[name] = f"{name}: {values[-1]!r} is not one of the options."
        else:
            organisations = organisations.filter(**{name: values[-1]})
    if errors:
        raise ApiError(400, errors)
    page, meta = paginate(request, organisations)
    return {**meta, "results": [_organisation(request, org) for org in page]}


@api_view
def api_organisation(request, slug):
    _check_params(request, ())
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    through = CaseStudyPage.partner_organisations.through
    partnered = through.objects.filter(organisation=organisation).values("casestudypage_id")
    count = (
        visible_case_studies(request.user)
        .filter(Q(lead_organisation=organisation) | Q(pk__in=partnered))
        .count()
    )
    return {
        **_organisation(request, organisation),
        "case_study_count": count,
        "case_studies_url": request.build_absolute_uri(
            reverse("api_case_studies") + "?" + urlencode({"organisation": organisation.slug})
        ),
    }


# -- communities ----------------------------------------------------------------------------


def _community(request, community, readable_ids, counts) -> dict:
    """A listed community. One the reader may not read shows its name and purpose only,
    as the site's listings do."""
    data = {
        "id": community.pk,
        "title": community.title,
        "purpose": community.purpose,
        "visibility": community.visibility,
        "url": request.build_absolute_uri(community.get_url(request)),
        "api_url": request.build_absolute_uri(reverse("api_community", args=[community.pk])),
        "readable": community.pk in readable_ids,
    }
    if not data["readable"]:
        return data
    data["themes"] = [{"slug": t.slug, "name": t.name} for t in community.themes.all()]
    data["case_study_count"] = counts.get(community.path, 0)
    data["case_studies_url"] = request.build_absolute_uri(
        reverse("api_case_studies") + "?" + urlencode({"community": community.pk})
    )
    data["feed_url"] = (
        request.build_absolute_uri(reverse("feed_community", args=[community.slug]))
        if community.visibility == Visibility.OPEN
        else None
    )
    return data


def _communities(request, communities) -> list[dict]:
    communities = list(communities)
    readable_ids = set(
        readable_communities(request.user)
        .filter(pk__in=[c.pk for c in communities])
        .values_list("pk", flat=True)
    )
    readable = [c for c in communities if c.pk in readable_ids]
    counts = {}
    if readable:
        length = len(readable[0].path)
        counts = dict(
            visible_case_studies(request.user)
            .filter(path__startswith=readable[0].path[: length - 4])
            .annotate(community_path=Substr("path", 1, length))
            .filter(community_path__in=[c.path for c in readable])
            .values("community_path")
            .annotate(n=Count("pk"))
            .values_list("community_path", "n")
            .order_by()
        )
    return [_community(request, c, readable_ids, counts) for c in communities]


def _listed(request):
    return listed_communities(request.user).prefetch_related("themes").order_by("title", "pk")


def _filter_communities(request, communities):
    """Narrow the communities listed to the requester by `q`, `visibility`, `theme` and
    `member`; every bad value is answered by name (400), before any list is read.

    `theme` matches only communities the requester may read: an unreadable one is listed
    with its name and purpose only, so a filter must not reveal its themes either."""
    user = request.user
    errors = {}
    given = {}
    for name in COMMUNITY_FILTERS:
        values = request.GET.getlist(name)
        if len(values) > 1:
            errors[name] = f"{name}: give one value at most."
        elif values and values[0] != "":
            given[name] = values[0]

    # Words as typed, whitespace collapsed (blank is no filter, as in a form's text field).
    text = " ".join(given.get("q", "").split())
    if len(text) > MAX_TEXT_LENGTH or not text.isprintable():
        errors["q"] = f"q: give printable text of at most {MAX_TEXT_LENGTH} characters."
    elif text:
        communities = communities.filter(Q(title__icontains=text) | Q(purpose__icontains=text))

    if "visibility" in given:
        if given["visibility"] not in Visibility.values:
            errors["visibility"] = STRICT_INVALID.format(
                name="visibility", value=given["visibility"]
            )
        else:
            # Hidden communities stay those listed to the requester (their own).
            communities = communities.filter(visibility=given["visibility"])

    if "theme" in given:
        try:
            theme = THEME_FIELD.clean(given["theme"])
        except ValidationError:
            errors["theme"] = STRICT_INVALID.format(name="theme", value=given["theme"])
        else:
            through = CommunityPage.themes.through
            communities = communities.filter(
                readable_communities_q(user),
                pk__in=through.objects.filter(theme=theme).values("communitypage_id"),
            )

    if "member" in given:
        if given["member"] != "true":
            errors["member"] = STRICT_INVALID.format(name="member", value=given["member"])
        elif not user.is_authenticated:
            errors["member"] = "member: sign in to list the communities you are a member of."
        else:
            communities = communities.filter(pk__in=member_community_ids(user))

    if errors:
        raise ApiError(400, errors)
    return communities


@api_view
def api_communities(request):
    _check_params(request, COMMUNITY_FILTERS)
    page, meta = paginate(request, _filter_communities(request, _listed(request)))
    return {**meta, "results": _communities(request, page)}


@api_view
def api_community(request, pk):
    _check_params(request, ())
    community = _listed(request).filter(pk=pk).first()
    if community is None:
        raise Http404
    return _communities(request, [community])[0]
