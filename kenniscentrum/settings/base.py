"""Settings shared by every environment. Safe to import: DEBUG is off, no secrets.

Environment variables are read in `kenniscentrum.settings.env` only; optional services
(Elasticsearch, S3 media, Redis cache) switch on when their variable is set.
"""

import datetime
from pathlib import Path

from kenniscentrum.settings import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = env.get("SECRET_KEY", "")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # Project apps, one per domain.
    "core",
    "taxonomy",
    "linkcheck",
    "home",
    "toolkits",
    "research",
    "practices",
    "resources",
    "glossary",
    "news",
    "search",
    "helpfinder",
    "meldpunt",
    "analytics",
    "editorial",
    "planning",
    "demo",
    "opendata",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
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
    "django_tasks",
    "django_tasks.backends.immediate",
    "axes",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything that can answer: CORS headers for GET on /api/ (opendata).
    "corsheaders.middleware.CorsMiddleware",
    "core.middleware.CleanInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.PrivacyHeadersMiddleware",
    "analytics.middleware.AnalyticsMiddleware",
    # Inside analytics (hits are counted) and the privacy headers (added to every copy); before
    # sessions, CSRF, users and messages: a hit needs none of them, so it costs little more
    # than reading the file (issue #16), and their cookies are seen before anything is stored.
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.AdminSearchLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The Wagtail site of the request from the pages cache (core.treecache): no query.
    "core.treecache.SiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the Dutch lockout page.
    "axes.middleware.AxesMiddleware",
]

# Brute-force protection for /admin/login/ and /django-admin/ (django-axes). A username is
# locked for a while after too many wrong passwords from one address; the attempts live in the
# database, so every worker sees them. Successful logins are not logged (no IP kept for them).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(env.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "core/login_locked.html"
AXES_VERBOSE = False
# The visitor's address behind the shipped proxy (core/client_ip.py): set CLIENT_IP_HEADER to
# the header the proxy overwrites (X-Real-IP in deploy/nginx.conf); empty = REMOTE_ADDR.
CLIENT_IP_HEADER = env.get("CLIENT_IP_HEADER")
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"

ROOT_URLCONF = "kenniscentrum.urls"

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
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "kenniscentrum.wsgi.application"

DATABASES = {"default": env.database("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl-be", "Nederlands"), ("en", "English")]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.get("MEDIA_ROOT", str(BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Sessions only for logged-in editors: anonymous visitors never get a cookie because public
# pages never touch the session or the CSRF token (see core.middleware and templates).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

WAGTAIL_SITE_NAME = "Kenniscentrum (cyber)pesten"
WAGTAILADMIN_BASE_URL = env.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_DOCUMENT_MODEL = "core.KennisDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "pptx", "xlsx", "ods", "txt", "csv", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Upload limits (core.uploads gives the Dutch form errors). Pixels count every GIF frame;
# 30 million pixels decode to at most ~120 MB in a worker. deploy/nginx.conf's
# client_max_body_size (25m) stays above both file limits.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 30_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.uploads.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.uploads.DocumentForm"
DOCUMENT_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Form fields without files (file parts stream to disk past FILE_UPLOAD_MAX_MEMORY_SIZE).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars from gravatar.com: no third-party request
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_I18N_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILEMBEDS_FINDERS = []  # no third-party embeds: nothing on a public page may call out

# The Wagtail admin keeps Wagtail's own database search, so editors can work when the
# public search engine (our `search` app) is down.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# "imports": reference imports (editorial). Immediate here and in tests; production queues
# them in the database for `manage.py db_worker --backend imports` (see the README).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

CACHES = env.cache("REDIS_URL")
# Whole pages for anonymous visitors (core.pagecache), invalidated on every content change;
# PAGE_CACHE_SECONDS is only the longest an entry lives.
PAGE_CACHE_ENABLED = env.get_bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = env.get_int("PAGE_CACHE_SECONDS", 3600, minimum=1)
# A shared HTTP cache in front (Varnish, deploy/varnish.vcl): purged on every content change.
# FRONTEND_CACHE_PURGE_URL is where it takes PURGE requests, e.g. http://127.0.0.1:6081.
if env.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env.get("FRONTEND_CACHE_PURGE_URL"),
        }
    }

# Public search engine: the project's own layer (see search/). Elasticsearch only when set.
ELASTICSEARCH_URL = env.get("ELASTICSEARCH_URL", "")
SEARCH_INDEX_PREFIX = env.get("SEARCH_INDEX_PREFIX", "kenniscentrum")
# Seconds a search waits for the cluster before the database answers instead, and seconds the
# engine then stays marked down (searches go straight to the database meanwhile).
ELASTICSEARCH_TIMEOUT = float(env.get("ELASTICSEARCH_TIMEOUT", "0.8"))
SEARCH_ENGINE_RETRY_AFTER = float(env.get("SEARCH_ENGINE_RETRY_AFTER", "30"))

# "Snel weg" replaces the page with this neutral site (see helpfinder).
QUICK_EXIT_URL = env.get("QUICK_EXIT_URL", "https://www.meteo.be/nl")

# Aggregate, anonymous counting (analytics/). Off: nothing is counted, pages work the same.
ANALYTICS_ENABLED = env.get_bool("ANALYTICS_ENABLED", default=True)
# Counts are buffered per process and written at most every N seconds (0: at once).
ANALYTICS_FLUSH_SECONDS = float(env.get("ANALYTICS_FLUSH_SECONDS", "5"))
# With Varnish in front: nginx's log of the page views it passed on (deploy/nginx.conf,
# kenniscentrum_views); `import_cache_log` (deploy/crontab) counts the ones Varnish answered.
ANALYTICS_CACHE_LOG = env.get("ANALYTICS_CACHE_LOG", "")
# Retention (`manage.py apply_retention`, daily; the privacy page states these defaults):
# visitors' comments are emptied after this many days (the yes/no stays as a count) ...
FEEDBACK_COMMENT_RETENTION_DAYS = env.get_int("FEEDBACK_COMMENT_RETENTION_DAYS", 180, minimum=1)
# ... search terms used fewer than SEARCH_TERM_MIN_COUNT times in all are merged into one
# "(zeldzame zoekterm)" count after this many days; frequent terms ("sexting") stay ...
SEARCH_TERM_RETENTION_DAYS = env.get_int("SEARCH_TERM_RETENTION_DAYS", 90, minimum=1)
SEARCH_TERM_MIN_COUNT = env.get_int("SEARCH_TERM_MIN_COUNT", 5, minimum=1)
# ... and editors' failed login attempts (IP address, browser) are deleted after this many days.
LOGIN_ATTEMPT_RETENTION_DAYS = env.get_int("LOGIN_ATTEMPT_RETENTION_DAYS", 30, minimum=1)

# Link checker (`manage.py check_links`, daily): a link failing without a break for longer than
# this is flagged to visitors on an external resource's page.
LINKCHECK_DEAD_AFTER_DAYS = env.get_int("LINKCHECK_DEAD_AFTER_DAYS", 14, minimum=1)
# Sent with every check; empty: "KenniscentrumPesten-Linkcontrole/1.0 (+BASE_URL)".
LINKCHECK_USER_AGENT = env.get("LINKCHECK_USER_AGENT", "")
# Links to loopback, private and link-local addresses are never requested (the checker must not
# become a way into the internal network); set to check an intranet on purpose.
LINKCHECK_ALLOW_PRIVATE = env.get_bool("LINKCHECK_ALLOW_PRIVATE", default=False)

# "Materiaal voorstellen" (resources/): at most this many proposals per minute, site-wide, and
# the optional e-mail address is deleted when the board has handled the proposal.
PROPOSALS_PER_MINUTE = env.get_int("PROPOSALS_PER_MINUTE", 10, minimum=1)

# Meldpunt 1712 (meldpunt/). Report texts, replies and contact details are encrypted with these
# Fernet keys, newest first (MultiFernet: the first encrypts, all decrypt; rotation in README).
# They live outside the database: MELDPUNT_KEYS (comma-separated) or MELDPUNT_KEY_FILE.
MELDPUNT_KEYS = env.secret_list("MELDPUNT_KEYS", file_variable="MELDPUNT_KEY_FILE")
# Retention (apply_retention): closed reports are deleted this many days after closing; all
# others (never answered, or answered but not closed) this many days after the last message.
MELDPUNT_CLOSED_RETENTION_DAYS = env.get_int("MELDPUNT_CLOSED_RETENTION_DAYS", 90, minimum=1)
MELDPUNT_OPEN_RETENTION_DAYS = env.get_int("MELDPUNT_OPEN_RETENTION_DAYS", 180, minimum=1)
# The counsellors' access log (who opened which report, no content) is kept this long.
MELDPUNT_ACCESS_LOG_RETENTION_DAYS = env.get_int("MELDPUNT_ACCESS_LOG_RETENTION_DAYS", 365, minimum=1)
# Spam and guessing limits, site-wide per minute (no addresses are kept, so no per-person limit).
MELDPUNT_REPORTS_PER_MINUTE = env.get_int("MELDPUNT_REPORTS_PER_MINUTE", 20, minimum=1)
MELDPUNT_CODE_FAILURES_PER_ADDRESS = env.get_int("MELDPUNT_CODE_FAILURES_PER_ADDRESS", 5, minimum=1)
MELDPUNT_CODE_FAILURES_PER_MINUTE = env.get_int("MELDPUNT_CODE_FAILURES_PER_MINUTE", 300, minimum=1)
# A form sent sooner than this after it was shown is treated as automatic.
MELDPUNT_MIN_SECONDS = env.get_int("MELDPUNT_MIN_SECONDS", 3)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "WARNING")},
}

FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Public pages load nothing from another host: the policy makes the browser enforce it.
CONTENT_SECURITY_POLICY_HEADER = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)

# Open data (opendata/): the read-only catalogue API, feeds and the dump.
# CORS: any site may read the public APIs with GET; no credentials are ever involved.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Link", "Retry-After")
# Contact line of /.well-known/security.txt; empty: the editors' address in the site settings.
SECURITY_CONTACT = env.get("SECURITY_CONTACT", "")
# Requests per client address (kept only as a salted hash, for the window) to /api/v1/.
OPENDATA_API_RATE = env.get("API_RATE_LIMIT", "120/minute")
# Where `manage.py export_open_data` writes the dump that /open-data/download/ serves.
OPENDATA_EXPORT_DIR = env.get("OPEN_DATA_DIR", str(Path(MEDIA_ROOT) / "open-data"))
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    # Anonymous only: no session, no cookie, no CSRF token on the API.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["opendata.api.throttling.ApiRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "opendata.api.errors.exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kenniscentrum (cyber)pesten: open data API",
    "DESCRIPTION": (
        "Read-only catalogue of the Kenniscentrum (cyber)pesten: research summaries, practices, "
        "toolkits, downloads, glossary terms, news, trainings and help services, with their "
        "taxonomies and a faceted search. Own content is CC BY 4.0. Documentation: /open-data/."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["opendata.api.schema.only_public_api"],
    # The document lists the facet values from the database: not at `manage.py check` time.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
}
