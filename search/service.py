"""From request parameters to a results page: the one place views, the JSON API and the
pre-filtered listings (audience and index pages) go through."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache

from helpfinder.crisis import HelpBox, classify, help_for_query
from search.analysis import ParsedQuery, correct_word, expand_forms, parse_query, synonym_map, words
from search.backends import get_backend
from search.backends.base import Hit, SearchQuery, SearchResults
from search.backends.database import hit_of
from search.facets import FACETS, FACETS_BY_PARAM, type_label
from search.forms import SORT_LABELS, SearchForm
from search.highlight import highlight_title, snippet
from search.signals import SYNONYM_CACHE_KEY, search_performed

# Fewer results than this with all words: widen the search (most words, then any word).
FEW_RESULTS = 3
SIDEBAR_FACETS = tuple(f.param for f in FACETS if f.show_in_sidebar)
COUNTED_FACETS = tuple(f.param for f in FACETS)


def synonyms() -> dict[str, frozenset[str]]:
    """The editors' synonym groups as stem -> stems (cached; cleared when a group changes)."""
    mapping = cache.get(SYNONYM_CACHE_KEY)
    if mapping is None:
        from search.models import SynonymGroup

        mapping = synonym_map([group.word_list for group in SynonymGroup.objects.all()])
        cache.set(SYNONYM_CACHE_KEY, mapping, 3600)
    return mapping


def facet_choices(year_values: list[str]) -> dict[str, list[tuple[str, str]]]:
    return {f.param: f.choices(year_values if f.source == "year" else None) for f in FACETS}


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str  # the same search with this value toggled


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


def _toggle(filters: dict, param: str, value: str) -> dict:
    values = list(filters.get(param, ()))
    values = [v for v in values if v != value] if value in values else [*values, value]
    new = {k: v for k, v in filters.items() if k != param}
    if values:
        new[param] = tuple(values)
    return new


def run_search(
    params,
    *,
    base_filters: dict[str, tuple[str, ...]] | None = None,
    base_url: str = "/zoeken/",
    default_sort: str = "relevantie",
    source: str = "page",
    per_page: int | None = None,
) -> SearchPage:
    """Validate `params` (a QueryDict or dict of lists), search, and prepare the page."""
    backend = get_backend()
    base_filters = dict(base_filters or {})
    year_values = backend.facet_values("jaar")
    choices = facet_choices(year_values)
    labels = {param: dict(values) for param, values in choices.items()}
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
        corrected, widened, query, results = _never_a_dead_end(
            state, unknown, query, results, backend
        )
        parsed = query.query
        notices.extend(_dead_end_notices(state["q"], corrected, widened, results))
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
        items=[_result(hit, parsed, labels) for hit in results.hits],
        groups=_groups(state, results, choices, base_filters, base_url),
        chips=_chips(state, labels, base_url),
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
    from search.models import PromotedResult, SearchEntry

    typed = " ".join(words(state["q"]))
    promoted = [
        p for p in PromotedResult.objects.select_related("page") if p.normalised_query == typed
    ]
    if not promoted:
        return
    straight = next((p for p in promoted if p.go_straight and p.target_url), None)
    if straight and not state["filters"]:
        page.redirect_url = straight.target_url
    urls = [p.target_url for p in promoted if p.target_url]
    entries = {e.url: e for e in SearchEntry.objects.filter(url__in=urls)}
    first = [
        _result(hit_of(entries[url]), page.parsed, page.labels)
        for url in dict.fromkeys(urls)
        if url in entries
    ]
    for item in first:
        item.promoted = True
    chosen = {item.hit.url for item in first}
    page.items = first + [item for item in page.items if item.hit.url not in chosen]


def analyse(text: str, backend) -> tuple[ParsedQuery, list[str]]:
    """The visitor's words -> the query every engine gets (synonyms, word forms, compounds)
    and the words the index does not know."""
    parsed = parse_query(text, synonyms())
    unknown = expand_forms(parsed, backend.known_stems) if parsed.terms else []
    return parsed, unknown


def corrected_query(text: str, unknown: list[str], vocabulary: dict[str, int]) -> str | None:
    """The query with each unknown word replaced by a close, frequent word of the index."""
    fixes = {w: correct_word(w, vocabulary) for w in unknown}
    fixes = {w: c for w, c in fixes.items() if c}
    if not fixes:
        return None
    return " ".join(fixes.get(w, w) for w in words(text))


def _never_a_dead_end(state, unknown, query: SearchQuery, results, backend):
    """Fewer than FEW_RESULTS: first a corrected query (only when the typed one finds nothing),
    then most words, then any word. Full matches stay first (`search.ranking`)."""
    corrected = widened = None
    # Crisis-safe search: a crisis query is never "corrected" ("ik wil dood" is no typo).
    if results.total == 0 and unknown and not state["original"] and classify(state["q"]) != "crisis":
        text = corrected_query(state["q"], unknown, backend.vocabulary())
        if text:
            parsed, _ = analyse(text, backend)
            attempt = backend.search(dataclasses.replace(query, query=parsed))
            if attempt.total:
                corrected, query, results = text, dataclasses.replace(query, query=parsed), attempt
    clauses = query.query.clause_count
    steps = ([("meeste", clauses - 1)] if clauses > 2 else []) + [("een", 1)]
    for label, minimum in steps if clauses > 1 else ():
        if results.total >= FEW_RESULTS:
            break
        parsed = dataclasses.replace(query.query, min_match=minimum)
        attempt = backend.search(dataclasses.replace(query, query=parsed))
        if attempt.total > results.total:
            widened, query, results = label, dataclasses.replace(query, query=parsed), attempt
    return corrected, widened, query, results


def _dead_end_notices(typed: str, corrected, widened, results) -> list[str]:
    notices = []
    if corrected:
        notices.append(f"We vonden niets voor ‘{typed}’. Je ziet resultaten voor ‘{corrected}’.")
    if widened and results.total:
        which = "de meeste woorden" if widened == "meeste" else "minstens één van de woorden"
        notices.append(
            f"Geen resultaten met alle woorden; dit zijn resultaten met {which}. "
            "Resultaten met alle woorden staan altijd bovenaan."
        )
    return notices


def _result(hit: Hit, parsed: ParsedQuery, labels) -> Result:
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
        language_label=labels["taal"].get(hit.language, hit.language)
        if hit.language != "nl"
        else "",
    )


def _groups(state, results, choices, base_filters, base_url) -> list[FacetGroup]:
    groups = []
    for param in SIDEBAR_FACETS:
        if param in base_filters:
            continue
        facet = FACETS_BY_PARAM[param]
        counts = results.facets.get(param, {})
        selected = state["filters"].get(param, ())
        known = {value for value, _ in choices[param]}
        options = [
            Option(
                value=value,
                label=label,
                count=counts.get(value, 0),
                selected=value in selected,
                url=build_url(
                    base_url, state, filters=_toggle(state["filters"], param, value), page=1
                ),
            )
            for value, label in choices[param]
        ]
        # Values in the index that the taxonomy no longer knows are still shown, never dropped.
        options += [
            Option(
                value,
                value,
                count,
                value in selected,
                build_url(base_url, state, filters=_toggle(state["filters"], param, value), page=1),
            )
            for value, count in sorted(counts.items())
            if value not in known
        ]
        groups.append(FacetGroup(param, facet.label, options, facet.help_text))
    return groups


def _chips(state, labels, base_url) -> list[Chip]:
    chips = []
    for param, values in state["filters"].items():
        for value in values:
            chips.append(
                Chip(
                    facet_label=FACETS_BY_PARAM[param].label,
                    label=labels[param].get(value, value),
                    url=build_url(
                        base_url, state, filters=_toggle(state["filters"], param, value), page=1
                    ),
                )
            )
    return chips


def api_payload(page: SearchPage) -> dict:
    """The JSON form of a results page (see README, "## Search")."""
    return {
        "query": page.q,
        "total": page.total,
        "page": page.page,
        "per_page": page.state["per_page"],
        "pages": page.num_pages,
        "sort": page.state["sort"],
        "filters": {k: list(v) for k, v in page.state["filters"].items()},
        "messages": page.notices,
        "spelling_suggestion": page.spelling,
        "help": page.help.as_dict() if page.help else None,
        "corrected_from": page.corrected_from,
        "widened": page.widened,
        "engine": page.results.backend,
        "results": [
            {
                "title": item.hit.title,
                "url": item.hit.url,
                "type": item.hit.type,
                "type_label": item.type_label,
                "promoted": item.promoted,
                "summary": item.hit.summary,
                "date": item.hit.date.isoformat() if item.hit.date else None,
                "language": item.hit.language,
                "facets": item.hit.facets,
                **(
                    {
                        "download": {
                            k: item.hit.extra.get(k) for k in ("format", "size", "size_bytes")
                        }
                    }
                    if item.hit.type == "document"
                    else {}
                ),
            }
            for item in page.items
        ],
        "facets": {
            facet.param: {
                "label": facet.label,
                "values": [
                    {
                        "value": value,
                        "label": label,
                        "count": page.results.facets.get(facet.param, {}).get(value, 0),
                        "selected": value in page.state["filters"].get(facet.param, ()),
                    }
                    for value, label in page.labels[facet.param].items()
                ]
                + [
                    {"value": value, "label": value, "count": count, "selected": False}
                    for value, count in sorted(page.results.facets.get(facet.param, {}).items())
                    if value not in page.labels[facet.param]
                ],
            }
            for facet in FACETS
        },
    }


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
    from search.registry import origin_of, school_grid_types
    from taxonomy.facets import cell_value

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
                    build_url("/zoeken/", {"filters": {"type": own, "cel": (value,)}}),
                    strategy.slug,
                    level.slug,
                    extern_counts.get(value, 0),
                    build_url("/zoeken/", {"filters": {"type": extern, "cel": (value,)}}) if extern else "",
                )
            )
        rows.append((strategy, cells))
    return {"levels": levels, "rows": rows, "total": total, "extern_total": extern_total}
