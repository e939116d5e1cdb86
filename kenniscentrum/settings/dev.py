"""Local development: the embedded default (SQLite, database search, demo content)."""

from kenniscentrum.settings import env
from kenniscentrum.settings.base import *  # noqa: F403

DEBUG = env.get_bool("DEBUG", True)
SECRET_KEY = env.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")  # noqa: S105
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# A fixed development key for the meldpunt when none is set (never in production).
MELDPUNT_KEYS = MELDPUNT_KEYS or ["ZGV2LW9ubHktbWVsZHB1bnQta2V5LTAwMDAwMDAwMDA="]  # noqa: F405
