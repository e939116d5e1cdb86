# ruff: noqa: S608 - SQL is built from fixed identifiers and %s placeholders only; every value is a parameter.
"""The database engine on SQLite: FTS5 (`search_fts`, kept by triggers, migration 0002)."""

from __future__ import annotations

import json

from django.db import connection

from search.analysis import ParsedQuery
from search.backends.database.base import ENTRY, TITLE_BOOST, DatabaseBackend, exact
from search.backends.facet_cache import FacetIndex

# Column weights of bm25: title, summary, body.
BM25_WEIGHTS = (10.0, 4.0, 1.0)
WEIGHTS_SQL = ", ".join(str(w) for w in BM25_WEIGHTS)


def fts5_query(query: ParsedQuery, column: str | None = None) -> str:
    """ParsedQuery -> FTS5 MATCH expression, optionally limited to one column.
    Tokens are [0-9a-z]+ only, so quoting them is safe."""
    clauses = []
    for term in query.required_terms:
        alts = " OR ".join(f'"{alt}"' for alt in term.alternatives)
        clauses.append(f"({alts})")
    for phrase in query.phrases:
        clauses.append('"' + " ".join(phrase.stems) + '"')
    expression = " AND ".join(clauses)
    return f"{column} : ({expression})" if column else expression


def _title_boosts(rowid: str) -> str:
    """A fixed boost when the title alone matches the whole query, and another when it does
    so with the very words typed (not synonyms): bm25's IDF would otherwise let a rare
    synonym outrank the word the visitor typed. Parameters: the two title MATCH expressions."""
    boost = (
        f"CASE WHEN {rowid} IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) "
        f"THEN {TITLE_BOOST} ELSE 0 END"
    )
    return f"{boost} + {boost}"


def _title_params(query: ParsedQuery) -> list[str]:
    return [
        fts5_query(query, column="title_terms"),
        fts5_query(exact(query), column="title_terms"),
    ]


class SQLiteBackend(DatabaseBackend):
    def _match_ids_sql(self, query: ParsedQuery) -> tuple[str, list]:
        return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [fts5_query(query)]

    def _stem_match_sql(self, stem: str) -> tuple[str, list]:
        return "SELECT 1 FROM search_fts WHERE search_fts MATCH %s", [f'"{stem}"']

    def _stems_among_sql(self, stems: list[str], ids: list[int]) -> tuple[str, list]:
        # Without a `+` before rowid, FTS5 looks each id up in the stem's list: a few entries
        # cost a few lookups, whatever the number of matches.
        one = (
            "SELECT %s, rowid FROM search_fts WHERE search_fts MATCH %s "
            "AND rowid IN (SELECT value FROM json_each(%s))"
        )
        ids_json = json.dumps(ids)
        params = [p for k, s in enumerate(stems) for p in (k, f'"{s}"', ids_json)]
        return " UNION ALL ".join([one] * len(stems)), params

    def _ranked(
        self, query: ParsedQuery, index: FacetIndex, ids: list[int] | None, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        """bm25 with column weights plus the title boosts, then newest first."""
        if ids is not None:
            return self._ranked_among(query, index, ids, limit, offset)
        sql = (
            f"SELECT e.id, -bm25(search_fts, {WEIGHTS_SQL}) + {_title_boosts('e.id')} AS score "
            f"FROM search_fts JOIN {ENTRY} e ON e.id = search_fts.rowid "
            "WHERE search_fts MATCH %s "
            "ORDER BY score DESC, e.date DESC NULLS LAST, e.id DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*_title_params(query), fts5_query(query), limit, offset])
            return [(n, float(score or 0)) for n, score in cursor.fetchall()]

    @staticmethod
    def _ranked_among(
        query: ParsedQuery, index: FacetIndex, ids: list[int], limit: int, offset: int
    ) -> list[tuple[int, float]]:
        """Filtered: score the filtered matches on the FTS table alone (no join; the `+` keeps
        FTS5 from turning the id list into one lookup per id), then order them in Python:
        score, then the cached newest-first rank (date DESC NULLS LAST, id DESC)."""
        sql = (
            f"SELECT rowid, -bm25(search_fts, {WEIGHTS_SQL}) + {_title_boosts('search_fts.rowid')} "
            "FROM search_fts WHERE search_fts MATCH %s "
            "AND +rowid IN (SELECT value FROM json_each(%s))"
        )
        params = [*_title_params(query), fts5_query(query), json.dumps(ids)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = [(n, float(score or 0)) for n, score in cursor.fetchall()]
        position, date_rank = index.position, index.date_rank
        rows.sort(key=lambda row: (-row[1], date_rank[position[row[0]]]))
        return rows[offset : offset + limit]
