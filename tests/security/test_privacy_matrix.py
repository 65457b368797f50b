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


@pytest.fixture(autouse=True)
def _with_the_page_cache(page_cache):
    """The matrix runs with the whole-page cache for anonymous readers switched on, so
    that no cached page can carry content to a reader who may not see it."""


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


def surface_case_study_library_filtered(client, world, visibility):
    """The library with every filter the world's case studies match, and a sort."""
    query = {"lesson_category": "data", "lesson_kind": "went_wrong", "sort": "title"}
    return _content_shown(client.get("/case-studies/", query), visibility)


def surface_community_case_study_list(client, world, visibility):
    """A community's own list of case studies (its case-studies/ route)."""
    response = client.get(world["communities"][visibility].url + "case-studies/")
    assert response.status_code in (200, 404)
    return _content_shown(response, visibility)


def _lessons_shown(response, visibility):
    """A lesson and the title of its case study appear together, or not at all."""
    assert response.status_code == 200
    body = response.content.decode()
    lesson = f"Axolotl lesson {visibility}." in body
    assert lesson == (f"Quokkastudy {visibility}" in body), body
    return lesson


def surface_lessons_page(client, world, visibility):
    return _lessons_shown(client.get("/lessons/"), visibility)


def surface_lessons_page_filtered(client, world, visibility):
    query = {"lesson_category": "data", "lesson_kind": "went_wrong", "sort": "title"}
    return _lessons_shown(client.get("/lessons/", query), visibility)


def surface_search_results(client, world, visibility):
    response = client.get("/search/", {"q": "narwhal"})
    return _content_shown(response, visibility)


def surface_search_lesson_results(client, world, visibility):
    """Lessons are results of their own, titled with their case study."""
    response = client.get("/search/", {"q": "axolotl"})
    return _content_shown(response, visibility)


def surface_search_facets(client, world, visibility):
    """The community facet offers (and counts) only communities with results the reader
    may see."""
    community = world["communities"][visibility]
    body = client.get("/search/", {"q": "narwhal"}).content.decode()
    return f'name="community" type="checkbox" value="{community.pk}"' in body


def surface_search_filtered_by_community(client, world, visibility):
    """Asking for one community's content by its id in the address, with no words."""
    response = client.get("/search/", {"community": world["communities"][visibility].pk})
    assert response.status_code == 200
    return _content_shown(response, visibility)


def surface_search_did_you_mean(client, world, visibility):
    """A misspelling is corrected only towards something the reader can find: "Quokkastudy
    prrivate" suggests "Quokkastudy private" only to those who may read that case study."""
    typo = visibility[:2] + visibility[1:]
    response = client.get("/search/", {"q": f"Quokkastudy {typo}"})
    assert response.status_code == 200
    body = response.content.decode()
    assert ("Did you mean" in body) == (f"Quokkastudy {visibility}" in body)
    return _content_shown(response, visibility)


def surface_search_autocomplete(client, world, visibility):
    response = client.get("/search/autocomplete/", {"q": "Quokkastudy"})
    assert response.status_code == 200
    labels = [item["label"] for item in response.json()["suggestions"]]
    return f"Quokkastudy {visibility}" in labels


def surface_community_search(client, world, visibility):
    """Search within one community (its search/ route)."""
    response = client.get(world["communities"][visibility].url + "search/", {"q": "narwhal"})
    assert response.status_code in (200, 404)
    return _content_shown(response, visibility)


def _matrix_organisation(world):
    """An organisation that led every world case study, with a listed member active in every
    world community (set up once per world)."""
    if "organisation" not in world:
        from casestudies.models import CaseStudyPage

        organisation = factories.OrganisationFactory(name="Matrixshire Council")
        CaseStudyPage.objects.filter(
            pk__in=[study.pk for study in world["studies"].values()]
        ).update(lead_organisation=organisation)
        insider = factories.UserFactory(
            organisation=organisation, first_name="Matrix", last_name="Insider"
        )
        for community in world["communities"].values():
            factories.add_member(community, insider)
        world["organisation"], world["insider"] = organisation, insider
    return world["organisation"]


def surface_organisation_page_case_studies(client, world, visibility):
    organisation = _matrix_organisation(world)
    return _content_shown(client.get(f"/organisations/{organisation.slug}/"), visibility)


def surface_member_data_export(client, world, visibility):
    """A member's "Download my data" lists case studies they are a contact for."""
    if "contacts_added" not in world:
        from casestudies.models import CaseStudyPage

        Contact = CaseStudyPage.contacts.through
        Contact.objects.bulk_create(
            Contact(casestudypage_id=study.pk, user_id=user.pk)
            for study in world["studies"].values()
            for user in world["users"].values()
            if user is not None
        )
        world["contacts_added"] = True
    return _content_shown(client.post("/members/me/export/"), visibility)


def surface_community_document(client, world, visibility):
    """A document in the community's collection, fetched by its direct URL."""
    document = world.setdefault("documents", {}).get(visibility)
    if document is None:
        from django.core.files.base import ContentFile
        from wagtail.documents.models import Document

        community = world["communities"][visibility].__class__.objects.get(
            pk=world["communities"][visibility].pk
        )
        document = Document.objects.create(
            title=f"Quokkastudy {visibility} minutes",
            file=ContentFile(f"Quokkastudy {visibility} minutes".encode(), name="minutes.txt"),
            collection=community.collection,
        )
        world["documents"][visibility] = document
    response = client.get(document.url)
    if response.status_code == 200:
        return f"Quokkastudy {visibility}".encode() in b"".join(response.streaming_content)
    # Not readable: the same answer as for a document that does not exist.
    assert response.status_code == 404, response.status_code
    return False


def _case_study_media(world, visibility):
    """An image and a document in the community's collection, shown on its case study."""
    media = world.setdefault("media", {})
    if visibility not in media:
        from casestudies.models import CaseStudyAttachment, CaseStudyImage
        from tests.media import make_document, make_image

        community = world["communities"][visibility]
        study = world["studies"][visibility]
        image = make_image(community, title=f"Quokkastudy {visibility} chart")
        document = make_document(community, title=f"Quokkastudy {visibility} evaluation")
        CaseStudyImage.objects.create(page=study, image=image, caption="A chart", sort_order=0)
        CaseStudyAttachment.objects.create(page=study, document=document, sort_order=0)
        study.save_revision().publish()
        media[visibility] = (image, document)
    return media[visibility]


def _image_shown(response):
    """200 with a real PNG; otherwise the 404 a missing image gets (nothing else)."""
    if response.status_code == 200:
        from io import BytesIO

        from PIL import Image as PILImage

        assert response["Content-Type"] == "image/png"
        PILImage.open(BytesIO(b"".join(response.streaming_content))).verify()
        return True
    assert response.status_code == 404, response.status_code
    return False


def surface_community_image(client, world, visibility):
    """An image in the community's collection, fetched by its direct URL."""
    image, _document = _case_study_media(world, visibility)
    return _image_shown(client.get(f"/images/{image.pk}/width-800/"))


def surface_case_study_page_media(client, world, visibility):
    """The case study page shows the image and the attachment, and both open for whoever
    sees the page."""
    image, document = _case_study_media(world, visibility)
    response = client.get(world["studies"][visibility].url)
    assert response.status_code in (200, 404)
    if response.status_code != 200:
        return False
    body = response.content.decode()
    return (
        f'src="/images/{image.pk}/width-800/"' in body
        and document.title in body
        and client.get(f"/images/{image.pk}/width-800/").status_code == 200
        and client.get(document.url).status_code == 200
    )


def surface_admin_image_preview(client, world, visibility):
    """The file Wagtail's admin shows as the image's preview (under MEDIA_URL)."""
    image, _document = _case_study_media(world, visibility)
    return _image_shown(client.get(image.get_rendition("max-165x165").url))


def _wiki_page(world, visibility):
    """A wiki page with two published versions, both naming the community's visibility."""
    pages = world.setdefault("wiki_pages", {})
    if visibility not in pages:
        page = factories.make_wiki_page(
            world["communities"][visibility],
            title=f"Quokkastudy {visibility} wiki",
            body=f"<p>Quokkastudy {visibility} first notes.</p>",
        )
        page.body = f"<p>Quokkastudy {visibility} second notes.</p>"
        page.save_revision(log_action=True).publish()
        pages[visibility] = page
    return pages[visibility]


def _wiki_view(client, world, visibility, suffix):
    page = _wiki_page(world, visibility)
    response = client.get(page.url + suffix)
    assert response.status_code in (200, 404), (suffix, response.status_code)
    return _content_shown(response, visibility)


def surface_wiki_page(client, world, visibility):
    return _wiki_view(client, world, visibility, "")


def surface_wiki_index(client, world, visibility):
    _wiki_page(world, visibility)
    wiki = factories.wiki_of(world["communities"][visibility])
    return _content_shown(client.get(wiki.url), visibility)


def surface_wiki_history(client, world, visibility):
    return _wiki_view(client, world, visibility, "history/")


def surface_wiki_compare(client, world, visibility):
    return _wiki_view(client, world, visibility, "history/compare/")


def surface_wiki_old_version(client, world, visibility):
    page = _wiki_page(world, visibility)
    first = page.revisions.order_by("created_at").first()
    return _wiki_view(client, world, visibility, f"history/{first.pk}/")


def _discussions(world, visibility):
    """A discussion with a reply, a comment on the case study, a post held for approval and
    a report, all naming the community's visibility ("Wombat <visibility>"). Written by the
    world's member, who is their author."""
    made = world.setdefault("discussions", {})
    if visibility not in made:
        from discussions.models import Post, PostStatus, Report
        from search import indexing

        community = world["communities"][visibility]
        member, facilitator = world["users"]["member"], world["users"]["facilitator"]
        discussion = factories.make_discussion(
            community,
            member,
            title=f"Wombat {visibility} discussion",
            body=f"Wombat {visibility} opening post",
            replies=[(facilitator, f"Wombat {visibility} reply")],
        )
        reply = discussion.posts.get(is_opening=False)
        held = Post.objects.create(
            community=community,
            discussion=discussion,
            author=member,
            body=f"Wombat {visibility} held reply",
            status=PostStatus.HELD,
        )
        Report.objects.create(post=reply, reporter=member, reason=f"Wombat {visibility} report")
        comment = factories.make_comment(
            world["studies"][visibility], member, body=f"Wombat {visibility} comment"
        )
        indexing.index_pages_now([community.pk])
        made[visibility] = {
            "discussion": discussion,
            "opening": discussion.posts.get(is_opening=True),
            "reply": reply,
            "held": held,
            "comment": comment,
        }
    return made[visibility]


def _wombat_shown(response, visibility):
    assert response.status_code in (200, 302, 403, 404), response.status_code
    return response.status_code == 200 and f"Wombat {visibility}" in response.content.decode()


def _community_route(client, world, visibility, suffix):
    _discussions(world, visibility)
    return client.get(world["communities"][visibility].url + suffix)


def surface_discussion_list(client, world, visibility):
    return _wombat_shown(_community_route(client, world, visibility, "discussions/"), visibility)


def surface_discussion_page(client, world, visibility):
    discussion = _discussions(world, visibility)["discussion"]
    return _wombat_shown(
        _community_route(client, world, visibility, f"discussions/{discussion.pk}/"), visibility
    )


def surface_community_page_discussions(client, world, visibility):
    _discussions(world, visibility)
    return _wombat_shown(client.get(world["communities"][visibility].url), visibility)


def surface_case_study_comments(client, world, visibility):
    _discussions(world, visibility)
    return _wombat_shown(client.get(world["studies"][visibility].url), visibility)


def surface_search_results_discussions(client, world, visibility):
    """Search results and facet counts from the search service, for the client's user (the
    results page itself is covered by "search results")."""
    from communities.models import User
    from search import services

    _discussions(world, visibility)
    user_id = client.session.get("_auth_user_id")
    user = User.objects.get(pk=user_id) if user_id else None
    results = services.search(query="wombat", user=user, log=False)
    titles = [hit.title for hit in results.page.object_list]
    counted = {
        value.label
        for facet in results.facets
        if facet.name == "community"
        for value in facet.values
    }
    shown = f"Wombat {visibility} discussion" in titles
    # Only discussions match "wombat", so a community counted is a discussion counted.
    assert shown == (f"Zebracommunity {visibility}" in counted), (titles, counted)
    return shown


def surface_discussion_reply_form(client, world, visibility):
    """The reply form quoting a reply (members only, since only they may post)."""
    posts = _discussions(world, visibility)
    return _wombat_shown(
        _community_route(
            client,
            world,
            visibility,
            f"discussions/{posts['discussion'].pk}/reply/?quote={posts['reply'].pk}",
        ),
        visibility,
    )


def surface_report_form(client, world, visibility):
    """The report form shows the post being reported."""
    reply = _discussions(world, visibility)["reply"]
    return _wombat_shown(
        _community_route(client, world, visibility, f"posts/{reply.pk}/report/"), visibility
    )


def surface_edit_form(client, world, visibility):
    """The edit form holds the post's text (its author only)."""
    opening = _discussions(world, visibility)["opening"]
    return _wombat_shown(
        _community_route(client, world, visibility, f"posts/{opening.pk}/edit/"), visibility
    )


def surface_moderation_page(client, world, visibility):
    """Reports and held posts (facilitators and site administrators)."""
    return _wombat_shown(_community_route(client, world, visibility, "moderation/"), visibility)


def _stewardship(world, visibility):
    """An announcement and a case study submitted for review, both naming the community's
    visibility ("Numbat <visibility>")."""
    made = world.setdefault("stewardship", {})
    if visibility not in made:
        from participation.models import Announcement

        community = world["communities"][visibility]
        announcement = Announcement.objects.create(
            community=community,
            author=world["users"]["facilitator"],
            title=f"Numbat {visibility} announcement",
            body=f"Numbat {visibility} news",
        )
        factories.submit_case_study(
            community, world["users"]["member"], title=f"Numbat {visibility} submitted"
        )
        made[visibility] = announcement
    return made[visibility]


def _numbat_shown(response, visibility):
    assert response.status_code in (200, 302, 403, 404), response.status_code
    return response.status_code == 200 and f"Numbat {visibility}" in response.content.decode()


def surface_announcement_list(client, world, visibility):
    _stewardship(world, visibility)
    return _numbat_shown(
        client.get(world["communities"][visibility].url + "announcements/"), visibility
    )


def surface_announcement_page(client, world, visibility):
    announcement = _stewardship(world, visibility)
    url = f"{world['communities'][visibility].url}announcements/{announcement.pk}/"
    return _numbat_shown(client.get(url), visibility)


def surface_community_page_announcement(client, world, visibility):
    _stewardship(world, visibility)
    return _numbat_shown(client.get(world["communities"][visibility].url), visibility)


def surface_moderation_queue_reviews(client, world, visibility):
    """The community's moderation queue lists case studies submitted for review."""
    _stewardship(world, visibility)
    return _numbat_shown(
        client.get(world["communities"][visibility].url + "moderation/"), visibility
    )


def surface_personal_moderation_queue(client, world, visibility):
    """A facilitator's own queue names the communities they facilitate, with counts."""
    _stewardship(world, visibility)
    response = client.get("/moderation/")
    assert response.status_code in (200, 302, 403), response.status_code
    return response.status_code == 200 and _community_named(response, visibility)


def surface_announcement_form(client, world, visibility):
    response = client.get(world["communities"][visibility].url + "announcements/new/")
    assert response.status_code in (200, 302, 403, 404), response.status_code
    return response.status_code == 200 and _community_named(response, visibility)


def may_facilitate(user_kind, visibility):
    """A member's own moderation queue: only communities they facilitate (site
    administrators facilitate none of the world's communities)."""
    return user_kind == "facilitator"


def surface_moderate_form(client, world, visibility):
    reply = _discussions(world, visibility)["reply"]
    return _wombat_shown(
        _community_route(client, world, visibility, f"posts/{reply.pk}/moderate/"), visibility
    )


# -- feeds, the API and downloads ----------------------------------------------------------


def _feed_shown(client, path, visibility, query=None):
    """The Atom feed and its RSS twin show the same thing (or both answer 404)."""
    atom, rss = client.get(path, query), client.get(path + "rss/", query)
    assert atom.status_code in (200, 404) and atom.status_code == rss.status_code, path
    shown = _content_shown(atom, visibility)
    assert shown == _content_shown(rss, visibility), path
    return shown


def _matrix_theme(world):
    if "theme" not in world:
        from casestudies.models import CaseStudyPage

        theme = factories.theme("Matrix theme")
        CaseStudyPage.themes.through.objects.bulk_create(
            CaseStudyPage.themes.through(casestudypage_id=study.pk, theme_id=theme.pk)
            for study in world["studies"].values()
        )
        world["theme"] = theme
    return world["theme"]


def surface_site_feed(client, world, visibility):
    return _feed_shown(client, "/feeds/case-studies/", visibility)


def surface_community_feed(client, world, visibility):
    return _feed_shown(client, f"/feeds/communities/c-{visibility}/", visibility)


def surface_theme_feed(client, world, visibility):
    return _feed_shown(client, f"/feeds/themes/{_matrix_theme(world).slug}/", visibility)


def surface_search_feed(client, world, visibility):
    """The private search feed of the user the matrix is acting as, whoever fetches it
    (feed readers have no session); anonymous visitors have no feed address."""
    from feeds.services import active_feed_token, feed_token_reset

    user = world["users"][world["acting_as"]]
    if user is None:
        return _feed_shown(client, "/feeds/search/no-such-token/", visibility)
    token = active_feed_token(user) or feed_token_reset(user=user)
    client.logout()
    try:
        return _feed_shown(client, f"/feeds/search/{token.token}/", visibility, {"q": "narwhal"})
    finally:
        client.force_login(user)


def _api_shown(response, visibility):
    assert response.status_code in (200, 400, 404), response.status_code
    return _content_shown(response, visibility)


def surface_api_case_studies(client, world, visibility):
    return _api_shown(client.get("/api/v1/case-studies/"), visibility)


def surface_api_case_studies_filtered(client, world, visibility):
    query = {"lesson_category": "data", "lesson_kind": "went_wrong", "sort": "title"}
    return _api_shown(client.get("/api/v1/case-studies/", query), visibility)


def surface_api_case_studies_by_community(client, world, visibility):
    community = world["communities"][visibility]
    return _api_shown(client.get("/api/v1/case-studies/", {"community": community.pk}), visibility)


def surface_api_case_studies_by_organisation(client, world, visibility):
    organisation = _matrix_organisation(world)
    response = client.get("/api/v1/case-studies/", {"organisation": organisation.slug})
    return _api_shown(response, visibility)


def surface_api_case_study(client, world, visibility):
    return _api_shown(
        client.get(f"/api/v1/case-studies/{world['studies'][visibility].pk}/"), visibility
    )


def surface_api_lessons(client, world, visibility):
    response = client.get("/api/v1/lessons/")
    lesson = f"Axolotl lesson {visibility}." in response.content.decode()
    assert lesson == _api_shown(response, visibility)
    return lesson


def surface_case_study_export(client, world, visibility):
    response = client.get("/case-studies/export.csv")
    assert response.status_code == 200 and response.streaming
    body = b"".join(response.streaming_content).decode()
    json_response = client.get("/case-studies/export.json", {"lesson_category": "data"})
    json_body = b"".join(json_response.streaming_content).decode()
    shown = f"Quokkastudy {visibility}" in body
    assert shown == (f"Quokkastudy {visibility}" in json_body)
    return shown


def surface_community_case_study_export(client, world, visibility):
    community = world["communities"][visibility]
    response = client.get("/case-studies/export.csv", {"community": community.pk})
    if response.status_code == 400:  # a community the user may not read, as a missing one
        assert community.title not in response.content.decode()
        return False
    return f"Quokkastudy {visibility}" in b"".join(response.streaming_content).decode()


def surface_theme_page(client, world, visibility):
    theme = _matrix_theme(world)
    return _content_shown(client.get(f"/themes/{theme.slug}/"), visibility)


def surface_organisation_page_reuses(client, world, visibility):
    """Case studies an organisation reused (through "this helped us"), on its own page."""
    if "reuser" not in world:
        from participation.models import HelpedRecord

        reuser = factories.OrganisationFactory(name="Reuseborough Council")
        someone = factories.UserFactory(organisation=reuser)
        HelpedRecord.objects.bulk_create(
            HelpedRecord(user=someone, page=study, kind="reused", organisation=reuser)
            for study in world["studies"].values()
        )
        world["reuser"] = reuser
    return _content_shown(client.get(f"/organisations/{world['reuser'].slug}/"), visibility)


# Curation (curation/): a community's home page, theme collections and best bets.


def _section(response, section_id):
    """The HTML of one section of a page (empty when the page or section is not shown)."""
    if response.status_code != 200:
        return ""
    body = response.content.decode()
    marker = f'id="{section_id}"'
    return body.split(marker, 1)[1].split("</section>", 1)[0] if marker in body else ""


def _curated(world):
    """Each world community features its case study, pins its discussion and has a
    welcome naming its visibility."""
    if "curated" not in world:
        from curation.models import CommunityWelcome, FeaturedCaseStudy

        for visibility in VISIBILITIES:
            community = world["communities"][visibility]
            FeaturedCaseStudy.objects.create(
                community=community, case_study=world["studies"][visibility]
            )
            CommunityWelcome.objects.create(
                community=community, text=f"Pangolin welcome {visibility}"
            )
            discussion = _discussions(world, visibility)["discussion"]
            discussion.pinned = True
            discussion.save(update_fields=["pinned"])
        world["curated"] = True


def surface_community_page_featured(client, world, visibility):
    _curated(world)
    response = client.get(world["communities"][visibility].url)
    return f"Quokkastudy {visibility}" in _section(response, "featured-case-studies")


def surface_community_page_welcome(client, world, visibility):
    _curated(world)
    response = client.get(world["communities"][visibility].url)
    return response.status_code == 200 and f"Pangolin welcome {visibility}" in (
        response.content.decode()
    )


def surface_community_page_pinned(client, world, visibility):
    _curated(world)
    response = client.get(world["communities"][visibility].url)
    return f"Wombat {visibility}" in _section(response, "pinned-discussions")


def _matrix_collections(world):
    """One collection of every world case study, and one of every world lesson."""
    if "collections" not in world:
        from casestudies.models import Lesson

        studies = [world["studies"][visibility] for visibility in VISIBILITIES]
        world["collections"] = {
            "case studies": factories.make_collection(
                "Matrix collection", items=[(study, f"Note on {study.title}") for study in studies]
            ),
            "lessons": factories.make_collection(
                "Matrix lessons", items=list(Lesson.objects.filter(page__in=studies))
            ),
        }
    return world["collections"]


def surface_collection_page(client, world, visibility):
    collection = _matrix_collections(world)["case studies"]
    return _content_shown(client.get(collection.url), visibility)


def surface_collection_page_lessons(client, world, visibility):
    collection = _matrix_collections(world)["lessons"]
    return _lessons_shown(client.get(collection.url), visibility)


def surface_collection_listing(client, world, visibility):
    _matrix_collections(world)
    return _content_shown(client.get("/collections/"), visibility) or (
        "Axolotl" in client.get("/collections/").content.decode()
    )


def surface_search_best_bets(client, world, visibility):
    """A best bet for a word nothing else matches, pointing at each world case study."""
    if "best_bets" not in world:
        from wagtail.models import Site

        from curation.models import BestBet

        site = Site.objects.get(is_default_site=True)
        for study in world["studies"].values():
            BestBet.objects.create(site=site, queries="Pangolinbet", page=study)
        world["best_bets"] = True
    return _content_shown(client.get("/search/", {"q": "  PANGOLINBET "}), visibility)


def listing_curate_page(client, world, visibility):
    """The curate page offers the community's case studies to feature (its facilitators
    and site administrators only)."""
    response = client.get(world["communities"][visibility].url + "curate/")
    assert response.status_code in (200, 302, 403, 404), response.status_code
    return _content_shown(response, visibility)


SURFACES = {
    "case study page": surface_case_study_page,
    "community page (content)": surface_community_page_content,
    "home page": surface_home_page,
    "case study library": surface_case_study_library,
    "case study library (filtered)": surface_case_study_library_filtered,
    "community case study list": surface_community_case_study_list,
    "lessons page": surface_lessons_page,
    "lessons page (filtered)": surface_lessons_page_filtered,
    "search results": surface_search_results,
    "search results (lessons)": surface_search_lesson_results,
    "search facets": surface_search_facets,
    "search filtered by community": surface_search_filtered_by_community,
    "search did you mean": surface_search_did_you_mean,
    "search autocomplete": surface_search_autocomplete,
    "community search": surface_community_search,
    "organisation page (case studies)": surface_organisation_page_case_studies,
    "community document by direct URL": surface_community_document,
    "community image by direct URL": surface_community_image,
    "case study page images and attachments": surface_case_study_page_media,
    "wiki page": surface_wiki_page,
    "wiki index": surface_wiki_index,
    "wiki history": surface_wiki_history,
    "wiki comparison": surface_wiki_compare,
    "wiki old version": surface_wiki_old_version,
    "community discussions list": surface_discussion_list,
    "discussion page": surface_discussion_page,
    "community page (latest discussions)": surface_community_page_discussions,
    "case study page (comments)": surface_case_study_comments,
    "search results (discussions)": surface_search_results_discussions,
    "API case study list": surface_api_case_studies,
    "API case study list (filtered)": surface_api_case_studies_filtered,
    "API case study list (by community)": surface_api_case_studies_by_community,
    "API case study list (by organisation)": surface_api_case_studies_by_organisation,
    "API case study": surface_api_case_study,
    "API lessons": surface_api_lessons,
    "case study export (CSV and JSON)": surface_case_study_export,
    "community case study export": surface_community_case_study_export,
    "theme page": surface_theme_page,
    "organisation page (case studies reused)": surface_organisation_page_reuses,
    "community page (featured case studies)": surface_community_page_featured,
    "community page (welcome)": surface_community_page_welcome,
    "community page (pinned discussions)": surface_community_page_pinned,
    "collection page": surface_collection_page,
    "collection page (lessons)": surface_collection_page_lessons,
    "search best bets": surface_search_best_bets,
    "community announcements list": surface_announcement_list,
    "announcement page": surface_announcement_page,
    "community page (latest announcement)": surface_community_page_announcement,
}


@pytest.mark.parametrize("surface", SURFACES)
def test_surface_shows_content_only_to_readers(client, world, surface, file_storage):
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


def _community_named(response, visibility):
    assert response.status_code == 200
    return f"Zebracommunity {visibility}" in response.content.decode()


def listing_organisation_page_communities(client, world, visibility):
    organisation = _matrix_organisation(world)
    return _community_named(client.get(f"/organisations/{organisation.slug}/"), visibility)


def listing_member_profile_communities(client, world, visibility):
    _matrix_organisation(world)
    return _community_named(client.get(f"/members/{world['insider'].pk}/"), visibility)


def listing_member_directory(client, world, visibility):
    """The directory names no communities at all, whoever is looking."""
    _matrix_organisation(world)
    response = client.get("/members/", {"q": "Matrix Insider"})
    assert "Matrix Insider" in response.content.decode()  # the member is there
    return _community_named(response, visibility)


def listing_overdue_case_studies(client, world, visibility):
    """The manage page lists the community's case studies overdue for review."""
    if "overdue" not in world:
        import datetime

        from casestudies.models import CaseStudyPage

        CaseStudyPage.objects.filter(
            pk__in=[study.pk for study in world["studies"].values()]
        ).update(review_by=datetime.date(2020, 1, 1))
        world["overdue"] = True
    response = client.get(f"{world['communities'][visibility].url}manage/")
    if response.status_code != 200:
        return False
    body = response.content.decode()
    return 'id="overdue"' in body and f"Quokkastudy {visibility}" in body


def surface_import_page(client, world, visibility):
    """A community's import page (a route of its page): for those who run it. Checked
    uploads and their reports belong to their uploader alone (tests/imports/test_views.py)."""
    response = client.get(f"{world['communities'][visibility].url}import/")
    assert response.status_code in (200, 302, 403, 404)
    if response.status_code != 200:
        return False
    return f"Zebracommunity {visibility}" in response.content.decode()


def may_read_anonymously(user_kind, visibility):
    """Public feeds show what an anonymous visitor sees, whoever fetches them."""
    return visibility == "open"


def listing_api_communities(client, world, visibility):
    return _community_named(client.get("/api/v1/communities/"), visibility)


def listing_api_community(client, world, visibility):
    response = client.get(f"/api/v1/communities/{world['communities'][visibility].pk}/")
    assert response.status_code in (200, 404)
    return response.status_code == 200 and _community_named(response, visibility)


def listing_api_communities_filtered(client, world, visibility):
    """Filtered by text and by the community's own visibility: still the listing rule."""
    response = client.get("/api/v1/communities/", {"q": "ZEBRACOMMUNITY", "visibility": visibility})
    return _community_named(response, visibility)


def _matrix_community_theme(world):
    """A theme every world community has (set up once per world)."""
    if "community_theme" not in world:
        from communities.models import CommunityPage

        theme = factories.theme("Matrix community theme")
        CommunityPage.themes.through.objects.bulk_create(
            CommunityPage.themes.through(communitypage_id=community.pk, theme_id=theme.pk)
            for community in world["communities"].values()
        )
        world["community_theme"] = theme
    return world["community_theme"]


def surface_api_communities_by_theme(client, world, visibility):
    """A community's themes are shown only to its readers, so only they find it by theme."""
    theme = _matrix_community_theme(world)
    return _community_named(client.get("/api/v1/communities/", {"theme": theme.slug}), visibility)


def listing_api_communities_of_member(client, world, visibility):
    """`member=true`: the requester's own active communities; anonymous requests are
    refused (400)."""
    response = client.get("/api/v1/communities/", {"member": "true"})
    if world["acting_as"] == "anonymous":
        assert response.status_code == 400
        return f"Zebracommunity {visibility}" in response.content.decode()
    return _community_named(response, visibility)


def is_active_member(user_kind, visibility):
    """The world's member and facilitator are active in every world community; the pending
    member has only asked to join, and the site administrator has joined none."""
    return user_kind in ("member", "facilitator")


def surface_api_community_content(client, world, visibility):
    """Themes, counts and links to content only for readers; name and purpose otherwise."""
    response = client.get(f"/api/v1/communities/{world['communities'][visibility].pk}/")
    if response.status_code == 404:
        return False
    data = response.json()
    shown = data["readable"]
    assert shown == ("case_study_count" in data)
    if shown:
        assert data["case_study_count"] == 1
    return shown


def surface_api_community_list_content(client, world, visibility):
    response = client.get("/api/v1/communities/")
    entry = next(
        (
            item
            for item in response.json()["results"]
            if item["id"] == world["communities"][visibility].pk
        ),
        None,
    )
    return entry is not None and "case_study_count" in entry


def surface_background_export_download(client, world, visibility):
    """A large download made in the background for the user, fetched from its link."""
    user = world["users"][world["acting_as"]]
    if user is None:
        response = client.get("/case-studies/exports/00000000-0000-0000-0000-000000000000/")
        assert response.status_code == 302  # to sign in
        return False
    exports = world.setdefault("exports", {})
    if user.pk not in exports:
        from casestudies.exports import case_study_export_build
        from casestudies.models import CaseStudyExport

        export = CaseStudyExport.objects.create(
            user=user, format="csv", query="sort=title", expires_at="2999-01-01T00:00Z"
        )
        exports[user.pk] = case_study_export_build(export=export)
    response = client.get(f"/case-studies/exports/{exports[user.pk].pk}/")
    assert response.status_code == 200
    return f"Quokkastudy {visibility}" in b"".join(response.streaming_content).decode()


def never(user_kind, visibility):
    return False


def may_manage(user_kind, visibility):
    """A community's manage page is for its facilitators and site administrators."""
    return user_kind in ("facilitator", "site_admin")


def may_read_when_signed_in(user_kind, visibility):
    """A member's own pages (their data export) exist only for signed-in members."""
    return user_kind != "anonymous" and may_read(user_kind, visibility)


def may_take_part(user_kind, visibility):
    """Reply forms are for the community's active members (and site administrators)."""
    return user_kind in ("member", "facilitator", "site_admin")


def is_author(user_kind, visibility):
    """The world's discussion posts are the member's; only an author edits a post."""
    return user_kind == "member"


def may_read_in_admin(user_kind, visibility):
    """The admin's preview files: for readers with admin access (members and facilitators,
    through their community's groups, and site administrators)."""
    return user_kind in ("member", "facilitator", "site_admin") and may_read(user_kind, visibility)


def _follow_everything(world):
    """Every signed-in world user follows every world community and case study, as if they
    had followed them while they could read them."""
    if "follows" not in world:
        from participation.models import Follow

        Follow.objects.bulk_create(
            Follow(user=user, kind=kind, object_id=target.pk)
            for user in world["users"].values()
            if user is not None
            for kind, targets in (
                ("community", world["communities"]),
                ("case_study", world["studies"]),
            )
            for target in targets.values()
        )
        world["follows"] = True


def listing_following_page(client, world, visibility):
    """The Following page names a followed case study only to those who may read it."""
    _follow_everything(world)
    response = client.get("/following/")
    return _content_shown(response, visibility)


def listing_digest_preview(client, world, visibility):
    """The preview of the next digest (the world's case studies are this week's news)."""
    _follow_everything(world)
    return _content_shown(client.get("/digest/preview/"), visibility)


def _follow_discussions(world):
    """Every signed-in world user follows every world discussion (written by the member,
    replied to by the facilitator), as if they had followed them while they could read them."""
    if "discussion_follows" not in world:
        from participation.models import Follow

        made = [_discussions(world, visibility)["discussion"] for visibility in VISIBILITIES]
        Follow.objects.bulk_create(
            Follow(user=user, kind="discussion", object_id=discussion.pk)
            for user in world["users"].values()
            if user is not None
            for discussion in made
        )
        world["discussion_follows"] = True


def listing_following_page_discussions(client, world, visibility):
    """The Following page names a followed discussion only to those who may read it."""
    _follow_discussions(world)
    return _wombat_shown(client.get("/following/"), visibility)


def listing_digest_preview_discussions(client, world, visibility):
    """The digest preview lists this week's discussions and replies only to their readers
    (the member hears about the facilitator's reply, the others about the member's thread)."""
    _follow_discussions(world)
    return _wombat_shown(client.get("/digest/preview/"), visibility)


def listing_helped_form(client, world, visibility):
    """The "this helped us" form of a case study (a route of its page)."""
    response = client.get(world["studies"][visibility].url + "helped/")
    assert response.status_code in (200, 302, 404)
    return _content_shown(response, visibility)


def listing_saved_searches(client, world, visibility):
    """Saved searches list names and queries only, never what matched them."""
    if "saved" not in world:
        from django.utils import timezone

        from participation.models import SavedSearchMatch
        from participation.services.saved_searches import saved_search_create

        for user in world["users"].values():
            if user is not None:
                saved = saved_search_create(user=user, name="Animals", query_string="q=narwhal")
                SavedSearchMatch.objects.bulk_create(
                    SavedSearchMatch(
                        saved_search=saved,
                        item_key=f"case_study:{study.pk}",
                        matched_at=timezone.now(),
                    )
                    for study in world["studies"].values()
                )
        world["saved"] = True
    response = client.get("/saved-searches/")
    return _content_shown(response, visibility)


def listing_unsubscribe_page(client, world, visibility):
    """The page an email's unsubscribe link opens names nothing but the site."""
    from participation.tokens import unsubscribe_token

    _follow_everything(world)
    holder = world["users"]["member"]
    response = client.get(f"/unsubscribe/{unsubscribe_token(holder)}/")
    return _content_shown(response, visibility) or _community_named(response, visibility)


def _insight_activity(world):
    """Views of every case study today, and a search in every community that found nothing
    named after its case study, so the insight dashboards have something to show."""
    if "insight" not in world:
        from django.utils import timezone

        from insight.models import PageViewDay
        from search.models import SearchLog

        for visibility, study in world["studies"].items():
            PageViewDay.objects.create(page=study, day=timezone.localdate(), signed_in=3)
            SearchLog.objects.create(
                query=f"Quokkasearch {visibility}",
                result_count=0,
                community_id=world["communities"][visibility].pk,
                engine="postgres",
            )
        world["insight"] = True


def _insight_shown(response, visibility, paired=True):
    """The case study is named (and, on a dashboard, the search made in its community)."""
    assert response.status_code in (200, 302, 403, 404), response.status_code
    body = b"".join(response.streaming_content) if response.streaming else response.content
    body = body.decode()
    study = f"Quokkastudy {visibility}" in body
    search = f"quokkasearch {visibility}" in body.lower()
    assert not paired or response.status_code != 200 or study == search, body
    return response.status_code == 200 and study


def surface_community_insight(client, world, visibility):
    """A community's dashboard: most read case studies, searches with no results."""
    _insight_activity(world)
    response = client.get(world["communities"][visibility].url + "insight/")
    return _insight_shown(response, visibility)


def surface_community_insight_download(client, world, visibility):
    _insight_activity(world)
    community = world["communities"][visibility].url
    most_read = client.get(community + "insight/download/most-read/")
    if not _insight_shown(most_read, visibility, paired=False):
        return False
    searches = client.get(community + "insight/download/no-results/")
    return f"quokkasearch {visibility}" in b"".join(searches.streaming_content).decode()


def surface_community_insight_ask_form(client, world, visibility):
    """The ask form names its community."""
    response = client.get(world["communities"][visibility].url + "insight/ask/?q=bins")
    assert response.status_code in (200, 302, 403, 404), response.status_code
    return (
        response.status_code == 200 and f"Zebracommunity {visibility}" in response.content.decode()
    )


def surface_site_insight(client, world, visibility):
    _insight_activity(world)
    return _insight_shown(client.get("/insight/"), visibility)


def surface_site_insight_download(client, world, visibility):
    _insight_activity(world)
    return _insight_shown(client.get("/insight/download/most-read/"), visibility, paired=False)


def listing_site_insight_ask_form(client, world, visibility):
    """The site's ask form offers the communities the administrator may start
    discussions in."""
    response = client.get("/insight/ask/?q=bins")
    assert response.status_code in (200, 302, 403), response.status_code
    return (
        response.status_code == 200 and f"Zebracommunity {visibility}" in response.content.decode()
    )


def is_site_admin(user_kind, visibility):
    return user_kind == "site_admin"


# Surfaces with a rule of their own: those that name communities follow the listing rule
# (or never name one); a member's own data follows the reading rule once signed in; a
# community's manage page shows its content only to those who run it; the admin's preview
# files follow the reading rule for users with admin access.
RULED_SURFACES = {
    "organisation page (communities)": (listing_organisation_page_communities, may_list),
    "member profile (communities)": (listing_member_profile_communities, may_list),
    "member directory (communities)": (listing_member_directory, never),
    "member data export (case studies)": (surface_member_data_export, may_read_when_signed_in),
    "manage page (case studies overdue for review)": (listing_overdue_case_studies, may_manage),
    "admin image preview by media URL": (surface_admin_image_preview, may_read_in_admin),
    "discussion reply form (quoting a post)": (surface_discussion_reply_form, may_take_part),
    "report a post form": (surface_report_form, may_read_when_signed_in),
    "edit a post form": (surface_edit_form, is_author),
    "moderation page (reports and held posts)": (surface_moderation_page, may_manage),
    "import page (case studies from a spreadsheet)": (surface_import_page, may_manage),
    "moderate a post form": (surface_moderate_form, may_manage),
    "moderation queue (case studies in review)": (surface_moderation_queue_reviews, may_manage),
    "personal moderation queue": (surface_personal_moderation_queue, may_facilitate),
    "announcement form": (surface_announcement_form, may_manage),
    "site feed": (surface_site_feed, may_read_anonymously),
    "community feed": (surface_community_feed, may_read_anonymously),
    "theme feed": (surface_theme_feed, may_read_anonymously),
    "private search feed": (surface_search_feed, may_read_when_signed_in),
    "API community list (names)": (listing_api_communities, may_list),
    "API community (name)": (listing_api_community, may_list),
    "API community list (filtered by text and visibility)": (
        listing_api_communities_filtered,
        may_list,
    ),
    "API community list (by theme)": (surface_api_communities_by_theme, may_read),
    "API community list (member=true)": (listing_api_communities_of_member, is_active_member),
    "API community list (content)": (surface_api_community_list_content, may_read),
    "API community (content)": (surface_api_community_content, may_read),
    "background export download": (surface_background_export_download, may_read_when_signed_in),
    "following page (case studies)": (listing_following_page, may_read_when_signed_in),
    "digest preview": (listing_digest_preview, may_read_when_signed_in),
    "following page (discussions)": (listing_following_page_discussions, may_read_when_signed_in),
    "digest preview (discussions)": (listing_digest_preview_discussions, may_read_when_signed_in),
    "case study helped form": (listing_helped_form, may_read_when_signed_in),
    "saved searches list": (listing_saved_searches, never),
    "unsubscribe page": (listing_unsubscribe_page, never),
    "curate page (case studies to feature)": (listing_curate_page, may_manage),
    "collections listing (names collections only)": (surface_collection_listing, never),
    "community insight dashboard": (surface_community_insight, may_manage),
    "community insight downloads (CSV)": (surface_community_insight_download, may_manage),
    "community insight ask form": (surface_community_insight_ask_form, may_manage),
    "site insight dashboard": (surface_site_insight, is_site_admin),
    "site insight downloads (CSV)": (surface_site_insight_download, is_site_admin),
    "site insight ask form (community names)": (listing_site_insight_ask_form, is_site_admin),
}


@pytest.mark.parametrize("surface", RULED_SURFACES)
def test_surface_follows_its_rule(client, world, surface):
    check, rule = RULED_SURFACES[surface]
    wrong = []
    for user_kind in USERS:
        client_for(client, world["users"][user_kind])
        world["acting_as"] = user_kind
        for visibility in VISIBILITIES:
            shown = check(client, world, visibility)
            if shown != rule(user_kind, visibility):
                wrong.append(f"{user_kind} / {visibility}: shown={shown}")
    assert not wrong, f"{surface}: " + "; ".join(wrong)


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
    "invitation_accept": "shows a community's name and purpose only to the holder of a "
    "valid single-use token (tests/communities/test_membership.py)",
    "frontend_login_redirect": "redirects to sign-in; shows nothing",
    "wagtailcore_login": "shadowed by frontend_login_redirect",
    "wagtailcore_authenticate_with_password": "Wagtail's page-password form; the site sets no "
    "page passwords, and it shows no content",
    "organisation_list": "organisation names, types and regions only; no community content",
    "member_me": "redirects to the member's own profile",
    "member_edit": "the member's own profile form; no community content",
    "member_delete": "names only communities the member facilitates (their own)",
    "member_feed": "the member's own feed address; no community content",
    "api_root": "links to the API's lists; no content",
    "api_openapi": "the API's description; no content",
    "api_organisations": "organisation names, types and regions only; no community content",
    "api_organisation": "an organisation's details and a count of the case studies the "
    "reader may read (tests/api/test_api.py); its list is the API case study list "
    "(by organisation)",
    "email_preferences": "POST only; with an error it shows the Following page (covered)",
    "follow": "POST only; redirects",
    "unfollow": "POST only; redirects",
    "saved_search_delete": "POST only; redirects",
    "unsubscribe_one_click": "POST only, for mail programs; answers a word of plain text",
}
COVERED_URL_NAMES = {
    "moderation_queue",
    "search",
    "search_autocomplete",
    "wagtail_serve",
    "organisation_detail",
    "member_profile",
    "member_directory",
    "member_export",
    "lessons",
    "community_image",
    "admin_rendition_file",
    "feed_case_studies",
    "feed_case_studies_rss",
    "feed_community",
    "feed_community_rss",
    "feed_theme",
    "feed_theme_rss",
    "feed_search",
    "feed_search_rss",
    "api_case_studies",
    "api_case_study",
    "api_lessons",
    "api_communities",
    "api_community",
    "case_study_export",
    "case_study_export_download",
    "following",
    "digest_preview",
    "saved_searches",
    "unsubscribe",
    "theme_detail",
    "insight",
    "insight_download",
    "insight_ask",
}
PAGE_TYPES_COVERED = {
    "HomePage": "home page",
    "CommunityIndexPage": "community listings",
    "CommunityPage": "community page (content)",
    "CaseStudyIndexPage": "case study library",
    "CaseStudyPage": "case study page",
    "WikiIndexPage": "wiki index",
    "WikiPage": "wiki page, history, comparison and old versions",
    "CollectionIndexPage": "collections listing",
    "CollectionPage": "collection page",
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
