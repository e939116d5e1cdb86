"""Links to the search page, the help-finder and the page on the evidence scale are resolved by
name (URL names, the site settings), never written out: move one and every link follows.

Before this, about 36 links said "/zoeken/", "/hulp/" or "/bewijskracht/" literally; a renamed
page or route left them pointing at a 404 without any test noticing."""

import re

import pytest

from django.test import override_settings

from core.models import ContentPage, SiteSettings
from tests import pages

pytestmark = pytest.mark.django_db
# A path (or the path of an absolute URL) that starts at one of the old places; "/elders/zoeken/"
# and "/elders/api/zoeken/" are the new ones.
OLD_ADDRESS = re.compile(r"(?:^|[^\w/.-]|//[\w.:-]+)(/(?:api/)?(?:zoeken|hulp|melden|open-data)/)", re.M)


@pytest.fixture
def site():
    tree = pages.sections()
    resources = pages.resource_index(tree.home)
    study = pages.research(tree.research)
    return {
        "tree": tree,
        "home": tree.home,
        "audience": pages.audience_page(tree.home),
        "practice": pages.practice(tree.practices, research_pages=[study]),
        "practices": tree.practices,
        "resource": pages.resource(resources, audiences=[pages.audience()]),
        "toolkit": pages.toolkit(tree.toolkits, audiences=[pages.audience()]),
        "term": pages.glossary_term("Sexting"),
        "glossary": tree.glossary,
    }


def urls_of(site):
    return [
        site["home"].url,
        site["audience"].url,
        site["practice"].url,
        site["practices"].url,
        site["resource"].url,
        site["toolkit"].url,
        site["glossary"].url + "sexting/",
        "/bestaat-niet/",
    ]


@override_settings(ROOT_URLCONF="tests.moved_urls")
def test_moving_the_search_and_the_help_finder_moves_every_link(client, site):
    for url in urls_of(site) + ["/elders/zoeken/?q=zzzqqq", "/elders/robots.txt"]:
        html = client.get(url).content.decode()
        assert "/elders/zoeken/" in html, f"{url} has no link to the moved search page"
        assert not OLD_ADDRESS.findall(html), f"{url} still links to {OLD_ADDRESS.findall(html)}"
    home = client.get(site["home"].url).content.decode()
    assert 'href="/elders/hulp/"' in home


def evidence_links(client, url):
    html = client.get(url).content.decode()
    return re.findall(r'href="([^"]+)">Hoe beoordelen we de bewijskracht\?', html)


def test_the_evidence_scale_link_follows_its_page_when_renamed_or_moved(client, site):
    tree = site["tree"]
    explained = pages.publish(tree.home, ContentPage(title="Hoe we bewijskracht beoordelen", slug="bewijskracht"))
    settings = SiteSettings.for_site(tree.home.get_site())
    settings.evidence_page = explained
    settings.save()
    where = [site["practice"].url, site["practices"].url, site["resource"].url]
    for url in where:
        assert evidence_links(client, url) == ["/bewijskracht/"], url

    explained.slug = "schaal-van-bewijs"
    explained.save_revision().publish()
    explained.move(tree.about, pos="last-child")
    for url in where:
        assert evidence_links(client, url) == ["/over-ons/schaal-van-bewijs/"], url


def test_without_an_evidence_page_there_is_no_dead_link(client, site):
    for url in [site["practice"].url, site["practices"].url, site["resource"].url]:
        response = client.get(url)
        assert response.status_code == 200
        assert "Hoe beoordelen we de bewijskracht" not in response.content.decode(), url
