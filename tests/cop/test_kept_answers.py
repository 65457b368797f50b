"""Answers kept between requests while the content stays the same (cop.requestmemo.kept):
the site, whether a page has a view restriction, a page's community and the reader's
memberships. Any change that can alter them shows on the very next request."""

import pytest
from django.http import HttpResponse
from wagtail.models import PageViewRestriction, Site

from communities.models import Membership
from communities.services.membership import membership_remove
from cop import pagecache
from cop.requestmemo import RequestMemoMiddleware, kept
from tests import factories

pytestmark = pytest.mark.django_db


def test_kept_answers_last_until_the_content_changes(page_cache, rf):
    answers = iter(range(100))

    def ask():
        seen = []
        middleware = pagecache.PageCacheMiddleware(
            RequestMemoMiddleware(lambda request: seen.append(kept("k", lambda: next(answers))))
        )
        middleware(rf.get("/", HTTP_COOKIE="sessionid=x"))
        return seen[0]

    assert ask() == ask() == 0
    pagecache.bump()
    assert ask() == ask() == 1


def test_a_request_that_wrote_stops_using_kept_answers(page_cache, rf):
    answers = iter(range(100))
    seen = []

    def view(request):
        seen.append(kept("k", lambda: next(answers)))
        pagecache.bump()  # what a write does
        seen.append(kept("k", lambda: next(answers)))
        seen.append(kept("k", lambda: next(answers)))
        return HttpResponse()

    pagecache.PageCacheMiddleware(RequestMemoMiddleware(view))(rf.get("/"))
    assert seen == [0, 1, 1]  # asked again, then kept for the rest of the request only


def test_without_the_page_cache_nothing_is_kept_between_requests(settings, rf):
    settings.PAGE_CACHE_SECONDS = 0
    answers = iter(range(100))
    seen = []
    middleware = pagecache.PageCacheMiddleware(
        RequestMemoMiddleware(lambda request: seen.append(kept("k", lambda: next(answers))))
    )
    middleware(rf.get("/"))
    middleware(rf.get("/"))
    assert seen == [0, 1]


def test_a_removed_member_loses_the_private_community_at_once(client, page_cache):
    community = factories.make_community("Police data sharing", visibility="private")
    facilitator, member = factories.UserFactory(), factories.UserFactory()
    factories.add_member(community, facilitator, role="facilitator")
    membership = factories.add_member(community, member)
    study = factories.make_case_study(community, title="Sharing custody records")
    client.force_login(member)
    for _ in range(2):
        assert client.get(study.url).status_code == 200
    membership_remove(membership_id=membership.pk, community=community, by=facilitator)
    assert Membership.objects.get(pk=membership.pk).state == "removed"
    assert client.get(study.url).status_code == 404
    assert client.get(community.url + "case-studies/").status_code in (403, 404)


def test_a_view_restriction_applies_at_once(client, page_cache, open_community):
    study = factories.make_case_study(open_community, title="Webchat for council tax")
    client.force_login(factories.UserFactory())
    for _ in range(2):
        assert "Webchat for council tax" in client.get(study.url).content.decode()
    PageViewRestriction.objects.create(
        page=study, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-words"
    )
    html = client.get(study.url).content.decode()
    assert 'name="password"' in html and "Webchat for council tax" not in html


def test_a_case_study_moved_to_another_community_follows_its_new_community(
    client, page_cache, open_community
):
    private = factories.make_community("Police data sharing", visibility="private")
    study = factories.make_case_study(open_community, title="Webchat for council tax")
    reader = factories.UserFactory()
    client.force_login(reader)
    for _ in range(2):
        assert client.get(study.url).status_code == 200
    study.move(private, pos="last-child")
    study.refresh_from_db()
    assert client.get(study.url).status_code == 404


def test_a_changed_site_name_shows_at_once(client, page_cache, open_community):
    client.force_login(factories.UserFactory())
    client.get("/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed exchange"
    site.save()
    response = client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request._wagtail_site.site_name == "Renamed exchange"


def test_a_first_comment_and_a_first_helped_record_show_at_once(client, page_cache, open_community):
    """The sets of case studies with any comment or "this helped us" record are kept."""
    from participation.services.helped import helped_record_save

    study = factories.make_case_study(open_community, title="Webchat for council tax")
    reader, member = factories.UserFactory(), factories.UserFactory()
    factories.add_member(open_community, member)
    client.force_login(reader)
    for _ in range(2):
        html = client.get(study.url).content.decode()
        assert "Did the webchat cut calls?" not in html
    factories.make_comment(study, member, body="Did the webchat cut calls?")
    assert "Did the webchat cut calls?" in client.get(study.url).content.decode()
    helped_record_save(user=member, page=study, kind="helped", note="We copied the script.")
    assert "We copied the script." in client.get(study.url).content.decode()


def test_kept_answers_are_asked_again_after_a_while_whatever_the_generation(
    page_cache, rf, monkeypatch
):
    """Should a write ever fail to start a new generation, answers are stale for at most
    KEPT_SECONDS."""
    from cop import requestmemo

    clock = [1000.0]
    monkeypatch.setattr(requestmemo.time, "monotonic", lambda: clock[0])
    answers = iter(range(100))
    seen = []
    middleware = pagecache.PageCacheMiddleware(
        RequestMemoMiddleware(
            lambda request: seen.append(kept("k", lambda: next(answers))) or HttpResponse()
        )
    )
    middleware(rf.get("/", HTTP_COOKIE="sessionid=x"))
    clock[0] += requestmemo.KEPT_SECONDS - 1
    middleware(rf.get("/", HTTP_COOKIE="sessionid=x"))
    clock[0] += 2
    middleware(rf.get("/", HTTP_COOKIE="sessionid=x"))
    assert seen == [0, 0, 1]


def test_very_long_addresses_are_refused_and_never_kept(client, page_cache, open_community):
    from cop import requestmemo

    client.force_login(factories.UserFactory())
    assert client.get("/" + "a/" * 60).status_code == 404
    assert client.get("/communities/" + "b" * 400 + "/").status_code == 404
    _generation, _started, store = requestmemo._kept
    assert not any(key[0] == "route" and len(key[1]) > 300 for key in store)
