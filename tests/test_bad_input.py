"""Unknown addresses and malformed query parameters get the Dutch 404 page or the normal page,
never a server error. A visitor who mistypes a URL or follows a mangled link is helped on."""

from html import unescape

from django.core.cache import cache
from django.test import TestCase

from tests import pages

NOT_FOUND = "Deze pagina bestaat niet"

UNKNOWN_URLS = [
    "/bestaat-niet/",
    "/toolkits/bestaat-niet/",
    "/onderzoek/2014/",
    "/goede-praktijken/x/y/z/",
    "/woordenlijst/onbekend-begrip/",
    "/documenten/999999/gids.pdf",
    "/p%C3%A9sten/",
    "/%00/",
    "/" + "a" * 3000 + "/",
    "/toolkits/<script>alert(1)</script>/",
]

BAD_PAGE_PARAMETERS = [
    {"page": "abc"},
    {"page": "0"},
    {"page": "-1"},
    {"page": "999999"},
    {"page": "9" * 5000},
    {"page": "1.5"},
    {"page": ""},
    {"page": "%00"},
    {"page": "\x00"},
    {"page": ["1", "2"]},
    {"page[]": "2"},
    {"page": "<script>alert(1)</script>"},
    {"onbekend": "x" * 5000},
    {"utm_source": "nieuwsbrief", "fbclid": "abc"},
]

LISTINGS = [
    ("toolkits", "Toolkit sexting secundair"),
    ("research", "EU Kids Online 2014"),
    ("practices", "No Blame-aanpak"),
    ("news", "Week tegen pesten"),
    ("events", "Studiedag pesten op het werk"),
    ("glossary", "Sexting"),
]


class BadInputTests(TestCase):
    """One small site for all tests: every listing has one child."""

    @classmethod
    def setUpTestData(cls):
        cls.site = pages.sections()
        pages.toolkit(cls.site.toolkits, "Toolkit sexting secundair")
        pages.research(cls.site.research, "EU Kids Online 2014")
        pages.practice(cls.site.practices, "No Blame-aanpak")
        pages.news_item(cls.site.news, "Week tegen pesten")
        pages.event(cls.site.events, "Studiedag pesten op het werk")
        pages.glossary_term("Sexting")

    def setUp(self):
        cache.clear()
        self.addCleanup(cache.clear)

    def test_unknown_url_gets_the_dutch_404(self):
        for url in UNKNOWN_URLS:
            with self.subTest(url=url[:60]):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                body = response.content.decode()
                self.assertIn(NOT_FOUND, body)
                self.assertIn('lang="nl-BE"', body)
                self.assertNotIn("<script>alert(1)</script>", body)

    def test_listing_with_bad_parameters_shows_the_listing(self):
        for section, child in LISTINGS:
            index = getattr(self.site, section)
            url = index.get_url()
            for params in BAD_PAGE_PARAMETERS:
                with self.subTest(url=url, params=str(params)[:60]):
                    response = self.client.get(url, params)
                    self.assertEqual(response.status_code, 200)
                    body = unescape(response.content.decode())
                    self.assertIn(index.title, body)
                    self.assertIn(child, body, "the listing lost its content")
                    self.assertNotIn("<script>alert", body)

    def test_page_number_too_high_shows_the_last_page_and_says_so(self):
        for i in range(30):
            pages.toolkit(self.site.toolkits, f"Toolkit {i:02}")
        response = self.client.get(self.site.toolkits.get_url(), {"page": "999999"})
        self.assertEqual(response.status_code, 200)
        body = unescape(response.content.decode())
        self.assertIn("Er zijn maar 3 pagina's", body)
        self.assertIn("pagina 3 van 3", body)

    def test_page_number_not_a_number_shows_the_first_page_and_says_so(self):
        response = self.client.get(self.site.toolkits.get_url(), {"page": "abc"})
        self.assertIn("Dat paginanummer bestaat niet", unescape(response.content.decode()))

    def test_other_methods_on_a_page_do_not_fail(self):
        url = self.site.toolkits.get_url()
        for method in ("post", "put", "delete", "options"):
            with self.subTest(method=method):
                response = getattr(self.client, method)(url)
                self.assertLess(response.status_code, 500)
        self.assertEqual(self.client.head(url).status_code, 200)
