"""Images are served only through Django, and only to those who may read their community.

Wagtail keeps an image's original and every rendition as files under MEDIA_ROOT, named
after the upload; served from the media folder they would be readable by anyone who has
the address. Here:

- `serve_image` (`/images/<id>/<filter spec>/`) is what the site's templates link to,
  through `{% community_image %}` (cop/templatetags/community_images.py). It makes
  renditions only for the filter specs in `IMAGE_FILTER_SPECS`, so nobody can make the
  server generate arbitrary ones, and answers 404, exactly as for an image that does not
  exist, to anyone who may not read the image's collection (communities/selectors.py).
- `serve_admin_rendition` (`MEDIA_URL + images/<file name>`) is the address Wagtail's admin
  uses for its previews (`rendition.url`). It serves only renditions that already exist,
  only to signed-in users with admin access who may read the image's collection.

Originals (`original_images/`) and documents (`documents/`, served by Wagtail's document
view) are never served from the media folder. See docs/privacy.md and docs/deployment.md.

Uploads: `ImageForm` (WAGTAILIMAGES_IMAGE_FORM_BASE) refuses a file that is not a complete
image with a form error; Wagtail's own field lets some broken files (a truncated PNG)
through to a server error, or stores them to fail later when a rendition is made.
"""

import logging
import os
import re
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.images.models import Filter, SourceImageIOError

from communities.selectors import can_read_collection

logger = logging.getLogger(__name__)

# The only renditions the site makes on request. Add a spec here before using it in a
# template; `{% community_image %}` refuses any other.
IMAGE_FILTER_SPECS = frozenset({"width-800", "fill-400x300", "max-1200x1200"})

CONTENT_TYPES = {
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
# Image responses run nothing and cannot be framed.
IMAGE_POLICY = "default-src 'none'; frame-ancestors 'none'"
# Open images may be kept by shared caches; restricted ones only by the reader's browser.
PUBLIC_MAX_AGE = 60 * 60
PRIVATE_MAX_AGE = 10 * 60
# Wagtail names rendition files images/<name>.<filter spec>.<ext>, cleaned by the storage's
# get_valid_name: one path segment of letters, digits, "-", "_" and ".".
RENDITION_NAME = re.compile(r"^[-\w.]+$")


def image_url(image, filter_spec: str) -> str:
    """The checked address of one of the allowed renditions of `image`."""
    if filter_spec not in IMAGE_FILTER_SPECS:
        raise ValueError(f"{filter_spec!r} is not in cop.images.IMAGE_FILTER_SPECS")
    return reverse("community_image", args=(image.pk, filter_spec))


def rendition_size(image, filter_spec: str) -> tuple[int, int]:
    """The width and height the rendition will have, worked out without making it."""
    return Filter(spec=filter_spec).get_transform(image).size


def _access(request, image) -> tuple[bool, bool]:
    """(readable, open): the privacy rule for the image's collection, with Wagtail's own
    collection view restriction (kept in step with it) as a second lock; open when no
    restriction applies, so that shared caches may keep it."""
    if not can_read_collection(request.user, image.collection):
        return False, False
    restrictions = list(image.collection.get_view_restrictions())
    readable = all(restriction.accept_request(request) for restriction in restrictions)
    return readable, not restrictions


def _file_response(rendition, *, public: bool, filename: str):
    name = rendition.file.name
    extension = os.path.splitext(name)[1].lower()
    content_type = CONTENT_TYPES.get(extension)
    if content_type is None:
        raise Http404  # never serve a format the site does not expect (SVG, say)
    try:
        handle = rendition.file.storage.open(name, "rb")
    except OSError as error:
        logger.warning("Rendition file %s cannot be opened: %s", name, error)
        raise Http404 from error
    response = FileResponse(handle, content_type=content_type, filename=filename + extension)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = IMAGE_POLICY
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, max_age=PRIVATE_MAX_AGE)
        patch_vary_headers(response, ["Cookie"])
    return response


@require_safe
def serve_image(request, image_id: int, filter_spec: str):
    """One of the allowed renditions of an image, for those who may read its collection.

    Every refusal (unknown filter spec, missing image, image the user may not read, file
    that cannot be read) is the same 404.
    """
    if filter_spec not in IMAGE_FILTER_SPECS:
        raise Http404
    image = get_image_model().objects.select_related("collection").filter(pk=image_id).first()
    readable, public = _access(request, image) if image is not None else (False, False)
    if not readable:
        raise Http404
    try:
        rendition = image.get_rendition(filter_spec)
    except (SourceImageIOError, OSError, ValueError, PILImage.DecompressionBombError) as error:
        logger.warning("No %s rendition of image %s: %s", filter_spec, image.pk, error)
        raise Http404 from error
    return _file_response(rendition, public=public, filename=f"image-{image.pk}-{filter_spec}")


def _has_admin_access(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")
    )


@require_safe
def serve_admin_rendition(request, name: str):
    """A rendition file Wagtail's admin links to (image previews, the chooser, focal point
    editing, the "original" link), for admin users who may read the image's collection.

    Only renditions that already exist are served: this view never makes one.
    """
    if not _has_admin_access(request.user) or not RENDITION_NAME.match(name):
        raise Http404
    rendition_model = get_image_model().get_rendition_model()
    rendition = (
        rendition_model.objects.select_related("image__collection")
        .filter(file=f"images/{name}")
        .first()
    )
    if rendition is None or not _access(request, rendition.image)[0]:
        raise Http404
    return _file_response(rendition, public=False, filename=f"image-{rendition.image_id}")


def admin_rendition_route() -> str:
    """The URL route (a regular expression) of `serve_admin_rendition`: where Wagtail's
    storage puts rendition files, MEDIA_URL + images/."""
    prefix = settings.MEDIA_URL.lstrip("/")
    if not prefix or "://" in settings.MEDIA_URL:
        raise ValueError("MEDIA_URL must be a path on this site, such as /media/")
    return rf"^{re.escape(prefix)}images/(?P<name>[^/]+)$"


# Uploads -----------------------------------------------------------------------------------


class CompleteImageField(WagtailImageField):
    """Wagtail's image field (format, size and pixel limits), which also decodes the image
    once so that a file that is not a complete image is refused with a form error."""

    def to_python(self, data):
        try:
            uploaded = super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - Pillow raises many kinds on bad input
            raise self._invalid() from error
        if uploaded is not None:
            self._decode(data)
        return uploaded

    def _invalid(self):
        return ValidationError(self.error_messages["invalid_image"], code="invalid_image")

    def _decode(self, data):
        # Wagtail has checked the pixel count (WAGTAILIMAGES_MAX_IMAGE_PIXELS) by now.
        source = data if hasattr(data, "seek") else BytesIO(data["content"])
        source.seek(0)
        try:
            with PILImage.open(source) as picture:
                if picture.format == "JPEG":
                    # Decoding at an eighth of the size still reads the whole stream.
                    size = (max(1, picture.width // 8), max(1, picture.height // 8))
                    picture.draft(picture.mode, size)
                picture.load()
        except Exception as error:  # noqa: BLE001
            raise self._invalid() from error
        finally:
            source.seek(0)


class ImageForm(BaseImageForm):
    """The base of Wagtail's image forms (WAGTAILIMAGES_IMAGE_FORM_BASE), single and
    multiple upload alike."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            # Wagtail builds the field itself (formfield_for_dbfield); keep its settings.
            field.__class__ = CompleteImageField
