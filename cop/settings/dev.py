"""Development: the site on http://127.0.0.1:8000 with email printed to the console."""

from cop.env import env_int, env_list, env_str

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-secret-key-not-for-production")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# Off while developing, so template changes show at once (PAGE_CACHE_SECONDS=300 to try it).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
