"""Organisation pages: the list with its filters, an organisation's page, "councils like me"."""

import pytest
from django.urls import reverse

from communities.models import MembershipState, OrganisationType, PopulationBand, Region
from tests import factories

pytestmark = pytest.mark.django_db


def org_url(organisation):
    return reverse("organisation_detail", args=[organisation.slug])


@pytest.fixture
def council(db):
    return factories.OrganisationFactory(
        name="Aldbridge District Council",
        type=OrganisationType.DISTRICT,
        region=Region.EAST,
        population_band=PopulationBand.FROM_100K,
        website="https://www.aldbridge.gov.uk/",
    )


# The list ---------------------------------------------------------------------------------


def test_list_shows_every_organisation_and_links_to_each(client, council):
    other = factories.OrganisationFactory(name="Brackenshire County Council")
    body = client.get("/organisations/").content.decode()
    assert "Aldbridge District Council" in body and "Brackenshire County Council" in body
    assert org_url(council) in body and org_url(other) in body
    assert "2 organisations" in body


def test_list_filters_by_type_region_and_population_band(client, council):
    factories.OrganisationFactory(
        name="Corvale County Council", type=OrganisationType.COUNTY, region=Region.EAST
    )
    factories.OrganisationFactory(
        name="Dunmere District Council",
        type=OrganisationType.DISTRICT,
        region=Region.NORTH_WEST,
        population_band=PopulationBand.UNDER_100K,
    )

    def names(query):
        response = client.get("/organisations/", query)
        assert response.status_code == 200
        body = response.content.decode()
        assert "govuk-error-summary" not in body
        return {name for name in ("Aldbridge", "Corvale", "Dunmere") if f"{name} " in body}

    assert names({"type": "district"}) == {"Aldbridge", "Dunmere"}
    assert names({"region": "east"}) == {"Aldbridge", "Corvale"}
    assert names({"population_band": "100k_250k"}) == {"Aldbridge"}
    assert names({"type": "district", "region": "east"}) == {"Aldbridge"}
    assert names({"type": "county", "region": "north_west"}) == set()


def test_list_rejects_an_unknown_filter_value_with_a_clear_message(client, council):
    response = client.get("/organisations/", {"type": "<b>nonsense</b>", "region": "east"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and "Select a type from the list" in body
    assert "<b>nonsense</b>" not in body
    assert "Error: Organisations" in body
    # The valid filter still applies.
    assert "Aldbridge District Council" in body


def test_list_is_paged_and_keeps_the_filters_in_page_links(client):
    for n in range(35):
        factories.OrganisationFactory(name=f"Paged District {n:02d}", type="district")
    factories.OrganisationFactory(name="Not A District", type="county")
    first = client.get("/organisations/", {"type": "district"}).content.decode()
    assert "Paged District 00" in first and "Paged District 34" not in first
    assert "?type=district&amp;page=2" in first
    second = client.get("/organisations/", {"type": "district", "page": 2}).content.decode()
    assert "Paged District 34" in second and "Not A District" not in second
    # Out-of-range and nonsense page numbers are handled by Paginator.get_page.
    assert client.get("/organisations/", {"page": "999"}).status_code == 200
    assert client.get("/organisations/", {"page": "x"}).status_code == 200


# An organisation's page -------------------------------------------------------------------


def test_page_shows_the_organisations_details(client, council):
    response = client.get(org_url(council))
    body = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Aldbridge District Council",
        "District council",
        "East of England",
        "100,000 to 250,000",
        'href="https://www.aldbridge.gov.uk/"',
    ):
        assert text in body


def test_missing_organisation_is_404(client):
    assert client.get("/organisations/no-such-council/").status_code == 404


def test_page_lists_only_listed_approved_active_members(client, council):
    listed = factories.UserFactory(
        organisation=council, first_name="Listed", last_name="Person", job_title="Digital lead"
    )
    factories.UserFactory(organisation=council, first_name="Unlisted", listed=False)
    factories.UserFactory(organisation=council, first_name="Unapproved", approved=False)
    factories.UserFactory(organisation=council, first_name="Deactivated", is_active=False)
    factories.UserFactory(first_name="Elsewhere")
    body = client.get(org_url(council)).content.decode()
    assert "Listed Person" in body and "Digital lead" in body
    assert reverse("member_profile", args=[listed.pk]) in body
    for name in ("Unlisted", "Unapproved", "Deactivated", "Elsewhere"):
        assert name not in body


def test_page_lists_lead_and_partner_case_studies_the_viewer_may_read(client, council):
    open_community = factories.make_community("Open things", visibility="open")
    private_community = factories.make_community("Private things", visibility="private")
    factories.make_case_study(open_community, title="Led in the open", lead_organisation=council)
    partnered = factories.make_case_study(open_community, title="Partnered in the open")
    partnered.partner_organisations.add(council)
    partnered.save_revision().publish()
    factories.make_case_study(private_community, title="Led in private", lead_organisation=council)
    factories.make_case_study(open_community, title="Somebody else's")

    body = client.get(org_url(council)).content.decode()
    assert "Led in the open" in body and "Partnered in the open" in body
    assert "Led in private" not in body and "Somebody else" not in body

    insider = factories.UserFactory()
    factories.add_member(private_community, insider)
    client.force_login(insider)
    body = client.get(org_url(council)).content.decode()
    assert "Led in private" in body
    assert body.count(">Partnered in the open</a>") == 1  # no repeats from the joins


def test_page_names_only_communities_the_viewer_may_see_listed(client, council):
    colleague = factories.UserFactory(organisation=council)
    shy = factories.UserFactory(organisation=council, listed=False)
    names = {
        visibility: factories.make_community(f"Marmot {visibility}", visibility=visibility)
        for visibility in ("open", "restricted", "private", "hidden")
    }
    for community in names.values():
        factories.add_member(community, colleague)
    left = factories.make_community("Marmot left", visibility="open")
    factories.add_member(left, colleague, state=MembershipState.LEFT)
    shy_only = factories.make_community("Marmot shy", visibility="open")
    factories.add_member(shy_only, shy)

    def shown(body):
        return {v for v in ("open", "restricted", "private", "hidden") if f"Marmot {v}" in body}

    anonymous_body = client.get(org_url(council)).content.decode()
    assert shown(anonymous_body) == {"open", "restricted", "private"}
    assert "Marmot left" not in anonymous_body
    assert "Marmot shy" not in anonymous_body  # unlisted members say nothing

    outsider = factories.UserFactory()
    client.force_login(outsider)
    assert shown(client.get(org_url(council)).content.decode()) == {
        "open",
        "restricted",
        "private",
    }

    insider = factories.UserFactory()
    factories.add_member(names["hidden"], insider)
    client.force_login(insider)
    assert "Marmot hidden" in client.get(org_url(council)).content.decode()

    # A member of the organisation who is not in the hidden community does not see it either.
    client.force_login(shy)
    assert "Marmot hidden" not in client.get(org_url(council)).content.decode()


def test_councils_like_me_links_lead_to_filtered_lists(client, council):
    body = client.get(org_url(council)).content.decode()
    assert 'href="/organisations/?type=district"' in body
    assert 'href="/organisations/?region=east"' in body
    assert 'href="/organisations/?population_band=100k_250k"' in body

    no_band = factories.OrganisationFactory(name="Bandless Police", type="police")
    body = client.get(org_url(no_band)).content.decode()
    assert "population_band=" not in body
    assert 'href="/organisations/?type=police"' in body


def test_councils_like_me_list_finds_the_same_type(client, council):
    factories.OrganisationFactory(name="Sister District Council", type="district")
    factories.OrganisationFactory(name="Unrelated Fire Service", type="fire")
    body = client.get("/organisations/?type=district").content.decode()
    assert "Sister District Council" in body and "Aldbridge District Council" in body
    assert "Unrelated Fire Service" not in body
