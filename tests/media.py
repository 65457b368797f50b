"""Builders for images and documents kept in a community's collection."""

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from communities.models import CommunityPage


def png_bytes(size=(1200, 600), colour="teal") -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def collection_of(community):
    """The community's collection (set by community_sync_access, so read it afresh)."""
    return CommunityPage.objects.get(pk=community.pk).collection


def make_image(community=None, title="Chart", size=(1200, 600), collection=None, **kwargs):
    collection = collection or (collection_of(community) if community else None)
    if collection is not None:
        kwargs["collection"] = collection
    image = Image(
        title=title,
        file=ImageFile(BytesIO(png_bytes(size)), name=f"{title.lower().replace(' ', '-')}.png"),
        **kwargs,
    )
    image._set_image_file_metadata()  # size and hash, as Wagtail's upload form sets them
    image.save()
    return image


def make_document(community=None, title="Evaluation", content=b"Findings.", name="report.txt"):
    kwargs = {"collection": collection_of(community)} if community else {}
    document = Document(title=title, file=ContentFile(content, name=name), **kwargs)
    document._set_document_file_metadata()  # type, size and hash, as the upload form sets them
    document.save()
    return document
