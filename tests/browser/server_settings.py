"""Settings of the live server the browser tests drive (a real gunicorn process).

Based on the test settings, with its own SQLite file and media folder (from the environment set
by tests/browser/conftest.py), static files served by WhiteNoise straight from the finders, and
the quick exit pointed at a local neutral page so no test ever requests a third-party host.
"""

import os

from kenniscentrum.settings import env
from kenniscentrum.settings.test import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {"default": env.database("DATABASE_URL", default="sqlite:///browser-tests.sqlite3")}
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405
ROOT_URLCONF = "tests.browser.server_urls"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = bool(os.environ.get("WHITENOISE_AUTOREFRESH"))  # for local work only
QUICK_EXIT_URL = os.environ.get("BROWSER_TEST_BASE_URL", "") + "/neutraal/"
WAGTAILADMIN_BASE_URL = os.environ.get("BROWSER_TEST_BASE_URL", "http://127.0.0.1")
# The journeys fill the meldpunt's form faster than a person; the minimum time has its own test.
MELDPUNT_MIN_SECONDS = 0
