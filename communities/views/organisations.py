"""Organisation pages and "councils like me"."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from casestudies.selectors import visible_case_studies
from communities.forms import OrganisationFilterForm
from communities.models import MembershipState, Organisation
from communities.selectors import listed_communities
from communities.views.listing import filtered_page
from communities.views.members import listed_members
from participation.selectors import reused_by_organisation, reuses_of_organisation_work

ORGANISATIONS_PAGE_SIZE = 30

# Reads -----------------------------------------------------------------------------------


def filter_organisations(filters: dict):
    organisations = Organisation.objects.order_by("name")
    for name in ("type", "region", "population_band"):
        if filters.get(name):
            organisations = organisations.filter(**{name: filters[name]})
    return organisations


def organisation_members(organisation):
    """The organisation's members who chose to be listed."""
    return listed_members().filter(organisation=organisation).order_by("last_name", "first_name")


def organisation_case_studies(organisation, user):
    """Case studies it led or partnered on, among those `user` may read."""
    return (
        visible_case_studies(user)
        .filter(Q(lead_organisation=organisation) | Q(partner_organisations=organisation))
        .distinct()
        .order_by("-first_published_at", "pk")
    )


def organisation_communities(organisation, user):
    """Communities its listed members are active in, among those `user` may see listed.

    Members who chose not to be listed are left out, so their communities say nothing
    about them; hidden communities never reach anyone who is not in them.
    """
    return (
        listed_communities(user)
        .filter(
            memberships__state=MembershipState.ACTIVE,
            memberships__user__in=organisation_members(organisation),
        )
        .distinct()
    )


def similar_organisation_links(organisation) -> list[tuple[str, str, str]]:
    """ "Councils like me": (what is shared, its label, the filtered list's URL)."""
    links = [
        ("Same type", organisation.get_type_display(), {"type": organisation.type}),
        ("Same region", organisation.get_region_display(), {"region": organisation.region}),
    ]
    if organisation.population_band:
        links.append(
            (
                "Same population",
                organisation.get_population_band_display(),
                {"population_band": organisation.population_band},
            )
        )
    return [(what, label, f"/organisations/?{urlencode(query)}") for what, label, query in links]


# Views -----------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    listing = filtered_page(request, form, filter_organisations, ORGANISATIONS_PAGE_SIZE)
    return render(request, "communities/organisations/organisation_list.html", listing.context())


@require_http_methods(["GET", "HEAD"])
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(
        request,
        "communities/organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "members": organisation_members(organisation),
            "case_studies": organisation_case_studies(organisation, request.user),
            "communities": organisation_communities(organisation, request.user),
            "similar_links": similar_organisation_links(organisation),
            "reused_here": reused_by_organisation(organisation, request.user),
            "reused_elsewhere": reuses_of_organisation_work(organisation, request.user),
        },
    )


urlpatterns = [
    path("", organisation_list, name="organisation_list"),
    path("<slug:slug>/", organisation_detail, name="organisation_detail"),
]
