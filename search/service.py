"""From request parameters to a results page: the one place views, the JSON API and the
pre-filtered listings (audience and index pages) go through.

The pieces live beside it: `search.results_page` (the page, its items, facet groups, chips and
URLs), `search.query` (the visitor's words to the engine's query; never a dead end),
`search.api` (the JSON form) and `search.school_grid` (the whole-school matrix). Their public
names are re-exported here, so `from search.service import ...` keeps working."""

from __future__ import annotations

import math

from django.urls import reverse

from core import pagecache
from helpfinder.crisis import help_for_query
from search.analysis import words
from search.api import api_payload
from search.backends import get_backend
from search.backends.base import SearchQuery
from search.backends.database import hit_of
from search.facets import FACETS
from search.forms import SearchForm
from search.models import PromotedResult, SearchEntry
from search.query import (
    FEW_RESULTS,
    analyse,
    corrected_query,
    dead_end_notices,
    never_a_dead_end,
    synonyms,
)
from search.results_page import (
    SIDEBAR_FACETS,
    Chip,
    FacetGroup,
    Option,
    Result,
    SearchPage,
    build_url,
    facet_groups,
    filter_chips,
    result_item,
)
from search.school_grid import GridCell, GridTerm, school_grid, school_grid_html
from search.signals import search_performed

COUNTED_FACETS = tuple(f.param for f in FACETS)

__all__ = [
    "COUNTED_FACETS",
    "FEW_RESULTS",
    "SIDEBAR_FACETS",
    "Chip",
    "FacetGroup",
    "GridCell",
    "GridTerm",
    "Option",
    "Result",
    "SearchPage",
    "analyse",
    "api_payload",
    "build_url",
    "corrected_query",
    "facet_choices",
    "run_search",
    "school_grid",
    "school_grid_html",
    "synonyms",
]


def facet_choices(year_values: list[str]) -> dict[str, list[tuple[str, str]]]:
    return {f.param: f.choices(year_values if f.source == "year" else None) for f in FACETS}


def _choices_and_labels(backend):
    """Each facet's (value, label) list and its labels by value: the same for every search until
    the next content change (the index is written with the content), so read once per change,
    not once per search. Shared between requests: never changed by a search."""

    def build():
        year_values = backend.facet_values("jaar")
        choices = facet_choices(year_values)
        return year_values, choices, {param: dict(values) for param, values in choices.items()}

    return pagecache.fragment("search_facet_choices", build)


def run_search(
    params,
    *,
    base_filters: dict[str, tuple[str, ...]] | None = None,
    base_url: str | None = None,
    default_sort: str = "relevantie",
    source: str = "page",
    per_page: int | None = None,
) -> SearchPage:
    """Validate `params` (a QueryDict or dict of lists), search, and prepare the page. Links go to
    `base_url`, the search page itself unless a listing page passes its own address."""
    base_url = base_url or reverse("search:page")
    backend = get_backend()
    base_filters = dict(base_filters or {})
    year_values, choices, labels = _choices_and_labels(backend)
    form = SearchForm(
        params,
        year_values=year_values,
        fixed=base_filters,
        default_sort=default_sort,
        choices=choices,
    )
    state = form.state()
    state["default_sort"] = default_sort
    if per_page and not (hasattr(params, "get") and params.get("per_page")):
        state["per_page"] = per_page
    notices = list(form.notices)
    state["original"] = hasattr(params, "get") and params.get("zoek") == "letterlijk"
    parsed, unknown = analyse(state["q"], backend)
    if state["q"] and parsed.is_empty:
        notices.append(
            "We vonden geen woorden in je zoekopdracht. Je ziet alle inhoud; typ een of meer "
            "woorden, bijvoorbeeld: pesten op school."
        )
    query = SearchQuery(
        query=parsed,
        filters=state["filters"],
        base_filters=base_filters,
        sort=state["sort"],
        page=state["page"],
        per_page=state["per_page"],
        facets=COUNTED_FACETS,
    )
    results = backend.search(query)
    # Analytics counts the words as typed and what they found before any help: the searches
    # without results are the editors' to-do list ("Zoekopdrachten zonder resultaat").
    typed_query, typed_total = parsed.normalised, results.total
    corrected = widened = None
    if not parsed.is_empty and results.total < FEW_RESULTS:
        corrected, widened, query, results, full = never_a_dead_end(
            state, unknown, query, results, backend
        )
        parsed = query.query
        notices.extend(dead_end_notices(state["q"], corrected, widened, results, full))
    num_pages = max(1, math.ceil(results.total / query.per_page))
    if query.page > num_pages:
        notices.append(
            f"Er zijn maar {num_pages} pagina's met resultaten. Je ziet de laatste pagina."
            if num_pages > 1
            else "Er is maar één pagina met resultaten. Je ziet die pagina."
        )
        query.page = state["page"] = num_pages
        results = backend.search(query)
    if results.degraded and not parsed.is_empty and query.sort == "relevantie":
        # The database answered for the search cluster: same results, the order may differ.
        notices.append(
            "Onze zoekmachine is even niet bereikbaar. Je ziet alle resultaten, maar de "
            "volgorde kan iets anders zijn dan gewoonlijk."
        )
    page = SearchPage(
        form=form,
        state=state,
        parsed=parsed,
        results=results,
        items=[result_item(hit, parsed, labels) for hit in results.hits],
        groups=facet_groups(state, results, choices, base_filters, base_url),
        chips=filter_chips(state, labels, base_url),
        notices=notices,
        base_url=base_url,
        page=query.page,
        num_pages=num_pages,
        labels=labels,
        spelling=corrected,
        corrected_from=state["q"] if corrected else None,
        widened=widened,
    )
    # Crisis-safe search (helpfinder.crisis): a help box first, and never a spelling correction.
    page.help = help_for_query(state["q"])
    _promote(page, state)
    if results.total == 0:
        if (
            not parsed.is_empty
            and backend.supports_spelling_suggestions
            and not corrected
            and not (page.help and page.help.crisis)
        ):
            page.spelling = backend.spelling_suggestion(state["q"])
        if state["filters"]:
            relaxed = SearchQuery(query=parsed, base_filters=base_filters, per_page=1)
            page.without_filters_total = backend.search(relaxed).total
    search_performed.send(
        sender=SearchPage,
        query=typed_query,
        total=results.total,
        typed_total=typed_total,
        facets={k: list(v) for k, v in state["filters"].items()},
        source=source,
        page=query.page,
    )
    return page


def _promote(page: SearchPage, state: dict) -> None:
    """Editors' "aanbevolen resultaten" for exactly this query come first on the first page
    (or, with "meteen doorsturen", the visitor goes straight there)."""
    if not state["q"] or page.page != 1:
        return
    promoted = pagecache.fragment("promoted_results", _promotions).get(" ".join(words(state["q"])), ())
    if not promoted:
        return
    straight = next((url for url, go_straight in promoted if go_straight and url), None)
    if straight and not state["filters"]:
        page.redirect_url = straight
    urls = [url for url, _ in promoted if url]
    entries = {e.url: e for e in SearchEntry.objects.filter(url__in=urls)}
    first = [
        result_item(hit_of(entries[url]), page.parsed, page.labels)
        for url in dict.fromkeys(urls)
        if url in entries
    ]
    for item in first:
        item.promoted = True
    chosen = {item.hit.url for item in first}
    page.items = first + [item for item in page.items if item.hit.url not in chosen]


def _promotions() -> dict[str, list[tuple[str, bool]]]:
    """Every "aanbevolen resultaat" as (address, go straight) by its query as typed (normalised):
    read once per content change (a promoted result is content), not on every search."""
    found: dict[str, list[tuple[str, bool]]] = {}
    for promoted in PromotedResult.objects.select_related("page"):
        found.setdefault(promoted.normalised_query, []).append((promoted.target_url, promoted.go_straight))
    return found
