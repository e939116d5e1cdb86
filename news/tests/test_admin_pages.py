"""News items and events: created by an editor in the admin, published, and shown to a visitor with
their own fields (`tests.pages.AdminPageTestCase`)."""

from wagtail.test.utils.form_data import rich_text, streamfield

from news.models import EventPage, NewsPage
from tests import pages


class NewsAndEventPagesTests(pages.AdminPageTestCase):
    def test_news_page(self):
        page = self.create(
            self.tree.news,
            NewsPage,
            title="Week tegen pesten 2025",
            summary="Doe mee met de Vlaamse week tegen pesten.",
            date="2025-02-21",
            body=streamfield(
                [("paragraph", rich_text("<p>Scholen en clubs organiseren acties.</p>"))]
            ),
        )
        self.visit(page, "Week tegen pesten 2025", "Scholen en clubs organiseren acties.", "2025")

    def test_event_page(self):
        page = self.create(
            self.tree.events,
            EventPage,
            title="Vorming: pesten op de werkvloer",
            summary="Voor vertrouwenspersonen.",
            kind="opleiding",
            start="2030-10-02 09:30",
            end="2030-10-02 16:00",
            location="Vergaderzaal De Brug, Leuven",
            organiser="Kenniscentrum (voorbeeld)",
            price="gratis",
            body=streamfield([]),
        )
        self.assertEqual(page.start.year, 2030)
        self.visit(
            page,
            "Vorming: pesten op de werkvloer",
            "Vergaderzaal De Brug, Leuven",
            "gratis",
            "2030",
        )
