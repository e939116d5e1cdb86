# ruff: noqa: S608 - SQL is built from fixed table names only.
"""Per-process facet bitmasks for the database engine.

For every facet value, a Python int with one bit per search entry: bit 8*p is set when the
entry at position p (entries sorted by id) has that value. (One bit in eight: the same int
converts to one byte per position with `to_bytes`, which C-level `itertools.compress` and
`filter` read directly; AND and `bit_count` are still a few microseconds at 100k entries.)
Filters become OR within a facet and AND across facets; disjunctive facet counts become
`(mask & value_mask).bit_count()`. Two orders are cached too (newest first, title A-Z), taken
from the database itself so collation and NULL ordering are the database's.

The cache is valid for one index version (`search.backends.index_version`: one primary-key
read per search). After a write, the cache is not read again but brought to the new version
from the entries written since (`FacetIndex.updated`, `search.backends.facet_update`); the
title words are `search.backends.title_index`.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict, deque
from functools import cached_property
from itertools import compress, islice, repeat

from django.db import connection

from search.backends.facet_update import StemsAmong, updated_index
from search.backends.index_version import changed_since, current_state
from search.backends.title_index import TitleIndex
from search.models import SearchEntry, SearchFacetValue

ENTRY = SearchEntry._meta.db_table
FACET = SearchFacetValue._meta.db_table


class FacetIndex:
    """One index version's bitmasks (per facet value and for every entry), its two orders and
    the cached stems' matches."""

    def __init__(self, token: str | None = None, version: int = 0) -> None:
        self.token = token  # the index version this was read at (None: not cached)
        self.version = version
        self.changed: frozenset[int] = frozenset()  # entries changed since the version before
        self.history: dict[str | None, frozenset[int]] = {}  # token -> entries changed since
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {ENTRY} ORDER BY id")
            self.ids: list[int] = [row[0] for row in cursor.fetchall()]
            self.position = {entry_id: p for p, entry_id in enumerate(self.ids)}
            self.n = len(self.ids)  # bit positions, deleted entries' included
            self.size = self.n  # entries
            self.all = int.from_bytes(b"\x01" * self.n, "little")
            cursor.execute(f"SELECT id FROM {ENTRY} ORDER BY date DESC NULLS LAST, id DESC")
            self.by_date = [self.position[row[0]] for row in cursor.fetchall()]
            cursor.execute(f"SELECT id FROM {ENTRY} ORDER BY sort_title ASC, id ASC")
            self.by_title = [self.position[row[0]] for row in cursor.fetchall()]
            cursor.execute(f"SELECT facet, value, entry_id FROM {FACET}")
            groups: dict[tuple[str, str], list[int]] = {}
            position = self.position
            for facet, value, entry_id in cursor.fetchall():
                groups.setdefault((facet, value), []).append(position[entry_id])
        self._stems: OrderedDict[str, int] = OrderedDict()
        self._stems_lock = threading.Lock()
        self.values: dict[str, dict[str, int]] = {}
        for (facet, value), positions in sorted(groups.items()):
            self.values.setdefault(facet, {})[value] = self._from_positions(positions)

    @cached_property
    def date_rank(self) -> list[int]:
        """Position -> rank in by_date."""
        date_rank = [0] * self.n
        deque(map(date_rank.__setitem__, self.by_date, range(len(self.by_date))), maxlen=0)
        return date_rank

    def updated(self, token: str, version: int, changed: set[int], stems_among: StemsAmong) -> FacetIndex:
        """A copy brought to (token, version), where the entries `changed` were written or
        deleted (`search.backends.facet_update`)."""
        return updated_index(self, token, version, changed, stems_among)

    def _from_positions(self, positions) -> int:
        if isinstance(positions, (list, tuple, set, dict)) and not positions:
            return 0
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

    STEM_CACHE = 64  # full-text matches of the most recently searched stems (100 KB each at 100k)

    def stem_mask(self, stem: str, fetch) -> int:
        """The entries holding `stem` (anywhere), `fetch(stem)` -> ids when not kept yet."""
        with self._stems_lock:
            if stem in self._stems:
                self._stems.move_to_end(stem)
                return self._stems[stem]
        mask = self.mask_of_ids(fetch(stem))
        with self._stems_lock:
            self._stems[stem] = mask
            while len(self._stems) > self.STEM_CACHE:
                self._stems.popitem(last=False)
        return mask

    def stem_count(self, stem: str) -> int | None:
        """How many entries hold `stem`, when its matches are kept (else None)."""
        with self._stems_lock:
            mask = self._stems.get(stem)
        return None if mask is None else mask.bit_count()

    @cached_property
    def titles(self) -> TitleIndex:
        """The title words (built on first use: only large result sets and suggestions need it)."""
        return TitleIndex(self)


class FacetCache:
    """The FacetIndex of the current token: when the token changes, updated from the entries
    written since (`FacetIndex.updated`), or read again when the log cannot say."""

    def __init__(self, stems_among: StemsAmong | None = None) -> None:
        self._lock = threading.Lock()
        self._entry: tuple[str, FacetIndex] | None = None
        self._stems_among = stems_among

    def get(self) -> FacetIndex:
        state = current_state()
        if state is None:  # no token (table flushed): do not cache
            return FacetIndex(None)
        token, version = state
        with self._lock:
            cached = self._entry[1] if self._entry else None
        if cached is not None and cached.token == token:
            return cached
        index = None
        if cached is not None and self._stems_among and cached.version < version:
            changed = changed_since(cached.token, cached.version, version)
            # Too many entries deleted since the last full read: read again, compact.
            if changed is not None and (cached.n - cached.size) + len(changed) <= cached.n // 4 + 64:
                index = self._updated(cached, token, version, changed)
        if index is None:
            index = FacetIndex(token, version)
        with self._lock:
            self._entry = (token, index)
        return index

    def _updated(self, cached: FacetIndex, token: str, version: int, changed: set[int]) -> FacetIndex | None:
        if not changed:  # writes that touched no entry (an empty batch)
            index = copy.copy(cached)
            index.token, index.version, index.changed = token, version, frozenset()
            index.history = {cached.token: frozenset(), **cached.history}
            return index
        try:
            return cached.updated(token, version, changed, self._stems_among)
        except (KeyError, ValueError):  # an entry written while this read it: read everything
            return None

    def clear(self) -> None:
        with self._lock:
            self._entry = None
