"""The one table of facets: URL parameter -> index field, label and where its values come from.

The URL parameter *is* the facet's name in every engine's index, so a link such as
`/zoeken/?thema=sexting&leeftijd=secundair` means the same thing everywhere. Values are the
stable slugs of the taxonomy (or of the evidence scale, content types and languages).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.models import LANGUAGE_CHOICES
from practices.models import EvidenceLevel
from taxonomy import models as taxonomy

# Content types: (facet value, label, plural label).
CONTENT_TYPES = [
    ("toolkit", "Toolkit", "Toolkits"),
    ("document", "Download", "Downloads"),
    ("praktijk", "Goede praktijk", "Goede praktijken"),
    ("onderzoek", "Onderzoek", "Onderzoek"),
    ("begrip", "Begrip", "Woordenlijst"),
    ("nieuws", "Nieuws", "Nieuws"),
    ("vorming", "Vorming of campagne", "Vorming en campagnes"),
    ("hulplijn", "Hulplijn", "Hulplijnen"),
    ("hulproute", "Hulp: wat kan je doen", "Hulp: wat kan je doen"),
    ("meldgids", "Melden op een platform", "Melden op een platform"),
    ("doelgroep", "Voor wie", "Voor wie"),
    ("pagina", "Pagina", "Pagina's"),
]
TYPE_LABELS = {value: label for value, label, _ in CONTENT_TYPES}


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
            return [(value, plural) for value, _, plural in CONTENT_TYPES]
        if self.source == "evidence":
            return list(EvidenceLevel.choices)
        if self.source == "language":
            return list(LANGUAGE_CHOICES)
        if self.source == "year":
            return [(y, y) for y in sorted(index_values or [], reverse=True)]
        if self.source == "cell":
            cells = taxonomy.WholeSchoolCell.objects.select_related("strategy", "level")
            return [(cell_value(c.strategy.slug, c.level.slug), str(c)) for c in cells]
        model = getattr(taxonomy, self.source)
        return list(model.objects.values_list("slug", "name"))


def cell_value(strategy_slug: str, level_slug: str) -> str:
    """The facet value of one whole-school cell, e.g. "educatie.klas"."""
    return f"{strategy_slug}.{level_slug}"


FACETS = [
    Facet("type", "Soort inhoud", "type"),
    Facet("doelgroep", "Doelgroep", "Audience"),
    Facet("thema", "Thema", "Topic"),
    Facet("aanpak", "Aanpak", "Approach"),
    Facet("leeftijd", "Leeftijd", "AgeGroup"),
    Facet("omgeving", "Omgeving", "Setting"),
    Facet("bewijs", "Bewijskracht", "evidence", help_text="Alleen voor goede praktijken."),
    Facet("strategie", "Brede schoolaanpak: strategie", "SchoolStrategy"),
    Facet("niveau", "Brede schoolaanpak: niveau", "SchoolLevel"),
    # One cell of the 4x4 matrix (strategy AND level on the same cell); linked from the school
    # page's grid, shown as a filter chip when active.
    Facet("cel", "Brede schoolaanpak: cel", "cell", show_in_sidebar=False),
    Facet("jaar", "Jaar", "year"),
    Facet("taal", "Taal", "language"),
]
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}
FACET_PARAMS = tuple(FACETS_BY_PARAM)

# TaxonomyMixin field -> facet
TAXONOMY_FIELDS = {
    "audiences": "doelgroep",
    "topics": "thema",
    "approaches": "aanpak",
    "age_groups": "leeftijd",
    "settings": "omgeving",
}
