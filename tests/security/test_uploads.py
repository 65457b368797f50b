"""Hostile uploads are refused, or stored and served so that they cannot do harm.

UPLOAD_ENDPOINTS lists every member-facing (non-admin) upload form. Today there is none:
uploads by members arrive with the case studies issue. Register each new upload form
there (the guard at the bottom fails when a form with a file field is not registered).
WAGTAIL_ADMIN_UPLOADS runs the same payloads through Wagtail's own document and image
forms, which editors use today.

Each payload in PAYLOADS is built for a target (so "oversized" means just over that
target's limit). A target may accept a payload only when it says, in `safe_to_accept`,
why that is harmless.
"""

import functools
import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path, PurePosixPath

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes
    content_type: str

    def as_file(self):
        return SimpleUploadedFile(self.name, self.content, self.content_type)


@dataclass(frozen=True)
class UploadTarget:
    """Somewhere files can be uploaded.

    submit(upload): sends the file the way a real user would (through the form or view).
    stored_names(): names of every file the feature has stored so far.
    valid_upload(): a small file the target must accept (proves the probes are live).
    safe_to_accept: payload name -> why accepting that payload is harmless here.
    covers: the form classes this entry probes (for the guard at the bottom).
    """

    name: str
    max_size: int
    valid_upload: Callable[[], Upload]
    submit: Callable[[Upload], object]
    stored_names: Callable[[], list[str]]
    safe_to_accept: dict[str, str] = field(default_factory=dict)
    covers: tuple[type, ...] = ()

    def __str__(self):
        return self.name


# Payloads ------------------------------------------------------------------------------


def small_png() -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return buffer.getvalue()


MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML_DOCUMENT = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
)
BOMB_SIDE = 20_000


@functools.cache
def decompression_bomb_png() -> bytes:
    """A 20000 x 20000 PNG (400 megapixels) that compresses to about 50 kB."""
    buffer = BytesIO()
    PILImage.new("1", (BOMB_SIDE, BOMB_SIDE)).save(buffer, "PNG", compress_level=9)
    return buffer.getvalue()


def oversized(target):
    valid = target.valid_upload()
    padding = b"\0" * (target.max_size + 1 - len(valid.content))
    return Upload(valid.name, valid.content + padding, valid.content_type)


def decompression_bomb(target):
    return Upload("bomb.png", decompression_bomb_png(), "image/png")


def content_not_matching_name(target):
    return Upload("report.pdf", HTML_DOCUMENT, "application/pdf")


def html_document(target):
    return Upload("page.html", HTML_DOCUMENT, "text/html")


def svg_with_script(target):
    return Upload("drawing.svg", SVG_WITH_SCRIPT, "image/svg+xml")


def not_an_image(target):
    """An HTML page named and sent as a PNG."""
    return Upload("photo.png", HTML_DOCUMENT, "image/png")


def _noisy(format_name) -> bytes:
    buffer = BytesIO()
    PILImage.effect_noise((64, 64), 64).convert("RGB").save(buffer, format_name)
    return buffer.getvalue()


def truncated_png(target):
    """The first half of a real PNG: the header and size are there, the pixels are not."""
    whole = _noisy("PNG")
    return Upload("photo.png", whole[: len(whole) // 2], "image/png")


def truncated_jpeg(target):
    whole = _noisy("JPEG")
    return Upload("photo.jpg", whole[: len(whole) // 2], "image/jpeg")


def forged_image_header(target):
    """A GIF signature followed by nothing an image decoder can use."""
    return Upload("photo.gif", b"GIF89a" + b"\0" * 64, "image/gif")


def path_traversal_name(target):
    valid = target.valid_upload()
    extension = PurePosixPath(valid.name).suffix
    return Upload(f"../../etc/passwd{extension}", valid.content, valid.content_type)


PAYLOADS = {
    "oversized": oversized,
    "decompression bomb": decompression_bomb,
    "content does not match name": content_not_matching_name,
    "HTML document": html_document,
    "SVG with script": svg_with_script,
    "path traversal name": path_traversal_name,
    "not an image": not_an_image,
    "truncated PNG": truncated_png,
    "truncated JPEG": truncated_jpeg,
    "forged image header": forged_image_header,
}


# Targets -------------------------------------------------------------------------------


def submit_import(upload):
    """A facilitator uploads a file on their community's import page."""
    from django.test import Client

    from communities.models import MembershipRole
    from tests import factories

    community = factories.make_community(visibility="open")
    facilitator = factories.UserFactory()
    factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)
    client = Client()
    client.force_login(facilitator)
    return client.post(f"{community.url}import/", {"file": upload.as_file()})


def checked_imports():
    from imports.models import PendingImport

    return sorted(PendingImport.objects.values_list("file_name", flat=True))


def _import_form():
    from imports.views import ImportForm

    return ImportForm


UPLOAD_ENDPOINTS: list[UploadTarget] = [
    UploadTarget(
        name="case study import",
        max_size=getattr(settings, "IMPORT_MAX_UPLOAD_BYTES", 5 * MB),
        valid_upload=lambda: Upload(
            "case-studies.csv",
            b"External id,Title,Summary\nX-1,A title,A summary\n",
            "text/csv",
        ),
        submit=submit_import,
        stored_names=checked_imports,
        safe_to_accept={
            "path traversal name": "the file is never stored: only its rows, as text, and "
            "its name without any folder (tested below), until the import is confirmed",
        },
        covers=(_import_form(),),
    ),
]


def submit_wagtail_form(form_class):
    def submit(upload):
        form = form_class(data={"title": "Probe"}, files={"file": upload.as_file()})
        if form.is_valid():
            form.save()
        return form

    return submit


def stored_names(model):
    return lambda: sorted(model.objects.values_list("file", flat=True))


WAGTAIL_ADMIN_UPLOADS = [
    UploadTarget(
        name="Wagtail documents",
        max_size=settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
        valid_upload=lambda: Upload("minutes.pdf", MINIMAL_PDF, "application/pdf"),
        submit=submit_wagtail_form(get_document_form(get_document_model())),
        stored_names=stored_names(get_document_model()),
        safe_to_accept={
            "content does not match name": "Wagtail checks the extension only; the file is "
            "served as application/pdf with nosniff (tested below), never as HTML",
            "path traversal name": "the directory part is dropped (tested below)",
        },
    ),
    UploadTarget(
        name="Wagtail images",
        max_size=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        valid_upload=lambda: Upload("photo.png", small_png(), "image/png"),
        submit=submit_wagtail_form(get_image_form(get_image_model())),
        stored_names=stored_names(get_image_model()),
        safe_to_accept={"path traversal name": "the directory part is dropped (tested below)"},
    ),
]

TARGETS = UPLOAD_ENDPOINTS + WAGTAIL_ADMIN_UPLOADS
HOSTILE = [
    pytest.param(target, payload, id=f"{target}-{payload}")
    for target in TARGETS
    for payload in PAYLOADS
    if payload not in target.safe_to_accept
]


# Probes --------------------------------------------------------------------------------


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_a_valid_upload_is_stored(target):
    before = target.stored_names()
    target.submit(target.valid_upload())
    assert len(target.stored_names()) == len(before) + 1, f"{target}: the probe is not live"


@pytest.mark.parametrize(("target", "payload"), HOSTILE)
def test_hostile_upload_is_refused(target, payload):
    before = target.stored_names()
    target.submit(PAYLOADS[payload](target))
    assert target.stored_names() == before, f"{target} stored a {payload} upload"


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_uploaded_file_names_cannot_leave_the_upload_folder(target):
    before = set(target.stored_names())
    target.submit(path_traversal_name(target))
    for name in set(target.stored_names()) - before:
        path = PurePosixPath(name.replace("\\", "/"))
        assert not path.is_absolute() and ".." not in path.parts, name
        assert "etc" not in path.parts, name


def test_a_document_whose_content_does_not_match_its_name_is_not_served_as_html(
    client, file_storage
):
    target = WAGTAIL_ADMIN_UPLOADS[0]
    form = target.submit(content_not_matching_name(target))
    response = client.get(form.instance.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


# Uploaded images are served only through the checked view (cop/images.py). -----------------


def uploaded_image():
    target = WAGTAIL_ADMIN_UPLOADS[1]
    form = target.submit(target.valid_upload())
    assert form.is_valid(), form.errors
    return form.instance


def test_an_uploaded_image_is_served_through_the_checked_view_only(client, file_storage):
    image = uploaded_image()
    response = client.get(f"/images/{image.pk}/width-800/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    rendition = image.get_rendition("max-165x165")  # as the admin makes for its previews
    for path in (f"/media/{image.file.name}", rendition.url, f"/media/{rendition.file.name}"):
        assert client.get(path).status_code == 404, path  # not to the public


@pytest.mark.parametrize(
    "filter_spec",
    [
        "original",
        "width-4000",
        "fill-9999x9999",
        "width-800|format-gif",
        "..",
        "..%2F..%2Fcop%2Fsettings%2Fbase.py",
        "%2e%2e",
        "width-800%2F..",
    ],
)
def test_the_image_view_refuses_filter_specs_outside_its_allow_list(client, filter_spec):
    image = uploaded_image()
    before = image.renditions.count()
    response = client.get(f"/images/{image.pk}/{filter_spec}/")
    assert response.status_code == 404
    assert image.renditions.count() == before


@pytest.mark.skipif(bool(UPLOAD_ENDPOINTS), reason="UPLOAD_ENDPOINTS has entries; probes run")
def test_upload_registry_is_empty_so_member_upload_probes_have_nothing_to_probe_yet():
    """No member-facing upload form exists yet, so only the Wagtail admin targets are
    probed above. When the case studies issue adds one, register it in UPLOAD_ENDPOINTS
    and this test turns into a skip."""
    assert UPLOAD_ENDPOINTS == []


# Payload builders behave as described (so an empty registry does not hide broken ones).


def test_the_decompression_bomb_is_small_on_disk_but_huge_in_memory(monkeypatch):
    bomb = decompression_bomb_png()
    assert len(bomb) < 100 * 1024
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", None)  # let Pillow read the header
    assert PILImage.open(BytesIO(bomb)).size == (BOMB_SIDE, BOMB_SIDE)
    assert BOMB_SIDE * BOMB_SIDE > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


# Wagtail admin upload settings ------------------------------------------------------------


def test_wagtail_upload_limits_are_set_and_sane():
    assert 0 < settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 50 * MB
    assert 0 < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 20 * MB
    assert 0 < settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 100_000_000


ACTIVE_CONTENT_EXTENSIONS = {"html", "htm", "xhtml", "shtml", "svg", "xml", "js", "mjs", "swf"}
ACTIVE_CONTENT_TYPES = {"text/html", "application/xhtml+xml", "image/svg+xml", "text/xml"}


def test_documents_cannot_be_active_content():
    assert not ACTIVE_CONTENT_EXTENSIONS & {e.lower() for e in settings.WAGTAILDOCS_EXTENSIONS}
    assert not ACTIVE_CONTENT_TYPES & set(settings.WAGTAILDOCS_INLINE_CONTENT_TYPES)
    # Documents go through Django (privacy checks, headers), never straight from storage.
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


# Guard: every non-admin form with a file field is registered above. ---------------------


def project_forms():
    """Form classes defined in the project's own apps (not in installed packages)."""
    base = Path(settings.BASE_DIR).resolve()
    local = [
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base) and ".venv" not in config.path
    ]
    for app in local:
        for module in ("forms", "views"):
            if importlib.util.find_spec(f"{app}.{module}"):
                importlib.import_module(f"{app}.{module}")
    found, pending = set(), [forms.BaseForm]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in local:
            found.add(cls)
    return found


def test_every_upload_form_is_registered():
    with_files = {
        form
        for form in project_forms()
        if any(isinstance(f, forms.FileField) for f in form.base_fields.values())
    }
    covered = {form for target in UPLOAD_ENDPOINTS for form in target.covers}
    missing = sorted(form.__qualname__ for form in with_files - covered)
    assert not missing, f"Register these upload forms in UPLOAD_ENDPOINTS: {missing}"


@pytest.mark.parametrize("target", UPLOAD_ENDPOINTS, ids=str)
def test_each_upload_endpoint_names_the_forms_it_covers(target):
    assert target.covers, f"{target}: list its form classes in `covers`"
