# ruff: noqa: S608 - SQL is built from fixed identifiers and %s placeholders only; every value is a parameter.
"""The database engine on PostgreSQL: a weighted tsvector column (title A, summary B, body C)
with a GIN index, queried with the 'simple' configuration (the terms are already analysed)."""

from __future__ import annotations

from django.db import connection

from search.analysis import ParsedQuery
from search.backends.database.base import ENTRY, TITLE_BOOST, DatabaseBackend, exact
from search.backends.facet_cache import FacetIndex


def tsquery(query: ParsedQuery, weight: str = "") -> str:
    """ParsedQuery -> PostgreSQL to_tsquery('simple', ...) expression; `weight="A"` limits
    every lexeme to the title."""
    suffix = f":{weight}" if weight else ""
    clauses = []
    for term in query.required_terms:
        clauses.append("(" + " | ".join(alt + suffix for alt in term.alternatives) + ")")
    for phrase in query.phrases:
        clauses.append("(" + " <-> ".join(s + suffix for s in phrase.stems) + ")")
    return " & ".join(clauses)


class PostgresBackend(DatabaseBackend):
    def _match_ids_sql(self, query: ParsedQuery) -> tuple[str, list]:
        return (
            f"SELECT e.id FROM {ENTRY} e "
            "WHERE e.search_vector @@ to_tsquery('simple'::regconfig, %s)",
            [tsquery(query)],
        )

    def _stem_match_sql(self, stem: str) -> tuple[str, list]:
        return (
            f"SELECT 1 FROM {ENTRY} WHERE search_vector @@ to_tsquery('simple'::regconfig, %s)",
            [stem],
        )

    def _stems_among_sql(self, stems: list[str], ids: list[int]) -> tuple[str, list]:
        # The entries by primary key first, then each stem checked on their tsvector.
        return (
            "SELECT s.k - 1, e.id FROM "
            f"(SELECT id, search_vector FROM {ENTRY} WHERE id = ANY(%s) OFFSET 0) e "
            "JOIN unnest(%s::text[]) WITH ORDINALITY s(stem, k) "
            "ON e.search_vector @@ to_tsquery('simple'::regconfig, s.stem)",
            [ids, stems],
        )

    def _ranked(
        self, query: ParsedQuery, index: FacetIndex, ids: list[int] | None, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        """ts_rank plus a fixed boost when the title alone matches the whole query, and another
        when it does so with the very words typed (not synonyms), ordered by the database."""
        restrict, restrict_params = "", []
        if ids is not None:
            restrict, restrict_params = " AND e.id = ANY(%s)", [ids]
        sql = (
            f"SELECT e.id, ts_rank(e.search_vector, tsq) + CASE WHEN e.search_vector @@ tsq_title "
            f"THEN {TITLE_BOOST} ELSE 0 END + CASE WHEN e.search_vector @@ tsq_exact "
            f"THEN {TITLE_BOOST} ELSE 0 END AS score "
            f"FROM {ENTRY} e CROSS JOIN to_tsquery('simple'::regconfig, %s) tsq "
            "CROSS JOIN to_tsquery('simple'::regconfig, %s) tsq_title "
            "CROSS JOIN to_tsquery('simple'::regconfig, %s) tsq_exact "
            f"WHERE e.search_vector @@ tsq{restrict} "
            "ORDER BY score DESC, e.date DESC NULLS LAST, e.id DESC LIMIT %s OFFSET %s"
        )
        params = [
            tsquery(query),
            tsquery(query, weight="A"),
            tsquery(exact(query), weight="A"),
            *restrict_params,
            limit,
            offset,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(n, float(score or 0)) for n, score in cursor.fetchall()]
