"""The page cache for anonymous visitors (core.pagecache), with the cache on.

For every kind of change an editor makes, the next anonymous request shows it; editors never
get a cached page and visitors never get an editor's; the analytics count includes views
served from the cache; help pages keep `no-store` and "nu open" stays right.
"""

import datetime
import re
import time

import pytest

from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction, Site

from analytics import counting
from analytics.models import DailyPageView
from core import pagecache
from core.models import SiteSettings
from helpfinder.models import BRUSSELS, HelpService, OpeningHours
from search.models import SynonymGroup
from taxonomy.models import Topic
from tests import pages

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def site(db):
    caches["pages"].clear()
    with override_settings(PAGE_CACHE_ENABLED=True, ANALYTICS_FLUSH_SECONDS=0):
        sections = pages.sections()
        SiteSettings.for_site(Site.objects.get(is_default_site=True))  # made on first use
        yield sections
    caches["pages"].clear()


@pytest.fixture
def visitor(client):
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client


def get(client, url, **extra):
    response = client.get(url, **extra)
    return response, response.content.decode()


def cached_twice(client, url):
    """Two anonymous GETs: the second is served from the cache."""
    first, _ = get(client, url)
    assert first["X-Page-Cache"] == "miss", url
    second, body = get(client, url)
    assert second["X-Page-Cache"] == "hit", url
    return body


def test_a_page_is_served_from_the_cache_the_same_for_everyone(site, visitor):
    toolkit = pages.toolkit(site.toolkits, "Toolkit sexting secundair")
    body = cached_twice(visitor, toolkit.url)
    assert "Toolkit sexting secundair" in body
    response = visitor.get(toolkit.url, HTTP_COOKIE="voorkeur=1; iets=anders")
    assert response["X-Page-Cache"] == "hit"  # no entry per cookie
    assert not response.cookies


def test_publishing_a_change_shows_at_once(site, visitor):
    toolkit = pages.toolkit(site.toolkits, "Toolkit sexting secundair")
    cached_twice(visitor, toolkit.url)
    toolkit.title = "Toolkit sexting en secundaire sexting"
    toolkit.save_revision().publish()
    response, body = get(visitor, toolkit.url)
    assert "Toolkit sexting en secundaire sexting" in body
    assert response["X-Page-Cache"] == "miss"


def test_a_change_shows_on_listings_too(site, visitor):
    cached_twice(visitor, site.toolkits.url)
    toolkit = pages.toolkit(site.toolkits, "Nieuwe toolkit voor clubs")
    assert "Nieuwe toolkit voor clubs" in get(visitor, site.toolkits.url)[1]
    toolkit.title = "Clubtoolkit"
    toolkit.save_revision().publish()
    assert "Clubtoolkit" in get(visitor, site.toolkits.url)[1]


def test_unpublish_and_delete_take_the_page_away(site, visitor):
    first = pages.toolkit(site.toolkits, "Eerste toolkit")
    second = pages.toolkit(site.toolkits, "Tweede toolkit")
    cached_twice(visitor, first.url)
    cached_twice(visitor, second.url)
    first.unpublish()
    assert visitor.get(first.url).status_code == 404
    Page.objects.get(pk=second.pk).delete()
    assert visitor.get(second.url).status_code == 404


def test_a_move_shows_the_page_at_its_new_place(site, visitor):
    toolkit = pages.toolkit(site.toolkits, "Verhuizende toolkit")
    old_url = toolkit.url
    cached_twice(visitor, old_url)
    toolkit.move(site.research, pos="last-child")
    new_url = f"{site.research.url}{toolkit.slug}/"
    assert visitor.get(old_url).headers.get("Location") == new_url  # Wagtail's redirect
    assert "Verhuizende toolkit" in get(visitor, new_url)[1]


def test_a_privacy_change_hides_the_cached_page(site, visitor):
    toolkit = pages.toolkit(site.toolkits, "Toolkit voor de werkgroep")
    cached_twice(visitor, toolkit.url)
    PageViewRestriction.objects.create(page=toolkit, restriction_type="password", password="geheim")
    response, body = get(visitor, toolkit.url)
    assert "Met toolkit voor de werkgroep" not in body  # the intro is behind the password now
    assert response.get("X-Page-Cache") != "hit"


def test_a_taxonomy_change_shows_on_the_pages_that_name_it(site, visitor):
    topic = Topic.objects.get(slug="sexting")
    toolkit = pages.toolkit(site.toolkits, "Toolkit sexting secundair")
    toolkit.topics.set([topic])
    toolkit.save_revision().publish()
    assert topic.name in cached_twice(visitor, toolkit.url)
    topic.name = "Sexting en naaktbeelden"
    topic.save()
    assert "Sexting en naaktbeelden" in get(visitor, toolkit.url)[1]


def test_site_settings_change_shows_in_the_footer(site, visitor):
    cached_twice(visitor, site.about.url)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "redactie@pesten.example.be"
    settings.save()
    assert "redactie@pesten.example.be" in get(visitor, site.about.url)[1]


def test_a_glossary_change_shows_on_the_glossary(site, visitor):
    term = pages.glossary_term("Happy slapping")
    assert "Happy slapping" in cached_twice(visitor, site.glossary.url)
    term.definition = "<p>Iemand aanvallen en het filmen om te verspreiden.</p>"
    term.save()
    assert "Iemand aanvallen en het filmen" in get(visitor, site.glossary.url)[1]


def test_help_service_and_hours_changes_show_on_the_helplines_page(site, visitor):
    service = HelpService.objects.create(name="Testlijn", slug="testlijn", description="Luistert.", phone="1234")
    assert "Testlijn" in cached_twice(visitor, "/hulp/hulplijnen/")
    service.name = "Testlijn voor jongeren"
    service.save()
    assert "Testlijn voor jongeren" in get(visitor, "/hulp/hulplijnen/")[1]
    OpeningHours.objects.create(service=service, weekday=0, opens="09:00", closes="17:00")
    assert "9–17 uur" in get(visitor, "/hulp/hulplijnen/")[1]


def test_a_synonym_change_invalidates(site, visitor):
    cached_twice(visitor, site.about.url)
    SynonymGroup.objects.create(words="pesten, treiteren")
    assert get(visitor, site.about.url)[0]["X-Page-Cache"] == "miss"


def test_nu_open_turns_to_nu_gesloten_on_the_minute(site, visitor, monkeypatch):
    """Open 09:00-17:00 every day: at 16:59:30 "nu open", at 17:00:05 "nu gesloten" although the
    first answer was cached (the entry lives until the minute ends)."""
    service = HelpService.objects.create(
        name="Testlijn", slug="testlijn", description="Luistert.", phone="1234", closed_on_public_holidays=False
    )
    for day in range(7):
        OpeningHours.objects.create(service=service, weekday=day, opens="09:00", closes="17:00")
    moment = datetime.datetime(2026, 11, 30, 16, 59, 30, tzinfo=BRUSSELS)
    clock = {"offset": moment.timestamp() - time.time()}
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + clock["offset"])
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime.fromtimestamp(time.time(), tz=datetime.UTC))

    def status():
        body = get(visitor, "/hulp/hulplijnen/")[1]
        section = body[body.index("Testlijn") :]
        return "nu open" if "Bellen: nu open" in section[:3000] else "nu gesloten"

    assert status() == "nu open"
    assert status() == "nu open"  # from the cache
    clock["offset"] += 35  # 17:00:05
    assert status() == "nu gesloten"


def test_help_pages_keep_no_store_and_typed_text_is_never_kept(site, visitor):
    response = visitor.get("/")
    assert response["Cache-Control"] == "no-store"
    response = visitor.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert response["Cache-Control"] == "no-store"  # added to every copy
    assert response["Referrer-Policy"] == "no-referrer"
    visitor.get("/?iets=getypt")
    assert visitor.get("/?iets=getypt").get("X-Page-Cache") is None  # not stored
    visitor.get("/zoeken/?q=mijn+leraar+pest+mij")
    assert visitor.get("/zoeken/?q=mijn+leraar+pest+mij").get("X-Page-Cache") != "hit"


def test_editors_never_get_a_cached_page_and_visitors_never_an_editors(site, client):
    toolkit = pages.toolkit(site.toolkits, "Toolkit sexting secundair")
    editor = User.objects.create_superuser("redacteur", "r@example.be", "wachtwoord-lang-genoeg")
    client.force_login(editor)
    response = client.get(toolkit.url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in client.get(toolkit.url)  # not stored for the next editor view
    client.logout()
    client.cookies.clear()
    response = client.get(toolkit.url, HTTP_USER_AGENT=BROWSER)
    assert response["X-Page-Cache"] == "miss"  # the editor's view was not stored
    assert "wagtail-userbar" not in response.content.decode()
    client.force_login(editor)
    response = client.get(toolkit.url)
    assert "X-Page-Cache" not in response


def test_previews_and_posts_are_not_cached(site, visitor):
    visitor.post(site.about.url)
    assert visitor.get(site.about.url)["X-Page-Cache"] == "miss"


def test_views_from_the_cache_are_counted(site, visitor):
    counting.buffer.discard()
    toolkit = pages.toolkit(site.toolkits, "Toolkit sexting secundair")
    cached_twice(visitor, toolkit.url)
    visitor.get(toolkit.url)
    counting.buffer.flush()
    view = DailyPageView.objects.get(path=toolkit.url)
    assert view.count == 3
    assert view.page_id == toolkit.pk


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_write_inside_a_transaction_invalidates_again_after_commit(monkeypatch):
    """Once per transaction, however many writes; and after the commit (a request between the
    write and the commit could have stored the old content)."""
    after_commit = []
    monkeypatch.setattr(pagecache, "invalidate_everywhere", lambda: after_commit.append(1))
    generation = caches["pages"].get(pagecache.GENERATION_KEY)
    with transaction.atomic():
        Topic.objects.get(slug="sexting").save()
        Topic.objects.get(slug="pesten").save()
        assert caches["pages"].get(pagecache.GENERATION_KEY) != generation
        assert after_commit == []
    assert after_commit == [1]


def test_a_form_with_a_one_time_nonce_is_never_shared(site, visitor):
    """The reporting form (meldpunt) carries a one-time value: each visitor gets their own."""
    first = get(visitor, "/melden/")[1]
    second = get(visitor, "/melden/")[1]
    token = re.compile(r'name="t" value="([^"]+)"')
    assert token.search(first)[1] != token.search(second)[1]


def test_a_session_passes_the_cache(site, visitor):
    """A session is an editor or a visitor who unlocked a page with its password: never a
    shared copy, decided from the cookie before any session is loaded."""
    toolkit = pages.toolkit(site.toolkits, "Toolkit sexting secundair")
    cached_twice(visitor, toolkit.url)
    response = visitor.get(toolkit.url, HTTP_COOKIE="sessionid=verlopen-of-onbekend")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_a_hit_does_no_session_csrf_or_user_work():
    """Issue #16: a cached page at the cost of reading it. The cache answers before sessions,
    CSRF, users and messages are looked at; analytics and the privacy headers stay outside."""
    from django.conf import settings

    order = settings.MIDDLEWARE
    cache = order.index("core.pagecache.PageCacheMiddleware")
    assert order.index("analytics.middleware.AnalyticsMiddleware") < cache
    assert order.index("core.middleware.PrivacyHeadersMiddleware") < cache
    for name in (
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    ):
        assert cache < order.index(name), name


def test_the_file_cache_keeps_pages_as_they_are_sent(site, visitor, tmp_path):
    """Without Redis, pages go to files (env.cache): stored uncompressed, so a hit is not a
    decompression (the largest cost of a hit, profiled); expiry and invalidation still hold."""
    config = {"BACKEND": "core.pagecache.FileCache", "LOCATION": str(tmp_path)}
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                                   "pages": config}):  # fmt: skip
        toolkit = pages.toolkit(site.toolkits, "Toolkit sexting secundair")
        cached_twice(visitor, toolkit.url)
        files = [path.read_bytes() for path in tmp_path.iterdir()]
        assert any(b"Toolkit sexting secundair" in data for data in files)
        assert caches["pages"].touch(pagecache.GENERATION_KEY)
        toolkit.title = "Toolkit sexting en naaktbeelden"
        toolkit.save_revision().publish()
        response, body = get(visitor, toolkit.url)
        assert response["X-Page-Cache"] == "miss" and "Toolkit sexting en naaktbeelden" in body
        caches["pages"].set("kort", "weg", timeout=-1)
        assert caches["pages"].get("kort") is None


FOOTER_LINK = '<li><a href="/toolkits/">{}</a></li>'


def _rename_without_signals(page, title):
    """A write this process hears nothing about (another worker saved it)."""
    Page.objects.filter(pk=page.pk).update(title=title)


@pytest.mark.django_db
def test_a_change_made_by_another_worker_shows_in_the_navigation(client):
    """Fragments (header navigation) are kept in each process; another worker's change reaches
    this one through the shared generation, on the very next request."""
    sections = pages.sections()
    assert FOOTER_LINK.format("Toolkits") in get(client, "/hulp/")[1]
    _rename_without_signals(sections.toolkits, "Materialen")
    caches["pages"].set(pagecache.GENERATION_KEY, time.time_ns(), timeout=None)  # the other worker
    assert FOOTER_LINK.format("Materialen") in get(client, "/hulp/")[1]


@pytest.mark.django_db
def test_an_emptied_cache_never_brings_back_old_navigation(client):
    """A restarted Redis or a cleared cache has no generation: a new one is made, so what this
    process kept from before is not served again."""
    sections = pages.sections()
    caches["pages"].clear()  # e.g. Redis restarted
    assert FOOTER_LINK.format("Toolkits") in get(client, "/hulp/")[1]
    _rename_without_signals(sections.toolkits, "Materialen")
    caches["pages"].clear()  # and again
    assert FOOTER_LINK.format("Materialen") in get(client, "/hulp/")[1]
