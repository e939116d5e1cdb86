"""A plain content page: created by an editor in the admin, published, and shown to a visitor with
their own fields (`tests.pages.AdminPageTestCase`)."""

from wagtail.test.utils.form_data import rich_text, streamfield

from core.models import ContentPage
from tests import pages


class ContentPagesTests(pages.AdminPageTestCase):
    def test_content_page(self):
        page = self.create(
            self.tree.home,
            ContentPage,
            title="Toegankelijkheidsverklaring",
            summary="Hoe toegankelijk deze site is.",
            body=streamfield(
                [
                    ("heading", {"text": "Wat werkt nog niet", "level": "h2"}),
                    ("paragraph", rich_text("<p>Sommige oude PDF-bestanden zijn niet getagd.</p>")),
                ]
            ),
        )
        self.visit(page, "<h1", "Toegankelijkheidsverklaring", "Wat werkt nog niet", "niet getagd")
