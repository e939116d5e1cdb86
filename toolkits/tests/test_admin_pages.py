"""Toolkits: created by an editor in the admin, published, and shown to a visitor with their own
fields (`tests.pages.AdminPageTestCase`)."""

from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from taxonomy.models import Audience, Topic
from tests import pages
from tests.pages import page_form
from toolkits.models import ToolkitPage


class ToolkitPagesTests(pages.AdminPageTestCase):
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
