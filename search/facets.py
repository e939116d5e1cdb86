"""The one table of facets: URL parameter -> index field, label and where its values come from.

The URL parameter *is* the facet's name in every engine's index, so a link such as
`/zoeken/?thema=sexting&leeftijd=secundair` means the same thing everywhere. Values are the
stable slugs of the taxonomy (or of the evidence scale, content types and languages). The
taxonomy facets come from `taxonomy.facets`, the content types from the search registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from core import pagecache
from core.models import LANGUAGE_CHOICES
from search import registry
from taxonomy import models as taxonomy
from taxonomy.evidence import EvidenceLevel
from taxonomy.facets import SCHOOL_CELL_FACETS, TAXONOMY_FACETS, cell_value


@dataclass(frozen=True)
class Facet:
    param: str  # URL parameter and index field
    label: str
    source: str  # where the values come from: taxonomy model name, or a fixed list
    show_in_sidebar: bool = True
    help_text: str = ""

    def choices(self, index_values: list[str] | None = None) -> list[tuple[str, str]]:
        """Every value of the facet in display order, as (value, label)."""
        if self.source == "type":
            return [(value, plural) for value, _, plural in registry.content_types()]
        if self.source == "origin":
            return list(ORIGIN_CHOICES)
        if self.source == "evidence":
            return list(EvidenceLevel.choices)
        if self.source == "language":
            return list(LANGUAGE_CHOICES)
        if self.source == "year":
            return [(y, y) for y in sorted(index_values or [], reverse=True)]
        return list(pagecache.fragment("facet_terms", _taxonomy_choices)[self.source])


def _taxonomy_choices() -> dict[str, list[tuple[str, str]]]:
    """(value, label) of every taxonomy facet, by source: each table read once, then kept in
    the pages cache until the next content change (a taxonomy edit is one)."""
    cells = taxonomy.WholeSchoolCell.objects.select_related("strategy", "level")
    choices = {"cell": [(cell_value(c.strategy.slug, c.level.slug), str(c)) for c in cells]}
    for facet in FACETS:
        model = getattr(taxonomy, facet.source, None)
        if isinstance(model, type):
            choices[facet.source] = list(model.objects.values_list("slug", "name"))
    return choices


# Made by the centre itself, or someone else's material described here (search.registry: origin).
ORIGIN_CHOICES = [("eigen", "Eigen materiaal"), ("extern", "Extern materiaal")]

_STRATEGY, _LEVEL, _CELL = SCHOOL_CELL_FACETS
FACETS = [
    Facet("type", "Soort inhoud", "type"),
    Facet("herkomst", "Eigen materiaal of extern", "origin"),
    *(Facet(f.param, f.label, f.model.__name__) for f in TAXONOMY_FACETS),
    Facet("bewijs", "Bewijskracht", "evidence", help_text="Alleen voor goede praktijken."),
    Facet(_STRATEGY, "Brede schoolaanpak: strategie", "SchoolStrategy"),
    Facet(_LEVEL, "Brede schoolaanpak: niveau", "SchoolLevel"),
    # One cell of the 4x4 matrix (strategy AND level on the same cell); linked from the school
    # page's grid, shown as a filter chip when active.
    Facet(_CELL, "Brede schoolaanpak: cel", "cell", show_in_sidebar=False),
    Facet("jaar", "Jaar", "year"),
    Facet("taal", "Taal", "language"),
]
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}
FACET_PARAMS = tuple(FACETS_BY_PARAM)


def type_label(value: str) -> str:
    """The singular label of a content type facet value ("toolkit" -> "Toolkit")."""
    return registry.type_label(value)
