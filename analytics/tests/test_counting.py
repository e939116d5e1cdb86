"""Views, downloads, searches and help clicks are counted once each, for people only."""

import logging

import pytest

from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone

from analytics import counting, signals
from analytics.models import (
    DailyDownload,
    DailyHelpClick,
    DailyPageView,
    DailySearch,
    DailySearchLanding,
    Feedback,
)

from .conftest import BROWSER

BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)",
    "facebookexternalhit/1.1",
    "",
]


def download(client, url, **extra):
    """Fetch a document the way a browser does: read the whole file (the server then closes)."""
    response = client.get(url, **extra)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def views_of(page):
    return sum(DailyPageView.objects.filter(page=page).values_list("count", flat=True))


def downloads_of(document, sector=None):
    qs = DailyDownload.objects.filter(document=document)
    if sector is not None:
        qs = qs.filter(sector=sector)
    return sum(qs.values_list("count", flat=True))


def test_page_views_are_counted_per_page_per_day(site, visitor):
    about, toolkit = site["about"], site["toolkit"]
    for _ in range(3):
        assert visitor.get(about.url).status_code == 200
    assert visitor.get(toolkit.url).status_code == 200

    row = DailyPageView.objects.get(page=about)
    assert (row.date, row.path, row.count) == (timezone.localdate(), about.url, 3)
    assert views_of(toolkit) == 1
    assert DailyPageView.objects.count() == 2  # one row per page per day, not per visit


@pytest.mark.parametrize("user_agent", BOTS)
def test_bots_are_not_counted(site, client, user_agent):
    response = client.get(site["about"].url, HTTP_USER_AGENT=user_agent)
    assert response.status_code == 200
    doc = site["gids"]
    assert download(client, doc.url, HTTP_USER_AGENT=user_agent)[0].status_code == 200
    assert DailyPageView.objects.count() == 0
    assert DailyDownload.objects.count() == 0


def test_not_counted_head_404_admin_prefetch_and_editors(site, visitor, editor):
    about = site["about"]
    anonymous = Client(HTTP_USER_AGENT=BROWSER)
    assert anonymous.head(about.url).status_code == 200
    assert anonymous.get("/bestaat-niet/").status_code == 404
    assert anonymous.get(about.url, HTTP_SEC_PURPOSE="prefetch").status_code == 200
    assert anonymous.get("/admin/login/").status_code == 200
    assert editor.get(about.url).status_code == 200  # logged-in editors check their own pages
    assert DailyPageView.objects.count() == 0
    assert anonymous.get(about.url + "?feedback=bedankt").status_code == 200  # back from feedback
    assert DailyPageView.objects.count() == 0


def test_downloads_are_counted_through_the_document_url_with_optional_sector(site, visitor):
    gids, affiche = site["gids"], site["affiche"]
    assert gids.url.startswith("/documenten/")
    response, body = download(visitor, gids.url)
    assert response.status_code == 200 and body.startswith(b"%PDF")
    download(visitor, gids.url + "?ik=leerkracht")
    download(visitor, gids.url + "?ik=leerkracht")
    download(visitor, gids.url + "?ik=<script>")  # unknown answer: counted as unspecified
    download(visitor, affiche.url + "?ik=ouder")
    visitor.head(gids.url)  # not a download

    assert downloads_of(gids) == 4
    assert downloads_of(gids, "leerkracht") == 2
    assert downloads_of(gids, "") == 2
    assert downloads_of(affiche, "ouder") == 1


def test_missing_or_mismatched_document_is_a_404_and_not_counted(site, visitor):
    gids = site["gids"]
    assert visitor.get(f"/documenten/{gids.pk}/ander-bestand.pdf").status_code == 404
    assert visitor.get("/documenten/99999/niets.pdf").status_code == 404
    assert DailyDownload.objects.count() == 0


def test_toolkit_page_download_links_count(site, visitor):
    toolkit, gids = site["toolkit"], site["gids"]
    html = visitor.get(toolkit.url).content.decode()
    assert gids.url in html
    download(visitor, gids.url)
    assert downloads_of(gids) == 1


def test_searches_are_counted_normalised_with_zero_results_and_facets(db):
    signals.on_search_performed(
        None, query="  Sexting   op SCHOOL ", total=12, facets={"thema": ["sexting"]}
    )
    signals.on_search_performed(
        None, query="sexting op school", total=11, facets={"thema": ["sexting"]}
    )
    signals.on_search_performed(None, query="Vechtscheiding", total=0, facets={})
    signals.on_search_performed(None, query="mail jan@example.org of bel 0475 12 34 56", total=0)

    row = DailySearch.objects.get(query="sexting op school")
    assert (row.count, row.facets, row.result_count, row.zero_results) == (
        2,
        "thema=sexting",
        11,
        False,
    )
    zero = DailySearch.objects.get(query="vechtscheiding")
    assert zero.zero_results and zero.count == 1
    masked = DailySearch.objects.get(query__startswith="mail")
    assert "jan@example.org" not in masked.query and "0475" not in masked.query


def test_search_signal_from_the_search_app_is_counted(db):
    search_signals = pytest.importorskip("search.signals")
    send = search_signals.search_performed.send
    send(sender=None, query="cyberpesten", total=3, facets={}, source="page", page=1)
    send(sender=None, query="cyberpesten", total=3, facets={}, source="page", page=2)  # same search
    send(sender=None, query="cyberpesten", total=3, facets={}, source="listing", page=1)
    assert DailySearch.objects.get(query="cyberpesten").count == 1


def test_real_searches_on_the_search_page_are_counted(site, visitor):
    response = visitor.get("/zoeken/", {"q": "Sexting"})
    assert response.status_code == 200
    visitor.get("/zoeken/", {"q": "qwxzy onvindbaar"}, HTTP_USER_AGENT="Googlebot/2.1")
    row = DailySearch.objects.get()
    assert (row.query, row.count) == ("sexting", 1)
    assert DailyPageView.objects.get(path="/zoeken/").count == 1


def test_help_clicks_are_counted(db):
    signals.on_help_route_clicked(None, route="1712")
    signals.on_help_route_clicked(None, route="1712")
    signals.on_help_route_clicked(None, route="awel")
    assert DailyHelpClick.objects.get(route="1712").count == 2
    assert DailyHelpClick.objects.get(route="awel").count == 1


def test_help_signal_from_the_helpfinder_is_counted(db):
    help_signals = pytest.importorskip("helpfinder.signals")
    help_signals.help_route_clicked.send(sender=None, route="politie", channel="")
    help_signals.help_route_clicked.send(sender=None, route="awel", channel="chat")
    assert DailyHelpClick.objects.get(route="politie").count == 1
    assert DailyHelpClick.objects.get(route="awel/chat").count == 1


def test_search_and_help_events_of_a_bot_request_are_not_counted(rf, db):
    request = rf.get("/zoeken/", HTTP_USER_AGENT="Googlebot/2.1")
    signals.on_search_performed(None, query="pesten", total=3, facets={}, request=request)
    signals.on_help_route_clicked(None, route="1712", request=request)
    assert DailySearch.objects.count() == 0 and DailyHelpClick.objects.count() == 0


def test_toolkit_opened_from_our_search_results_records_the_query(site, visitor):
    toolkit = site["toolkit"]
    visitor.get(
        toolkit.url, HTTP_REFERER="http://testserver/zoeken/?q=Sexting+Secundair&thema=sexting"
    )
    visitor.get(toolkit.url, HTTP_REFERER="https://elders.example/zoeken/?q=geheim")
    landing = DailySearchLanding.objects.get(page=toolkit)
    assert (landing.query, landing.count) == ("sexting secundair", 1)
    assert views_of(toolkit) == 2


def test_counting_off_counts_nothing(site, visitor, settings):
    settings.ANALYTICS_ENABLED = False
    assert visitor.get(site["about"].url).status_code == 200
    assert download(visitor, site["gids"].url)[0].status_code == 200
    assert DailyPageView.objects.count() == 0 and DailyDownload.objects.count() == 0


def test_counting_failure_is_logged_and_the_page_is_served(site, visitor, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(counting, "increment", broken)
    with caplog.at_level(logging.ERROR, logger="analytics"):
        page = visitor.get(site["about"].url)
        response, body = download(visitor, site["gids"].url)
    assert page.status_code == 200 and site["about"].title in page.content.decode()
    assert response.status_code == 200 and body.startswith(b"%PDF")
    assert "Counting failed" in caplog.text
    # The database connection is still usable afterwards.
    assert Feedback.objects.count() == 0


def test_broken_counting_code_does_not_break_pages(site, visitor, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("bug in counting")

    monkeypatch.setattr(counting, "record_page_view", broken)
    monkeypatch.setattr(counting, "record_download", broken)
    with caplog.at_level(logging.ERROR, logger="analytics"):
        assert visitor.get(site["about"].url).status_code == 200
        assert download(visitor, site["gids"].url)[0].status_code == 200
    assert "bug in counting" in caplog.text


def test_upsert_increments_the_same_row(db):
    today = timezone.localdate()
    for _ in range(5):
        counting.increment(DailyHelpClick, {"date": today, "route": "politie"})
    assert DailyHelpClick.objects.get().count == 5
    assert connection.vendor in ("sqlite", "postgresql")


def test_real_help_link_click_is_counted(db, visitor):
    from helpfinder.models import HelpRoute

    route = HelpRoute.objects.exclude(link_url="").first()
    if route is None:
        pytest.skip("no help route seeded")
    response = visitor.get(f"/hulp/ga/{route.slug}/")
    assert response.status_code == 302
    visitor.get(f"/hulp/ga/{route.slug}/", HTTP_USER_AGENT="bingbot/2.0")
    assert DailyHelpClick.objects.get(route=route.slug).count == 1


def test_buffered_counts_are_written_after_the_interval_or_at_flush(site, visitor, settings):
    settings.ANALYTICS_FLUSH_SECONDS = 3600
    for _ in range(3):
        visitor.get(site["about"].url)
    assert DailyPageView.objects.count() == 0  # still in the buffer of this process
    counting.buffer.flush()
    assert views_of(site["about"]) == 3  # one row, incremented by 3
    settings.ANALYTICS_FLUSH_EVENTS = 2
    visitor.get(site["about"].url)
    visitor.get(site["about"].url)  # the buffer is full: written now
    assert views_of(site["about"]) == 5
