"""Parts of pages every reader sees alike, kept rendered (cop/templatetags/page_parts.py):
shared between readers, current after every change, never holding anything that belongs
to one reader, and never filled from a preview."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.models import Lesson
from tests import factories

pytestmark = pytest.mark.django_db


def get(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(captured.captured_queries)


@pytest.fixture
def study(open_community):
    organisation = factories.organisation_with_domain("fenmarsh.gov.uk", name="Fenmarsh")
    contact = factories.UserFactory(
        contactable=True, email="casey.contact@fenmarsh.gov.uk", organisation=organisation
    )
    study = factories.make_case_study(
        open_community,
        title="Webchat for council tax",
        background="<p>Calls doubled every March.</p>",
        lead_organisation=organisation,
        lessons=[("went_wrong", "procurement", "Test the supplier's webchat first.")],
    )
    study.themes.set([factories.theme("Council tax")])
    study.contacts.set([contact])
    study.save_revision().publish()
    return study


def test_signed_in_readers_share_the_parts_and_keep_their_own(client, page_cache, study):
    first, second = factories.UserFactory(), factories.UserFactory()
    client.force_login(first)
    first_body, first_queries = get(client, study.url)
    client.force_login(second)
    second_body, second_queries = get(client, study.url)
    for text in ("Calls doubled every March.", "Test the supplier", "Fenmarsh", "Council tax"):
        assert text in first_body and text in second_body
    # The sections, lessons, organisations and themes came from the kept parts.
    assert second_queries <= first_queries - 5
    # What belongs to the reader is not in a part: each sees the contact's address.
    assert "casey.contact@fenmarsh.gov.uk" in second_body


def test_anonymous_readers_never_get_what_is_for_signed_in_readers(client, page_cache, study):
    client.force_login(factories.UserFactory())
    assert "casey.contact@fenmarsh.gov.uk" in get(client, study.url)[0]
    client.logout()
    body, _queries = get(client, study.url)
    assert "Test the supplier" in body and "casey.contact@fenmarsh.gov.uk" not in body


def test_a_published_change_shows_at_once(client, page_cache, study):
    client.force_login(factories.UserFactory())
    get(client, study.url)
    study.background = "<p>Calls tripled every March.</p>"
    study.lessons = [Lesson(kind="advice", category="procurement", text="Ask other councils.")]
    study.save_revision().publish()
    body, _queries = get(client, study.url)
    assert "Calls tripled every March." in body and "Ask other councils." in body
    assert "Calls doubled" not in body and "Test the supplier" not in body


def test_previews_neither_fill_nor_read_the_parts(client, page_cache, study):
    reader = factories.UserFactory()
    client.force_login(reader)
    get(client, study.url)  # the live page's parts are kept
    draft = study.get_latest_revision_as_object()
    draft.background = "<p>A draft paragraph.</p>"
    draft.save_revision()
    preview = draft.make_preview_request(
        preview_mode=draft.default_preview_mode, extra_request_attrs={"user": reader}
    )
    assert "A draft paragraph." in preview.content.decode()
    body, _queries = get(client, study.url)
    assert "A draft paragraph." not in body and "Calls doubled every March." in body


def test_related_case_studies_are_kept_per_audience(client, page_cache, study):
    private = factories.make_community(visibility="private")
    secret = factories.make_case_study(private, title="Members-only webchat pilot")
    secret.themes.set(study.themes.all())
    secret.save_revision().publish()
    member, outsider = factories.UserFactory(), factories.UserFactory()
    factories.add_member(private, member)
    client.force_login(member)
    assert "Members-only webchat pilot" in get(client, study.url)[0]
    client.force_login(outsider)
    assert "Members-only webchat pilot" not in get(client, study.url)[0]
    client.logout()
    assert "Members-only webchat pilot" not in get(client, study.url)[0]


def test_the_library_keeps_start_years_per_reader(client, page_cache, open_community):
    """The library's year filter offers only years of case studies the reader may see, kept
    per statement (which names the reader's communities)."""
    import datetime

    private = factories.make_community(visibility="private")
    factories.make_case_study(open_community, start_date=datetime.date(2019, 5, 1))
    factories.make_case_study(private, start_date=datetime.date(2003, 5, 1))
    member = factories.UserFactory()
    factories.add_member(private, member)
    client.force_login(member)
    assert ">2003<" in get(client, "/case-studies/")[0]
    client.logout()
    body, _queries = get(client, "/case-studies/")
    assert ">2019<" in body and ">2003<" not in body


@pytest.mark.parametrize("cached", [True, False], ids=["page cache on", "page cache off"])
def test_the_library_answers_a_reader_who_may_read_no_community(client, settings, cached):
    """No readable community: the years' statement cannot even be written out."""
    from django.core.cache import caches

    if cached:
        settings.PAGE_CACHE_SECONDS = 300
        caches["pages"].clear()
    private = factories.make_community(visibility="private")
    factories.make_case_study(private, title="Members-only webchat pilot")
    for url in ("/case-studies/", "/lessons/"):
        body, _queries = get(client, url)
        assert "Members-only webchat pilot" not in body
    client.force_login(factories.UserFactory())
    assert "Members-only webchat pilot" not in get(client, "/case-studies/")[0]


def test_parts_are_kept_under_the_generation_their_request_began_under(
    client, page_cache, study, monkeypatch
):
    """A part rendered after a write committed mid-request is not kept as current."""
    from cop import pagecache

    client.force_login(factories.UserFactory())
    seen = []
    original = pagecache.remember

    def remember(name, compute, seconds=None):
        seen.append(pagecache._request_generation.get())
        pagecache.bump()  # as if an editor's publish committed while the page rendered
        return original(name, compute, seconds)

    monkeypatch.setattr(pagecache, "remember", remember)
    get(client, study.url)
    monkeypatch.undo()
    assert seen and all(generation is not None for generation in seen)
    # Nothing stored then is served now: the next view renders the parts again.
    _body, again = get(client, study.url)
    _body, kept = get(client, study.url)
    assert kept < again


def test_a_community_page_shares_its_parts_and_keeps_the_readers_own(client, page_cache):
    """The welcome, featured and latest case studies and the "About" panel are kept for all
    readers; joining, curating and publishing show at once; the reader's own controls and
    held discussions are never in a part."""
    from curation.services import community_curate
    from discussions.services import discussion_start

    community = factories.make_community("Channel shift")
    facilitator, member, other = (factories.UserFactory() for _ in range(3))
    factories.add_member(community, facilitator, role="facilitator")
    factories.add_member(community, member)
    study = factories.make_case_study(community, title="Webchat for council tax")
    community_curate(
        community=community,
        user=facilitator,
        welcome="Hello, everyone.",
        featured=[study],
        pinned=[],
    )
    client.force_login(member)
    body, first = get(client, community.url)
    assert "Hello, everyone." in body and "2 members" in body and "Webchat" in body
    client.force_login(other)
    body, second = get(client, community.url)
    assert "Hello, everyone." in body and second < first
    assert "Share a case study" not in body  # the member's button stayed with the member
    factories.add_member(community, other)
    community_curate(
        community=community, user=facilitator, welcome="Welcome back.", featured=[], pinned=[]
    )
    factories.make_case_study(community, title="Chatbots for bulky waste")
    body, _queries = get(client, community.url)
    assert "3 members" in body and "Welcome back." in body and "Chatbots for bulky waste" in body
    assert "Share a case study" in body
    community.hold_first_posts = True
    community.save()
    held = discussion_start(
        community=community, user=other, title="Is anyone using webchat?", body="Tell me."
    )
    assert "Is anyone using webchat?" in get(client, community.url)[0]
    client.force_login(member)
    assert held and "Is anyone using webchat?" not in get(client, community.url)[0]
