"""Tests: a throwaway embedded server (or DATABASE_URL), mail kept in memory, tasks run at once."""

from cop.env import env_str

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

if not env_str("DATABASE_URL"):
    DATABASES = {
        "default": {
            "ENGINE": "cop.db.embedded",
            "NAME": "cop",
            "USER": "postgres",
            "EMBEDDED": {"THROWAWAY": True},
        }
    }

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "exports": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
SEARCH_INDEX_IMMEDIATELY = True
ELASTICSEARCH_URL = ""

# The page cache is off in tests, and on (with a fresh local-memory cache) in the tests
# that ask for it: the `page_cache` fixture in tests/conftest.py.
PAGE_CACHE_SECONDS = 0
CACHES = {  # noqa: F405
    **CACHES,  # noqa: F405
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
