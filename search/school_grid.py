"""The whole-school matrix on the school audience page: strategies x levels, with counts and
links to the filtered searches."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from core import pagecache
from search.backends import get_backend
from search.backends.base import SearchQuery
from search.registry import origin_of, school_grid_types
from search.results_page import build_url
from taxonomy.facets import cell_value


@dataclass
class GridTerm:
    slug: str
    name: str


@dataclass
class GridCell:
    strategy: str
    level: str
    count: int  # the centre's own material (toolkits, practices)
    url: str
    strategy_slug: str = ""
    level_slug: str = ""
    extern_count: int = 0  # external material beside it
    extern_url: str = ""


def school_grid(labels: dict[str, dict[str, str]]) -> dict:
    """The whole-school matrix: per cell (strategy x level) how many of the centre's own items
    and how many external items (`in_school_grid` and `origin` in search.registry) serve it,
    from one search per origin (its `cel` facet counts), with links to those filtered searches.
    `labels`: a search page's facet labels (value -> name, in taxonomy order), so the
    strategies and levels are not read again."""
    types = school_grid_types()
    own = tuple(t for t in types if origin_of(t) != "extern")
    extern = tuple(t for t in types if origin_of(t) == "extern")

    def cell_counts(type_values):
        if not type_values:
            return {}, 0
        found = get_backend().search(SearchQuery(base_filters={"type": type_values}, per_page=1, facets=("cel",)))
        return found.facets.get("cel", {}), found.total

    counts, total = cell_counts(own)
    extern_counts, extern_total = cell_counts(extern)
    levels = [GridTerm(slug, name) for slug, name in labels["niveau"].items()]
    search_url = reverse("search:page")
    rows = []
    for strategy in (GridTerm(slug, name) for slug, name in labels["strategie"].items()):
        cells = []
        for level in levels:
            value = cell_value(strategy.slug, level.slug)
            cells.append(
                GridCell(
                    strategy.name,
                    level.name,
                    counts.get(value, 0),
                    build_url(search_url, {"filters": {"type": own, "cel": (value,)}}),
                    strategy.slug,
                    level.slug,
                    extern_counts.get(value, 0),
                    build_url(search_url, {"filters": {"type": extern, "cel": (value,)}}) if extern else "",
                )
            )
        rows.append((strategy, cells))
    return {"levels": levels, "rows": rows, "total": total, "extern_total": extern_total}


def school_grid_html(labels: dict[str, dict[str, str]], advice_url: str = "") -> SafeString:
    """The grid as HTML (search/includes/school_grid.html; empty cells link to
    `<advice_url><strategy>/<level>/` when given). The same for every visitor until the next
    content change, so it is made once per change (core.pagecache.fragment), not per request."""

    def build():
        grid = school_grid(labels)
        return render_to_string("search/includes/school_grid.html", {"grid": grid, "advice_url": advice_url})

    return mark_safe(pagecache.fragment(f"html:school_grid:{advice_url}", build))  # noqa: S308 - a template's output
