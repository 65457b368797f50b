"""A case study's images and attachments: shown on the page, and only from its community."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from casestudies.media import OUTSIDE_MESSAGES
from casestudies.models import CaseStudyAttachment, CaseStudyImage, CaseStudyPage
from communities.models import CommunityPage
from tests import factories
from tests.media import make_document, make_image

pytestmark = pytest.mark.django_db


def attach(page, image=None, document=None, **fields):
    if image is not None:
        CaseStudyImage.objects.create(
            page=page,
            image=image,
            caption=fields.get("caption", ""),
            alt_text=fields.get("alt_text", ""),
            sort_order=fields.get("sort_order", 0),
        )
    if document is not None:
        CaseStudyAttachment.objects.create(
            page=page,
            document=document,
            description=fields.get("description", ""),
            sort_order=fields.get("sort_order", 0),
        )
    page.save_revision().publish()


def test_the_page_shows_images_as_figures_and_attachments_with_type_and_size(
    client, open_community
):
    page = factories.make_case_study(open_community)
    chart = make_image(open_community, title="Calls chart", size=(1600, 800))
    attach(page, chart, caption="Calls fell by a third after the switch.", alt_text="")
    photo = make_image(open_community, title="Workshop", size=(600, 400))
    attach(page, photo, alt_text="Residents testing the form", sort_order=1)
    report = make_document(
        open_community, title="Evaluation report", content=b"x" * 2048, name="evaluation.pdf"
    )
    attach(page, document=report, description="The full evaluation, with the survey.")

    html = client.get(page.url).content.decode()
    figures = html.split('<figure class="app-figure">')[1:]
    assert len(figures) == 2
    # The caption describes the chart, so its alt is empty (no double reading).
    assert f'src="/images/{chart.pk}/width-800/"' in figures[0]
    assert 'width="800" height="400"' in figures[0] and 'alt=""' in figures[0]
    assert "<figcaption" in figures[0] and "Calls fell by a third" in figures[0]
    # No caption: the alt text carries the meaning; images smaller than 800 are not enlarged.
    assert 'width="600" height="400"' in figures[1]
    assert 'alt="Residents testing the form"' in figures[1] and "<figcaption" not in figures[1]
    # Attachments: title linked to Wagtail's document view, type, size and description.
    assert f'href="{report.url}"' in html and ">Evaluation report</a>" in html
    assert "PDF, 2.0\xa0KB" in html and "The full evaluation, with the survey." in html
    assert "/media/" not in html


def test_an_image_without_caption_or_alt_text_falls_back_to_its_description(client, open_community):
    page = factories.make_case_study(open_community)
    image = make_image(open_community, description="A map of the three pilot wards")
    attach(page, image)
    assert 'alt="A map of the three pilot wards"' in client.get(page.url).content.decode()


def test_a_page_without_images_or_attachments_has_no_empty_sections(client, open_community):
    html = client.get(factories.make_case_study(open_community).url).content.decode()
    assert 'id="images"' not in html and 'id="attachments"' not in html


def test_files_kept_outside_the_community_are_not_shown(client, open_community):
    """However they got there (a move, a crafted request), files from another community
    or from outside every community never appear on the page."""
    private = factories.make_community(visibility="private")
    page = factories.make_case_study(open_community)
    attach(
        page,
        make_image(private, title="Secret chart"),
        make_document(private, title="Secret minutes"),
    )
    attach(page, make_image(title="Loose image"), make_document(title="Loose document"))
    html = client.get(page.url).content.decode()
    assert 'src="/images/' not in html and "Secret minutes" not in html
    assert "Loose document" not in html


def test_images_in_a_collection_inside_the_community_are_shown(client, open_community):
    collection = CommunityPage.objects.get(pk=open_community.pk).collection
    image = make_image(title="Nested", collection=collection.add_child(name="Photos"))
    page = factories.make_case_study(open_community)
    attach(page, image)
    assert f'src="/images/{image.pk}/width-800/"' in client.get(page.url).content.decode()


# The editor's form ------------------------------------------------------------------------


def editor_form(community, user, images=(), documents=()):
    """The case study editor's form as Wagtail builds it, filled in to save a draft."""
    form_class = CaseStudyPage.get_edit_handler().get_form_class()
    data = nested_form_data(
        {
            "title": "Garden waste online",
            "slug": "garden-waste-online",
            "summary": "We moved renewals online.",
            "stage": "discovery",
            "licence": "ogl",
            **{
                name: rich_text("")
                for name in (
                    "background",
                    "project_objectives",
                    "what_we_did",
                    "outcomes",
                    "risks",
                    "next_steps",
                )
            },
            "lessons": inline_formset([{"kind": "advice", "category": "data", "text": "Test."}]),
            "measures": inline_formset([]),
            "images": inline_formset(
                [{"image": image.pk, "caption": "A chart", "alt_text": ""} for image in images]
            ),
            "attachments": inline_formset(
                [{"document": document.pk, "description": ""} for document in documents]
            ),
        }
    )
    return form_class(
        data, instance=CaseStudyPage(owner=user), parent_page=community, for_user=user
    )


@pytest.fixture
def member_of_two():
    """A member of an open and of a private community."""
    user = factories.UserFactory()
    open_one = factories.make_community(visibility="open")
    private = factories.make_community(visibility="private")
    for community in (open_one, private):
        factories.add_member(community, user)
    return {"user": user, "open": open_one, "private": private}


def test_the_editor_accepts_files_from_the_community(member_of_two):
    community = member_of_two["open"]
    form = editor_form(
        community,
        member_of_two["user"],
        images=[make_image(community)],
        documents=[make_document(community)],
    )
    assert form.is_valid(), form.errors


def test_the_editor_refuses_files_from_another_community(member_of_two):
    """Even one the member may read: its files would show to this community's readers."""
    private = member_of_two["private"]
    form = editor_form(
        member_of_two["open"],
        member_of_two["user"],
        images=[make_image(private)],
        documents=[make_document(private)],
    )
    assert not form.is_valid()
    assert form.formsets["images"].forms[0].errors["image"] == [OUTSIDE_MESSAGES["image"]]
    assert form.formsets["attachments"].forms[0].errors["document"] == [
        OUTSIDE_MESSAGES["document"]
    ]


def test_the_editor_refuses_files_kept_outside_every_community(member_of_two):
    form = editor_form(
        member_of_two["open"],
        member_of_two["user"],
        images=[make_image(title="Loose")],
        documents=[make_document(title="Loose")],
    )
    assert not form.is_valid()
    assert "image" in form.formsets["images"].forms[0].errors
    assert "document" in form.formsets["attachments"].forms[0].errors


def test_the_image_chooser_lists_only_the_members_collections(client, member_of_two):
    """Wagtail's choosers follow collection permissions, which follow membership."""
    mine = make_image(member_of_two["open"], title="Mine chart")
    elsewhere = factories.make_community(visibility="open")
    theirs = make_image(elsewhere, title="Theirs chart")
    client.force_login(member_of_two["user"])
    html = client.get("/admin/images/chooser/").content.decode()
    assert mine.title in html and theirs.title not in html
    document = make_document(elsewhere, title="Theirs minutes")
    html = client.get("/admin/documents/chooser/").content.decode()
    assert document.title not in html


def test_previews_and_published_pages_keep_the_same_files(open_community):
    """The rule exists twice: in Python for draft previews (their lists live on the draft,
    not in the database: casestudies.media.case_study_media) and in the published page's
    one statement (casestudies.selectors.BODY_SQL). Both must keep exactly the same files,
    in the same order, for every kind of place a file can be kept."""
    from casestudies.media import case_study_media
    from casestudies.selectors import case_study_body

    private = factories.make_community(visibility="private")
    community = CommunityPage.objects.get(pk=open_community.pk)
    nested = community.collection.add_child(name="Photos")
    page = factories.make_case_study(open_community)
    places = [
        {"community": open_community},
        {"collection": nested},
        {"community": private},
        {},  # outside every community
    ]
    for order, place in enumerate(places):
        image = make_image(title=f"Image {order}", **place)
        document = make_document(place.get("community"), title=f"Document {order}")
        attach(page, image, document, sort_order=len(places) - order)
    page = CaseStudyPage.objects.get(pk=page.pk)
    for reader_community in (community, CommunityPage.objects.get(pk=private.pk), None):
        images, attachments = case_study_media(page, reader_community)
        body = case_study_body(page, reader_community)
        kept = [item.image.title for item in images], [a.document.title for a in attachments]
        assert kept == (
            [item.image.title for item in body["images"]],
            [item.document.title for item in body["attachments"]],
        )
        if reader_community == community:
            # Images from its own collection and the one inside it, last attached first;
            # documents are made in a community's own collection, so only "Document 0".
            assert kept == (["Image 1", "Image 0"], ["Document 0"])
        if reader_community is None:
            assert kept == ([], [])
