"""Atom and RSS feeds: what they show, to whom, with licences; the private search feed."""

import re
import xml.etree.ElementTree as ET  # our own feeds, parsed in tests

import pytest
from django.urls import reverse

from casestudies.models import LICENCE_URLS, Licence
from feeds.models import FeedToken
from feeds.services import feed_token_reset
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    return ET.fromstring(response.content)  # noqa: S314 (our own feed)


def atom(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return parse(response)


def entry_titles(root):
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def rss_titles(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return [item.findtext("title") for item in parse(response).iter("item")]


@pytest.fixture
def world(open_community, private_community):
    theme = factories.theme("Channel shift")
    restricted = factories.make_community("Restricted one", visibility="restricted")
    garden = factories.make_case_study(
        open_community, title="Garden waste online", licence=Licence.CC_BY
    )
    garden.themes.set([theme])
    garden.save_revision().publish()
    secret = factories.make_case_study(private_community, title="Custody data pilot")
    secret.themes.set([theme])
    secret.save_revision().publish()
    factories.make_case_study(restricted, title="Members-only portal")
    return {
        "open": open_community,
        "private": private_community,
        "restricted": restricted,
        "theme": theme,
        "garden": garden,
    }


def test_site_feed_shows_open_case_studies_with_licence_and_link(client, world):
    root = atom(client.get("/feeds/case-studies/"))
    assert entry_titles(root) == ["Garden waste online"]
    entry = next(root.iter(f"{ATOM}entry"))
    assert entry.findtext(f"{ATOM}rights") == "Creative Commons Attribution 4.0"
    links = {link.get("rel"): link.get("href") for link in entry.iter(f"{ATOM}link")}
    assert links["alternate"] == "http://testserver" + world["garden"].url
    assert links["license"] == LICENCE_URLS[Licence.CC_BY]
    categories = [c.get("term") for c in entry.iter(f"{ATOM}category")]
    assert (
        "Channel shift" in categories and "Licence: Creative Commons Attribution 4.0" in categories
    )


def test_public_feeds_show_what_an_anonymous_visitor_sees_whoever_asks(client, world):
    member = factories.UserFactory()
    factories.add_member(world["private"], member)
    client.force_login(member)
    assert entry_titles(atom(client.get("/feeds/case-studies/"))) == ["Garden waste online"]
    theme = entry_titles(atom(client.get(f"/feeds/themes/{world['theme'].slug}/")))
    assert theme == ["Garden waste online"]


def test_rss_carries_the_licence_in_a_category_and_the_description(client, world):
    response = client.get("/feeds/case-studies/rss/")
    assert rss_titles(response) == ["Garden waste online"]
    item = next(parse(response).iter("item"))
    assert "Licence: Creative Commons Attribution 4.0" in [c.text for c in item.iter("category")]
    assert LICENCE_URLS[Licence.CC_BY] in item.findtext("description")


def test_community_feed_exists_only_for_open_communities(client, world):
    root = atom(client.get(f"/feeds/communities/{world['open'].slug}/"))
    assert entry_titles(root) == ["Garden waste online"]
    member = factories.UserFactory()
    factories.add_member(world["private"], member)
    client.force_login(member)  # even its members: feed readers have no session
    hidden = factories.make_community("Hidden", visibility="hidden", slug="hidden-one")
    missing = client.get("/feeds/communities/no-such-community/")
    assert missing.status_code == 404
    for community in (world["private"], world["restricted"], hidden):
        for suffix in ("", "rss/"):
            response = client.get(f"/feeds/communities/{community.slug}/{suffix}")
            assert response.status_code == 404
            assert community.title.encode() not in response.content


def test_theme_feed(client, world):
    assert rss_titles(client.get(f"/feeds/themes/{world['theme'].slug}/rss/")) == [
        "Garden waste online"
    ]
    assert client.get("/feeds/themes/no-such-theme/").status_code == 404


def test_pages_link_to_their_feeds(client, world):
    site_feed = (
        'rel="alternate" type="application/atom+xml" title="New case studies" '
        'href="/feeds/case-studies/"'
    )
    assert site_feed in client.get("/").content.decode()
    community = client.get(world["open"].url).content.decode()
    assert f'href="/feeds/communities/{world["open"].slug}/"' in community
    listing = client.get(world["open"].url + "case-studies/").content.decode()
    assert f'href="/feeds/communities/{world["open"].slug}/"' in listing
    private = client.get(world["private"].url).content.decode()
    assert "/feeds/communities/" not in private
    library = client.get("/case-studies/", {"theme": world["theme"].slug}).content.decode()
    assert f'href="/feeds/themes/{world["theme"].slug}/"' in library


# -- the private search feed ----------------------------------------------------------------


@pytest.fixture
def member(world):
    member = factories.UserFactory()
    factories.add_member(world["private"], member)
    return member


def search_feed(client, token, query=""):
    return client.get(f"/feeds/search/{token.token}/{query}")


def test_search_feed_shows_what_the_member_may_read(client, world, member):
    token = feed_token_reset(user=member)
    titles = entry_titles(atom(search_feed(client, token)))
    assert "Custody data pilot" in titles and "Garden waste online" in titles
    assert "Members-only portal" in titles  # restricted: any approved member reads it
    filtered = entry_titles(atom(search_feed(client, token, "?q=custody")))
    assert filtered and all("Custody data pilot" in title for title in filtered)
    lessons = entry_titles(atom(search_feed(client, token, "?kind=lesson&q=custody")))
    assert lessons and all(title.startswith("What went wrong") for title in lessons)
    rss = client.get(f"/feeds/search/{token.token}/rss/?q=garden")
    assert any("Garden waste online" in title for title in rss_titles(rss))


def test_search_feed_is_checked_at_request_time(client, world, member):
    token = feed_token_reset(user=member)
    assert "Custody data pilot" in entry_titles(atom(search_feed(client, token, "?q=custody")))
    member.memberships.all().delete()
    member.__dict__.pop("_member_community_ids", None)
    titles = entry_titles(atom(search_feed(client, token, "?q=custody")))
    assert not any("Custody" in title for title in titles)


def test_search_feed_never_leaks_to_others_or_through_caches(client, world, member):
    token = feed_token_reset(user=member)
    response = search_feed(client, token)
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    stranger = factories.UserFactory()
    other = feed_token_reset(user=stranger)
    assert "Custody" not in search_feed(client, other, "?q=custody").content.decode()


def test_revoked_token_unknown_token_and_inactive_member_answer_404(client, world, member):
    old = feed_token_reset(user=member)
    new = feed_token_reset(user=member)
    old.refresh_from_db()
    assert old.revoked and old.revoked_at and not new.revoked
    assert search_feed(client, old).status_code == 404
    assert client.get("/feeds/search/not-a-real-token/").status_code == 404
    assert client.get(f"/feeds/search/{'x' * 200}/").status_code == 404
    assert search_feed(client, new).status_code == 200
    member.is_active = False
    member.save()
    assert search_feed(client, new).status_code == 404


def test_member_feed_page_shows_and_resets_the_address(client, member):
    client.force_login(member)
    page = client.get(reverse("member_feed")).content.decode()
    assert "You do not have a feed address yet" in page
    response = client.post(reverse("member_feed"))
    assert response.status_code == 302
    first = FeedToken.objects.get(user=member, revoked=False)
    page = client.get(reverse("member_feed")).content.decode()
    assert f"http://testserver/feeds/search/{first.token}/" in page
    client.post(reverse("member_feed"))
    second = FeedToken.objects.get(user=member, revoked=False)
    assert second.token != first.token and len(second.token) >= 40
    page = client.get(reverse("member_feed")).content.decode()
    assert first.token not in page and second.token in page
    assert "the old address no longer works" in page


def test_each_saved_search_links_to_its_private_feed(client, world, member):
    from html import unescape

    from participation.services.saved_searches import saved_search_create

    saved_search_create(user=member, name="Custody", query_string="q=custody&kind=case_study")
    client.force_login(member)
    page = client.get(reverse("saved_searches"))
    assert page["Cache-Control"] == "private, no-store"
    assert "create your private feed address" in page.content.decode()
    assert "/feeds/search/" not in page.content.decode()

    token = feed_token_reset(user=member)
    page = client.get(reverse("saved_searches")).content.decode()
    link = re.search(r'href="(/feeds/search/[^"]+)"', page)[1]
    assert unescape(link) == f"/feeds/search/{token.token}/?q=custody&kind=case_study"
    assert 'Feed<span class="govuk-visually-hidden"> for Custody</span>' in page
    client.logout()  # feed readers fetch without a session
    titles = entry_titles(atom(client.get(unescape(link))))
    assert titles == ["Custody data pilot"]
    # A reset address replaces the old one in every saved search's link.
    client.force_login(member)
    new = feed_token_reset(user=member)
    page = client.get(reverse("saved_searches")).content.decode()
    assert token.token not in page and new.token in page


def test_member_feed_page_needs_sign_in(client):
    response = client.get(reverse("member_feed"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
