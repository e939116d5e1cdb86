# ruff: noqa: S608 - SQL is built from fixed table names only.
"""Bringing a process's facet bitmasks to a new index version from the entries written since
(`search.backends.index_version.changed_since`), instead of reading the whole index again:
their facet values, their place in the two orders (the database says which unchanged entry
follows each), their title words and their matches of the cached stems. At 100k items a full
read took seconds (issue 16); one changed entry takes milliseconds. Deleted entries keep their
bit position (cleared in every mask) until the next full read.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.db import connection

from search.models import SearchEntry, SearchFacetValue

if TYPE_CHECKING:
    from search.backends.facet_cache import FacetIndex

ENTRY = SearchEntry._meta.db_table
FACET = SearchFacetValue._meta.db_table

#: (stems, entry ids) -> (index into stems, entry id) for each of these entries holding a stem
StemsAmong = Callable[[list[str], list[int]], Iterable[tuple[int, int]]]


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

def updated_index(
    old: FacetIndex, token: str, version: int, changed: set[int], stems_among: StemsAmong
) -> FacetIndex:
    """A copy of `old` brought to (token, version), where the entries `changed` were written or
    deleted: their rows are read again, nothing else. The copy shares nothing `old` changes, so
    a search still using `old` is not disturbed."""
    new = copy.copy(old)
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
    added = [n for n in ids if n not in old.position and n in titles]
    if added:
        new.ids = old.ids + added
        new.position = {**old.position, **{n: old.n + i for i, n in enumerate(added)}}
        new.n = old.n + len(added)
    position = new.position
    touched = [position[n] for n in ids if n in position]
    flags = old.all.to_bytes(old.n, "little")
    was_there = {p for p in touched if p < old.n and flags[p]}
    alive = {position[n] for n in titles}
    touched_mask = new._from_positions(touched)
    alive_mask = new._from_positions(alive)
    keep = ~touched_mask
    new.all = (old.all & keep) | alive_mask
    new.size = old.size - len(was_there) + len(alive)
    # Facet values: clear the touched entries, set their values as they are now.
    fresh: dict[tuple[str, str], list[int]] = {}
    for entry_id, facet, value in facet_rows:
        fresh.setdefault((facet, value), []).append(position[entry_id])
    values = {facet: dict(masks) for facet, masks in old.values.items()}
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
        setattr(new, attribute, _reordered(getattr(old, attribute), gone, placed))
    # The cached stems' matches among the written entries.
    with old._stems_lock:
        stems = list(old._stems.items())
    hits: dict[int, list[int]] = {}
    if stems and titles:
        for k, entry_id in stems_among([s for s, _ in stems], sorted(titles)):
            hits.setdefault(k, []).append(position[entry_id])
    new._stems = OrderedDict(
        (s, (mask & keep) | new._from_positions(hits.get(k, ())))
        for k, (s, mask) in enumerate(stems)
    )
    # What changed since each of the last few versions (the row cache follows it).
    new.history = {old.token: new.changed}
    for token_before, since in list(old.history.items())[:7]:
        new.history[token_before] = since | new.changed
    new._stems_lock = threading.Lock()
    if "titles" in old.__dict__:
        new.__dict__["titles"] = old.titles.updated(new, touched_mask, was_there, titles)
    return new
