"""Every index page (a cross-app check: each lists its own children): created by an editor in the
admin, published, and shown to a visitor with their own fields (`tests.pages.AdminPageTestCase`)."""

from news.models import EventIndexPage, NewsIndexPage
from practices.models import PracticeIndexPage
from research.models import ResearchIndexPage
from tests import pages
from toolkits.models import ToolkitIndexPage


class IndexPagesTests(pages.AdminPageTestCase):
    def test_index_pages(self):
        """Each index page lists its published children."""
        # The section pages exist already (max one each); remove them to create them in the admin.
        for model in (
            ToolkitIndexPage,
            ResearchIndexPage,
            PracticeIndexPage,
            NewsIndexPage,
            EventIndexPage,
        ):
            model.objects.all().delete()
        cases = [
            (ToolkitIndexPage, "Alle toolkits", "Voor elke doelgroep een toolkit."),
            (ResearchIndexPage, "Alle onderzoek", "Wat weten we over pesten?"),
            (PracticeIndexPage, "Goede praktijken", "Wat werkt tegen pesten?"),
            (NewsIndexPage, "Alle nieuws", "Het laatste nieuws."),
            (EventIndexPage, "Vorming", "Opleidingen, studiedagen en campagnes."),
        ]
        child_of = {
            ToolkitIndexPage: lambda p: pages.toolkit(p, "Toolkit voor de klas"),
            ResearchIndexPage: lambda p: pages.research(p, "Digimeter 2019"),
            PracticeIndexPage: lambda p: pages.practice(p, "KiVa-programma"),
            NewsIndexPage: lambda p: pages.news_item(p, "Week tegen pesten"),
            EventIndexPage: lambda p: pages.event(p, "Studiedag pesten op het werk"),
        }
        for model, title, intro in cases:
            with self.subTest(model=model.__name__):
                self.client.force_login(self.editor)
                page = self.create(self.tree.home, model, title=title, intro=intro)
                child = child_of[model](page)
                self.visit(page, title, intro, child.title)
