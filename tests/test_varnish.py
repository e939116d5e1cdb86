"""deploy/varnish.vcl in front of the app (a live server), as the README's deployment shows.

Varnish (Debian's `varnish`, installed by `scripts/services.sh varnish`) keeps anonymous pages;
a publish purges it through Wagtail's frontend cache, so the next visitor sees the new version.
Without varnishd the test is skipped on a laptop and fails in CI.
"""

import time
import urllib.request

import pytest

from django.test import override_settings

from core.models import SiteSettings
from tests import pages, proxies

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def varnish(live_server):
    """varnishd with the shipped VCL, its backend pointed at the live server; yields its URL."""
    with proxies.varnish(live_server.url.rsplit(":", 1)[1]) as url:
        with override_settings(
            WAGTAILFRONTENDCACHE={
                "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": url}
            },
            PAGE_CACHE_ENABLED=True,
            ANALYTICS_ENABLED=False,  # nothing left to write after the database is emptied
        ):
            yield url


def fetch(url, cookie=""):
    headers = {"User-Agent": BROWSER}
    if cookie:
        headers["Cookie"] = cookie
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:  # noqa: S310
        return response.headers, response.read().decode()


def fresh_within_a_second(url, text):
    """Poll: the first answer that has `text`, or the last answer after a second."""
    deadline = time.monotonic() + 1
    while True:
        headers, body = fetch(url)
        if text in body or time.monotonic() > deadline:
            return headers, body
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_reaches_visitors_through_varnish(varnish):
    site = pages.sections()
    SiteSettings.for_site(site.home.get_site())
    toolkit = pages.toolkit(site.toolkits, "Toolkit sexting secundair")
    url = varnish + toolkit.url
    fetch(url)
    headers, body = fetch(url)
    assert headers["X-Varnish-Cache"] == "hit"  # without a purge, this copy would stay
    assert "Toolkit sexting secundair" in body

    toolkit.title = "Toolkit sexting en naaktbeelden"
    toolkit.save_revision().publish()
    headers, body = fresh_within_a_second(url, "Toolkit sexting en naaktbeelden")
    assert "Toolkit sexting en naaktbeelden" in body

    # The listing on another page is dropped too (any purge empties the cache).
    fetch(varnish + site.toolkits.url)
    assert "Toolkit sexting en naaktbeelden" in fetch(varnish + site.toolkits.url)[1]
    SiteSettings.objects.update(contact_email="")  # not through save(): no purge
    settings = SiteSettings.objects.get()
    settings.contact_email = "redactie@pesten.example.be"
    settings.save()  # a snippet or setting: core.pagecache purges
    assert "redactie@pesten.example.be" in fresh_within_a_second(varnish + site.toolkits.url, "redactie@")[1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_help_pages_editors_and_posts_pass_varnish(varnish):
    site = pages.sections()
    SiteSettings.for_site(site.home.get_site())
    fetch(varnish + "/hulp/hulplijnen/")
    headers, _ = fetch(varnish + "/hulp/hulplijnen/")
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Varnish-Cache"] == "miss"  # never kept in a shared cache
    fetch(varnish + site.about.url)
    headers, _ = fetch(varnish + site.about.url, cookie="sessionid=abc")
    assert headers["X-Varnish-Cache"] == "miss"  # a session passes
    headers, _ = fetch(varnish + site.about.url, cookie="iets=anders")
    assert headers["X-Varnish-Cache"] == "hit"  # other cookies do not split the cache


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_views_varnish_answers_are_counted_from_the_proxy_log(live_server):
    """nginx (deploy/nginx.conf) -> Varnish -> the app: the second view is a Varnish hit the app
    never sees; `import_cache_log` counts it from nginx's log, not a bot's, and only once."""
    import io

    from django.core.management import call_command

    from analytics import counting
    from analytics.models import DailyPageView

    site = pages.sections()
    SiteSettings.for_site(site.home.get_site())
    toolkit = pages.toolkit(site.toolkits, "Toolkit sexting secundair")

    def views():
        return sum(DailyPageView.objects.filter(path=toolkit.url).values_list("count", flat=True))

    settings = {"PAGE_CACHE_ENABLED": True, "ANALYTICS_ENABLED": True, "ANALYTICS_FLUSH_SECONDS": 0}
    try:
        with (
            override_settings(**settings),
            proxies.varnish(live_server.url.rsplit(":", 1)[1]) as cache,
            proxies.nginx(cache.rsplit(":", 1)[1]) as (base, logs),
        ):
            headers, _ = proxies.fetch(base + toolkit.url, user_agent=BROWSER)
            assert headers["X-Varnish-Cache"] == "miss"
            assert "X-Analytics-View" not in headers  # for nginx's log only
            headers, _ = proxies.fetch(base + toolkit.url, user_agent=BROWSER)
            assert headers["X-Varnish-Cache"] == "hit"
            googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
            headers, _ = proxies.fetch(base + toolkit.url, user_agent=googlebot)
            assert headers["X-Varnish-Cache"] == "hit"
            for _ in range(100):  # the app writes its count after the response has gone out
                if views() == 1:
                    break
                time.sleep(0.05)
            assert views() == 1  # the miss, counted by the app; the hits never reached it

            log = logs / "kenniscentrum-views.log"
            written = log.read_text()
            assert "127.0.0.1" not in written and "Mozilla" not in written  # no address, no browser
            out = io.StringIO()
            call_command("import_cache_log", log=str(log), stdout=out)
            assert "1 counted" in out.getvalue()
            assert views() == 2  # the bot's hit is not counted
            call_command("import_cache_log", log=str(log), stdout=io.StringIO())
            assert views() == 2
            assert DailyPageView.objects.get(path=toolkit.url).page_id == toolkit.pk
    finally:
        counting.buffer.discard()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_document_downloads_pass_varnish_so_each_is_counted(varnish):
    site = pages.sections()
    document = pages.document("Gids sexting")
    pages.toolkit(site.toolkits, "Toolkit sexting secundair", documents=[document])
    url = f"{varnish}/documenten/{document.pk}/{document.filename}"
    for _ in range(2):
        request = urllib.request.Request(url, headers={"User-Agent": BROWSER})
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            assert response.headers["X-Varnish-Cache"] == "miss"  # the app counts every one
            response.read()
