"""Every page type is created by an editor in the admin, published, and shows its own fields.

Each test posts the admin's "add page" form the way a browser would (Wagtail's
`assertCanCreate` with `nested_form_data`), publishes, logs out and reads the public page as a
visitor. The page tree under the home page comes from `tests.pages`.
"""

from django.core.cache import cache
from django.urls import reverse
from django.utils.text import slugify

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.models import ContentPage
from glossary.models import GlossaryPage, GlossaryTerm
from home.models import AudiencePage, HomePage
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from practices.models import PracticeIndexPage, PracticePage
from research.models import ResearchIndexPage, ResearchPage
from taxonomy.models import Audience, Topic
from tests import pages
from tests.pages import page_form
from toolkits.models import ToolkitIndexPage, ToolkitPage


class AdminCreatesPagesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = cls.create_superuser("redacteur", password="geheim-wachtwoord")
        cls.tree = pages.sections()

    def setUp(self):
        cache.clear()
        self.client.force_login(self.editor)

    def create(self, parent, model, **fields):
        """Create and publish through the admin; return the live page, seen as a visitor."""
        self.assertCanCreate(parent, model, page_form(model, **fields))
        page = model.objects.get(slug=fields.get("slug") or slugify(fields["title"]))
        self.assertTrue(page.live, f"{model.__name__} is not published")
        return page

    def visit(self, page, *texts, path=""):
        """Read the page as an anonymous visitor and check that each text is on it."""
        self.client.logout()
        response = self.client.get(page.get_url() + path)
        self.assertEqual(
            response.status_code, 200, f"{page.get_url()}{path} answered {response.status_code}"
        )
        for text in texts:
            self.assertContains(
                response, text, msg_prefix=f"{type(page).__name__} at {page.get_url()}{path}"
            )
        return response

    # -- section and plain pages -------------------------------------------------------------

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

    def test_audience_page(self):
        aud = Audience.objects.get(slug="jeugdwerk-sport-cultuur")
        page = self.create(
            self.tree.home,
            AudiencePage,
            title="Jeugdwerk, sport en cultuur",
            audience=aud.pk,
            intro="Trainers, animatoren en vrijwilligers vinden hier hun toolkits.",
            body=streamfield(
                [
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "Een gedragscode",
                            "text": rich_text("<p>Maak afspraken.</p>"),
                        },
                    )
                ]
            ),
        )
        self.assertEqual(page.audience, aud)
        self.visit(
            page,
            "Jeugdwerk, sport en cultuur",
            "Trainers, animatoren en vrijwilligers",
            "Een gedragscode",
        )

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

    # -- toolkits -------------------------------------------------------------------------------

    def test_toolkit_page(self):
        guide = pages.document("Gids sexting voor scholen", size=250 * 1024)
        lesson = pages.document("Lesfiche sexting", size=40 * 1024)
        practice = pages.practice(self.tree.practices, "Sexting-protocol")
        study = pages.research(self.tree.research, "Cyber-Shoc 2016")
        page = self.create(
            self.tree.toolkits,
            ToolkitPage,
            title="Sexting in het secundair onderwijs",
            summary="Een stappenplan voor scholen.",
            intro="Voor directies en leerlingbegeleiders.",
            downloads=inline_formset([{"document": guide.pk}, {"document": lesson.pk}]),
            modules=streamfield(
                [
                    (
                        "step",
                        {
                            "title": "Breng de situatie in kaart",
                            "body": rich_text("<p>Gebruik de checklist.</p>"),
                            "duration": "1 uur",
                        },
                    ),
                ]
            ),
            body=streamfield([]),
            related_practices=inline_formset([{"page": practice.pk}]),
            related_research=inline_formset([{"page": study.pk}]),
        )
        self.assertEqual([d.document for d in page.downloads.all()], [guide, lesson])
        self.visit(
            page,
            "Sexting in het secundair onderwijs",
            "Voor directies en leerlingbegeleiders.",
            "Breng de situatie in kaart",
            "Gids sexting voor scholen",
            "PDF",
            guide.size_label,
            lesson.size_label,
            "Sexting-protocol",
            "Cyber-Shoc 2016",
        )

    def test_toolkit_page_with_taxonomy(self):
        """The facets an editor ticks in the 'Promote' tab are stored on the page."""
        data = page_form(ToolkitPage, title="Toolkit voor clubs", summary="Voor trainers.")
        data["audiences"] = [Audience.objects.get(slug="jeugdwerk-sport-cultuur").pk]
        data["topics"] = [t.pk for t in Topic.objects.filter(slug__in=["pesten", "cyberpesten"])]
        self.assertCanCreate(self.tree.toolkits, ToolkitPage, data)
        page = ToolkitPage.objects.get(slug="toolkit-voor-clubs")
        self.assertEqual({t.slug for t in page.topics.all()}, {"pesten", "cyberpesten"})
        self.assertEqual([a.slug for a in page.audiences.all()], ["jeugdwerk-sport-cultuur"])

    # -- research and practices ---------------------------------------------------------------

    def test_research_page_with_key_figures(self):
        page = self.create(
            self.tree.research,
            ResearchPage,
            title="Cyberpesten bij 9- tot 16-jarigen",
            summary="EU Kids Online in België.",
            authors="Vandoninck, S.; d'Haenens, L.",
            year="2014",
            publication_type="rapport",
            publisher="KU Leuven",
            doi="10.1000/voorbeeld.2014",
            region="belgie",
            method="survey",
            sample_size="1000",
            population="kinderen van 9 tot 16 jaar",
            language="nl",
            key_findings=rich_text("<p>Een op tien kinderen werd online gepest.</p>"),
            key_figures=inline_formset(
                [
                    {
                        "label": "Slachtoffers van cyberpesten, afgelopen zes maanden",
                        "value": "11.1",
                        "unit": "%",
                        "year": "2012",
                    },
                    {
                        "label": "Deelnemende kinderen",
                        "value": "1000",
                        "unit": "kinderen",
                        "year": "2014",
                    },
                ]
            ),
            implications=rich_text("<p>Praat met kinderen over wat online gebeurt.</p>"),
        )
        self.assertEqual(page.key_figures.count(), 2)
        self.visit(
            page,
            "Cyberpesten bij 9- tot 16-jarigen",
            "Vandoninck, S.",
            "2014",
            "KU Leuven",
            "Een op tien kinderen werd online gepest.",
            "Praat met kinderen",
            "Slachtoffers van cyberpesten, afgelopen zes maanden",
            "11,1%",
            "kinderen van 9 tot 16 jaar",
        )

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

    # -- glossary ---------------------------------------------------------------------------------

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

    # -- news and events --------------------------------------------------------------------------

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

    # -- the home page ----------------------------------------------------------------------------

    def test_home_page(self):
        """A fresh home page is created under the root, becomes the site's root and shows its
        sections; a second home page cannot be added."""
        root = Page.get_first_root_node()
        old_home = self.tree.home
        # Wagtail caches the site's root paths; the rollback after this test does not clear it.
        self.addCleanup(cache.clear)
        Site.objects.all().delete()
        old_home.delete()
        home = self.create(
            root,
            HomePage,
            title="Kenniscentrum (cyber)pesten",
            slug="start",
            summary="Alles over pesten.",
            intro="Kennis, goede praktijken en toolkits tegen pesten.",
            featured=inline_formset([]),
            body=streamfield([("paragraph", rich_text("<p>Welkom bij het kenniscentrum.</p>"))]),
        )
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Kenniscentrum",
        )
        pages.publish(home, ToolkitIndexPage(title="Toolkits voor iedereen", slug="toolkits"))
        self.visit(
            home, "Kennis, goede praktijken en toolkits tegen pesten.", "Toolkits voor iedereen"
        )

        self.assertFalse(HomePage.can_create_at(root), "a second home page can be created")
        self.client.force_login(self.editor)
        response = self.client.get(
            reverse("wagtailadmin_pages:add", args=["home", "homepage", root.pk])
        )
        self.assertNotEqual(
            response.status_code, 200, "the admin offers a form for a second home page"
        )
