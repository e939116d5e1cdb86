# ruff: noqa: S608 - SQL is built from fixed identifiers and %s placeholders only; every value is a parameter.
"""The database engine's shared part; the full-text SQL of each database lives beside it
(`sqlite.py`: FTS5, `postgres.py`: tsvector), chosen once by `database_backend()`.

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
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from django.db import connection, transaction

from search.analysis import ParsedQuery, Term, analyze_to_text, correct_word, stem, words
from search.backends.base import (
    Hit,
    IndexDocument,
    SearchBackend,
    SearchQuery,
    SearchResults,
    Suggestion,
)
from search.backends.facet_cache import FacetCache, FacetIndex, bump, current_token
from search.models import SearchEntry, SearchFacetValue
from search.ranking import Row, rank

ENTRY = SearchEntry._meta.db_table
FACET = SearchFacetValue._meta.db_table
BATCH = 500
TITLE_BOOST = 100.0  # the whole query matches the title: such items come first
# Up to this many matches are ordered in Python (`search.ranking`, identical on every database);
# beyond it, the database's own rank picks which ones (and orders the pages after them).
RERANK_LIMIT = 300
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


def entry_fields(doc: IndexDocument) -> dict:
    return {
        "type": doc.type,
        "title": doc.title[:500],
        "summary": doc.summary,
        "body": doc.body,
        "url": doc.url[:500],
        "date": doc.date,
        "language": doc.language,
        "sort_title": " ".join(words(doc.title))[:255],
        "facets": doc.facets,
        "extra": doc.extra,
        "title_terms": analyze_to_text(doc.title),
        "summary_terms": analyze_to_text(doc.summary),
        "body_terms": analyze_to_text(doc.body),
    }


class DatabaseBackend(SearchBackend):
    """What both databases share: indexing, the facet bitmasks, the Python ranking, the
    vocabulary. A subclass gives the full-text SQL."""

    name = "database"
    supports_spelling_suggestions = True
    supports_phrase_search = True

    def __init__(self, using: str = "default"):
        self.using = using
        self._vocabulary: tuple[tuple, dict[str, int], set[str]] | None = None
        self._lock = threading.Lock()
        self._facets = FacetCache()
        self._lexicon: tuple[str | None, dict[str, bool], dict[str, int]] = (None, {}, {})
        self._row_cache: tuple[str | None, dict[int, Row]] = (None, {})

    # Indexing -------------------------------------------------------------------------

    def index(self, documents: Iterable[IndexDocument]) -> None:
        with transaction.atomic():
            for doc in documents:
                entry, _ = SearchEntry.objects.update_or_create(
                    key=doc.key, defaults=entry_fields(doc)
                )
                SearchFacetValue.objects.filter(entry=entry).delete()
                SearchFacetValue.objects.bulk_create(self._facet_rows(entry, doc))
            bump()

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        with transaction.atomic():
            SearchFacetValue.objects.filter(entry__key__in=keys).delete()
            SearchEntry.objects.filter(key__in=keys).delete()
            bump()

    def documents(self, changed_since=None) -> Iterator[IndexDocument]:
        """The indexed documents as stored (all, or those written since `changed_since`):
        what a search cluster that missed writes is caught up from."""
        entries = SearchEntry.objects.order_by("id")
        if changed_since is not None:
            entries = entries.filter(updated_at__gte=changed_since)
        for entry in entries.iterator(chunk_size=2000):
            yield IndexDocument(**_stored_fields(entry))

    def keys(self) -> set[str]:
        return set(SearchEntry.objects.values_list("key", flat=True))

    def clear(self) -> None:
        with transaction.atomic():
            SearchFacetValue.objects.all()._raw_delete(self.using)
            SearchEntry.objects.all()._raw_delete(self.using)
            bump()

    def rebuild(
        self, documents: Iterable[IndexDocument], progress: Callable[[int], None] | None = None
    ) -> int:
        done = 0
        with transaction.atomic():
            self.clear()
            bump()
            batch: list[IndexDocument] = []
            for doc in documents:
                batch.append(doc)
                if len(batch) >= BATCH:
                    done += self.bulk_insert(batch)
                    batch = []
                    if progress:
                        progress(done)
            if batch:
                done += self.bulk_insert(batch)
            if progress:
                progress(done)
        return done

    def bulk_insert(self, docs: list[IndexDocument]) -> int:
        """Insert new entries without checking for existing keys (rebuilds, benchmarks)."""
        entries = SearchEntry.objects.bulk_create(
            [SearchEntry(key=doc.key, **entry_fields(doc)) for doc in docs]
        )
        rows = [
            row
            for entry, doc in zip(entries, docs, strict=True)
            for row in self._facet_rows(entry, doc)
        ]
        SearchFacetValue.objects.bulk_create(rows, batch_size=5000)
        bump()
        return len(entries)

    @staticmethod
    def _facet_rows(entry: SearchEntry, doc: IndexDocument) -> list[SearchFacetValue]:
        return [
            SearchFacetValue(entry=entry, facet=facet, value=value[:120])
            for facet, values in doc.facets.items()
            for value in dict.fromkeys(values)
        ]

    def count(self) -> int:
        return SearchEntry.objects.count()

    def facet_values(self, facet: str) -> list[str]:
        return list(
            SearchFacetValue.objects.filter(facet=facet).values_list("value", flat=True).distinct()
        )

    # Searching ------------------------------------------------------------------------

    # The database's own full-text SQL (sqlite.py, postgres.py) -------------------------

    def _match_ids_sql(self, query: ParsedQuery) -> tuple[str, list]:
        """SELECT of the ids of the entries matching the full-text query, unscored."""
        raise NotImplementedError

    def _stem_match_sql(self, stem: str) -> tuple[str, list]:
        """SELECT 1 for each entry holding this stem (for existence and document counts)."""
        raise NotImplementedError

    def _suggest_sql(self, query: ParsedQuery, prefix: str, limit: int) -> tuple[str, list]:
        """SELECT title, url, type of the best entries matching `query` whose title holds a
        word starting with the stem `prefix`."""
        raise NotImplementedError

    def _ranked(
        self, query: ParsedQuery, index: FacetIndex, ids: list[int] | None, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        """The page by the database's relevance (score, then newest), scoring only the entries
        in `ids` (None: every match)."""
        raise NotImplementedError

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
        matched = index.all if text.is_empty else index.mask_of_ids(self._matched_ids(text))
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
            ranked = self._relevance_page(text, index, final, total, query)
            order = [n for n, _ in ranked]
            scores = dict(ranked)
        else:
            positions = index.by_title if sort == "titel" else index.by_date
            order = index.page(final, positions, query.offset, query.per_page)
        entries = SearchEntry.objects.in_bulk(order)
        hits = [hit_of(entries[i], scores.get(i, 0.0)) for i in order if i in entries]
        return SearchResults(total=total, hits=hits, facets=facets, backend=self.name)

    def _relevance_page(
        self, text: ParsedQuery, index: FacetIndex, final: int, total: int, query: SearchQuery
    ) -> list[tuple[int, float]]:
        """The page by relevance: the best RERANK_LIMIT matches ordered by `search.ranking`
        (all of them when there are no more), the rest in the database's own order."""
        ids = index.ids_of(final)
        end = query.offset + query.per_page
        if total <= RERANK_LIMIT:
            return self._python_ranked(text, ids)[query.offset : end]
        if text.min_match is not None:  # widened: the candidates that match the most clauses
            top = self._python_ranked(text, ids[:RERANK_LIMIT])
        else:
            restricted = query.base_filters or query.filters
            top = self._python_ranked(
                text,
                [n for n, _ in self._ranked(text, index, ids if restricted else None, RERANK_LIMIT, 0)],
            )
        if end <= RERANK_LIMIT:
            return top[query.offset : end]
        restricted = query.base_filters or query.filters
        rest = self._ranked(text, index, ids if restricted else None, end - RERANK_LIMIT, RERANK_LIMIT)
        return (top + rest)[query.offset : end]

    def _python_ranked(self, text: ParsedQuery, ids: list[int]) -> list[tuple[int, float]]:
        rows = self._rows(ids)
        stems = {s for t in text.terms for s in t.alternatives}
        stems |= {s for p in text.phrases for s in p.stems}
        return rank(text, rows, self.document_frequencies(stems), max(self.count_cached(), 1))

    def _rows(self, ids: list[int]) -> list[Row]:
        """The analysed fields of these entries, parsed once per index version and process
        (at most ROW_CACHE_SIZE rows are kept): popular items are not fetched and split again
        for every search."""
        token = current_token()
        with self._lock:
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

    # The index's vocabulary (per index version) ------------------------------------------

    def _lexicon_state(self) -> tuple[dict[str, bool], dict[str, int]]:
        token = current_token()
        with self._lock:
            if token is None or self._lexicon[0] != token:
                self._lexicon = (token, {}, {})
            return self._lexicon[1], self._lexicon[2]

    def _count_matches(self, stem: str, exists_only: bool) -> int:
        inner, params = self._stem_match_sql(stem)
        limit = " LIMIT 1" if exists_only else ""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({inner}{limit}) matches", params)
            return cursor.fetchone()[0]


    def known_stems(self, stems: set[str]) -> set[str]:
        """Which of these stems occur in the index (cached per index version)."""
        known, _ = self._lexicon_state()
        for s in stems:
            if s not in known and s.isalnum() and s.isascii():
                known[s] = bool(self._count_matches(s, exists_only=True))
        return {s for s in stems if known.get(s)}

    def document_frequencies(self, stems: set[str]) -> dict[str, int]:
        _, df = self._lexicon_state()
        for s in stems:
            if s not in df and s.isalnum() and s.isascii():
                df[s] = self._count_matches(s, exists_only=False)
        df.setdefault("__count__", SearchEntry.objects.count())
        return {s: df.get(s, 0) for s in stems}

    def count_cached(self) -> int:
        _, df = self._lexicon_state()
        if "__count__" not in df:
            df["__count__"] = SearchEntry.objects.count()
        return df["__count__"]

    # Suggestions ----------------------------------------------------------------------

    def suggest(self, query: ParsedQuery, prefix: str, limit: int = 8) -> list[Suggestion]:
        if not prefix:
            return []
        prefix = stem(prefix)  # the index holds stems: "pesten" must still match "pest"
        sql, params = self._suggest_sql(query, prefix, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [Suggestion(title, url, kind) for title, url, kind in cursor.fetchall()]


    # Spelling -------------------------------------------------------------------------

    def _vocabulary_words(self) -> tuple[dict[str, int], set[str]]:
        """Distinct words of all titles and summaries, and their stems; rebuilt when the
        index changes (only ever needed for a query without results)."""
        state = tuple(
            SearchEntry.objects.order_by("-updated_at").values_list("updated_at", flat=True)[:1]
        )
        state = (self.count(), *state)
        with self._lock:
            if self._vocabulary and self._vocabulary[0] == state:
                return self._vocabulary[1], self._vocabulary[2]
        vocabulary: Counter[str] = Counter()
        for title, summary in SearchEntry.objects.values_list("title", "summary").iterator(
            chunk_size=2000
        ):
            # A title word counts twice: the name of an item ("Snapchat") is never "rare".
            vocabulary.update(
                w
                for w in words(f"{title} {title} {summary}")
                if len(w) > 3 and not w.isdigit()
            )
        result, stems = dict(vocabulary), {stem(w) for w in vocabulary}
        with self._lock:
            self._vocabulary = (state, result, stems)
        return result, stems

    def vocabulary(self) -> dict[str, int]:
        """Words of all titles and summaries with how often they occur (for corrections)."""
        return self._vocabulary_words()[0]

    def spelling_suggestion(self, text: str) -> str | None:
        """A corrected query: each unknown word replaced by a close, frequent word of the
        index (`search.analysis.correct_word`)."""
        vocabulary, stems_known = self._vocabulary_words()
        corrected, changed = [], False
        for word in words(text):
            if word in vocabulary or stem(word) in stems_known:
                corrected.append(word)
                continue
            match = correct_word(word, vocabulary)
            corrected.append(match or word)
            changed |= bool(match)
        return " ".join(corrected) if changed else None


def hit_of(entry: SearchEntry, score: float = 0.0) -> Hit:
    return Hit(**_stored_fields(entry), score=score)


def _stored_fields(entry: SearchEntry) -> dict:
    """The document as the search table stores it: a search hit and a catch-up document alike."""
    return {
        "key": entry.key,
        "type": entry.type,
        "title": entry.title,
        "url": entry.url,
        "summary": entry.summary,
        "body": entry.body,
        "date": entry.date,
        "language": entry.language,
        "facets": entry.facets,
        "extra": entry.extra,
    }
