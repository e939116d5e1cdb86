"""Search entries of external material: type "extern", origin "extern" (the "Eigen materiaal /
Extern" facet), counted in the school page's whole-school grid."""

from __future__ import annotations

from resources.models import ResourcePage
from search.comparison import plain, taxonomy_rows
from search.documents import text
from search.registry import PageSource, register


@register
class ResourceSource(PageSource):
    model = ResourcePage
    type, label, plural, order = "extern", "Extern materiaal", "Extern materiaal", 35
    plan_heading, plan_comparable, plan_listable = "Extern materiaal", True, True
    origin = "extern"
    in_school_grid = True

    def body(self, page) -> str:
        links = " ".join(link.host for link in page.links.all())
        return " ".join(
            [super().body(page), page.owner_name, page.get_kind_display(), text(page.assessment_justification), links]
        )

    def language(self, page) -> str:
        # The language facet has one value per entry: Dutch when the material exists in Dutch.
        languages = page.languages or ["nl"]
        return "nl" if "nl" in languages else languages[0]

    def display_extra(self, page) -> dict:
        return {"owner": page.owner_name, "kind": page.get_kind_display(), "assessment": page.get_assessment_display()}

    def plan_evidence(self, page) -> tuple[str, str]:
        """The scientific board's assessment; "niet-beoordeeld" and "geen-effect" are off the
        evidence scale, so they come after every rated practice in a plan."""
        return page.assessment, page.get_assessment_display()

    def plan_rows(self, page) -> list[tuple[str, str]]:
        return [
            ("Bewijskracht", page.get_assessment_display()),
            ("Onderbouwing", plain(page.assessment_justification)),
            *taxonomy_rows(page),
            ("Kostprijs", page.get_cost_display()),
            ("Duur", ""),  # kept, "Niet opgegeven", so a table of resources alone has the same rows
            ("Materiaal", page.conditions),
            ("Taal", ", ".join(page.language_labels())),
            ("Aanbieder", page.owner_name),
        ]
