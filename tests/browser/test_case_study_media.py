"""A reader opens a case study with a chart and an attachment; a member reads a private one."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from casestudies.models import CaseStudyAttachment, CaseStudyImage
from cop.demo.media import chart_png, simple_pdf
from tests import factories
from tests.browser.conftest import visit
from tests.browser.test_membership import sign_in
from tests.media import collection_of

pytestmark = pytest.mark.django_db

IMAGE_LOADED = "img => img.complete && img.naturalWidth > 0"


@pytest.fixture
def on_disk(settings, tmp_path):
    """Files on disk, as in production (Wagtail serves documents from a local path)."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def case_study_with_media(community, title):
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    study = factories.make_case_study(community, title=title)
    collection = collection_of(community)
    chart = Image(
        title=f"{title} chart",
        collection=collection,
        file=ImageFile(
            ContentFile(
                chart_png(heading="Calls in February", bars=[("Before", 6800), ("After", 1950)])
            ),
            name="calls.png",
        ),
    )
    chart._set_image_file_metadata()
    chart.save()
    report = Document(
        title=f"{title} evaluation",
        collection=collection,
        file=ContentFile(
            simple_pdf(title="Evaluation", lines=["Evaluation", "Calls fell."]),
            name="evaluation.pdf",
        ),
    )
    report._set_document_file_metadata()
    report.save()
    CaseStudyImage.objects.create(
        page=study, image=chart, caption="Calls in February fell from 6,800 to 1,950."
    )
    CaseStudyAttachment.objects.create(
        page=study, document=report, description="What we measured, and how."
    )
    study.save_revision().publish()
    return study, chart, report


def check_image_loads(page):
    figure = page.locator("figure.app-figure").first
    figure.scroll_into_view_if_needed()  # the image loads lazily
    image = figure.locator("img")
    page.wait_for_function(IMAGE_LOADED, arg=image.element_handle())
    assert image.evaluate("img => img.naturalWidth") == 800
    assert image.get_attribute("alt") == ""  # the caption describes it
    assert "6,800 to 1,950" in figure.locator("figcaption").inner_text()
    return image.get_attribute("src")


def test_reader_sees_the_chart_and_opens_the_attachment(page, on_disk):
    community = factories.make_community("Channel shift", visibility="open")
    study, _chart, report = case_study_with_media(community, "Garden waste online")

    visit(page, study.url, "case study with images and attachments")
    src = check_image_loads(page)
    assert src.startswith("/images/")
    link = page.get_by_role("link", name="Garden waste online evaluation")
    assert link.get_attribute("href") == report.url
    assert "PDF" in page.locator(".app-attachment").first.inner_text()
    response = page.request.get(report.url)
    assert response.status == 200 and response.body().startswith(b"%PDF")
    assert not page.console_errors, page.console_errors


def test_member_sees_a_private_chart_that_a_visitor_cannot_fetch(page, on_disk):
    private = factories.make_community("Digital leaders", visibility="private")
    member = factories.UserFactory()
    factories.add_member(private, member)
    study, chart, report = case_study_with_media(private, "Data centre exit")

    # A visitor: the image and the document answer 404, like things that do not exist.
    assert page.request.get(f"/images/{chart.pk}/width-800/").status == 404
    assert page.request.get(report.url).status == 404

    sign_in(page, member)
    visit(page, study.url, "private case study with images and attachments")
    check_image_loads(page)
    assert page.request.get(report.url).status == 200
    assert not page.console_errors, page.console_errors
