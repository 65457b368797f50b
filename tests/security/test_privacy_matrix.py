"""The privacy rule over every surface: each visibility level × each kind of user.

Every surface that can show community content is listed in SURFACES. The guard tests at
the bottom fail when a URL or page type is added without being covered here (or listed in
NOT_SURFACES with the reason it cannot show community content).
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page, get_page_models

from communities.models import MembershipRole, MembershipState
from tests import factories

pytestmark = pytest.mark.django_db

USERS = ["anonymous", "non_member", "pending", "member", "facilitator", "site_admin"]
VISIBILITIES = ["open", "restricted", "private", "hidden"]


def may_read(user_kind, visibility):
    if visibility == "open":
        return True
    if visibility == "restricted":
        return user_kind != "anonymous"
    return user_kind in ("member", "facilitator", "site_admin")


def may_list(user_kind, visibility):
    return visibility != "hidden" or user_kind in ("member", "facilitator", "site_admin")


@pytest.fixture
def world():
    communities, studies = {}, {}
    for visibility in VISIBILITIES:
        community = factories.make_community(
            f"Zebracommunity {visibility}", visibility=visibility, slug=f"c-{visibility}"
        )
        communities[visibility] = community
        studies[visibility] = factories.make_case_study(
            community,
            title=f"Quokkastudy {visibility}",
            summary=f"Narwhal findings for the {visibility} community.",
            slug=f"s-{visibility}",
            lessons=[("went_wrong", "data", f"Axolotl lesson {visibility}.")],
        )
    users = {"anonymous": None}
    users["non_member"] = factories.UserFactory()
    users["site_admin"] = factories.UserFactory(is_staff=True, is_superuser=True)
    for kind, role, state in [
        ("pending", MembershipRole.MEMBER, MembershipState.REQUESTED),
        ("member", MembershipRole.MEMBER, MembershipState.ACTIVE),
        ("facilitator", MembershipRole.FACILITATOR, MembershipState.ACTIVE),
    ]:
        user = factories.UserFactory()
        for community in communities.values():
            factories.add_member(community, user, role=role, state=state)
        users[kind] = user
    return {"communities": communities, "studies": studies, "users": users}


def client_for(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def _content_shown(response, visibility):
    body = response.content.decode()
    return response.status_code == 200 and f"Quokkastudy {visibility}" in body


def surface_case_study_page(client, world, visibility):
    response = client.get(world["studies"][visibility].url)
    assert response.status_code in (200, 404)
    return _content_shown(response, visibility)


def surface_community_page_content(client, world, visibility):
    return _content_shown(client.get(world["communities"][visibility].url), visibility)


def surface_home_page(client, world, visibility):
    return _content_shown(client.get("/"), visibility)


def surface_case_study_library(client, world, visibility):
    return _content_shown(client.get("/case-studies/"), visibility)


def surface_search_results(client, world, visibility):
    response = client.get("/search/", {"q": "narwhal"})
    return _content_shown(response, visibility)


SURFACES = {
    "case study page": surface_case_study_page,
    "community page (content)": surface_community_page_content,
    "home page": surface_home_page,
    "case study library": surface_case_study_library,
    "search results": surface_search_results,
}


@pytest.mark.parametrize("surface", SURFACES)
def test_surface_shows_content_only_to_readers(client, world, surface):
    check = SURFACES[surface]
    wrong = []
    for user_kind in USERS:
        client_for(client, world["users"][user_kind])
        for visibility in VISIBILITIES:
            shown = check(client, world, visibility)
            if shown != may_read(user_kind, visibility):
                wrong.append(f"{user_kind} / {visibility}: shown={shown}")
    assert not wrong, f"{surface}: " + "; ".join(wrong)


def test_community_listings_follow_the_listing_rule(client, world):
    wrong = []
    for user_kind in USERS:
        client_for(client, world["users"][user_kind])
        for path in ("/", "/communities/"):
            body = client.get(path).content.decode()
            for visibility in VISIBILITIES:
                listed = f"Zebracommunity {visibility}" in body
                if listed != may_list(user_kind, visibility):
                    wrong.append(f"{path} {user_kind} / {visibility}: listed={listed}")
    assert not wrong, "; ".join(wrong)


def test_hidden_and_unreadable_pages_answer_like_missing_ones(client, world):
    client_for(client, world["users"]["non_member"])
    missing = client.get("/communities/no-such-community/")
    for path in (world["communities"]["hidden"].url, world["studies"]["private"].url):
        response = client.get(path)
        assert response.status_code == missing.status_code == 404
        assert (
            response.content
            == missing.content.replace(b"/communities/no-such-community/", path.encode())
            or b"Page not found" in response.content
        )


def test_private_community_page_shows_only_name_and_purpose_to_non_members(client, world):
    client_for(client, world["users"]["non_member"])
    body = client.get(world["communities"]["private"].url).content.decode()
    assert "Zebracommunity private" in body and "only its members can read" in body
    assert "Quokkastudy" not in body and "Axolotl" not in body


# Guards: new URLs and page types must be covered above or explained here.
NOT_SURFACES = {
    "admin_login_redirect": "redirects to sign-in; shows nothing",
    "accessibility": "static page",
    "privacy": "static page",
    "favicon.ico": "static redirect",
    "frontend_login_redirect": "redirects to sign-in; shows nothing",
    "wagtailcore_login": "shadowed by frontend_login_redirect",
    "wagtailcore_authenticate_with_password": "Wagtail's page-password form; the site sets no "
    "page passwords, and it shows no content",
}
COVERED_URL_NAMES = {"search", "wagtail_serve"}
PAGE_TYPES_COVERED = {
    "HomePage": "home page",
    "CommunityIndexPage": "community listings",
    "CommunityPage": "community page (content)",
    "CaseStudyIndexPage": "case study library",
    "CaseStudyPage": "case study page",
}
# Namespaced or third-party URL groups with their own access control, covered elsewhere.
FOREIGN_PREFIXES = ("admin/", "django-admin/", "accounts/", "documents/")


def _site_url_names(patterns=None, prefix=""):
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(FOREIGN_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            names |= _site_url_names(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            names.add(pattern.name or route)
    return names


def test_every_site_url_is_covered_by_the_matrix():
    uncovered = _site_url_names() - COVERED_URL_NAMES - set(NOT_SURFACES)
    assert not uncovered, f"Add these URLs to the privacy matrix: {sorted(uncovered)}"


def test_every_page_type_is_covered_by_the_matrix():
    page_types = {model.__name__ for model in get_page_models() if model is not Page}
    uncovered = page_types - set(PAGE_TYPES_COVERED)
    assert not uncovered, f"Add these page types to the privacy matrix: {sorted(uncovered)}"
