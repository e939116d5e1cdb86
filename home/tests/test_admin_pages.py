"""The home page and the audience landing pages: created by an editor in the admin, published, and
shown to a visitor with their own fields (`tests.pages.AdminPageTestCase`)."""

from django.core.cache import cache
from django.urls import reverse

from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from home.models import AudiencePage, HomePage
from taxonomy.models import Audience
from tests import pages
from toolkits.models import ToolkitIndexPage


class HomeAndAudiencePagesTests(pages.AdminPageTestCase):
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
