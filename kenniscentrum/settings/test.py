"""Tests: fast and independent of the environment.

`DATABASE_URL` picks the database (SQLite by default, PostgreSQL in CI's second run);
`TEST_DB_NAME` lets parallel runs on one PostgreSQL server keep apart.
"""

from kenniscentrum.settings import env
from kenniscentrum.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Off for the suite (its tests change data inside one transaction and render again); the page
# cache's own tests (core/tests/test_page_cache.py) switch it on.
PAGE_CACHE_ENABLED = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
DATABASES = {"default": env.database("DATABASE_URL", default="sqlite:///:memory:")}  # noqa: F405
if env.get("TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": env.get("TEST_DB_NAME")}
DATABASES["default"]["CONN_MAX_AGE"] = 0
MEDIA_ROOT = env.get("TEST_MEDIA_ROOT", "/tmp/kenniscentrum-test-media")  # noqa: S108
SEARCH_INDEX_PREFIX = "test-kenniscentrum"
# The live search cluster (`make search-node`) is only for the tests that ask for it
# (`search/tests/conftest.py`): the rest of the suite searches the database, as `make run` does.
TEST_ELASTICSEARCH_URL = env.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_URL = ""
# Likewise a live Redis (`scripts/services.sh redis`), only for core/tests/test_page_cache_redis.py.
TEST_REDIS_URL = env.get("REDIS_URL", "")
WAGTAILADMIN_BASE_URL = "http://testserver"
# A fixed key for the meldpunt's encryption (tests only; never used for real reports).
MELDPUNT_KEYS = ["dGVzdC1vbmx5LW1lbGRwdW50LWtleS0wMDAwMDAwMDA="]
# A page type that exists only in the tests (tests/test_new_content_type.py).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.throwaway"]  # noqa: F405
OPENDATA_EXPORT_DIR = f"{MEDIA_ROOT}/open-data"
# The API fuzzer sends many requests; the rate limit has its own test with a low rate.
OPENDATA_API_RATE = "100000/minute"
