"""The read-only JSON API: filters, paging, bad input, privacy and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from casestudies.models import LICENCE_URLS, Licence, ServiceArea
from communities.models import OrganisationType, Region
from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1/"


def get(client, path, params=None, status=200):
    response = client.get(API + path, params or {})
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def titles(data):
    return [item["title"] for item in data["results"]]


@pytest.fixture
def world(open_community, private_community):
    east = factories.OrganisationFactory(
        name="Eastford District Council", type=OrganisationType.DISTRICT, region=Region.EAST
    )
    north = factories.OrganisationFactory(
        name="Northmoor Police", type=OrganisationType.POLICE, region=Region.NORTH_EAST
    )
    open_data = factories.theme("Open data")
    waste = ServiceArea.objects.get_or_create(name="Waste", defaults={"slug": "waste"})[0]
    garden = factories.make_case_study(
        open_community,
        title="Garden waste online",
        stage="live",
        start_date=datetime.date(2022, 3, 1),
        lead_organisation=east,
        licence=Licence.CC_BY,
        lessons=[("went_wrong", "procurement", "We bought before we tested.")],
    )
    garden.themes.set([open_data])
    garden.service_areas.set([waste])
    garden.save_revision().publish()
    chatbot = factories.make_case_study(
        open_community,
        title="Chatbot for bins",
        stage="beta",
        start_date=datetime.date(2024, 5, 1),
        lessons=[("advice", "technology", "Load test the supplier's API.")],
    )
    chatbot.partner_organisations.set([north])
    chatbot.save_revision().publish()
    secret = factories.make_case_study(
        private_community,
        title="Custody data pilot",
        stage="live",
        lessons=[("went_wrong", "data", "A secret lesson.")],
    )
    return {
        "open": open_community,
        "private": private_community,
        "garden": garden,
        "chatbot": chatbot,
        "secret": secret,
        "east": east,
        "north": north,
    }


def test_anonymous_case_study_list_shows_open_content_with_licences(client, world):
    data = get(client, "case-studies/")
    assert data["count"] == 2 and sorted(titles(data)) == [
        "Chatbot for bins",
        "Garden waste online",
    ]
    garden = next(item for item in data["results"] if item["title"] == "Garden waste online")
    assert garden["licence"] == {
        "code": "cc_by",
        "name": "Creative Commons Attribution 4.0",
        "url": LICENCE_URLS[Licence.CC_BY],
    }
    assert garden["url"] == "http://testserver" + world["garden"].url
    assert garden["community"]["title"] == world["open"].title
    assert garden["lead_organisation"]["slug"] == world["east"].slug
    assert garden["themes"] == [{"slug": "open-data", "name": "Open data"}]
    assert garden["lesson_count"] == 1
    assert "Custody" not in str(data)


def test_members_see_their_private_community_through_their_session(client, world):
    member = factories.UserFactory()
    factories.add_member(world["private"], member)
    client.force_login(member)
    data = get(client, "case-studies/")
    assert "Custody data pilot" in titles(data)
    assert get(client, f"case-studies/{world['secret'].pk}/")["title"] == "Custody data pilot"
    client.logout()
    assert get(client, f"case-studies/{world['secret'].pk}/", status=404) == get(
        client, "case-studies/987654321/", status=404
    )


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"stage": "live"}, ["Garden waste online"]),
        ({"theme": "open-data"}, ["Garden waste online"]),
        ({"service_area": "waste"}, ["Garden waste online"]),
        ({"year": "2024"}, ["Chatbot for bins"]),
        ({"year": "1999"}, []),
        ({"organisation_type": "police"}, ["Chatbot for bins"]),
        ({"region": "east"}, ["Garden waste online"]),
        ({"lesson_category": "technology"}, ["Chatbot for bins"]),
        ({"lesson_kind": "went_wrong"}, ["Garden waste online"]),
        ({"organisation": "northmoor-police"}, ["Chatbot for bins"]),
        ({"sort": "title"}, ["Chatbot for bins", "Garden waste online"]),
    ],
)
def test_case_study_filters(client, world, params, expected):
    data = get(client, "case-studies/", params)
    if "sort" in params:
        assert titles(data) == expected
    else:
        assert sorted(titles(data)) == sorted(expected)


def test_community_and_updated_since_filters(client, world):
    data = get(client, "case-studies/", {"community": world["open"].pk})
    assert data["count"] == 2
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Page.objects.filter(pk=world["chatbot"].pk).update(last_published_at=long_ago)
    recent = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    assert titles(get(client, "case-studies/", {"updated_since": recent})) == [
        "Garden waste online"
    ]
    since = (long_ago - datetime.timedelta(hours=1)).isoformat()
    assert get(client, "case-studies/", {"updated_since": since})["count"] == 2


def test_a_community_you_cannot_read_is_refused_like_one_that_does_not_exist(client, world):
    hidden = factories.make_community("Hidden one", visibility="hidden")
    answers = [
        get(client, "case-studies/", {"community": pk}, status=400)
        for pk in (world["private"].pk, hidden.pk, 987654321)
    ]
    assert answers[0] == answers[1] == answers[2]
    assert answers[0]["errors"][0]["parameter"] == "community"


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"stage": "banana"}, "stage"),
        ({"theme": "no-such-theme"}, "theme"),
        ({"year": "abc"}, "year"),
        ({"region": "atlantis"}, "region"),
        ({"lesson_kind": "x"}, "lesson_kind"),
        ({"sort": "random"}, "sort"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"updated_since": "2026-02-30"}, "updated_since"),
        ({"organisation": "<script>"}, "organisation"),
        ({"community": "-1"}, "community"),
        ({"colour": "blue"}, "colour"),
        ({"page_size": "1000"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
        ({"page": "0"}, "page"),
        ({"page": "99999999999999999999"}, "page"),
    ],
)
def test_bad_input_answers_400_naming_the_parameter(client, world, params, parameter):
    data = get(client, "case-studies/", params, status=400)
    assert [error["parameter"] for error in data["errors"]] == [parameter]
    assert data["errors"][0]["message"].startswith(parameter)


def test_two_values_for_one_filter_are_refused(client, world):
    data = get(client, "case-studies/?stage=live&stage=beta", status=400)
    assert data["errors"][0]["parameter"] == "stage"


def test_paging_links_and_page_past_the_end(client, open_community):
    for n in range(5):
        factories.make_case_study(open_community, title=f"Study {n}")
    data = get(client, "case-studies/", {"page_size": 2, "sort": "title"})
    assert data["count"] == 5 and data["num_pages"] == 3 and data["page_size"] == 2
    assert titles(data) == ["Study 0", "Study 1"] and data["previous"] is None
    second = client.get(data["next"]).json()
    assert titles(second) == ["Study 2", "Study 3"]
    assert second["previous"].endswith("page=1") and "sort=title" in second["next"]
    past = get(client, "case-studies/", {"page_size": 2, "page": 4}, status=404)
    assert past["errors"][0]["parameter"] == "page"
    assert get(client, "case-studies/")["page_size"] == 20


def test_lessons_list_filters_lessons_and_carries_licences(client, world):
    data = get(client, "lessons/", {"lesson_kind": "went_wrong"})
    assert [item["text"] for item in data["results"]] == ["We bought before we tested."]
    lesson = data["results"][0]
    assert lesson["case_study"]["title"] == "Garden waste online"
    assert lesson["licence"]["code"] == "cc_by"
    texts = [item["text"] for item in get(client, "lessons/")["results"]]
    assert "A secret lesson." not in texts and len(texts) == 2


def test_case_study_detail_has_lessons_sections_and_licence(client, world):
    data = get(client, f"case-studies/{world['chatbot'].pk}/")
    assert data["lessons"][0]["text"] == "Load test the supplier's API."
    assert data["licence"]["code"] == "ogl"
    assert data["licence"]["url"] == LICENCE_URLS[Licence.OGL]
    assert set(data["sections"]) >= {"background", "what_we_did", "outcomes"}
    assert data["partner_organisations"][0]["name"] == "Northmoor Police"


def test_organisations_list_detail_and_filters(client, world):
    data = get(client, "organisations/", {"type": "police"})
    assert [item["name"] for item in data["results"]] == ["Northmoor Police"]
    assert (
        get(client, "organisations/", {"type": "pirate"}, status=400)["errors"][0]["parameter"]
        == "type"
    )
    detail = get(client, f"organisations/{world['east'].slug}/")
    assert detail["case_study_count"] == 1 and detail["type"] == "district"
    # Case studies in communities the reader may not read are not counted.
    from casestudies.models import CaseStudyPage

    CaseStudyPage.objects.filter(pk=world["secret"].pk).update(lead_organisation=world["east"])
    assert get(client, f"organisations/{world['east'].slug}/")["case_study_count"] == 1
    get(client, "organisations/no-such-council/", status=404)


def test_community_list_follows_the_listing_rule(client, world):
    hidden = factories.make_community("Hidden circle", visibility="hidden")
    data = get(client, "communities/")
    by_title = {item["title"]: item for item in data["results"]}
    assert "Hidden circle" not in by_title
    private = by_title[world["private"].title]
    assert private["readable"] is False
    assert set(private) == {"id", "title", "purpose", "visibility", "url", "api_url", "readable"}
    assert by_title[world["open"].title]["case_study_count"] == 2
    assert by_title[world["open"].title]["feed_url"].endswith(
        f"/feeds/communities/{world['open'].slug}/"
    )
    get(client, f"communities/{hidden.pk}/", status=404)
    assert get(client, f"communities/{world['private'].pk}/")["readable"] is False

    member = factories.UserFactory()
    factories.add_member(hidden, member)
    factories.add_member(world["private"], member)
    client.force_login(member)
    by_title = {item["title"]: item for item in get(client, "communities/")["results"]}
    assert by_title["Hidden circle"]["readable"] is True
    assert by_title[world["private"].title]["case_study_count"] == 1
    assert by_title[world["private"].title]["feed_url"] is None


def test_api_is_read_only(client, world):
    for path in ("case-studies/", "communities/", f"case-studies/{world['garden'].pk}/"):
        assert client.post(API + path).status_code in (403, 405)
        assert client.delete(API + path).status_code == 405


def test_index_links_to_every_list(client):
    data = get(client, "")
    assert data["openapi"] == "http://testserver/api/v1/openapi.json"
    assert client.get(data["case_studies"]).status_code == 200


def _queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _fill(community, n, organisation):
    themes = [factories.theme(f"Theme {k}") for k in range(3)]
    for k in range(n):
        page = factories.make_case_study(
            community,
            lead_organisation=organisation,
            lessons=[("advice", "data", f"Lesson {k}.{j}") for j in range(3)],
        )
        page.themes.set(themes)
        page.partner_organisations.set([organisation])
        page.save_revision().publish()


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("path", ["case-studies/", "lessons/", "communities/", "organisations/"])
def test_query_count_does_not_grow_with_the_page(client, open_community, signed_in, path):
    if signed_in:
        user = factories.UserFactory()
        factories.add_member(open_community, user)
        client.force_login(user)
    organisation = factories.OrganisationFactory()
    _fill(open_community, 2, organisation)
    factories.make_community(visibility="private")
    small = _queries(client, API + path)
    _fill(open_community, 10, organisation)
    for _ in range(6):
        factories.make_community(visibility="open")
        factories.OrganisationFactory()
    assert _queries(client, API + path) == small


# -- community filters ----------------------------------------------------------------------


@pytest.fixture
def circles(open_community, private_community):
    """Communities of every visibility, with themes, and a member of two of them."""
    open_data, housing = factories.theme("Open data"), factories.theme("Housing")
    waste = factories.make_community("Waste partnership", purpose="Sharing CHANNEL data on bins.")
    restricted = factories.make_community("Adult social care", visibility="restricted")
    hidden = factories.make_community(
        "Hidden circle", visibility="hidden", purpose="A channel for open data leads."
    )
    open_community.themes.set([open_data])
    private_community.themes.set([open_data])
    hidden.themes.set([open_data])
    restricted.themes.set([housing])
    for community in (open_community, private_community, hidden, restricted):
        community.save_revision().publish()
    member = factories.UserFactory()
    factories.add_member(private_community, member)
    factories.add_member(hidden, member)
    return {
        "open": open_community,
        "private": private_community,
        "waste": waste,
        "restricted": restricted,
        "hidden": hidden,
        "member": member,
    }


def community_titles(client, params, status=200):
    return sorted(titles(get(client, "communities/", params, status=status)))


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, ["Adult social care", "Channel shift", "Police data sharing", "Waste partnership"]),
        ({"q": "channel"}, ["Channel shift", "Waste partnership"]),
        ({"q": "  CHANNEL   shift "}, ["Channel shift"]),
        ({"q": "data sharing"}, ["Police data sharing"]),
        ({"q": "bins."}, ["Waste partnership"]),
        ({"q": "100%"}, []),
        (
            {"q": "   "},
            ["Adult social care", "Channel shift", "Police data sharing", "Waste partnership"],
        ),
        ({"visibility": "open"}, ["Channel shift", "Waste partnership"]),
        ({"visibility": "restricted"}, ["Adult social care"]),
        ({"visibility": "private"}, ["Police data sharing"]),
        ({"visibility": "hidden"}, []),
        (
            {"visibility": ""},
            ["Adult social care", "Channel shift", "Police data sharing", "Waste partnership"],
        ),
        # Themes only of communities the requester may read.
        ({"theme": "open-data"}, ["Channel shift"]),
        ({"theme": "housing"}, []),
        ({"q": "channel", "visibility": "open"}, ["Channel shift", "Waste partnership"]),
        ({"q": "channel", "theme": "open-data"}, ["Channel shift"]),
        ({"q": "police", "visibility": "open"}, []),
    ],
)
def test_community_filters_anonymously(client, circles, params, expected):
    assert community_titles(client, params) == expected


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "channel"}, ["Channel shift", "Hidden circle", "Waste partnership"]),
        ({"visibility": "hidden"}, ["Hidden circle"]),
        ({"visibility": "private"}, ["Police data sharing"]),
        ({"theme": "open-data"}, ["Channel shift", "Hidden circle", "Police data sharing"]),
        # Restricted communities are readable by any approved member of the site.
        ({"theme": "housing"}, ["Adult social care"]),
        ({"member": "true"}, ["Hidden circle", "Police data sharing"]),
        ({"member": "true", "visibility": "hidden"}, ["Hidden circle"]),
        ({"member": "true", "q": "police"}, ["Police data sharing"]),
        ({"member": "true", "theme": "open-data", "q": "open data"}, ["Hidden circle"]),
        ({"member": "true", "visibility": "open"}, []),
    ],
)
def test_community_filters_for_a_member(client, circles, params, expected):
    client.force_login(circles["member"])
    assert community_titles(client, params) == expected


def test_member_filter_lists_active_memberships_only(client, circles):
    from communities.models import MembershipState

    applicant = factories.UserFactory()
    factories.add_member(circles["private"], applicant, state=MembershipState.REQUESTED)
    factories.add_member(circles["open"], applicant)
    client.force_login(applicant)
    assert community_titles(client, {"member": "true"}) == ["Channel shift"]
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    # A site administrator is listed everything, but is a member of nothing here.
    assert community_titles(client, {"member": "true"}) == []
    assert "Hidden circle" in community_titles(client, {"visibility": "hidden"})


def test_member_filter_needs_a_signed_in_session(client, circles):
    data = get(client, "communities/", {"member": "true"}, status=400)
    assert data["errors"] == [
        {
            "parameter": "member",
            "message": "member: sign in to list the communities you are a member of.",
        }
    ]
    assert get(client, "communities/", {"member": "yes"}, status=400)["errors"][0]["message"] == (
        "member: 'yes' is not one of the options."
    )


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"visibility": "secret"}, "visibility"),
        ({"visibility": "Open"}, "visibility"),
        ({"visibility": " "}, "visibility"),
        ({"theme": "no-such-theme"}, "theme"),
        ({"theme": "<script>"}, "theme"),
        ({"theme": "987654"}, "theme"),
        ({"theme": "9" * 30}, "theme"),
        ({"theme": "x" * 500}, "theme"),
        ({"member": "false"}, "member"),
        ({"member": "1"}, "member"),
        ({"q": "x" * 201}, "q"),
        ({"q": "bins\x00"}, "q"),
        ({"q": "bins\x7f"}, "q"),
        ({"sort": "title"}, "sort"),
        ({"community": "1"}, "community"),
        ({"page_size": "101"}, "page_size"),
    ],
)
def test_bad_community_filters_answer_400_naming_the_parameter(client, circles, params, parameter):
    data = get(client, "communities/", params, status=400)
    assert [error["parameter"] for error in data["errors"]] == [parameter]
    assert data["errors"][0]["message"].startswith(parameter)


def test_bad_community_filters_are_answered_like_the_case_study_ones(client, circles):
    for params in ({"theme": "no-such-theme"}, {"theme": "<b>"}):
        assert get(client, "communities/", params, status=400) == get(
            client, "case-studies/", params, status=400
        )
    twice = get(client, "communities/?visibility=open&visibility=private", status=400)
    assert twice == {
        "errors": [{"parameter": "visibility", "message": "visibility: give one value at most."}]
    }
    assert twice["errors"][0]["message"] == get(
        client, "case-studies/?stage=live&stage=beta", status=400
    )["errors"][0]["message"].replace("stage", "visibility")


def test_every_bad_community_filter_is_named_at_once(client, circles):
    data = get(
        client,
        "communities/",
        {"q": "\x01", "visibility": "x", "theme": "nope", "member": "true", "colour": "red"},
        status=400,
    )
    # An unknown parameter is refused first, as on the other lists.
    assert [error["parameter"] for error in data["errors"]] == ["colour"]
    data = get(
        client,
        "communities/",
        {"q": "\x01", "visibility": "x", "theme": "nope", "member": "true"},
        status=400,
    )
    assert [error["parameter"] for error in data["errors"]] == [
        "q",
        "visibility",
        "theme",
        "member",
    ]


def test_the_described_text_limit_is_the_one_applied():
    from api.schema import PATHS
    from api.views import MAX_TEXT_LENGTH

    parameters = {p["name"]: p for p in PATHS["/communities/"]["get"]["parameters"]}
    assert parameters["q"]["schema"]["maxLength"] == MAX_TEXT_LENGTH
    assert set(parameters) == {"q", "visibility", "theme", "member", "page", "page_size"}


HIDDEN_PROBES = [
    {},
    {"q": "hidden"},
    {"q": "circle"},
    {"q": "channel"},
    {"visibility": "hidden"},
    {"theme": "open-data"},
    {"theme": "open-data", "visibility": "hidden"},
    {"q": "hidden", "visibility": "hidden", "theme": "open-data"},
    {"member": "true"},
    {"member": "true", "visibility": "hidden"},
    {"page_size": "100"},
]


@pytest.mark.parametrize("requester", ["anonymous", "non_member", "pending", "unapproved"])
def test_a_hidden_community_is_never_listed_to_a_non_member(client, circles, requester):
    from communities.models import MembershipState

    if requester != "anonymous":
        user = factories.UserFactory(approved=requester != "unapproved")
        if requester == "pending":
            factories.add_member(circles["hidden"], user, state=MembershipState.REQUESTED)
        client.force_login(user)
    for params in HIDDEN_PROBES:
        if params.get("member") and requester == "anonymous":
            response = client.get(API + "communities/", params)
            assert response.status_code == 400
            body = response.content.decode()
        else:
            data = get(client, "communities/", params)
            assert all(item["id"] != circles["hidden"].pk for item in data["results"]), params
            body = str(data)
        assert "Hidden circle" not in body and "open data leads" not in body, params
    get(client, f"communities/{circles['hidden'].pk}/", status=404)


def test_a_private_community_is_filtered_by_name_and_purpose_only(client, circles):
    non_member = factories.UserFactory()
    client.force_login(non_member)
    private = circles["private"]
    for params in ({"q": "police"}, {"visibility": "private"}, {"q": "purpose of police"}):
        (entry,) = get(client, "communities/", params)["results"]
        assert entry["id"] == private.pk and entry["readable"] is False
        assert set(entry) == {"id", "title", "purpose", "visibility", "url", "api_url", "readable"}
    # Its themes are not shown, so a theme filter does not find it either.
    assert community_titles(client, {"theme": "open-data"}) == ["Channel shift"]
    assert community_titles(client, {"theme": "open-data", "visibility": "private"}) == []
    client.force_login(circles["member"])
    (entry,) = get(client, "communities/", {"theme": "open-data", "visibility": "private"})[
        "results"
    ]
    assert entry["readable"] is True and entry["themes"] == [
        {"slug": "open-data", "name": "Open data"}
    ]


def test_community_paging_links_keep_the_filters(client, circles):
    for n in range(3):
        factories.make_community(f"Channel team {n}")
    data = get(client, "communities/", {"q": "channel", "visibility": "open", "page_size": 2})
    assert data["count"] == 5 and data["num_pages"] == 3
    second = client.get(data["next"]).json()
    assert "q=channel" in data["next"] and "visibility=open" in data["next"]
    assert titles(second) == ["Channel team 1", "Channel team 2"]
    past = get(client, "communities/", {"q": "channel", "page": 4, "page_size": 2}, status=404)
    assert past["errors"][0]["parameter"] == "page"
    # Nothing matched: one empty page, as on the other lists.
    empty = get(client, "communities/", {"q": "no such words"})
    assert empty["count"] == 0 and empty["results"] == [] and empty["num_pages"] == 1


def test_filtered_community_query_count_does_not_grow(client, open_community):
    theme = factories.theme("Open data")
    member = factories.UserFactory()
    client.force_login(member)

    def add(n):
        for k in range(n):
            community = factories.make_community(f"Community filter {k} of {n}")
            community.themes.set([theme])
            community.save_revision().publish()
            factories.add_member(community, member)

    add(2)
    path = API + "communities/?q=filter&visibility=open&theme=open-data&member=true"
    small = _queries(client, path)
    add(10)
    assert _queries(client, path) == small
    assert get(client, "communities/?q=filter&member=true&page_size=100")["count"] == 12
