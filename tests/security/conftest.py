import pytest


@pytest.fixture
def file_storage(settings, tmp_path):
    """Uploaded files on disk, as in production: Wagtail serves documents from a local
    path, which the test settings' in-memory storage does not provide."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path
