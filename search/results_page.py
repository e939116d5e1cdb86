"""A results page as the templates and the JSON API see it: the page, its items, facet groups
and filter chips, and the URLs that change one thing of the search (`build_url`).
`search.service.run_search` fills it."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.safestring import SafeString

from helpfinder.crisis import HelpBox
from search.analysis import ParsedQuery
from search.backends.base import Hit, SearchResults
from search.facets import FACETS, FACETS_BY_PARAM, type_label
from search.forms import SORT_LABELS, SearchForm
from search.highlight import highlight_title, snippet
from search.registry import is_comparable
from search.results_html import facet_options, result_items

SIDEBAR_FACETS = tuple(f.param for f in FACETS if f.show_in_sidebar)


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetGroup:
    param: str
    label: str
    options: list[Option]
    help_text: str = ""

    @property
    def selected_count(self) -> int:
        return sum(1 for o in self.options if o.selected)

    @property
    def has_results(self) -> bool:
        return any(o.count or o.selected for o in self.options)

    def options_html(self) -> SafeString:
        return facet_options(self)


@dataclass
class Chip:
    facet_label: str
    label: str
    url: str  # the same search without this value


@dataclass
class Result:
    hit: Hit
    type_label: str
    title_html: str
    snippet_html: str
    audiences: list[str]
    evidence: str = ""
    evidence_label: str = ""
    language_label: str = ""  # only when not Dutch
    promoted: bool = False  # an editor's "aanbevolen resultaat" for this query
    comparable: bool = False  # a "Vergelijk" checkbox (the type's `plan_comparable`)


@dataclass
class SearchPage:
    form: SearchForm
    state: dict
    parsed: ParsedQuery
    results: SearchResults
    items: list[Result]
    groups: list[FacetGroup]
    chips: list[Chip]
    notices: list[str]
    base_url: str
    page: int
    num_pages: int
    spelling: str | None = None
    corrected_from: str | None = None  # the typed query, when the results are for `spelling`
    widened: str | None = None  # "meeste" (most words) or "een" (any word)
    redirect_url: str | None = None  # an editor's "meteen doorsturen" for this query
    without_filters_total: int | None = None
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    help: HelpBox | None = None  # crisis-safe search: help lines above the results

    @property
    def total(self) -> int:
        return self.results.total

    def items_html(self) -> SafeString:
        return result_items(self.items)

    @property
    def q(self) -> str:
        return self.state["q"]

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.state["per_page"] + 1

    @property
    def has_filters(self) -> bool:
        return bool(self.state["filters"])

    @property
    def is_search(self) -> bool:
        return bool(self.q) or self.has_filters

    def url(self, **changes) -> str:
        return build_url(self.base_url, self.state, **changes)

    @property
    def clear_url(self) -> str:
        return build_url(self.base_url, {**self.state, "filters": {}}, page=1)

    @property
    def prev_url(self) -> str | None:
        return self.url(page=self.page - 1) if self.page > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(page=self.page + 1) if self.page < self.num_pages else None

    @property
    def page_links(self) -> list[tuple[int | None, str]]:
        """Page numbers around the current one, with None for a gap."""
        pages = sorted({1, self.num_pages, *range(self.page - 2, self.page + 3)})
        out, last = [], 0
        for n in pages:
            if 1 <= n <= self.num_pages:
                if n - last > 1:
                    out.append((None, ""))
                out.append((n, self.url(page=n)))
                last = n
        return out

    @property
    def sort_options(self) -> list[tuple[str, str, bool]]:
        return [(k, v, k == self.state["sort"]) for k, v in SORT_LABELS.items()]

    @property
    def spelling_url(self) -> str:
        return build_url(self.base_url, {**self.state, "q": self.spelling or ""}, page=1)

    @property
    def original_url(self) -> str:
        """The typed query, searched as typed (no correction)."""
        return build_url(self.base_url, {**self.state, "original": True}, page=1)

    @property
    def hidden_filters(self) -> list[tuple[str, str]]:
        """Active filters as (param, value), for hidden inputs in the query form."""
        return [(p, v) for p, values in self.state["filters"].items() for v in values]


def build_url(base_url: str, state: dict, **changes) -> str:
    state = {**state, **changes}
    pairs: list[tuple[str, str]] = []
    if state.get("q"):
        pairs.append(("q", state["q"]))
    for param in FACETS_BY_PARAM:
        for value in state.get("filters", {}).get(param, ()):
            pairs.append((param, value))
    if state.get("sort") and state["sort"] != state.get("default_sort", "relevantie"):
        pairs.append(("sort", state["sort"]))
    if state.get("per_page") and state["per_page"] != 20:
        pairs.append(("per_page", str(state["per_page"])))
    if state.get("page", 1) > 1:
        pairs.append(("page", str(state["page"])))
    if state.get("original"):
        pairs.append(("zoek", "letterlijk"))
    return base_url + ("?" + urlencode(pairs) if pairs else "")


def toggle(filters: dict, param: str, value: str) -> dict:
    values = list(filters.get(param, ()))
    values = [v for v in values if v != value] if value in values else [*values, value]
    new = {k: v for k, v in filters.items() if k != param}
    if values:
        new[param] = tuple(values)
    return new


def result_item(hit: Hit, parsed: ParsedQuery, labels) -> Result:
    stems = parsed.stems
    evidence = (hit.facets.get("bewijs") or [""])[0]
    return Result(
        hit=hit,
        type_label=type_label(hit.type),
        title_html=highlight_title(hit.title, stems),
        snippet_html=snippet(hit.summary, hit.body, stems),
        audiences=[labels["doelgroep"].get(a, a) for a in hit.facets.get("doelgroep", [])],
        evidence=evidence,
        evidence_label=labels["bewijs"].get(evidence, "") if evidence else "",
        comparable=is_comparable(hit.type),
        language_label=labels["taal"].get(hit.language, hit.language)
        if hit.language != "nl"
        else "",
    )


def facet_groups(state, results, choices, base_filters, base_url) -> list[FacetGroup]:
    groups = []
    for param in SIDEBAR_FACETS:
        if param in base_filters:
            continue
        facet = FACETS_BY_PARAM[param]
        counts = results.facets.get(param, {})
        selected = state["filters"].get(param, ())
        known = {value for value, _ in choices[param]}
        options = [
            Option(value, label, counts.get(value, 0), value in selected)
            for value, label in choices[param]
        ]
        # Values in the index that the taxonomy no longer knows are still shown, never dropped.
        options += [
            Option(value, value, count, value in selected)
            for value, count in sorted(counts.items())
            if value not in known
        ]
        groups.append(FacetGroup(param, facet.label, options, facet.help_text))
    return groups


def filter_chips(state, labels, base_url) -> list[Chip]:
    chips = []
    for param, values in state["filters"].items():
        for value in values:
            chips.append(
                Chip(
                    facet_label=FACETS_BY_PARAM[param].label,
                    label=labels[param].get(value, value),
                    url=build_url(
                        base_url, state, filters=toggle(state["filters"], param, value), page=1
                    ),
                )
            )
    return chips
