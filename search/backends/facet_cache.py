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

After a write, a process does not read the whole index again: each write also counts up
`SearchIndexState.version` and logs the entries it touched (`SearchIndexChange`, same
transaction), and the cache is brought to the new version from those entries alone
(`FacetIndex.updated`): their facet values, their place in the two orders (the database
says which unchanged entry follows each), their title words and their matches of the cached
stems. At 100k items a full read took seconds (issue 16); one changed entry takes
milliseconds. The log is read only when it continues the cache's own version (same version
number and token), so a cache made inside a transaction that rolled back is never taken
for the committed version with that number. Deleted entries keep their bit position (cleared
in every mask) until the next full read.
"""

from __future__ import annotations

import bisect
import copy
import threading
import uuid
from array import array
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from functools import cached_property
from itertools import compress, islice, repeat

from django.db import connection

from search.models import SearchEntry, SearchFacetValue, SearchIndexChange, SearchIndexState

ENTRY = SearchEntry._meta.db_table
FACET = SearchFacetValue._meta.db_table
STATE = SearchIndexState._meta.db_table
CHANGE = SearchIndexChange._meta.db_table
KEEP_VERSIONS = 1000  # change-log rows kept; a process further behind reads everything again
# More changed entries than this since a process's version: reading everything is as quick.
MAX_CHANGED = 2000

#: (stems, entry ids) -> (index into stems, entry id) for each of these entries holding a stem
StemsAmong = Callable[[list[str], list[int]], Iterable[tuple[int, int]]]


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


def _successors(order_by: str, successor: str, changed: list[int]) -> list[tuple[int, int | None]]:
    """The changed entries that exist, in the database's order, each with the unchanged entry
    that follows it in that order (None: the last)."""
    marks = ", ".join(["%s"] * len(changed))
    sql = (
        f"SELECT c.id, {successor.replace('%(changed)s', marks)} FROM {ENTRY} c "
        f"WHERE c.id IN ({marks}) ORDER BY {order_by}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*changed * successor.count("%(changed)s"), *changed])
        return cursor.fetchall()


# The first unchanged entry after `c` in "date DESC NULLS LAST, id DESC": same date and a lower
# id, else the newest earlier date, else the undated ones. Each part is one index range.
DATE_SUCCESSOR = (
    f"COALESCE((SELECT e.id FROM {ENTRY} e WHERE e.date = c.date AND e.id < c.id "
    "AND e.id NOT IN (%(changed)s) ORDER BY e.id DESC LIMIT 1), "
    f"(SELECT e.id FROM {ENTRY} e WHERE e.date < c.date AND e.id NOT IN (%(changed)s) "
    "ORDER BY e.date DESC, e.id DESC LIMIT 1), "
    f"(SELECT e.id FROM {ENTRY} e WHERE e.date IS NULL AND (c.date IS NOT NULL OR e.id < c.id) "
    "AND e.id NOT IN (%(changed)s) ORDER BY e.id DESC LIMIT 1))"
)
# ... in "sort_title, id" (the database's collation decides, as in the full read).
TITLE_SUCCESSOR = (
    f"COALESCE((SELECT e.id FROM {ENTRY} e WHERE e.sort_title = c.sort_title AND e.id > c.id "
    "AND e.id NOT IN (%(changed)s) ORDER BY e.id LIMIT 1), "
    f"(SELECT e.id FROM {ENTRY} e WHERE e.sort_title > c.sort_title "
    "AND e.id NOT IN (%(changed)s) ORDER BY e.sort_title, e.id LIMIT 1))"
)


def _reordered(
    order: list[int], gone: set[int], placed: list[tuple[int, int | None]]
) -> list[int]:
    """`order` without the positions in `gone`, with each (position, successor position)
    of `placed` (in their own order) put right before its successor (None: at the end)."""
    before: dict[int | None, list[int]] = {}
    for p, successor in placed:
        before.setdefault(successor, []).append(p)
    if len(gone) <= 8 and len(before) <= 8:  # the usual single write: a few list operations
        out = order.copy()
        for p in gone:
            if p in out:
                out.remove(p)
        for successor, ps in before.items():
            at = len(out) if successor is None else out.index(successor)
            out[at:at] = ps
        return out
    out = []
    for p in order:
        if p in gone:
            continue
        if p in before:
            out += before[p]
        out.append(p)
    return out + before.get(None, [])


class FacetIndex:
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
        deleted: their rows are read again, nothing else. The copy shares nothing this index
        changes, so a search still using this one is not disturbed."""
        new = copy.copy(self)
        new.__dict__.pop("date_rank", None)
        new.__dict__.pop("titles", None)
        new.token, new.version, new.changed = token, version, frozenset(changed)
        ids = sorted(changed)
        with connection.cursor() as cursor:
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(f"SELECT id, title_terms FROM {ENTRY} WHERE id IN ({marks})", ids)
            titles = dict(cursor.fetchall())
            cursor.execute(f"SELECT entry_id, facet, value FROM {FACET} WHERE entry_id IN ({marks})", ids)
            facet_rows = cursor.fetchall()
        # Positions: a new entry gets the next one; a deleted one keeps its own, cleared.
        added = [n for n in ids if n not in self.position and n in titles]
        if added:
            new.ids = self.ids + added
            new.position = {**self.position, **{n: self.n + i for i, n in enumerate(added)}}
            new.n = self.n + len(added)
        position = new.position
        touched = [position[n] for n in ids if n in position]
        flags = self.all.to_bytes(self.n, "little")
        was_there = {p for p in touched if p < self.n and flags[p]}
        alive = {position[n] for n in titles}
        touched_mask = new._from_positions(touched)
        alive_mask = new._from_positions(alive)
        keep = ~touched_mask
        new.all = (self.all & keep) | alive_mask
        new.size = self.size - len(was_there) + len(alive)
        # Facet values: clear the touched entries, set their values as they are now.
        fresh: dict[tuple[str, str], list[int]] = {}
        for entry_id, facet, value in facet_rows:
            fresh.setdefault((facet, value), []).append(position[entry_id])
        values = {facet: dict(masks) for facet, masks in self.values.items()}
        for facet, masks in values.items():
            for value, mask in list(masks.items()):
                if mask & touched_mask and (facet, value) not in fresh:
                    masks[value] = mask & keep
                    if not masks[value]:
                        del masks[value]
        for (facet, value), positions in fresh.items():
            masks = values.setdefault(facet, {})
            masks[value] = (masks.get(value, 0) & keep) | new._from_positions(positions)
        new.values = {facet: dict(sorted(masks.items())) for facet, masks in sorted(values.items()) if masks}
        # The two orders: each written entry before the unchanged one the database puts after it.
        gone = set(touched) & was_there
        for attribute, order_by, successor in (
            ("by_date", "c.date DESC NULLS LAST, c.id DESC", DATE_SUCCESSOR),
            ("by_title", "c.sort_title ASC, c.id ASC", TITLE_SUCCESSOR),
        ):
            placed = [
                (position[n], None if after is None else position[after])
                for n, after in _successors(order_by, successor, ids)
            ]
            setattr(new, attribute, _reordered(getattr(self, attribute), gone, placed))
        # The cached stems' matches among the written entries.
        with self._stems_lock:
            stems = list(self._stems.items())
        hits: dict[int, list[int]] = {}
        if stems and titles:
            for k, entry_id in stems_among([s for s, _ in stems], sorted(titles)):
                hits.setdefault(k, []).append(position[entry_id])
        new._stems = OrderedDict(
            (s, (mask & keep) | new._from_positions(hits.get(k, ())))
            for k, (s, mask) in enumerate(stems)
        )
        # What changed since each of the last few versions (the row cache follows it).
        new.history = {self.token: new.changed}
        for old, since in list(self.history.items())[:7]:
            new.history[old] = since | new.changed
        new._stems_lock = threading.Lock()
        if "titles" in self.__dict__:
            new.__dict__["titles"] = self.titles.updated(new, touched_mask, was_there, titles)
        return new

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


class TitleIndex:
    """Which entries hold a stem in their title, for every stem of every title (one read of
    the analysed titles per index version): a prefix index for suggestions, and the title
    tiers that bound relevance scoring when a query matches many items."""

    MASK_CACHE = 64  # bitmasks of the most recently used title stems (100 KB each at 100k items)

    def __init__(self, index: FacetIndex) -> None:
        self.index = index
        postings: dict[str, array] = {}
        lengths = array("H", bytes(2 * index.n))
        terms: list[str] = [""] * index.n  # each position's analysed title (for updates)
        position = index.position
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, title_terms FROM {ENTRY}")
            for entry_id, text in cursor.fetchall():
                p = position[entry_id]
                terms[p] = text or ""
                stems = terms[p].split()
                lengths[p] = min(len(stems), 65535)
                for s in dict.fromkeys(stems):
                    postings.setdefault(s, array("i")).append(p)
        self.postings = postings
        self.stems = sorted(postings)
        self.lengths, self.terms = lengths, terms
        # Suggestions: the shortest titles first (a title that is just the word, such as the
        # glossary term "Pesten", before a long one), then newest.
        self.by_length = sorted(index.by_date, key=lengths.__getitem__)
        self._masks: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def updated(
        self, index: FacetIndex, touched_mask: int, was_there: set[int], titles: dict[int, str]
    ) -> TitleIndex:
        """A copy for `index` (`FacetIndex.updated`): the titles of the touched positions
        taken out, `titles` (entry id -> analysed title, the entries that exist) put in."""
        new = copy.copy(self)
        new.index = index
        new.postings = dict(self.postings)
        new.lengths = array("H", self.lengths)
        new.lengths.extend(repeat(0, index.n - len(self.lengths)))
        new.terms = self.terms + [""] * (index.n - len(self.terms))
        own: set[str] = set()  # posting lists already copied

        def postings(s: str) -> array:
            if s not in own:
                own.add(s)
                new.postings[s] = array("i", new.postings.get(s, ()))
            return new.postings[s]

        for p in was_there:
            for s in dict.fromkeys(new.terms[p].split()):
                postings(s).remove(p)
            new.terms[p], new.lengths[p] = "", 0
        placed: dict[int, set[str]] = {}
        for entry_id, text in titles.items():
            p = index.position[entry_id]
            new.terms[p] = text or ""
            stems = new.terms[p].split()
            new.lengths[p] = min(len(stems), 65535)
            placed[p] = set(stems)
            for s in placed[p]:
                postings(s).append(p)
        for s in own:
            if not new.postings[s]:
                del new.postings[s]
        if any((s in new.postings) != (s in self.postings) for s in own):
            new.stems = self.stems.copy()
            for s in own:
                if s in new.postings and s not in self.postings:
                    bisect.insort(new.stems, s)
                elif s not in new.postings and s in self.postings:
                    del new.stems[bisect.bisect_left(new.stems, s)]
        by_length = [p for p in self.by_length if p not in was_there] if len(was_there) > 8 else (
            self.by_length.copy()
        )
        if len(was_there) <= 8:
            for p in was_there:
                by_length.remove(p)
        lengths, pending = new.lengths, set(placed)
        for p in placed:
            pending.discard(p)
            # The first title of the same length after it in by_date (a few steps on average)
            # goes right after it; none: the end of that length's run.
            i = index.by_date.index(p) + 1
            after = next(
                (q for q in islice(index.by_date, i, i + 2000) if lengths[q] == lengths[p] and q not in pending),
                None,
            )
            if after is None and i + 2000 < len(index.by_date):  # a rare length: by rank
                rank = index.date_rank
                bisect.insort(by_length, p, key=lambda q: (lengths[q], rank[q]))
            elif after is None:
                by_length.insert(bisect.bisect_right(by_length, lengths[p], key=lengths.__getitem__), p)
            else:
                by_length.insert(by_length.index(after), p)
        new.by_length = by_length
        with self._lock:
            masks = list(self._masks.items())
        keep = ~touched_mask
        new._masks = OrderedDict(
            (s, (mask & keep) | index._from_positions([p for p, st in placed.items() if s in st]))
            for s, mask in masks
        )
        new._lock = threading.Lock()
        return new

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
