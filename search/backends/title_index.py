# ruff: noqa: S608 - SQL is built from fixed table names only.
"""The title words of the search index: which entries hold a stem in their title.

For suggestions while typing (a prefix index) and for the title tiers that bound relevance
scoring when a query matches many items (`DatabaseBackend._title_first`). Built from the
facet index's positions (`search.backends.facet_cache.FacetIndex.titles`) and brought to a
new index version with it (`search.backends.facet_update`).
"""

from __future__ import annotations

import bisect
import copy
import threading
from array import array
from collections import OrderedDict
from itertools import islice, repeat
from typing import TYPE_CHECKING

from django.db import connection

from search.models import SearchEntry

if TYPE_CHECKING:
    from search.backends.facet_cache import FacetIndex

ENTRY = SearchEntry._meta.db_table


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
