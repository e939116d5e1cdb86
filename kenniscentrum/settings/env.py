"""The one place that reads the process environment."""

import os
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent


def get(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def require(name: str, hint: str) -> str:
    value = get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required: {hint}")
    return value


def get_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in get(name, default).split(",") if item.strip()]


def get_bool(name: str, default: bool = False) -> bool:
    value = get(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def database(name: str, default: str) -> dict:
    url = get(name, default)
    # Health checks: a connection kept between requests is tested before its first use in a
    # request, so the first request after a database restart reconnects instead of failing.
    config = dj_database_url.parse(url, conn_max_age=int(get("DB_CONN_MAX_AGE", "60")), conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL and a busy timeout let the dev server and a management command share the file.
        config["CONN_MAX_AGE"] = 0
        config.setdefault("OPTIONS", {}).update(
            {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
        )
    return config


def cache(name: str, pages_dir: str = str(PROJECT_DIR / "var" / "pagecache")) -> dict:
    """The caches "default" and "pages" (the page cache, core.pagecache): both in Redis when `name` is set.

    Without Redis, pages go to files in PAGE_CACHE_DIR (default `pages_dir`): every gunicorn
    worker on the machine sees the same entries and the same invalidation, which a per-process
    memory cache would not.
    """
    url = get(name)
    if url:
        redis = {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            # Redis down or hung: the cache answers "nothing" within a second and every
            # page keeps working (feedback without its rate limit, synonyms from the DB).
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
        return {"default": redis, "pages": {**redis, "KEY_PREFIX": "pages"}}
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "core.pagecache.FileCache",
            "LOCATION": get("PAGE_CACHE_DIR", pages_dir),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }


def email() -> dict:
    """E-mail settings from EMAIL_HOST and friends: SMTP when EMAIL_HOST is set.

    Without EMAIL_HOST, mail goes to the log (console backend) and a warning says so at start:
    the board would never get its workflow notifications.
    """
    host = get("EMAIL_HOST")
    settings = {
        "DEFAULT_FROM_EMAIL": get("DEFAULT_FROM_EMAIL", "webmaster@localhost"),
        "SERVER_EMAIL": get("SERVER_EMAIL") or get("DEFAULT_FROM_EMAIL", "root@localhost"),
    }
    if not host:
        return {**settings, "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    port = int(get("EMAIL_PORT", "587"))
    use_ssl = get_bool("EMAIL_USE_SSL", port == 465)
    return {
        **settings,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": host,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": get("EMAIL_HOST_USER"),
        "EMAIL_HOST_PASSWORD": get("EMAIL_HOST_PASSWORD"),
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_USE_TLS": not use_ssl and get_bool("EMAIL_USE_TLS", port == 587),
        "EMAIL_TIMEOUT": int(get("EMAIL_TIMEOUT", "10")),
    }


def get_int(name: str, default: int, minimum: int = 0) -> int:
    """A whole number from the environment; a wrong value stops the start with a clear reason."""
    value = get(name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}")
    return number


def secret_list(name: str, file_variable: str) -> list[str]:
    """Secrets, newest first: comma-separated in `name`, or one per line in the file that
    `file_variable` names (a mounted secret; lines starting with # are skipped).

    A file that cannot be read gives no secrets rather than a failed start: the feature that
    needs them says so clearly where it is used (the meldpunt's admin)."""
    value = get(name)
    if value:
        return [item.strip() for item in value.split(",") if item.strip()]
    path = get(file_variable)
    if not path:
        return []
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return []
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
