# ruff: noqa: S608 - SQL is built from fixed identifiers and %s placeholders only; every value is a parameter.
"""The database engine's search: matching, filters, facet counts and the page by relevance or
order. The full-text SQL of each database lives beside it (`sqlite.py`: FTS5, `postgres.py`:
tsvector), chosen once by `database_backend()`; writing the index is `writing.py`, the index's
words (suggestions, spelling, document frequencies) `lexicon.py`.

A search is:
1. one primary-key read of the index version token, which selects (or rebuilds) this
   process's facet bitmasks (`search.backends.facet_cache`);
2. one unscored full-text query returning the matched ids, turned into a bitmask;
3. base filters, filters (OR within a facet, AND across), the total and the disjunctive
   facet counts, all as bitmask AND/OR and popcounts in Python: a facet-value count of
   facet F uses every active filter except F's own; every value that occurs is counted;
4. the page: by relevance, one scored query restricted to the filtered ids (SQLite:
   FTS5 alone, ordered in Python), or, for "nieuwste"/"titel", the cached database order
   walked over the filtered bitmask; then one ORM fetch of the page of hits.
"""

from __future__ import annotations

import threading

from django.db import connection

from search.analysis import ParsedQuery, Term
from search.backends.base import SearchBackend, SearchQuery, SearchResults
from search.backends.database.lexicon import Lexicon
from search.backends.database.writing import IndexWriting, hit_of
from search.backends.facet_cache import FacetCache, FacetIndex
from search.models import SearchEntry, SearchFacetValue
from search.ranking import Row, rank

ENTRY = SearchEntry._meta.db_table
FACET = SearchFacetValue._meta.db_table
TITLE_BOOST = 100.0  # the whole query matches the title: such items come first
# Up to this many matches are ordered in Python (`search.ranking`, identical on every database);
# beyond it, the database's own rank picks which ones (and orders the pages after them).
RERANK_LIMIT = 300
# Beyond this many matches of the words (before filters), the database scores none of them:
# the RERANK_LIMIT candidates come from the title tiers instead (`_title_first`). Scoring
# every match took 0.5 s (SQLite) to 0.8 s (PostgreSQL) at 100k items; below this, it takes a
# few milliseconds and picks the candidates by full-text rank as before.
SCORE_LIMIT = 2000
ROW_CACHE_SIZE = 20_000


def exact(query: ParsedQuery) -> ParsedQuery:
    """The query without synonym expansion: each term only its own stem."""
    terms = [Term(t.word, t.own, t.forms, t.required) for t in query.terms]
    return ParsedQuery(raw=query.raw, terms=terms, phrases=query.phrases)


def clauses(query: ParsedQuery) -> list[ParsedQuery]:
    """Each required clause of the query as a query of its own (for widened searches)."""
    return [ParsedQuery(raw=query.raw, terms=[t]) for t in query.required_terms] + [
        ParsedQuery(raw=query.raw, phrases=[p]) for p in query.phrases
    ]


class DatabaseBackend(IndexWriting, Lexicon, SearchBackend):
    """What both databases share: indexing (`IndexWriting`), the facet bitmasks, the Python
    ranking, the vocabulary (`Lexicon`). A subclass gives the full-text SQL."""

    name = "database"
    supports_spelling_suggestions = True
    supports_phrase_search = True

    def __init__(self, using: str = "default"):
        self.using = using
        self._vocabulary: tuple[tuple, dict[str, int], set[str]] | None = None
        self._lock = threading.Lock()
        self._facets = FacetCache(self._stems_among)
        self._lexicon: tuple[str | None, dict[str, bool], dict[str, int]] = (None, {}, {})
        self._row_cache: tuple[str | None, dict[int, Row]] = (None, {})

    # The database's own full-text SQL (sqlite.py, postgres.py) -------------------------

    def _match_ids_sql(self, query: ParsedQuery) -> tuple[str, list]:
        """SELECT of the ids of the entries matching the full-text query, unscored."""
        raise NotImplementedError

    def _stem_match_sql(self, stem: str) -> tuple[str, list]:
        """SELECT 1 for each entry holding this stem (for existence and document counts)."""
        raise NotImplementedError

    def _stems_among_sql(self, stems: list[str], ids: list[int]) -> tuple[str, list]:
        """SELECT (k, id) for each of the entries `ids` holding `stems[k]`."""
        raise NotImplementedError

    def _stems_among(self, stems: list[str], ids: list[int]) -> list[tuple[int, int]]:
        """Which of these entries hold which of these stems: brings each cached stem's matches
        to a new index version after a write (`FacetIndex.updated`)."""
        sql, params = self._stems_among_sql(stems, ids)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _ranked(
        self, query: ParsedQuery, index: FacetIndex, ids: list[int] | None, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        """The page by the database's relevance (score, then newest), scoring only the entries
        in `ids` (None: every match)."""
        raise NotImplementedError

    def _matched_mask(self, query: ParsedQuery, index: FacetIndex) -> int:
        """The matches as a bitmask: AND over the words of OR over each word's stems, each
        stem's matches kept per index version (`FacetIndex.stem_mask`): a common word such as
        "pesten" (every item at 100k) is read from the database once per index version, not
        for every search. Phrases and widened queries ask the database as a whole."""
        if query.phrases or query.min_match is not None or not query.required_terms:
            return index.mask_of_ids(self._matched_ids(query))
        mask = index.all
        for term in query.required_terms:
            either = 0
            for s in term.alternatives:
                either |= index.stem_mask(s, self._stem_ids)
            mask &= either
        return mask

    def _stem_ids(self, stem: str) -> list[int]:
        return self._matched_ids(ParsedQuery(raw=stem, terms=[Term(stem, (stem,))]))

    def _matched_ids(self, query: ParsedQuery) -> list[int]:
        """Ids of the entries matching the full-text query (no scoring: cheap). A widened query
        (`min_match`) asks for each clause apart and keeps the ids that match enough of them."""
        if query.min_match is not None:
            coverage: dict[int, int] = {}
            for clause in clauses(query):
                for n in self._matched_ids(clause):
                    coverage[n] = coverage.get(n, 0) + 1
            return [n for n, c in coverage.items() if c >= query.min_match]
        sql, params = self._match_ids_sql(query)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]


    def search(self, query: SearchQuery) -> SearchResults:
        """Matched ids from one full-text query; filters, total and facet counts from the
        cached bitmasks (`facet_cache`); the page ordered by the database (relevance) or by
        the cached orders (newest, title)."""
        index: FacetIndex = self._facets.get()
        text = query.query
        matched = index.all if text.is_empty else self._matched_mask(text, index)
        text_matches = 0 if text.is_empty else matched.bit_count()
        for facet, values in query.base_filters.items():
            matched &= index.filter_mask(facet, values)
        active = {
            facet: index.filter_mask(facet, values) for facet, values in query.filters.items()
        }
        final = matched
        for mask in active.values():
            final &= mask
        total = final.bit_count()

        facets: dict[str, dict[str, int]] = {}
        for name in query.facets:
            base = matched
            for facet, mask in active.items():
                if facet != name:
                    base &= mask
            counts: dict[str, int] = {}
            if base:
                for value, mask in index.values.get(name, {}).items():
                    n = (base & mask).bit_count()
                    if n:
                        counts[value] = n
            facets[name] = counts

        sort = query.sort
        if sort == "relevantie" and text.is_empty:
            sort = "nieuwste"
        scores: dict[int, float] = {}
        if not total or query.offset >= total:
            order: list[int] = []
        elif sort == "relevantie":
            ranked = self._relevance_page(text, index, final, total, query, text_matches)
            order = [n for n, _ in ranked]
            scores = dict(ranked)
        else:
            positions = index.by_title if sort == "titel" else index.by_date
            order = index.page(final, positions, query.offset, query.per_page)
        entries = SearchEntry.objects.in_bulk(order)
        hits = [hit_of(entries[i], scores.get(i, 0.0)) for i in order if i in entries]
        return SearchResults(total=total, hits=hits, facets=facets, backend=self.name)

    def _relevance_page(
        self,
        text: ParsedQuery,
        index: FacetIndex,
        final: int,
        total: int,
        query: SearchQuery,
        text_matches: int = 0,
    ) -> list[tuple[int, float]]:
        """The page by relevance: the best RERANK_LIMIT matches ordered by `search.ranking`
        (all of them when there are no more), the rest in the database's own order. When the
        words match more than SCORE_LIMIT items, no database scoring at all: the candidates
        come from the title tiers (`_title_first`), so a search costs the same at any size."""
        end = query.offset + query.per_page
        if total <= RERANK_LIMIT:
            return self._python_ranked(text, index.ids_of(final), index)[query.offset : end]
        if text.min_match is not None:  # widened: the candidates that match the most clauses
            ids = index.ids_of(final)
            top = self._python_ranked(text, ids[:RERANK_LIMIT], index)
        elif text_matches > SCORE_LIMIT:
            order = self._title_first(text, index, final, max(end, RERANK_LIMIT))
            top = self._python_ranked(text, order[:RERANK_LIMIT], index)
            if end <= RERANK_LIMIT:
                return top[query.offset : end]
            return (top + [(n, 0.0) for n in order[RERANK_LIMIT:end]])[query.offset : end]
        else:
            restricted = query.base_filters or query.filters
            ids = index.ids_of(final) if restricted else None
            top = self._python_ranked(
                text, [n for n, _ in self._ranked(text, index, ids, RERANK_LIMIT, 0)], index
            )
        if end <= RERANK_LIMIT:
            return top[query.offset : end]
        restricted = query.base_filters or query.filters
        ids = index.ids_of(final) if restricted else None
        rest = self._ranked(text, index, ids, end - RERANK_LIMIT, RERANK_LIMIT)
        return (top + rest)[query.offset : end]

    @staticmethod
    def _title_first(text: ParsedQuery, index: FacetIndex, final: int, limit: int) -> list[int]:
        """The first `limit` of the filtered matches in tiers: the title holds every typed word,
        then every word by a form or synonym, then the rest. Within the title tiers the
        shortest titles first (a title that is the query itself always leads; BM25 favours
        short titles too), then newest; the rest newest first. These are the candidates the
        Python ranking orders: what `search.ranking` puts first (an exact title, then every
        typed word in the title, +2.0) is in the first tier."""
        titles = index.titles
        typed = any_form = final
        for term in text.required_terms:
            typed &= titles.mask(term.alternatives[0])
            any_form &= titles.any_of((*term.alternatives, *term.forms))
        for phrase in text.phrases:
            for s in phrase.stems:
                typed &= titles.mask(s)
                any_form &= titles.mask(s)
        tiers = (
            (typed, titles.by_length),
            (any_form & ~typed, titles.by_length),
            (final & ~any_form, index.by_date),
        )
        order: list[int] = []
        for mask, positions in tiers:
            if len(order) >= limit:
                break
            if mask:
                order += index.page(mask, positions, 0, limit - len(order))
        return order

    def _python_ranked(
        self, text: ParsedQuery, ids: list[int], index: FacetIndex
    ) -> list[tuple[int, float]]:
        rows = self._rows(ids, index)
        stems = {s for t in text.terms for s in t.alternatives}
        stems |= {s for p in text.phrases for s in p.stems}
        # A cached stem's matches are its document frequency: no count after a write.
        df = {s: n for s in stems if s.isalnum() and s.isascii() and (n := index.stem_count(s)) is not None}
        df.update(self.document_frequencies(stems - df.keys(), index.token))
        return rank(text, rows, df, max(index.size, 1))

    def _rows(self, ids: list[int], index: FacetIndex) -> list[Row]:
        """The analysed fields of these entries, parsed once per process (at most
        ROW_CACHE_SIZE rows are kept) and kept across index versions but for the entries
        written since: popular items are not fetched and split again for every search."""
        token = index.token
        with self._lock:
            since = index.history.get(self._row_cache[0])
            if since is not None and len(self._row_cache[1]) <= ROW_CACHE_SIZE:
                kept = self._row_cache[1]
                self._row_cache = (token, {n: row for n, row in kept.items() if n not in since})
            if self._row_cache[0] != token or len(self._row_cache[1]) > ROW_CACHE_SIZE:
                self._row_cache = (token, {})
            cache = self._row_cache[1]
            found = {n: cache[n] for n in ids if n in cache}
        missing = [n for n in ids if n not in found]
        if missing:
            fetched = [
                Row(*values)
                for values in SearchEntry.objects.filter(id__in=missing).values_list(
                    "id", "key", "date", "title_terms", "summary_terms", "body_terms"
                )
            ]
            for row in fetched:
                row.parsed  # noqa: B018 - parse once, outside the lock
                found[row.id] = row
            if token is not None:
                with self._lock:
                    if self._row_cache[0] == token:
                        self._row_cache[1].update((row.id, row) for row in fetched)
        return [found[n] for n in ids if n in found]
