"""The whole-page cache for anonymous readers (cop/pagecache.py): what is stored, who is
served from it, and what makes it stale."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from communities.models import MembershipState
from cop import pagecache
from search.models import SearchLog
from tests import factories

pytestmark = pytest.mark.django_db


def state(response):
    return response.headers.get("X-Page-Cache")


def test_anonymous_page_is_stored_then_served_with_the_same_headers(client, page_cache):
    community = factories.make_community("Channel shift")
    study = factories.make_case_study(community, title="Webchat for council tax")
    first = client.get(study.url)
    assert state(first) == "miss"
    second = client.get(study.url)
    assert state(second) == "hit"
    assert second.content == first.content
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Type"):
        assert second[header] == first[header]
    assert "nonce-" not in second["Content-Security-Policy"]
    assert not second.cookies
    head = client.head(study.url)
    assert head.status_code == 200 and state(head) == "hit"


def test_nothing_is_cached_when_switched_off(client, settings, page_cache):
    settings.PAGE_CACHE_SECONDS = 0
    study = factories.make_case_study(factories.make_community())
    assert state(client.get(study.url)) is None
    assert state(client.get(study.url)) is None


def test_signed_in_readers_are_never_served_from_nor_stored_in_the_cache(client, page_cache):
    community = factories.make_community()
    study = factories.make_case_study(community)
    reader = factories.UserFactory()
    assert state(client.get(study.url)) == "miss"
    client.force_login(reader)
    signed_in = client.get(study.url)
    assert signed_in.status_code == 200 and state(signed_in) is None
    assert b"Sign out" in signed_in.content
    client.logout()
    anonymous = client.get(study.url)
    assert state(anonymous) == "hit" and b"Sign out" not in anonymous.content


@pytest.mark.parametrize("visibility", ["restricted", "private", "hidden"])
def test_content_only_members_may_read_never_reaches_anonymous_readers(
    client, page_cache, visibility
):
    community = factories.make_community(visibility=visibility)
    study = factories.make_case_study(community, title="Zebrastudy members only")
    member = factories.UserFactory()
    factories.add_member(community, member)
    client.force_login(member)
    for url in (study.url, community.url, "/", "/case-studies/", "/search/?q=Zebrastudy"):
        assert client.get(url).status_code == 200
    client.logout()
    assert client.get(study.url).status_code == 404
    for url in ("/", "/case-studies/", "/search/?q=Zebrastudy", community.url):
        response = client.get(url)
        assert b"members only" not in response.content, url
        assert client.get(url).content == response.content  # served again: still nothing


def test_a_session_cookie_bypasses_the_cache(client, page_cache):
    study = factories.make_case_study(factories.make_community())
    client.get(study.url)
    client.cookies["sessionid"] = "not-a-session"
    assert state(client.get(study.url)) is None


def test_publishing_a_change_makes_pages_stale(client, page_cache):
    community = factories.make_community()
    study = factories.make_case_study(community, title="Old title")
    client.get(study.url)
    client.get("/")
    assert state(client.get(study.url)) == "hit"
    study.title = "New title"
    study.save_revision().publish()
    response = client.get(study.url)
    assert state(response) == "miss" and b"New title" in response.content
    assert b"New title" in client.get("/").content


def test_unpublishing_makes_the_page_go(client, page_cache):
    study = factories.make_case_study(factories.make_community())
    client.get(study.url)
    study.unpublish()
    assert client.get(study.url).status_code == 404


def test_a_community_becoming_private_makes_its_pages_go(client, page_cache):
    community = factories.make_community()
    study = factories.make_case_study(community)
    assert state(client.get(study.url)) == "miss"
    community.visibility = "private"
    community.save_revision().publish()
    assert client.get(study.url).status_code == 404


def test_membership_comments_and_moving_start_a_new_generation(client, page_cache):
    community = factories.make_community()
    other = factories.make_community()
    study = factories.make_case_study(community)

    def generation():
        client.get(study.url)
        return page_cache.get(pagecache.GENERATION_KEY)

    seen = [generation()]
    membership = factories.add_member(community, factories.UserFactory())
    seen.append(generation())
    membership.state = MembershipState.LEFT
    membership.save()
    seen.append(generation())
    factories.make_comment(study, factories.UserFactory(), body="Did it work?")
    seen.append(generation())
    response = client.get(study.url)
    assert b"Did it work?" in response.content
    study.move(other, pos="last-child")
    seen.append(generation())
    assert len(set(seen)) == len(seen)


def test_signing_in_does_not_make_pages_stale(client, page_cache):
    study = factories.make_case_study(factories.make_community())
    user = factories.UserFactory()
    client.get(study.url)
    user.save(update_fields=["last_login"])
    assert state(client.get(study.url)) == "hit"


def test_search_pages_are_cached_for_anonymous_readers_and_still_logged(client, page_cache):
    from search.indexing import index_pages_now

    community = factories.make_community()
    study = factories.make_case_study(community, title="Narwhal tracking")
    assert state(client.get("/search/", {"q": "narwhal"})) == "miss"
    hit = client.get("/search/", {"q": "narwhal"})
    assert state(hit) == "hit" and b"Narwhal tracking" in hit.content
    assert SearchLog.objects.filter(query="narwhal", user=None).count() == 2
    first, second = SearchLog.objects.filter(query="narwhal").order_by("pk")
    assert (second.result_count, second.engine) == (first.result_count, first.engine)
    assert second.result_count > 0
    index_pages_now([study.pk])
    assert state(client.get("/search/", {"q": "narwhal"})) == "miss"


def test_page_views_are_counted_when_served_from_the_cache_but_not_for_bots(client, page_cache):
    from insight.models import PageViewDay

    study = factories.make_case_study(factories.make_community())
    browser = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}
    assert state(client.get(study.url, **browser)) == "miss"
    assert state(client.get(study.url, **browser)) == "hit"
    assert state(client.get(study.url, HTTP_USER_AGENT="Googlebot/2.1")) == "hit"
    assert state(client.head(study.url, **browser)) == "hit"  # HEAD is not a view
    assert PageViewDay.objects.get(page_id=study.pk).anonymous == 2


# -- what is never stored (the middleware alone) -----------------------------------------


def run(view, method="get", user=None, cookies=None, **extra):
    request = getattr(RequestFactory(), method)("/some/page/", **extra)
    request.user = user or AnonymousUser()
    request.COOKIES.update(cookies or {})
    return pagecache.PageCacheMiddleware(view)(request)


def html(request):
    return HttpResponse("<p>Page</p>")


def with_csrf_token(request):
    return HttpResponse(f"<form>{get_token(request)}</form>")


def with_cookie(request):
    response = html(request)
    response.set_cookie("messages", "Saved")
    return response


def with_nonce(request):
    request._csp_nonce = "abc"
    return html(request)


def private(request):
    response = html(request)
    response["Cache-Control"] = "private"
    return response


def varies(request):
    response = html(request)
    response["Vary"] = "Accept-Language"
    return response


def not_found(request):
    return HttpResponse("<p>Missing</p>", status=404)


def json(request):
    return HttpResponse("{}", content_type="application/json")


@pytest.mark.parametrize(
    "view", [with_csrf_token, with_cookie, with_nonce, private, varies, not_found, json]
)
def test_responses_that_must_not_be_shared_are_not_stored(page_cache, view):
    run(view)
    assert state(run(html)) == "miss"


def test_only_anonymous_get_requests_are_stored(page_cache):
    run(html, user=factories.UserFactory())
    run(html, method="post")
    assert state(run(html)) == "miss"
    assert state(run(html)) == "hit"
    assert state(run(html, method="post")) is None
    assert state(run(html, HTTP_AUTHORIZATION="Token abc")) is None
    assert state(run(html, cookies={"messages": "x"})) is None


def test_a_new_generation_makes_every_page_stale(page_cache):
    run(html)
    assert state(run(html)) == "hit"
    pagecache.bump()
    assert state(run(html)) == "miss"


def test_the_file_cache_culls_one_write_in_a_hundred(tmp_path):
    cache = pagecache.PageFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10}})
    for n in range(99):
        cache.set(f"page-{n}", n)
    assert len(list(tmp_path.glob("*.djcache"))) == 99  # not culled yet
    cache.set("page-99", 99)  # the hundredth write culls (a third, as Django's default)
    assert len(list(tmp_path.glob("*.djcache"))) < 99
    assert cache.get("page-99") == 99
