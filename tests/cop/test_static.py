"""Static files collect under production storage (hashed names; every referenced file exists)."""

from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_with_the_production_manifest_storage(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    css = list(tmp_path.glob("vendor/govuk-frontend/govuk-frontend.min.*.css"))
    assert css and "GDS Transport" not in css[0].read_text(encoding="utf-8-sig")
