"""The database engine, the default: SQLite FTS5 (embedded) or PostgreSQL full-text search.

`base.py` holds what both share (indexing, facet bitmasks, ranking, vocabulary); `sqlite.py`
and `postgres.py` hold each database's full-text SQL. The connection's vendor picks one.
"""

from __future__ import annotations

from django.db import connections

from search.backends.database.base import DatabaseBackend, hit_of
from search.backends.database.postgres import PostgresBackend
from search.backends.database.sqlite import SQLiteBackend

VENDORS: dict[str, type[DatabaseBackend]] = {
    "sqlite": SQLiteBackend,
    "postgresql": PostgresBackend,
}

__all__ = ["DatabaseBackend", "PostgresBackend", "SQLiteBackend", "database_backend", "hit_of"]


def database_backend(using: str = "default") -> DatabaseBackend:
    """The database engine for this connection's database."""
    return VENDORS[connections[using].vendor](using)
