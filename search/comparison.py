"""Helpers for the comparison rows a source declares (`SearchSource.plan_rows`, shown by the
planning app's compare page): the rows every page with the taxonomy fields shares, and rich text
as plain text. Content apps build their rows from these; planning only shows them.
"""

from __future__ import annotations

from wagtail.rich_text import get_text_for_indexing

#: Which approaches count as working with which group (the "Werkt met" row).
COMPONENTS = [
    ("Slachtoffers", ("coping", "nazorg", "melden")),
    ("Omstanders", ("omstanders",)),
    ("Daders", ("daderaanpak", "herstelgericht", "no-blame", "disciplinerend")),
    ("Hele groep", ("preventie", "sensibilisering")),
]


def plain(value) -> str:
    """Rich text as the text a visitor reads: tags dropped with a space between paragraphs and
    list items (not "…(op deze site)Sjabloon"), entities read (the template escapes)."""
    return " ".join(get_text_for_indexing(str(value or "")).split())


def names(related) -> str:
    return ", ".join(str(term) for term in related.all())


def works_with(page) -> str:
    slugs = {approach.slug for approach in page.approaches.all()}
    return ", ".join(label for label, wanted in COMPONENTS if slugs & set(wanted))


def taxonomy_rows(page) -> list[tuple[str, str]]:
    """Who, what age, where, which cells of the whole-school approach and which group it works
    with (core.models.TaxonomyMixin), in the order of the compare page."""
    return [
        ("Doelgroep", names(page.audiences)),
        ("Leeftijd", names(page.age_groups)),
        ("Omgeving", names(page.settings)),
        ("Brede schoolaanpak (cellen)", names(page.school_cells)),
        ("Werkt met", works_with(page)),
    ]
