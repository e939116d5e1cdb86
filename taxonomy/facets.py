"""The facet vocabulary, written once: which taxonomy field of a page is which facet.

`search` (facets, index entries), `core` (the taxonomy shown on a page, with links to the search)
and the demo loader all read this table. A new taxonomy facet is one row here, its model in
`taxonomy.models` and its field on `core.models.TaxonomyMixin`.
"""

from __future__ import annotations

from dataclasses import dataclass

from taxonomy import models as taxonomy


@dataclass(frozen=True)
class TaxonomyFacet:
    field: str  # many-to-many field of core.models.TaxonomyMixin
    param: str  # URL parameter and index field of the search
    label: str  # heading of the filter and of the page's taxonomy block
    model: type[taxonomy.TaxonomyTerm]


TAXONOMY_FACETS = [
    TaxonomyFacet("audiences", "doelgroep", "Doelgroep", taxonomy.Audience),
    TaxonomyFacet("topics", "thema", "Thema", taxonomy.Topic),
    TaxonomyFacet("approaches", "aanpak", "Aanpak", taxonomy.Approach),
    TaxonomyFacet("age_groups", "leeftijd", "Leeftijd", taxonomy.AgeGroup),
    TaxonomyFacet("settings", "omgeving", "Omgeving", taxonomy.Setting),
]
TAXONOMY_FACETS_BY_FIELD = {facet.field: facet for facet in TAXONOMY_FACETS}

# The whole-school matrix (field `school_cells`) gives three facets: strategy, level and the cell.
SCHOOL_CELL_FACETS = ("strategie", "niveau", "cel")


def cell_value(strategy_slug: str, level_slug: str) -> str:
    """The facet value of one whole-school cell, e.g. "educatie.klas"."""
    return f"{strategy_slug}.{level_slug}"
