"""Research summaries: created by an editor in the admin, published, and shown to a visitor with
their own fields (`tests.pages.AdminPageTestCase`)."""

from wagtail.test.utils.form_data import inline_formset, rich_text

from research.models import ResearchPage
from tests import pages


class ResearchPagesTests(pages.AdminPageTestCase):
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
