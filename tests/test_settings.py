"""Production settings: refuse to start without the essentials, pass Django's deploy checks,
switch optional services on only when their variable is set. And the health endpoint.

The settings tests start a fresh Python process each, with a controlled environment, because
settings are read once per process.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from django.db import OperationalError
from django.test import SimpleTestCase, TestCase

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET = "k8J2-" + "x7Qp!v9Lr3#Zt6Wm" * 4  # long and varied enough for check --deploy
PRODUCTION_ENV = {
    "SECRET_KEY": SECRET,
    "ALLOWED_HOSTS": "pesten.example.be",
    "DATABASE_URL": "sqlite:////tmp/kenniscentrum-check-deploy.sqlite3",
}
# Variables the production settings read; the subprocess gets only the ones a test names.
READ_BY_SETTINGS = {
    "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL",
    "AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "AWS_S3_REGION_NAME", "AWS_S3_CUSTOM_DOMAIN",
    "CSRF_TRUSTED_ORIGINS", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "DEBUG", "MEDIA_ROOT",
}  # fmt: skip


def run_production(code=None, args=None, **env):
    """Run Python code (or manage.py `args`) under the production settings with exactly `env`."""
    environ = {k: v for k, v in os.environ.items() if k not in READ_BY_SETTINGS}
    environ.update(env, DJANGO_SETTINGS_MODULE="kenniscentrum.settings.production")
    command = [sys.executable, "manage.py", *args] if args else [sys.executable, "-c", code]
    return subprocess.run(
        command, cwd=BASE_DIR, env=environ, capture_output=True, text=True, timeout=120
    )


START = "import django; django.setup(); print('started')"


class ProductionRefusesToStartTests(SimpleTestCase):
    def assertRefuses(self, missing, **env):
        result = run_production(START, **env)
        self.assertNotEqual(result.returncode, 0, f"started without {missing}")
        self.assertNotIn("started", result.stdout)
        self.assertIn(f"The environment variable {missing} is required", result.stderr)

    def test_without_secret_key(self):
        env = dict(PRODUCTION_ENV)
        del env["SECRET_KEY"]
        self.assertRefuses("SECRET_KEY", **env)

    def test_with_a_blank_secret_key(self):
        self.assertRefuses("SECRET_KEY", **{**PRODUCTION_ENV, "SECRET_KEY": "   "})

    def test_without_allowed_hosts(self):
        env = dict(PRODUCTION_ENV)
        del env["ALLOWED_HOSTS"]
        self.assertRefuses("ALLOWED_HOSTS", **env)

    def test_without_database_url(self):
        env = dict(PRODUCTION_ENV)
        del env["DATABASE_URL"]
        self.assertRefuses("DATABASE_URL", **env)

    def test_starts_with_all_three(self):
        result = run_production(START, **PRODUCTION_ENV)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("started", result.stdout)


class ProductionChecksTests(SimpleTestCase):
    def test_check_deploy_passes_without_warnings(self):
        result = run_production(
            args=["check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_secure_defaults(self):
        code = (
            "import django, json; django.setup(); from django.conf import settings as s; "
            "print(json.dumps({'debug': s.DEBUG, 'ssl': s.SECURE_SSL_REDIRECT, "
            "'hsts': s.SECURE_HSTS_SECONDS, 'cookie': s.SESSION_COOKIE_SECURE, "
            "'csrf': s.CSRF_COOKIE_SECURE, 'hosts': s.ALLOWED_HOSTS}))"
        )
        result = run_production(code, **PRODUCTION_ENV, DEBUG="1")
        self.assertEqual(result.returncode, 0, result.stderr)
        values = json.loads(result.stdout)
        self.assertEqual(
            values,
            {"debug": False, "ssl": True, "hsts": 31536000, "cookie": True, "csrf": True,
             "hosts": ["pesten.example.be"]},
        )  # fmt: skip


class OptionalServicesTests(SimpleTestCase):
    """S3 media, Redis and Elasticsearch switch on only when their variable is set."""

    CODE = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'storage': s.STORAGES['default']['BACKEND'], "
        "'cache': s.CACHES['default']['BACKEND'], 'es': s.ELASTICSEARCH_URL}))"
    )

    def settings_with(self, **env):
        result = run_production(self.CODE, **PRODUCTION_ENV, **env)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_off_by_default(self):
        self.assertEqual(
            self.settings_with(),
            {
                "storage": "django.core.files.storage.FileSystemStorage",
                "cache": "django.core.cache.backends.locmem.LocMemCache",
                "es": "",
            },
        )

    def test_on_when_set(self):
        self.assertEqual(
            self.settings_with(
                AWS_STORAGE_BUCKET_NAME="kenniscentrum-media",
                AWS_S3_ENDPOINT_URL="https://s3.example.be",
                REDIS_URL="redis://127.0.0.1:6379/1",
                ELASTICSEARCH_URL="http://127.0.0.1:9200",
            ),
            {
                "storage": "storages.backends.s3.S3Storage",
                "cache": "django_redis.cache.RedisCache",
                "es": "http://127.0.0.1:9200",
            },
        )


class HealthEndpointTests(TestCase):
    def test_ok(self):
        response = self.client.get("/gezond/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(), {"status": "ok", "search": {"engine": "database", "state": "up"}}
        )
        self.assertIn("no-cache", response["Cache-Control"])
        self.assertNotIn("Set-Cookie", response.headers)

    def test_database_down(self):
        broken = mock.Mock()
        broken.cursor.side_effect = OperationalError("connection refused")
        with mock.patch("kenniscentrum.health.connection", broken), self.assertLogs("kenniscentrum.health", "ERROR"):
            response = self.client.get("/gezond/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["status"], "error")
        self.assertIn("databank", response.json()["message"])
