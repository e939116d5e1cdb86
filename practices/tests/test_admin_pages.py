"""Practices: created by an editor in the admin, published, and shown to a visitor with their own
fields (`tests.pages.AdminPageTestCase`)."""

from wagtail.test.utils.form_data import inline_formset, rich_text

from practices.models import PracticePage
from tests import pages


class PracticePagesTests(pages.AdminPageTestCase):
    def test_practice_page(self):
        study = pages.research(self.tree.research, "KiVa in Finland")
        page = self.create(
            self.tree.practices,
            PracticePage,
            title="KiVa-programma",
            summary="Een schoolbreed programma.",
            description=rich_text("<p>Lessen, een online spel en een aanpak per incident.</p>"),
            strategy=rich_text("<p>Omstanders leren het slachtoffer steunen.</p>"),
            provider="Universiteit van Turku",
            contact="info@example.org",
            cost="Licentie per school",
            duration="Tien lessen per schooljaar",
            materials=rich_text("<p>Handleiding en lesmappen.</p>"),
            evidence_level="sterke-aanwijzingen",
            evidence_justification=rich_text("<p>Gecontroleerde studies in Finland.</p>"),
            research_links=inline_formset([{"research": study.pk}]),
        )
        self.assertEqual(page.research_links.get().research, study)
        self.visit(
            page,
            "KiVa-programma",
            "Lessen, een online spel",
            "Universiteit van Turku",
            "Tien lessen per schooljaar",
            "Sterke aanwijzingen voor effect",
            "Gecontroleerde studies in Finland.",
            "KiVa in Finland",
        )
