"""Production: everything from the environment. Refuses to start without the essentials."""

from kenniscentrum.settings import env
from kenniscentrum.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env.require("SECRET_KEY", "a long random string, e.g. `openssl rand -base64 48`.")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    env.require("ALLOWED_HOSTS", "a comma-separated list of host names, e.g. pesten.example.be.")
DATABASES = {  # noqa: F405
    "default": env.database(
        "DATABASE_URL",
        default=env.require("DATABASE_URL", "e.g. postgres://user:password@host:5432/name."),
    )
}
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")

SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers and the container health check probe over plain HTTP: no redirect for them.
SECURE_REDIRECT_EXEMPT = [r"^gezond/$"]
SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Media in S3-compatible storage when a bucket is named; local disk otherwise.
if env.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.get("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": env.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

# Reference imports are queued in the database; `docker-entrypoint.sh worker` (or
# `manage.py db_worker --backend imports --queue-name '*'`) runs them outside the web workers.
TASKS = {
    **TASKS,  # noqa: F405
    "imports": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Workflow notifications reach the board over SMTP (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
# EMAIL_HOST_PASSWORD, EMAIL_USE_TLS / EMAIL_USE_SSL, DEFAULT_FROM_EMAIL); see the README.
globals().update(env.email())
if EMAIL_BACKEND.endswith("console.EmailBackend"):  # noqa: F405
    import logging

    logging.getLogger("kenniscentrum").warning(
        "EMAIL_HOST is not set: e-mail (workflow notifications) goes to the log, not to people."
    )
LOGGING["root"]["level"] = env.get("LOG_LEVEL", "INFO")  # noqa: F405
