"""The Wagtail admin search with a very long query: results and a Dutch note, never a 500."""

from html import unescape

from django.contrib.auth import get_user_model
from django.test import TestCase

from tests import pages

ADMIN_LISTINGS = [
    "/admin/pages/search/",
    "/admin/images/",
    "/admin/images/results/",
    "/admin/documents/",
    "/admin/users/",
    "/admin/choose-page/search/",
    "/django-admin/auth/user/",
]
LONG_QUERIES = {
    "300 quoted words": " ".join(f'"woord{i}"' for i in range(300)),
    "600 words": "s " * 600,
}


class LongAdminSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = pages.sections()
        pages.document("Gids sexting")
        cls.user = get_user_model().objects.create_superuser(
            "redactie", "redactie@example.org", "wachtwoord-123"
        )

    def setUp(self):
        self.client.force_login(self.user)

    def test_long_queries_answer(self):
        for url in ADMIN_LISTINGS:
            for name, query in LONG_QUERIES.items():
                with self.subTest(url=url, query=name):
                    response = self.client.get(url, {"q": query})
                    self.assertEqual(response.status_code, 200)

    def test_the_editor_is_told_the_query_was_shortened(self):
        response = self.client.get("/admin/documents/", {"q": LONG_QUERIES["600 words"]})
        self.assertIn("we zochten op de eerste 30 woorden", unescape(response.content.decode()))

    def test_a_normal_query_finds_its_page(self):
        response = self.client.get("/admin/pages/search/", {"q": "Toolkits"})
        self.assertIn("Toolkits", response.content.decode())
