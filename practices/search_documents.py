"""Search entries of practices, with their evidence level as the `bewijs` facet."""

from __future__ import annotations

from practices.models import PracticePage
from search.comparison import plain, taxonomy_rows
from search.documents import text
from search.registry import PageSource, register


@register
class PracticeSource(PageSource):
    model = PracticePage
    type, label, plural, order = "praktijk", "Goede praktijk", "Goede praktijken", 30
    plan_heading, plan_comparable, plan_listable = "Goede praktijken", True, True
    in_school_grid = True
    on_audience_pages = True

    def body(self, page) -> str:
        return " ".join([super().body(page), text(page.materials), text(page.evidence_justification)])

    def facets(self, page) -> dict[str, list[str]]:
        return super().facets(page) | {"bewijs": [page.evidence_level]}

    def display_extra(self, page) -> dict:
        return {"evidence_label": page.get_evidence_level_display()}

    def plan_evidence(self, page) -> tuple[str, str]:
        return page.evidence_level, page.get_evidence_level_display()

    def plan_rows(self, page) -> list[tuple[str, str]]:
        return [
            ("Bewijskracht", page.get_evidence_level_display()),
            ("Onderbouwing", plain(page.evidence_justification)),
            *taxonomy_rows(page),
            ("Kostprijs", page.cost),
            ("Duur", page.duration),
            ("Materiaal", plain(page.materials)),
            ("Taal", "Nederlands"),  # practices are described in Dutch; they have no language field
            ("Aanbieder", page.provider),
        ]
