"""Search engines, share previews and reference managers read the right things from every
page type: sitemap.xml, robots.txt, canonical links, meta descriptions, Open Graph / Twitter
cards, schema.org JSON-LD and Highwire citation tags."""

import datetime
from pathlib import Path

import pytest
from lxml import etree

from opendata.tests.helpers import parse_head

XSD = Path(__file__).resolve().parent.parent / "schemas" / "sitemap.xsd"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOST = "http://localhost"  # the Wagtail site's root URL: pages, sitemap and feeds name one host

pytestmark = pytest.mark.django_db


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    document = etree.fromstring(response.content)
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(document), schema.error_log
    return [loc.text for loc in document.findall("s:url/s:loc", NS)]


def test_sitemap_is_valid_and_lists_every_public_page_and_nothing_else(client, catalogue):
    locations = sitemap_locations(client)
    for page in catalogue.public_pages():
        assert HOST + page.url in locations, page.title
    assert f"{HOST}{catalogue.sections.glossary.url}sexting/" in locations  # a glossary term
    assert f"{HOST}/hulp/" in locations and f"{HOST}/open-data/" in locations
    for never in (catalogue.private, catalogue.hidden):
        assert HOST + never.url not in locations, never.title
    assert not any("/concept/" in loc for loc in locations)  # the draft
    assert not any("?" in loc or "#" in loc for loc in locations)
    assert len(locations) == len(set(locations))


def test_unpublishing_removes_a_page_from_the_sitemap(client, catalogue):
    catalogue.news.unpublish()
    assert HOST + catalogue.news.url not in sitemap_locations(client)


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_admin_and_searches(client, catalogue):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {HOST}/sitemap.xml" in lines
    for rule in ("Disallow: /admin/", "Disallow: /django-admin/", "Disallow: /zoeken/?"):
        assert rule in lines
    assert "Disallow: /" not in lines


def test_every_page_type_has_a_canonical_link_a_description_and_share_tags(client, catalogue):
    urls = [page.url for page in catalogue.public_pages()]
    urls += [f"{catalogue.sections.glossary.url}sexting/", "/hulp/", "/hulp/hulplijnen/", "/open-data/", "/zoeken/"]
    for url in urls:
        head = parse_head(client.get(url))
        canonical = head.link("canonical")
        assert [c["href"] for c in canonical] == [HOST + url], url
        description = head.value("description")
        assert description and len(description) >= 10, url
        assert head.value("og:title") and head.value("og:description") == description, url
        assert head.value("og:url") == HOST + url
        assert head.value("og:image").startswith(HOST) and head.value("twitter:card") == "summary_large_image"
        assert head.value("robots") is None, url  # indexable


def test_a_listing_keeps_its_page_number_and_drops_filters_from_the_canonical_link(client, catalogue):
    index = catalogue.sections.research.url
    head = parse_head(client.get(index + "?page=2"))
    assert head.link("canonical")[0]["href"] == f"{HOST}{index}?page=2"
    assert head.value("robots") is None
    filtered = parse_head(client.get(index + "?doelgroep=onderwijs&sort=titel"))
    assert filtered.link("canonical")[0]["href"] == HOST + index
    assert filtered.value("robots") == "noindex, follow"


def test_search_with_a_query_and_hidden_pages_are_noindex(client, catalogue):
    head = parse_head(client.get("/zoeken/?q=sexting"))
    assert head.values("robots") == ["noindex, follow"]  # said once
    assert head.link("canonical")[0]["href"] == f"{HOST}/zoeken/"
    assert parse_head(client.get(catalogue.hidden.url)).value("robots") == "noindex, follow"


def test_editors_description_comes_first_then_the_summary(client, catalogue):
    page = catalogue.toolkit
    page.search_description = "Alles om sexting op school bespreekbaar te maken."
    page.save_revision().publish()
    assert parse_head(client.get(page.url)).value("description") == page.search_description
    assert parse_head(client.get(catalogue.practice.url)).value("description") == catalogue.practice.summary


def json_ld(client, url):
    items = parse_head(client.get(url)).json_ld
    assert items, url
    for item in items:
        assert item["@context"] == "https://schema.org"
    return items


def test_json_ld_per_page_type_carries_the_required_properties(client, catalogue):
    research = json_ld(client, catalogue.research.url)[0]
    assert research["@type"] == "ScholarlyArticle"
    assert research["headline"] == catalogue.research.title
    assert [a["name"] for a in research["author"]] == ["Vandoninck, S.", "d'Haenens, L."]
    assert research["citation"]["identifier"]["value"] == "10.1000/eukids.2014"
    assert research["citation"]["datePublished"] == "2014"

    practice = json_ld(client, catalogue.practice.url)[0]
    assert practice["@type"] == "CreativeWork" and practice["name"] == catalogue.practice.title
    assert practice["citation"] == [HOST + catalogue.research.url]

    toolkit = json_ld(client, catalogue.toolkit.url)[0]
    assert toolkit["@type"] == "LearningResource"
    assert toolkit["hasPart"][0]["encodingFormat"] == "PDF"

    event = json_ld(client, catalogue.event.url)[0]
    assert event["@type"] == "Course"
    instance = event["hasCourseInstance"]
    assert datetime.datetime.fromisoformat(instance["startDate"]) == catalogue.event.start
    assert instance["location"]["name"] == "Huis van het Kind, Gent"

    news = json_ld(client, catalogue.news.url)[0]
    assert news["@type"] == "NewsArticle" and news["datePublished"] == "2025-03-01"
    assert news["headline"] and news["image"]

    term = json_ld(client, f"{catalogue.sections.glossary.url}sexting/")[0]
    assert term["@type"] == "DefinedTerm" and term["name"] == "Sexting"
    assert term["inDefinedTermSet"]["@type"] == "DefinedTermSet"

    home = {item["@type"]: item for item in json_ld(client, "/")}
    assert home["Organization"]["name"] == "Kenniscentrum (cyber)pesten"
    assert home["Organization"]["url"] == HOST + "/"
    assert home["WebSite"]["potentialAction"]["target"]["urlTemplate"] == HOST + "/zoeken/?q={search_term_string}"

    resource = json_ld(client, catalogue.resource.url)[0]
    assert resource["@type"] == "LearningResource" and resource["creator"]["name"] == "Mediawijs"
    assert resource["license"] == "https://creativecommons.org/licenses/by-nc/4.0/"  # the owner's, not ours
    assert resource["sameAs"] == ["https://www.mediawijs.be/"]

    assert json_ld(client, catalogue.sections.about.url)[0]["@type"] == "WebPage"


def test_json_ld_cannot_be_broken_out_of_by_page_text(client, catalogue):
    page = catalogue.news
    page.summary = "Tekst met </script><script>alert(1)</script> erin & zo."
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(client, page.url)[0]["description"].startswith("Tekst met")


def zotero_embedded_metadata(head) -> dict:
    """What Zotero's 'Embedded Metadata' translator takes from Highwire tags."""
    date = head.value("citation_publication_date") or head.value("citation_date")
    return {
        "title": head.value("citation_title"),
        "creators": [
            {"lastName": name.split(",")[0].strip(), "firstName": name.split(",", 1)[1].strip()}
            for name in head.values("citation_author")
        ],
        "date": date,
        "DOI": head.value("citation_doi"),
        "publicationTitle": head.value("citation_journal_title"),
        "volume": head.value("citation_volume"),
        "pages": "-".join(filter(None, [head.value("citation_firstpage"), head.value("citation_lastpage")])),
    }


def test_a_research_summary_gives_zotero_title_authors_year_and_doi(client, catalogue):
    item = zotero_embedded_metadata(parse_head(client.get(catalogue.research.url)))
    assert item == {
        "title": "EU Kids Online België",
        "creators": [{"lastName": "Vandoninck", "firstName": "S."}, {"lastName": "d'Haenens", "firstName": "L."}],
        "date": "2014",
        "DOI": "10.1000/eukids.2014",
        "publicationTitle": "Tijdschrift voor Jeugd",
        "volume": "12",
        "pages": "112-130",
    }
    # Only research summaries describe a publication.
    assert parse_head(client.get(catalogue.practice.url)).value("citation_title") is None


def test_security_txt_has_a_contact_and_an_expiry_in_the_future(client, catalogue, settings):
    settings.SECURITY_CONTACT = "security@pesten.example"
    lines = dict(
        line.split(": ", 1) for line in client.get("/.well-known/security.txt").content.decode().splitlines() if line
    )
    assert lines["Contact"] == "mailto:security@pesten.example"
    expires = datetime.datetime.fromisoformat(lines["Expires"].replace("Z", "+00:00"))
    assert datetime.timedelta(days=30) < expires - datetime.datetime.now(datetime.UTC) < datetime.timedelta(days=366)


def test_favicons_and_manifest(client, catalogue):
    from django.contrib.staticfiles import finders

    head = parse_head(client.get("/"))
    hrefs = [link["href"] for link in head.links if "icon" in link.get("rel", "")]
    assert "/static/img/favicon.ico" in hrefs and "/static/img/apple-touch-icon.png" in hrefs
    for href in hrefs:
        assert finders.find(href.removeprefix("/static/")), href
    manifest = client.get("/site.webmanifest").json()
    assert manifest["lang"] == "nl-BE"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
