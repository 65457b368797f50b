"""Best bets: pages administrators promote for a search, shown above the ordinary results
to those who may read them."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.models import Page, Site

from curation.models import BestBet, normalise_query
from search import services
from tests import factories
from tests.communities.test_signup_rules import (
    editor_with_every_permission,
    sign_in_with_second_factor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bets(db):
    site = Site.objects.get(is_default_site=True)
    open_community = factories.make_community("Open community", visibility="open")
    private = factories.make_community("Private community", visibility="private")
    member = factories.UserFactory()
    factories.add_member(private, member)
    guide = factories.make_case_study(open_community, title="Garden waste guide")
    secret = factories.make_case_study(private, title="Secret garden pilot")
    first = BestBet.objects.create(
        site=site, queries="Garden   WASTE\nbrown bins", page=secret, sort_order=1
    )
    second = BestBet.objects.create(site=site, queries="garden waste", page=guide, sort_order=2)
    return {
        "site": site,
        "member": member,
        "guide": guide,
        "secret": secret,
        "bets": [first, second],
    }


def titles(results):
    return [result.title for result in results.best_bets]


def test_queries_are_normalised_on_save():
    assert normalise_query("  Garden\tWASTE  ") == "garden waste"
    assert normalise_query("ÉTÉ") == "été"


def test_matching_ignores_case_and_whitespace_and_applies_privacy(bets):
    anonymous = services.search(query="  GARDEN waste ", user=None, log=False)
    assert titles(anonymous) == ["Garden waste guide"]
    member = services.search(query="garden waste", user=bets["member"], log=False)
    assert titles(member) == ["Secret garden pilot", "Garden waste guide"]
    assert titles(services.search(query="Brown Bins", user=bets["member"], log=False)) == [
        "Secret garden pilot"
    ]
    assert titles(services.search(query="brown", user=bets["member"], log=False)) == []


def test_unpublished_pages_and_other_sites_best_bets_are_not_shown(bets):
    bets["guide"].unpublish()
    other_root = Page.objects.get(depth=1)
    other = Site.objects.create(hostname="other.example", root_page=other_root)
    BestBet.objects.create(site=other, queries="garden waste", page=bets["secret"])
    assert titles(services.search(query="garden waste", user=None, log=False)) == []


def test_each_site_shows_only_its_own_best_bets(bets, client):
    """Two sites over the same pages: a best bet made for one is never shown on the other,
    whichever site the request is for."""
    other = Site.objects.create(hostname="127.0.0.1", root_page=bets["site"].root_page)
    BestBet.objects.create(site=other, queries="Compost bins", page=bets["guide"])

    def bet_titles(query, site):
        return titles(services.search(query=query, user=bets["member"], log=False, site=site))

    assert bet_titles("compost bins", other) == ["Garden waste guide"]
    assert bet_titles("compost bins", bets["site"]) == []
    assert bet_titles("garden waste", other) == []
    assert bet_titles("garden waste", bets["site"]) == ["Secret garden pilot", "Garden waste guide"]

    on_other = client.get("/search/", {"q": "compost bins"}, HTTP_HOST="127.0.0.1")
    assert 'id="best-bets"' in on_other.content.decode()
    on_default = client.get("/search/", {"q": "compost bins"}, HTTP_HOST="localhost")
    assert 'id="best-bets"' not in on_default.content.decode()


def test_best_bets_show_above_the_results_of_a_site_wide_search_only(bets, client):
    html = client.get("/search/", {"q": "Garden Waste"}).content.decode()
    assert 'id="best-bets"' in html
    assert html.index('id="best-bets"') < html.index('id="results-count"')
    assert "Garden waste guide" in html and "Secret garden pilot" not in html
    community = bets["guide"].get_parent()
    community_html = client.get(f"{community.url}search/", {"q": "garden waste"}).content.decode()
    assert 'id="best-bets"' not in community_html


def test_a_best_bet_needs_a_search(bets):
    bet = BestBet(site=bets["site"], queries=" \n  ", page=bets["guide"])
    with pytest.raises(ValidationError):
        bet.clean()
    bet.queries = "x" * 201
    with pytest.raises(ValidationError):
        bet.clean()


def test_only_site_administrators_manage_best_bets_in_the_admin(bets):
    url = "/admin/snippets/curation/bestbet/"
    administrator = factories.UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    sign_in_with_second_factor(client, administrator)
    assert "Best bets" in client.get("/admin/").content.decode()
    assert client.get(url).status_code == 200
    data = {
        "site": bets["site"].pk,
        "queries": "  Recycling   CENTRES \nTip booking",
        "page": bets["guide"].pk,
        "description": "",
        "sort_order": 0,
    }
    assert client.post(f"{url}add/", data).status_code == 302
    made = BestBet.objects.get(page=bets["guide"], queries__contains="Recycling")
    assert made.normalised_queries == ["recycling centres", "tip booking"]
    refused = client.post(f"{url}add/", {**data, "queries": "   "})
    assert refused.status_code == 200 and BestBet.objects.count() == 3

    community = bets["guide"].get_parent()
    facilitator = factories.UserFactory()
    factories.add_member(community, facilitator, role="facilitator")
    for make_client in (
        lambda c: sign_in_with_second_factor(c, facilitator),
        editor_with_every_permission,
    ):
        client = Client()
        make_client(client)
        assert "Best bets" not in client.get("/admin/").content.decode()
        for path in (url, f"{url}add/", f"{url}edit/{made.pk}/"):
            assert client.get(path).status_code in (302, 403), path
        client.post(f"{url}edit/{made.pk}/", {**data, "queries": "sneaky"})
        client.post(f"{url}delete/{made.pk}/")
        made.refresh_from_db()
        assert made.normalised_queries == ["recycling centres", "tip booking"]


def test_a_search_without_a_best_bet_asks_nothing_about_them(bets):
    """The queries with best bets are cached with the taxonomies; a change shows at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    services.search(query="compost", user=None, log=False)  # fills the caches
    with CaptureQueriesContext(connection) as captured:
        services.search(query="compost", user=None, log=False)
    assert not any("curation_bestbet" in query["sql"] for query in captured.captured_queries)
    BestBet.objects.create(site=bets["site"], queries="Compost", page=bets["guide"])
    assert titles(services.search(query="compost", user=None, log=False)) == ["Garden waste guide"]
    bets["bets"][1].delete()
    assert titles(services.search(query="garden waste", user=None, log=False)) == []
