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

import bisect
import threading
import uuid
from array import array
from collections import OrderedDict, deque
from functools import cached_property
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
    def __init__(self, token: str | None = None) -> None:
        self.token = token  # the index version this was read at (None: not cached)
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
        self._stems: OrderedDict[str, int] = OrderedDict()
        self._stems_lock = threading.Lock()
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

    @cached_property
    def titles(self) -> TitleIndex:
        """The title words (built on first use: only large result sets and suggestions need it)."""
        return TitleIndex(self)


class TitleIndex:
    """Which entries hold a stem in their title, for every stem of every title (one read of
    the analysed titles per index version): a prefix index for suggestions, and the title
    tiers that bound relevance scoring when a query matches many items."""

    MASK_CACHE = 64  # bitmasks of the most recently used title stems (100 KB each at 100k items)

    def __init__(self, index: FacetIndex) -> None:
        self.index = index
        postings: dict[str, array] = {}
        lengths = array("H", bytes(2 * index.n))
        position = index.position
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, title_terms FROM {ENTRY}")
            for entry_id, terms in cursor.fetchall():
                p = position[entry_id]
                stems = (terms or "").split()
                lengths[p] = min(len(stems), 65535)
                for s in dict.fromkeys(stems):
                    postings.setdefault(s, array("i")).append(p)
        self.postings = postings
        self.stems = sorted(postings)
        # Suggestions: the shortest titles first (a title that is just the word, such as the
        # glossary term "Pesten", before a long one), then newest.
        self.by_length = sorted(index.by_date, key=lengths.__getitem__)
        self._masks: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def mask(self, stem: str) -> int:
        with self._lock:
            if stem in self._masks:
                self._masks.move_to_end(stem)
                return self._masks[stem]
        mask = self.index._from_positions(self.postings.get(stem, ()))
        with self._lock:
            self._masks[stem] = mask
            while len(self._masks) > self.MASK_CACHE:
                self._masks.popitem(last=False)
        return mask

    def any_of(self, stems) -> int:
        out = 0
        for s in stems:
            out |= self.mask(s)
        return out

    def prefixed(self, prefix: str) -> int:
        """Entries with a title word starting with `prefix`."""
        start = bisect.bisect_left(self.stems, prefix)
        end = bisect.bisect_left(self.stems, prefix + "\uffff")
        if end - start > 64:  # a short prefix of many words: one pass over their postings
            return self.index._from_positions(
                p for s in self.stems[start:end] for p in self.postings[s]
            )
        return self.any_of(self.stems[start:end])


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
        index = FacetIndex(token)
        if token is not None:  # no token (table flushed): do not cache
            with self._lock:
                self._entry = (token, index)
        return index

    def clear(self) -> None:
        with self._lock:
            self._entry = None
