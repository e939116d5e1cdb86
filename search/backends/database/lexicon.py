# ruff: noqa: S608 - SQL is built from fixed identifiers and %s placeholders only; every value is a parameter.
"""The database engine's words: which stems the index holds and how often (per index version,
for the ranking's document frequencies), suggestions while typing (from the title index of
`search.backends.facet_cache`) and spelling corrections (from the words of titles and summaries).
A mixin of `DatabaseBackend`, which gives the full-text SQL (`_stem_match_sql`), the facet
cache (`_facets`), the matching (`_matched_mask`) and the lock."""

from __future__ import annotations

import threading
from collections import Counter

from django.db import connection

from search.analysis import ParsedQuery, correct_word, stem, words
from search.backends.base import Suggestion
from search.backends.facet_cache import FacetCache, FacetIndex
from search.backends.index_version import current_token
from search.models import SearchEntry


class Lexicon:
    _lock: threading.Lock
    _facets: FacetCache
    _lexicon: tuple[str | None, dict[str, bool], dict[str, int]]
    _vocabulary: tuple[tuple, dict[str, int], set[str]] | None

    def _lexicon_state(self, token: str | None = None) -> tuple[dict[str, bool], dict[str, int]]:
        token = token or current_token()
        with self._lock:
            if token is None or self._lexicon[0] != token:
                self._lexicon = (token, {}, {})
            return self._lexicon[1], self._lexicon[2]

    def _count_matches(self, stem: str, exists_only: bool) -> int:
        inner, params = self._stem_match_sql(stem)
        limit = " LIMIT 1" if exists_only else ""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({inner}{limit}) matches", params)
            return cursor.fetchone()[0]


    def known_stems(self, stems: set[str]) -> set[str]:
        """Which of these stems occur in the index (cached per index version)."""
        known, _ = self._lexicon_state()
        for s in stems:
            if s not in known and s.isalnum() and s.isascii():
                known[s] = bool(self._count_matches(s, exists_only=True))
        return {s for s in stems if known.get(s)}

    def document_frequencies(self, stems: set[str], token: str | None = None) -> dict[str, int]:
        _, df = self._lexicon_state(token)
        for s in stems:
            if s not in df and s.isalnum() and s.isascii():
                df[s] = self._count_matches(s, exists_only=False)
        return {s: df.get(s, 0) for s in stems}

    # Suggestions ----------------------------------------------------------------------

    def suggest(self, query: ParsedQuery, prefix: str, limit: int = 8) -> list[Suggestion]:
        """From the title index (`facet_cache.TitleIndex`): titles with a word starting with
        the prefix (stemmed: the index holds stems, "pesten" must still match "pest"), among
        the matches of the complete words; the shortest titles first, then newest."""
        if not prefix:
            return []
        index: FacetIndex = self._facets.get()
        mask = index.titles.prefixed(stem(prefix))
        if mask and not query.is_empty:
            mask &= self._matched_mask(query, index)
        order = index.page(mask, index.titles.by_length, 0, limit)
        rows = {
            n: (title, url, kind)
            for n, title, url, kind in SearchEntry.objects.filter(id__in=order).values_list(
                "id", "title", "url", "type"
            )
        }
        return [Suggestion(*rows[n]) for n in order if n in rows]

    # Spelling -------------------------------------------------------------------------

    def _vocabulary_words(self) -> tuple[dict[str, int], set[str]]:
        """Distinct words of all titles and summaries, and their stems; rebuilt when the
        index changes (only ever needed for a query without results)."""
        state = tuple(
            SearchEntry.objects.order_by("-updated_at").values_list("updated_at", flat=True)[:1]
        )
        state = (self.count(), *state)
        with self._lock:
            if self._vocabulary and self._vocabulary[0] == state:
                return self._vocabulary[1], self._vocabulary[2]
        vocabulary: Counter[str] = Counter()
        for title, summary in SearchEntry.objects.values_list("title", "summary").iterator(
            chunk_size=2000
        ):
            # A title word counts twice: the name of an item ("Snapchat") is never "rare".
            vocabulary.update(
                w
                for w in words(f"{title} {title} {summary}")
                if len(w) > 3 and not w.isdigit()
            )
        result, stems = dict(vocabulary), {stem(w) for w in vocabulary}
        with self._lock:
            self._vocabulary = (state, result, stems)
        return result, stems

    def vocabulary(self) -> dict[str, int]:
        """Words of all titles and summaries with how often they occur (for corrections)."""
        return self._vocabulary_words()[0]

    def spelling_suggestion(self, text: str) -> str | None:
        """A corrected query: each unknown word replaced by a close, frequent word of the
        index (`search.analysis.correct_word`)."""
        vocabulary, stems_known = self._vocabulary_words()
        corrected, changed = [], False
        for word in words(text):
            if word in vocabulary or stem(word) in stems_known:
                corrected.append(word)
                continue
            match = correct_word(word, vocabulary)
            corrected.append(match or word)
            changed |= bool(match)
        return " ".join(corrected) if changed else None
