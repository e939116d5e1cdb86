"""Relevance ranking in Python, the same on SQLite and PostgreSQL.

The database finds the matches; the order of (the best few hundred of) them is computed here
from the stored, already analysed fields, so both databases give the same top 10 (FTS5's bm25
and PostgreSQL's ts_rank disagree on most multi-word queries). The order, most important first:

1. how many of the required words (or quoted phrases) an item matches: full matches always
   come before the partial ones of a widened search;
2. a title that is exactly the query ("pesten" -> the glossary term Pesten);
3. BM25F over title, summary and body (per-field weights and length normalisation), where the
   typed word and its forms count fully and a synonym counts half (the typed word outranks its
   synonyms), plus a bonus when the title holds every typed word;
4. newest first, then the stable key.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from search.analysis import ParsedQuery

FIELDS = ("title", "summary", "body")
WEIGHTS = {"title": 6.0, "summary": 2.0, "body": 1.0}
AVERAGE_LENGTH = {"title": 7.0, "summary": 25.0, "body": 300.0}  # fixed: same on every engine
B = 0.75
K1 = 1.2
SYNONYM_WEIGHT = 0.5
FILLER_WEIGHT = 0.2  # question and filler words ("doen", "word") help a little
FORM_WEIGHT = 0.9  # another form of the typed word (plural, participle, compound join)
TITLE_ALL_BONUS = 2.0  # the title holds every typed word (or a form of it)
TITLE_SYNONYM_BONUS = 0.8  # ... or a synonym of each


@dataclass
class Row:
    id: int
    key: str
    date: datetime.date | None
    title: str  # analysed terms, space separated
    summary: str
    body: str

    @cached_property
    def parsed(self) -> tuple[dict, dict, dict]:
        """Tokens, term counts and BM25 length norms per field (kept with the row, which the
        engine caches per index version)."""
        tokens = {f: getattr(self, f).split() for f in FIELDS}
        counts = {f: Counter(tokens[f]) for f in FIELDS}
        norm = {f: 1 - B + B * len(tokens[f]) / AVERAGE_LENGTH[f] for f in FIELDS}
        return tokens, counts, norm


def idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _contains(tokens: list[str], phrase: tuple[str, ...]) -> int:
    size = len(phrase)
    return sum(1 for i in range(len(tokens) - size + 1) if tuple(tokens[i : i + size]) == phrase)


def rank(query: ParsedQuery, rows: list[Row], df: dict[str, int], n_docs: int) -> list[tuple[int, float]]:
    """(id, score) of every row, best first."""
    required = {id(t) for t in query.required_terms}
    absent = {id(t) for t in query.terms if not any(df.get(s, 0) for s in t.own)}
    scored = []
    for row in rows:
        tokens, counts, norm = row.parsed

        def bm25(stem: str, counts=counts, norm=norm) -> float:
            tf = sum(WEIGHTS[f] * counts[f][stem] / norm[f] for f in FIELDS)
            return idf(df.get(stem, 1), n_docs) * tf / (K1 + tf) if tf else 0.0

        score, coverage = 0.0, 0
        title_own = title_any = True
        for term in query.terms:
            typed = bm25(term.alternatives[0])
            own = max([typed, *(FORM_WEIGHT * bm25(s) for s in term.forms)])
            synonym = max((bm25(s) for s in term.alternatives if s not in term.own), default=0.0)
            weight = 1.0 if id(term) in required else FILLER_WEIGHT
            # A word the index does not hold at all ("treiteren") cannot outrank its synonyms:
            # then they count as the word itself.
            factor = 1.0 if id(term) in absent else SYNONYM_WEIGHT
            score += weight * max(own, factor * synonym)
            if id(term) in required:
                coverage += bool(own or synonym)
                in_title_own = bool(counts["title"][term.alternatives[0]])
                title_own &= in_title_own
                title_any &= in_title_own or any(counts["title"][s] for s in term.alternatives)
        for phrase in query.phrases:
            tf = sum(WEIGHTS[f] * _contains(tokens[f], phrase.stems) / norm[f] for f in FIELDS)
            if tf:
                coverage += 1
                weight = sum(idf(df.get(s, 1), n_docs) for s in phrase.stems) / len(phrase.stems)
                score += 1.5 * weight * tf / (K1 + tf)
            title_own &= bool(_contains(tokens["title"], phrase.stems))
            title_any = title_any and title_own
        if query.required_terms or query.phrases:
            score += TITLE_ALL_BONUS if title_own else TITLE_SYNONYM_BONUS if title_any else 0.0
        exact = _exact_title(query, tokens["title"], absent)
        scored.append((row, coverage, exact, score))
    scored.sort(
        key=lambda x: (
            -x[1],
            -x[2],
            -round(x[3], 9),
            -(x[0].date.toordinal() if x[0].date else 0),
            x[0].key,
        )
    )
    # One number per row that keeps this order (for callers that sort or show it).
    return [(row.id, coverage * 1000 + exact * 100 + score) for row, coverage, exact, score in scored]


def _exact_title(query: ParsedQuery, title: list[str], absent: set[int]) -> bool:
    """The title is the query itself: its terms are exactly the typed words (or, for a word
    the index does not hold, one of its synonyms)."""
    if not title or query.phrases or not query.required_terms:
        return False
    terms = query.required_terms
    if len(set(title)) != len(terms):
        return False
    return all(
        any(s in title for s in (t.alternatives if id(t) in absent else t.alternatives[:1]))
        for t in terms
    )
