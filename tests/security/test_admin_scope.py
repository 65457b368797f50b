"""Members use Wagtail's admin for their own communities and see nothing of others there.

A facilitator of one open community looks through every admin surface a member can reach;
nothing of a hidden or private community they are not in may show (titles of the
community, its case studies, wiki pages, documents or images).
"""

import json

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image

from communities.models import CommunityIndexPage, HomePage, MembershipRole
from tests import factories
from tests.security.test_uploads import small_png

pytestmark = pytest.mark.django_db

SECRET = "Zanzibar"


@pytest.fixture
def outsider_world(file_storage):
    mine = factories.make_community("Open neighbours", visibility="open")
    member = factories.UserFactory()
    factories.add_member(mine, member, role=MembershipRole.FACILITATOR)
    factories.make_case_study(mine, title="Our own write-up")
    secrets = {}
    for visibility in ("private", "hidden"):
        community = factories.make_community(f"{SECRET} {visibility} circle", visibility=visibility)
        community.refresh_from_db()
        study = factories.make_case_study(community, title=f"{SECRET} {visibility} study")
        wiki = factories.make_wiki_page(community, title=f"{SECRET} {visibility} notes")
        study.save_revision(log_action=True)  # a draft and a log entry too
        Document.objects.create(
            title=f"{SECRET} {visibility} minutes",
            file=ContentFile(b"minutes", name="minutes.txt"),
            collection=community.collection,
        )
        Image.objects.create(
            title=f"{SECRET} {visibility} photo",
            file=ContentFile(small_png(), name="photo.png"),
            collection=community.collection,
        )
        secrets[visibility] = {"community": community, "study": study, "wiki": wiki}
    return {"member": member, "mine": mine, "secrets": secrets}


def admin_paths(world):
    home = HomePage.objects.first()
    index = CommunityIndexPage.objects.first()
    paths = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{index.pk}/",
        f"/admin/pages/{index.pk}/?q={SECRET}",
        f"/admin/pages/{index.pk}/?q={SECRET}&search_all=1",
        f"/admin/pages/search/?q={SECRET}",
        "/admin/choose-page/",
        f"/admin/choose-page/{index.pk}/",
        f"/admin/choose-page/search/?q={SECRET}",
        f"/admin/choose-page/search/?q={SECRET}&page_type=wagtailcore.page",
        "/admin/api/main/pages/",
        f"/admin/api/main/pages/?search={SECRET}",
        f"/admin/api/main/pages/?child_of={index.pk}&for_explorer=1",
        "/admin/reports/locked/",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/page-types-usage/",
        "/admin/images/",
        f"/admin/images/?q={SECRET}",
        "/admin/images/chooser/",
        "/admin/documents/",
        f"/admin/documents/?q={SECRET}",
        "/admin/documents/chooser/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/collections/",
        "/admin/workflows/list/",
        "/admin/snippets/",
        "/admin/pages/usage/casestudies/casestudypage/",
        "/admin/pages/usage/wiki/wikipage/",
        "/admin/pages/usage/communities/communitypage/",
    ]
    for secret in world["secrets"].values():
        for page in (secret["community"], secret["study"], secret["wiki"]):
            paths += [
                f"/admin/pages/{page.pk}/",
                f"/admin/pages/{page.pk}/edit/",
                f"/admin/pages/{page.pk}/history/",
                f"/admin/pages/{page.pk}/revisions/",
                f"/admin/api/main/pages/{page.pk}/",
                f"/admin/choose-page/{page.pk}/",
                f"/admin/choose-page/chosen-multiple/?id={page.pk}",
                f"/admin/pages/{page.pk}/usage/",
                f"/admin/pages/{page.pk}/view_draft/",
                f"/admin/pages/{page.pk}/edit/preview/",
                f"/admin/pages/{page.pk}/copy/",
                f"/admin/pages/{page.pk}/move/",
                f"/admin/pages/{page.pk}/delete/",
                f"/admin/pages/{page.pk}/unpublish/",
                f"/admin/pages/{page.pk}/privacy/",
                f"/admin/pages/{page.pk}/workflow_history/",
                f"/admin/pages/{page.pk}/add_subpage/",
                f"/admin/pages/{page.pk}/revisions/compare/earliest...latest/",
            ]
    return paths


def test_admin_shows_a_member_nothing_of_communities_they_cannot_read(client, outsider_world):
    client.force_login(outsider_world["member"])
    leaks = []
    for path in admin_paths(outsider_world):
        response = client.get(path, follow=True)
        body = response.content.decode(errors="replace")
        if response.headers.get("Content-Type", "").startswith("application/json"):
            body = json.dumps(response.json())
        for visibility in ("private", "hidden"):
            for kind in ("circle", "study", "notes", "minutes", "photo"):
                if f"{SECRET} {visibility} {kind}" in body:
                    leaks.append(f"{path}: {visibility} {kind}")
    assert not leaks, "\n".join(leaks)


def test_the_member_does_reach_their_own_community_in_the_admin(client, outsider_world):
    client.force_login(outsider_world["member"])
    index = CommunityIndexPage.objects.first()
    body = client.get(f"/admin/pages/{index.pk}/", follow=True).content.decode()
    assert "Open neighbours" in body
    body = client.get(f"/admin/pages/{outsider_world['mine'].pk}/").content.decode()
    assert "Our own write-up" in body


def test_whole_site_report_is_for_site_administrators(client, outsider_world):
    client.force_login(outsider_world["member"])
    assert client.get("/admin/reports/page-types-usage/").status_code in (302, 403)
