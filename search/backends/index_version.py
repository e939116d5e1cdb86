# ruff: noqa: S608 - SQL is built from fixed table names only.
"""The search index's version, shared by every process through the database.

Every write to the search table changes `SearchIndexState.token` in its own transaction, and
every search reads it (one primary-key lookup), so a write in another process or a rolled-back
transaction never leaves a stale cache in use (`search.backends.facet_cache`).

Each write also counts up `SearchIndexState.version` and logs the entries it touched
(`SearchIndexChange`, same transaction), so a process's cache can be brought to the new
version from those entries alone (`search.backends.facet_update`). The log is read only when
it continues the cache's own version (same version number and token), so a cache made inside
a transaction that rolled back is never taken for the committed version with that number.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import connection

from search.models import SearchIndexChange, SearchIndexState

STATE = SearchIndexState._meta.db_table
CHANGE = SearchIndexChange._meta.db_table
KEEP_VERSIONS = 1000  # change-log rows kept; a process further behind reads everything again
# More changed entries than this since a process's version: reading everything is as quick.
MAX_CHANGED = 2000


def bump(entries: Iterable[int] | None = None) -> None:
    """Give the index a new version (call inside the writing transaction): a new token, the
    next version number, and the log row naming the entries written (None: everything)."""
    token = uuid.uuid4().hex
    ids = None if entries is None else ",".join(str(n) for n in sorted(set(entries)))
    with connection.cursor() as cursor:
        # The row lock taken here is held until commit: versions commit in their order.
        cursor.execute(
            f"UPDATE {STATE} SET token = %s, version = version + 1 WHERE id = 1 RETURNING version",
            [token],
        )
        row = cursor.fetchone()
        if row is None:  # a flushed table: start the count again
            cursor.execute(f"DELETE FROM {CHANGE}")
            SearchIndexState.objects.update_or_create(id=1, defaults={"token": token, "version": 1})
            version = 1
        else:
            version = row[0]
        cursor.execute(
            f"INSERT INTO {CHANGE} (version, token, entries) VALUES (%s, %s, %s)",
            [version, token, ids],
        )
        cursor.execute(f"DELETE FROM {CHANGE} WHERE version <= %s", [version - KEEP_VERSIONS])


def current_state() -> tuple[str, int] | None:
    """(token, version) of the index, None when the table was flushed."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token, version FROM {STATE} WHERE id = 1")
        row = cursor.fetchone()
    return (row[0], row[1]) if row else None


def current_token() -> str | None:
    state = current_state()
    return state[0] if state else None


def changed_since(token: str, version: int, until: int) -> set[int] | None:
    """The entries written after (token, version) up to version `until`, from the log; None
    when the log does not continue that version (rolled back, pruned) or a write changed
    everything or too much."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT version, token, entries FROM {CHANGE} "
            "WHERE version >= %s AND version <= %s ORDER BY version",
            [version, until],
        )
        rows = cursor.fetchall()
    if len(rows) != until - version + 1 or rows[0][:2] != (version, token):
        return None
    changed: set[int] = set()
    for _, _, entries in rows[1:]:
        if entries is None:
            return None
        changed.update(int(n) for n in entries.split(",") if n)
        if len(changed) > MAX_CHANGED:
            return None
    return changed
