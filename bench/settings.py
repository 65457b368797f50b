"""The production settings for bench/load.py, with static files collected under bench/out/.

Everything else (DEBUG off, WhiteNoise's manifest storage, secure cookies, the database cache)
is exactly `cop.settings.production`; the environment supplies SECRET_KEY and ALLOWED_HOSTS.

bench/out/static-shim (written by load.py) holds a blank stand-in for the one file the vendored
govuk-frontend CSS refers to but the project does not ship (the crest image), without which
`collectstatic` with the manifest storage fails; see docs/performance.md.
"""

from cop.settings.production import *  # noqa: F403

STATIC_ROOT = BASE_DIR / "bench" / "out" / "static"  # noqa: F405
STATICFILES_DIRS = [*STATICFILES_DIRS, BASE_DIR / "bench" / "out" / "static-shim"]  # noqa: F405
