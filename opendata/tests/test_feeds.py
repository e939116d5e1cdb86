"""Every feed parses in feedparser without errors and has what RSS 2.0 and Atom 1.0 require;
the iCal feed opens in an agenda; pages link their feeds; any search can be followed."""

import datetime

import defusedxml.ElementTree as ET
import feedparser
import icalendar
import pytest

from opendata.tests.helpers import parse_head

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def parsed(client, url, version):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    assert feed.version == version, url
    return response, feed


def assert_valid_rss(content):
    """RSS 2.0: channel title, link and description; each item a title or description; guids."""
    root = ET.fromstring(content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required), required
    for item in channel.findall("item"):
        assert item.findtext("title") or item.findtext("description")
        assert item.findtext("guid") and item.findtext("link", "").startswith("http")
        if item.findtext("pubDate"):
            assert datetime.datetime.strptime(item.findtext("pubDate"), "%a, %d %b %Y %H:%M:%S %z")


def assert_valid_atom(content):
    """Atom 1.0 (RFC 4287): feed id, title, updated; each entry id, title, updated, a link."""
    root = ET.fromstring(content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{required}"), required
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}"), required
        datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link").get("href").startswith("http")


FEEDS = [
    "/feeds/nieuws/{}/",
    "/feeds/onderzoek/{}/",
    "/feeds/praktijk/{}/",
    "/feeds/toolkit/{}/",
    "/feeds/vorming/{}/",
    "/feeds/extern/{}/",
    "/feeds/doelgroep/onderwijs/{}/",
    "/feeds/{}/?q=sexting&type=toolkit&type=onderzoek",
    "/feeds/{}/",
]


@pytest.mark.parametrize("template", FEEDS)
def test_every_feed_parses_and_validates_as_rss_and_atom(client, catalogue, template):
    response, rss = parsed(client, template.format("rss"), "rss20")
    assert_valid_rss(response.content)
    response, atom = parsed(client, template.format("atom"), "atom10")
    assert_valid_atom(response.content)
    assert [e.link for e in rss.entries] == [e.link for e in atom.entries]
    assert rss.entries, template


def test_a_type_feed_carries_full_summaries_stable_ids_and_dates(client, catalogue):
    _, feed = parsed(client, "/feeds/onderzoek/atom/", "atom10")
    [entry] = feed.entries
    url = "http://localhost" + catalogue.research.url
    assert entry.title == catalogue.research.title and entry.link == url and entry.id == url
    assert entry.summary == catalogue.research.summary
    assert entry.published_parsed[:3] == (2014, 1, 1)
    _, again = parsed(client, "/feeds/onderzoek/atom/", "atom10")
    assert again.entries[0].id == entry.id


def test_audience_and_search_feeds_list_only_what_their_page_lists(client, catalogue):
    _, feed = parsed(client, "/feeds/doelgroep/onderwijs/rss/", "rss20")
    titles = {e.title for e in feed.entries}
    assert {catalogue.research.title, catalogue.practice.title, catalogue.toolkit.title} <= titles
    assert catalogue.news.title not in titles
    _, feed = parsed(client, "/feeds/rss/?q=sexting&type=toolkit", "rss20")
    assert [e.title for e in feed.entries] == [catalogue.toolkit.title]
    assert "sexting" in feed.feed.title


def test_unknown_type_or_audience_is_a_404_and_bad_filters_never_break_a_feed(client, catalogue):
    assert client.get("/feeds/bestaatniet/rss/").status_code == 404
    assert client.get("/feeds/doelgroep/bestaatniet/atom/").status_code == 404
    parsed(client, "/feeds/rss/?doelgroep=%00&page=abc&jaar=999999999999", "rss20")


def test_a_draft_or_private_page_never_reaches_a_feed(client, catalogue):
    _, feed = parsed(client, "/feeds/atom/", "atom10")
    titles = {e.title for e in feed.entries}
    assert catalogue.research.title in titles
    assert not titles & {catalogue.draft.title, catalogue.private.title}


def test_ical_lists_trainings_with_start_place_and_a_stable_uid(client, catalogue):
    response = client.get("/feeds/vorming.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == catalogue.event.title
    assert event.decoded("dtstart") == catalogue.event.start
    assert str(event["location"]) == "Huis van het Kind, Gent"
    assert str(event["uid"]) == f"vorming-{catalogue.event.pk}@localhost"
    assert str(event["url"]) == "http://localhost" + catalogue.event.url


def test_pages_link_their_feeds(client, catalogue):
    def alternates(url):
        return {link["type"]: link["href"] for link in parse_head(client.get(url)).link("alternate")}

    assert alternates(catalogue.sections.research.url)["application/rss+xml"] == "/feeds/onderzoek/rss/"
    events = alternates(catalogue.sections.events.url)
    assert events["text/calendar"] == "/feeds/vorming.ics"
    assert alternates(catalogue.audience.url)["application/atom+xml"] == "/feeds/doelgroep/ouders/atom/"
    search = alternates("/zoeken/?q=sexting&thema=sexting")
    assert search["application/rss+xml"] == "/feeds/rss/?q=sexting&thema=sexting"
    for url in alternates(catalogue.sections.research.url).values():
        assert client.get(url).status_code == 200


def test_follow_this_search_links_the_feed_of_exactly_that_search(client, catalogue):
    html = client.get("/zoeken/?q=sexting&type=toolkit").content.decode()
    assert 'href="/feeds/rss/?q=sexting&amp;type=toolkit"' in html
    assert "Volg deze zoekopdracht" in html
