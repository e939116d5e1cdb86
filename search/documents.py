"""Shared helpers for building search entries (`IndexDocument`), the same for every engine.

The entries themselves are declared by the apps that own the content, in their
`search_documents.py` (see search.registry). What is searchable: live, public pages of a
registered type; every document offered as a download by a live toolkit; glossary terms while
the glossary page is live; the help-finder's helplines, routes and reporting guides. Drafts,
unpublished and private pages never become an entry.
"""

from __future__ import annotations

from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from taxonomy.facets import SCHOOL_CELL_FACETS, TAXONOMY_FACETS, cell_value

MAX_BODY_CHARS = 50_000  # enough for any real page; caps what one entry can cost


def page_key(page_id: int) -> str:
    return f"page:{page_id}"


def text(value) -> str:
    """Plain text of a value (rich text and HTML stripped, whitespace collapsed). Paragraphs and
    list items keep a space between them: "<li>pestbeleid</li><li>toezicht</li>" is two words."""
    return " ".join(get_text_for_indexing(str(value or "")).split())


def searchable_text(obj, exclude=("title", "summary")) -> str:
    """Text of an object's Wagtail `SearchField`s (StreamFields and rich text flattened)."""
    parts = []
    for search_field in obj.search_fields:
        if not isinstance(search_field, index.SearchField) or search_field.field_name in exclude:
            continue
        try:
            model_field = obj._meta.get_field(search_field.field_name)
        except Exception:  # noqa: BLE001 - a search field may be a method
            model_field = None
        value = getattr(obj, search_field.field_name, "")
        if callable(value):
            value = value()
        if model_field is not None and hasattr(model_field, "get_searchable_content"):
            parts.extend(text(v) for v in model_field.get_searchable_content(value))
        else:
            parts.append(text(value))
    return " ".join(p for p in parts if p)


def taxonomy_facets(page) -> dict[str, list[str]]:
    """The facet values of a page with the taxonomy fields (core.models.TaxonomyMixin)."""
    facets: dict[str, list[str]] = {}
    for facet in TAXONOMY_FACETS:
        facets[facet.param] = sorted(getattr(page, facet.field).values_list("slug", flat=True))
    cells = list(page.school_cells.values_list("strategy__slug", "level__slug"))
    strategy, level, cell = SCHOOL_CELL_FACETS
    facets[strategy] = sorted({s for s, _ in cells})
    facets[level] = sorted({lvl for _, lvl in cells})
    facets[cell] = sorted(cell_value(s, lvl) for s, lvl in cells)
    return facets


def finish(facets: dict, kind: str, date, language: str) -> dict[str, list[str]]:
    """Empty facets left out; the type, origin, language and year facets every entry has."""
    from search.registry import origin_of  # lazy: the registry imports this module (a cycle)

    facets = {name: values for name, values in facets.items() if values}
    facets["type"] = [kind]
    facets["herkomst"] = [origin_of(kind)]
    facets["taal"] = [language]
    if date:
        facets["jaar"] = [str(date.year)]
    return facets


def block_values(value) -> list:
    if hasattr(value, "values"):
        return list(value.values())
    return [value]
