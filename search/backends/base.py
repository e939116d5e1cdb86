"""The one search interface. Every engine (database, Elasticsearch) implements `SearchBackend`.

Engines receive already-validated input (`SearchQuery`, built by `search.forms`) and
already-analysed documents (`IndexDocument`, built by `search.documents`); they return plain
data (`SearchResults`). Views, templates, the JSON API and the analytics hook only ever see
this module's types, so a new engine is one class plus a line in `search.backends.ENGINES`,
and the shared contract suite (`search/tests/test_contract*.py`) runs against it.

Semantics every engine must honour (the contract suite checks each):

- text: all clauses of the parsed query must match (AND); a term matches any of its synonym
  alternatives (OR); a phrase matches its stems adjacent and in order. Title weighs more
  than summary, summary more than body.
- filters: values within one facet combine with OR, facets combine with AND.
- `base_filters` (pre-filtered listings such as an audience page) restrict everything,
  including every facet count.
- facet counts are disjunctive: the counts of facet F are computed with every active
  filter except F's own, so the other options of F stay visible. Every value that occurs is
  counted; nothing is cut to a "top N".
- sort: "relevantie" (score, then newest), "nieuwste" (date, newest first), "titel" (A-Z,
  accent-insensitive). Without text, "relevantie" means "nieuwste".
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from search.analysis import ParsedQuery

SORTS = ("relevantie", "nieuwste", "titel")


@dataclass
class IndexDocument:
    """One searchable item: a page, a downloadable document or a glossary term."""

    key: str  # stable and unique: "page:12", "document:7", "term:3"
    type: str  # content type facet value: onderzoek, praktijk, toolkit, document, begrip, ...
    title: str
    url: str
    summary: str = ""
    body: str = ""
    date: datetime.date | None = None
    language: str = "nl"
    facets: dict[str, list[str]] = field(default_factory=dict)  # facet name -> values
    extra: dict = field(default_factory=dict)  # display-only: format, size, parent, ...


@dataclass
class SearchQuery:
    query: ParsedQuery = field(default_factory=ParsedQuery)
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    base_filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevantie"
    page: int = 1
    per_page: int = 20
    facets: tuple[str, ...] = ()  # facet names to count; empty = none

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass
class Hit:
    key: str
    type: str
    title: str
    url: str
    summary: str
    body: str
    date: datetime.date | None
    language: str
    facets: dict[str, list[str]]
    extra: dict
    score: float = 0.0


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]  # facet name -> value -> count (values with count > 0)
    backend: str = ""
    #: The chosen engine was down and another answered (same hits, the order may differ).
    degraded: bool = False


@dataclass
class Suggestion:
    title: str
    url: str
    type: str


class SearchUnavailable(Exception):
    """The engine cannot answer now (cluster down, timeout). Callers fall back."""


class SearchBackend:
    """Base class of every engine. Capability flags let callers and tests adapt."""

    name = "base"
    #: can propose a corrected query ("bedoelde je ...?") on zero results
    supports_spelling_suggestions = False
    #: quoted phrases are matched as phrases (otherwise as AND of their words)
    supports_phrase_search = True
    #: the engine keeps its own copy of the data that must be (re)built
    needs_rebuild = True

    def search(self, query: SearchQuery) -> SearchResults:
        raise NotImplementedError

    def suggest(self, query: ParsedQuery, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Titles for what a visitor is typing (`search.analysis.parse_suggest_input`):
        `query` holds the complete words (with synonyms), `prefix` the last word, folded and
        possibly incomplete; titles must contain a word starting with it."""
        raise NotImplementedError

    def spelling_suggestion(self, text: str) -> str | None:
        return None

    def known_stems(self, stems: set[str]) -> set[str]:
        """Which of these stems occur in the index (word forms, compounds). An engine that
        cannot tell says all of them: extra alternatives never lose a match."""
        return set(stems)

    def vocabulary(self) -> dict[str, int]:
        """Words of the index with their frequency, for spelling corrections."""
        return {}

    def facet_values(self, facet: str) -> list[str]:
        """Every value a facet has in the index (used for data-driven facets such as year)."""
        raise NotImplementedError

    # Indexing -------------------------------------------------------------------------

    def index(self, documents: Iterable[IndexDocument]) -> None:
        """Add or replace documents (by key)."""
        raise NotImplementedError

    def delete(self, keys: Iterable[str]) -> None:
        raise NotImplementedError

    def rebuild(
        self, documents: Iterable[IndexDocument], progress: Callable[[int], None] | None = None
    ) -> int:
        """Replace the whole index with `documents`; call `progress(n_done)` now and then.
        Returns the number of documents indexed."""
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def is_available(self) -> bool:
        return True
