"""The glossary page and its terms: created by an editor in the admin, published, and shown to a
visitor with their own fields (`tests.pages.AdminPageTestCase`)."""

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text

from glossary.models import GlossaryPage, GlossaryTerm
from tests import pages


class GlossaryPagesTests(pages.AdminPageTestCase):
    def test_glossary_page_and_term_from_the_snippet_admin(self):
        GlossaryPage.objects.all().delete()
        page = self.create(
            self.tree.home, GlossaryPage, title="Woordenlijst", intro="Moeilijke woorden uitgelegd."
        )
        response = self.client.post(
            reverse("wagtailsnippets_glossary_glossaryterm:add"),
            nested_form_data(
                {
                    "term": "Happy slapping",
                    "slug": "happy-slapping",
                    "definition": rich_text(
                        "<p>Iemand aanvallen en dat filmen om te verspreiden.</p>"
                    ),
                    "also_known_as": "filmen van geweld",
                }
            ),
        )
        self.assertEqual(response.status_code, 302, "the snippet admin did not accept the term")
        term = GlossaryTerm.objects.get(slug="happy-slapping")
        self.visit(page, "Woordenlijst", "Moeilijke woorden uitgelegd.", "Happy slapping")
        self.visit(page, "Happy slapping", "Iemand aanvallen en dat filmen", path=f"{term.slug}/")
