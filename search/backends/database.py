# ruff: noqa: S608 - SQL is built from fixed identifiers and %s placeholders only; every value is a parameter.
"""The database engine, the default: SQLite FTS5 (embedded) or PostgreSQL full-text search.

One search answers in one SQL statement (plus one ORM fetch of the page of hits):

    WITH m AS MATERIALIZED (            -- the matched set: full-text match + base filters,
        SELECT id, score, date, sort_title,  s0, s1, ...   -- one 0/1 flag per active facet
        FROM <full-text match> WHERE <base filters>)
    SELECT <the page of hits>   FROM m WHERE s0 AND s1 ... ORDER BY ... LIMIT/OFFSET
    UNION ALL SELECT <total>    FROM m WHERE s0 AND s1 ...
    UNION ALL SELECT facet, value, COUNT(*) FROM m JOIN facet values
              WHERE (facet = F0 OR s0) AND (facet = F1 OR s1) ... GROUP BY facet, value

The last branch gives every facet its disjunctive counts at once: a facet-value row of facet
F counts when the entry satisfies every active filter except F's own.
"""

from __future__ import annotations

import difflib
import threading
from collections.abc import Callable, Iterable

from django.db import connection, transaction

from search.analysis import ParsedQuery, Term, analyze_to_text, stem, words
from search.backends.base import (
    Hit,
    IndexDocument,
    SearchBackend,
    SearchQuery,
    SearchResults,
    Suggestion,
)
from search.models import SearchEntry, SearchFacetValue

ENTRY = SearchEntry._meta.db_table
FACET = SearchFacetValue._meta.db_table
BATCH = 500
# Column weights: title, summary, body (SQLite bm25; PostgreSQL uses A/B/C with ts_rank).
BM25_WEIGHTS = (10.0, 4.0, 1.0)
TITLE_BOOST = 100.0  # the whole query matches the title: such items come first


def fts5_query(query: ParsedQuery, column: str | None = None) -> str:
    """ParsedQuery -> FTS5 MATCH expression, optionally limited to one column.
    Tokens are [0-9a-z]+ only, so quoting them is safe."""
    clauses = []
    for term in query.terms:
        alts = " OR ".join(f'"{alt}"' for alt in term.alternatives)
        clauses.append(f"({alts})")
    for phrase in query.phrases:
        clauses.append('"' + " ".join(phrase.stems) + '"')
    expression = " AND ".join(clauses)
    return f"{column} : ({expression})" if column else expression


def exact(query: ParsedQuery) -> ParsedQuery:
    """The query without synonym expansion: each term only its own stem."""
    terms = [Term(t.word, t.alternatives[:1]) for t in query.terms]
    return ParsedQuery(raw=query.raw, terms=terms, phrases=query.phrases)


def tsquery(query: ParsedQuery, weight: str = "") -> str:
    """ParsedQuery -> PostgreSQL to_tsquery('simple', ...) expression; `weight="A"` limits
    every lexeme to the title."""
    suffix = f":{weight}" if weight else ""
    clauses = []
    for term in query.terms:
        clauses.append("(" + " | ".join(alt + suffix for alt in term.alternatives) + ")")
    for phrase in query.phrases:
        clauses.append("(" + " <-> ".join(s + suffix for s in phrase.stems) + ")")
    return " & ".join(clauses)


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
    name = "database"
    supports_spelling_suggestions = True
    supports_phrase_search = True

    def __init__(self, using: str = "default"):
        self.using = using
        self._vocabulary: tuple[tuple, list[str], set[str]] | None = None
        self._lock = threading.Lock()

    @property
    def vendor(self) -> str:
        return connection.vendor

    # Indexing -------------------------------------------------------------------------

    def index(self, documents: Iterable[IndexDocument]) -> None:
        with transaction.atomic():
            for doc in documents:
                entry, _ = SearchEntry.objects.update_or_create(
                    key=doc.key, defaults=entry_fields(doc)
                )
                SearchFacetValue.objects.filter(entry=entry).delete()
                SearchFacetValue.objects.bulk_create(self._facet_rows(entry, doc))

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        with transaction.atomic():
            SearchFacetValue.objects.filter(entry__key__in=keys).delete()
            SearchEntry.objects.filter(key__in=keys).delete()

    def clear(self) -> None:
        with transaction.atomic():
            SearchFacetValue.objects.all()._raw_delete(self.using)
            SearchEntry.objects.all()._raw_delete(self.using)

    def rebuild(
        self, documents: Iterable[IndexDocument], progress: Callable[[int], None] | None = None
    ) -> int:
        done = 0
        with transaction.atomic():
            self.clear()
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

    def _match(self, query: ParsedQuery) -> dict:
        """The full-text match: FROM, score and WHERE clauses with their parameters.

        The score is the engine's weighted rank (bm25 with column weights on SQLite, ts_rank
        with A/B/C weights on PostgreSQL) plus a fixed boost when the title alone matches the
        whole query, and another when it does so with the very words typed (not synonyms):
        bm25's IDF would otherwise let a rare synonym outrank the word the visitor typed."""
        if query.is_empty:
            return {"from": (f"{ENTRY} e", []), "score": ("0.0", []), "where": (None, [])}
        if self.vendor == "sqlite":
            weights = ", ".join(str(w) for w in BM25_WEIGHTS)
            title_sql = "e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
            return {
                "from": (f"search_fts JOIN {ENTRY} e ON e.id = search_fts.rowid", []),
                "score": (
                    f"-bm25(search_fts, {weights}) + CASE WHEN {title_sql} THEN {TITLE_BOOST} "
                    f"ELSE 0 END + CASE WHEN {title_sql} THEN {TITLE_BOOST} ELSE 0 END",
                    [
                        fts5_query(query, column="title_terms"),
                        fts5_query(exact(query), column="title_terms"),
                    ],
                ),
                "where": ("search_fts MATCH %s", [fts5_query(query)]),
            }
        return {
            "from": (
                f"{ENTRY} e CROSS JOIN to_tsquery('simple'::regconfig, %s) tsq "
                "CROSS JOIN to_tsquery('simple'::regconfig, %s) tsq_title "
                "CROSS JOIN to_tsquery('simple'::regconfig, %s) tsq_exact",
                [tsquery(query), tsquery(query, weight="A"), tsquery(exact(query), weight="A")],
            ),
            "score": (
                f"ts_rank(e.search_vector, tsq) + CASE WHEN e.search_vector @@ tsq_title "
                f"THEN {TITLE_BOOST} ELSE 0 END + CASE WHEN e.search_vector @@ tsq_exact "
                f"THEN {TITLE_BOOST} ELSE 0 END",
                [],
            ),
            "where": ("e.search_vector @@ tsq", []),
        }

    @staticmethod
    def _exists(facet: str, values: tuple[str, ...]) -> tuple[str, list]:
        marks = ", ".join(["%s"] * len(values))
        sql = (
            f"EXISTS (SELECT 1 FROM {FACET} v WHERE v.entry_id = e.id "
            f"AND v.facet = %s AND v.value IN ({marks}))"
        )
        return sql, [facet, *values]

    def _matched_cte(self, query: SearchQuery) -> tuple[str, list, list[str]]:
        match = self._match(query.query)
        (from_sql, from_params), (score_sql, score_params) = match["from"], match["score"]
        match_where, where_params = match["where"]
        select_flags, flag_params, active = [], [], []
        for i, (facet, values) in enumerate(query.filters.items()):
            sql, p = self._exists(facet, values)
            select_flags.append(f", CASE WHEN {sql} THEN 1 ELSE 0 END AS s{i}")
            flag_params += p
            active.append(facet)
        where_parts = [match_where] if match_where else []
        base_params = []
        for facet, values in query.base_filters.items():
            sql, p = self._exists(facet, values)
            where_parts.append(sql)
            base_params += p
        where = " AND ".join(where_parts) or "1 = 1"
        cte = (
            f"WITH m AS MATERIALIZED (SELECT e.id AS id, {score_sql} AS score, e.date AS date, "
            f"e.sort_title AS sort_title{''.join(select_flags)} FROM {from_sql} WHERE {where})"
        )
        params = score_params + flag_params + from_params + where_params + base_params
        return cte, params, active

    @staticmethod
    def _order(query: SearchQuery) -> str:
        sort = query.sort
        if sort == "relevantie" and query.query.is_empty:
            sort = "nieuwste"
        if sort == "titel":
            return "sort_title ASC, id ASC"
        if sort == "nieuwste":
            return "date DESC NULLS LAST, id DESC"
        return "score DESC, date DESC NULLS LAST, id DESC"

    def search(self, query: SearchQuery) -> SearchResults:
        cte, params, active = self._matched_cte(query)
        all_flags = " AND ".join(f"s{i} = 1" for i in range(len(active))) or "1 = 1"
        parts = [
            "SELECT * FROM (SELECT 0 AS part, id AS n, score AS score, "
            f"NULL AS facet, NULL AS value FROM m WHERE {all_flags} "
            f"ORDER BY {self._order(query)} LIMIT %s OFFSET %s) hits",
            f"SELECT 1, COUNT(*), 0.0, NULL, NULL FROM m WHERE {all_flags}",
        ]
        params += [query.per_page, query.offset]
        if query.facets:
            conditions = [f"(v.facet = %s OR m.s{i} = 1)" for i in range(len(active))]
            marks = ", ".join(["%s"] * len(query.facets))
            parts.append(
                "SELECT 2, COUNT(*), 0.0, v.facet, v.value "
                f"FROM m JOIN {FACET} v ON v.entry_id = m.id "
                f"WHERE v.facet IN ({marks}) {''.join(' AND ' + c for c in conditions)} "
                "GROUP BY v.facet, v.value"
            )
            params += [*query.facets, *active]
        sql = cte + " " + " UNION ALL ".join(parts)
        scores: dict[int, float] = {}
        order: list[int] = []
        total = 0
        facets: dict[str, dict[str, int]] = {name: {} for name in query.facets}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for part, n, score, facet, value in cursor.fetchall():
                if part == 0:
                    order.append(n)
                    scores[n] = float(score or 0)
                elif part == 1:
                    total = n
                else:
                    facets[facet][value] = n
        entries = SearchEntry.objects.in_bulk(order)
        hits = [self._hit(entries[i], scores[i]) for i in order if i in entries]
        return SearchResults(total=total, hits=hits, facets=facets, backend=self.name)

    @staticmethod
    def _hit(entry: SearchEntry, score: float) -> Hit:
        return Hit(
            key=entry.key,
            type=entry.type,
            title=entry.title,
            url=entry.url,
            summary=entry.summary,
            body=entry.body,
            date=entry.date,
            language=entry.language,
            facets=entry.facets,
            extra=entry.extra,
            score=score,
        )

    # Suggestions ----------------------------------------------------------------------

    def suggest(self, query: ParsedQuery, prefix: str, limit: int = 8) -> list[Suggestion]:
        if not prefix:
            return []
        prefix = stem(prefix)  # the index holds stems: "pesten" must still match "pest"
        if self.vendor == "sqlite":
            clauses = [fts5_query(query)] if not query.is_empty else []
            clauses.append(f'title_terms : "{prefix}"*')
            sql = (
                "SELECT e.title, e.url, e.type FROM search_fts "
                f"JOIN {ENTRY} e ON e.id = search_fts.rowid WHERE search_fts MATCH %s "
                f"ORDER BY bm25(search_fts, {', '.join(map(str, BM25_WEIGHTS))}), "
                "e.date DESC LIMIT %s"
            )
            params = [" AND ".join(clauses), limit]
        else:
            clauses = [tsquery(query)] if not query.is_empty else []
            clauses.append(f"{prefix}:*A")
            sql = (
                f"SELECT e.title, e.url, e.type FROM {ENTRY} e "
                "CROSS JOIN to_tsquery('simple'::regconfig, %s) tsq "
                "WHERE e.search_vector @@ tsq ORDER BY ts_rank(e.search_vector, tsq) DESC, "
                "e.date DESC NULLS LAST LIMIT %s"
            )
            params = [" & ".join(clauses), limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [Suggestion(title, url, kind) for title, url, kind in cursor.fetchall()]

    # Spelling -------------------------------------------------------------------------

    def _vocabulary_words(self) -> tuple[list[str], set[str]]:
        """Distinct words of all titles and summaries, and their stems; rebuilt when the
        index changes (only ever needed for a query without results)."""
        state = tuple(
            SearchEntry.objects.order_by("-updated_at").values_list("updated_at", flat=True)[:1]
        )
        state = (self.count(), *state)
        with self._lock:
            if self._vocabulary and self._vocabulary[0] == state:
                return self._vocabulary[1], self._vocabulary[2]
        vocabulary: set[str] = set()
        for title, summary in SearchEntry.objects.values_list("title", "summary").iterator(
            chunk_size=2000
        ):
            vocabulary.update(
                w for w in words(f"{title} {summary}") if len(w) > 3 and not w.isdigit()
            )
        result, stems = sorted(vocabulary), {stem(w) for w in vocabulary}
        with self._lock:
            self._vocabulary = (state, result, stems)
        return result, stems

    def spelling_suggestion(self, text: str) -> str | None:
        """A corrected query: each unknown word replaced by the closest word in the index."""
        vocabulary, stems_known = self._vocabulary_words()
        known = set(vocabulary)
        corrected, changed = [], False
        for word in words(text):
            if word in known or stem(word) in stems_known or len(word) <= 3:
                corrected.append(word)
                continue
            match = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
            if match:
                corrected.append(match[0])
                changed = True
            else:
                corrected.append(word)
        return " ".join(corrected) if changed else None
