"""The page cache in a live Redis (`REDIS_URL`, as on several app servers; Debian's
redis-server, `bash scripts/services.sh redis`): pages are stored there, a publish makes the
next anonymous request fresh, editors never get a cached page, hits are counted.

Without REDIS_URL the tests are skipped on a laptop and fail in CI (.ci/run sets it).
"""

import os
import uuid

import pytest
import redis

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.test import override_settings

from analytics import counting
from analytics.models import DailyPageView
from core.models import SiteSettings
from kenniscentrum.settings import env
from tests import pages

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def redis_url():
    url = settings.TEST_REDIS_URL
    message = "REDIS_URL not set: no Redis for the page cache's live test (bash scripts/services.sh redis)"
    if url:
        try:
            redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        except redis.RedisError as exc:
            url, message = "", f"Redis at REDIS_URL={url} does not answer: {exc}"
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the live Redis test: {message}", pytrace=False)
        pytest.skip(message)
    return url


@pytest.fixture
def site(db, redis_url, monkeypatch):
    """The production cache settings (env.cache) on the live Redis, under a prefix of this run."""
    monkeypatch.setenv("REDIS_URL", redis_url)
    config = env.cache("REDIS_URL")
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    config = {name: {**cache, "KEY_PREFIX": f"{prefix}-{name}"} for name, cache in config.items()}
    server = redis.Redis.from_url(redis_url)
    with override_settings(CACHES=config, PAGE_CACHE_ENABLED=True, ANALYTICS_FLUSH_SECONDS=0):
        assert caches["pages"].__class__.__name__ == "RedisCache"
        sections = pages.sections()
        SiteSettings.for_site(sections.home.get_site())
        yield sections, server, prefix
    for key in server.scan_iter(f"{prefix}-*"):
        server.delete(key)
    counting.buffer.discard()


def test_pages_are_kept_in_redis_and_a_publish_shows_at_once(site, client):
    sections, server, prefix = site
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    toolkit = pages.toolkit(sections.toolkits, "Toolkit sexting secundair")
    assert client.get(toolkit.url)["X-Page-Cache"] == "miss"
    response = client.get(toolkit.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Toolkit sexting secundair" in response.content.decode()
    stored = [key.decode() for key in server.scan_iter(f"{prefix}-pages:*")]
    assert any(toolkit.url in key for key in stored), stored  # in Redis, not in this process

    toolkit.title = "Toolkit sexting en naaktbeelden"
    toolkit.save_revision().publish()
    response = client.get(toolkit.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Toolkit sexting en naaktbeelden" in response.content.decode()

    assert client.get(toolkit.url)["X-Page-Cache"] == "hit"
    counting.buffer.flush()
    assert DailyPageView.objects.get(path=toolkit.url).count == 4  # hits counted like any view


def test_editors_never_get_a_page_from_redis(site, client):
    sections, _, _ = site
    toolkit = pages.toolkit(sections.toolkits, "Toolkit sexting secundair")
    client.get(toolkit.url, HTTP_USER_AGENT=BROWSER)
    assert client.get(toolkit.url, HTTP_USER_AGENT=BROWSER)["X-Page-Cache"] == "hit"
    editor = User.objects.create_superuser("redacteur", "r@example.be", "wachtwoord-lang-genoeg")
    client.force_login(editor)
    response = client.get(toolkit.url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "wagtail-userbar" in response.content.decode()  # the editor's own page
    client.logout()
    client.cookies.clear()
    response = client.get(toolkit.url, HTTP_USER_AGENT=BROWSER)
    assert response["X-Page-Cache"] == "hit"
    assert "wagtail-userbar" not in response.content.decode()  # never the editor's copy
