# ruff: noqa: S608 - SQL is built from fixed table names only.
"""Per-process facet bitmasks for the database engine.

For every facet value, a Python int with one bit per search entry: bit 8*p is set when the
entry at position p (entries sorted by id) has that value. (One bit in eight: the same int
converts to one byte per position with `to_bytes`, which C-level `itertools.compress` and
`filter` read directly; AND and `bit_count` are still a few microseconds at 100k entries.)
Filters become OR within a facet and AND across facets; disjunctive facet counts become
`(mask & value_mask).bit_count()`. Two orders are cached too (newest first, title A-Z), taken
from the database itself so collation and NULL ordering are the database's.

The cache is valid for one `SearchIndexState.token`; every write to the search table changes
the token in its own transaction, and every search reads it (one primary-key lookup), so a
write in another process or a rolled-back transaction never leaves a stale cache in use.
"""

from __future__ import annotations

import threading
import uuid
from collections import deque
from itertools import compress, islice, repeat

from django.db import connection

from search.models import SearchEntry, SearchFacetValue, SearchIndexState

ENTRY = SearchEntry._meta.db_table
FACET = SearchFacetValue._meta.db_table
STATE = SearchIndexState._meta.db_table


def bump() -> None:
    """Give the index a new version token (call inside the writing transaction)."""
    token = uuid.uuid4().hex
    if not SearchIndexState.objects.filter(id=1).update(token=token):
        SearchIndexState.objects.update_or_create(id=1, defaults={"token": token})


def current_token() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {STATE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


class FacetIndex:
    def __init__(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {ENTRY} ORDER BY id")
            self.ids: list[int] = [row[0] for row in cursor.fetchall()]
            self.position = {entry_id: p for p, entry_id in enumerate(self.ids)}
            self.n = len(self.ids)
            self.all = int.from_bytes(b"\x01" * self.n, "little")
            cursor.execute(f"SELECT id FROM {ENTRY} ORDER BY date DESC NULLS LAST, id DESC")
            self.by_date = [self.position[row[0]] for row in cursor.fetchall()]
            self.date_rank = [0] * self.n  # position -> rank in by_date
            for rank, p in enumerate(self.by_date):
                self.date_rank[p] = rank
            cursor.execute(f"SELECT id FROM {ENTRY} ORDER BY sort_title ASC, id ASC")
            self.by_title = [self.position[row[0]] for row in cursor.fetchall()]
            cursor.execute(f"SELECT facet, value, entry_id FROM {FACET}")
            groups: dict[tuple[str, str], list[int]] = {}
            position = self.position
            for facet, value, entry_id in cursor.fetchall():
                groups.setdefault((facet, value), []).append(position[entry_id])
        self.values: dict[str, dict[str, int]] = {}
        for (facet, value), positions in sorted(groups.items()):
            self.values.setdefault(facet, {})[value] = self._from_positions(positions)

    def _from_positions(self, positions) -> int:
        flags = bytearray(self.n)
        deque(map(flags.__setitem__, positions, repeat(1)), maxlen=0)
        return int.from_bytes(flags, "little")

    def mask_of_ids(self, ids: list[int]) -> int:
        position = self.position
        try:
            return self._from_positions(map(position.__getitem__, ids))
        except KeyError:  # cannot happen at the same token; be safe anyway
            return self._from_positions(position[i] for i in ids if i in position)

    def filter_mask(self, facet: str, values) -> int:
        masks = self.values.get(facet, {})
        out = 0
        for value in values:
            out |= masks.get(value, 0)
        return out

    def ids_of(self, mask: int) -> list[int]:
        return list(compress(self.ids, mask.to_bytes(self.n, "little")))

    def page(self, mask: int, order: list[int], offset: int, limit: int) -> list[int]:
        flags = mask.to_bytes(self.n, "little")
        positions = islice(filter(flags.__getitem__, order), offset, offset + limit)
        return [self.ids[p] for p in positions]


class FacetCache:
    """The FacetIndex of the current token; rebuilt when the token changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entry: tuple[str, FacetIndex] | None = None

    def get(self) -> FacetIndex:
        token = current_token()
        with self._lock:
            if token is not None and self._entry and self._entry[0] == token:
                return self._entry[1]
        index = FacetIndex()
        if token is not None:  # no token (table flushed): do not cache
            with self._lock:
                self._entry = (token, index)
        return index

    def clear(self) -> None:
        with self._lock:
            self._entry = None
