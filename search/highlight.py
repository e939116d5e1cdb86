"""Highlighted snippets, made in Python from the stored text so every engine looks the same."""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.analysis import STOPWORDS, fold, stem

_TOKEN = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=50_000)
def _stem_of(word: str) -> str | None:
    """The index term of a word as written (None for a stopword): the same words come back in
    every snippet, and folding them again each time was most of a results page's highlighting."""
    folded = fold(word)
    return None if folded in STOPWORDS else stem(folded)


def _tokens(text: str, start: int, end: int):
    """The words lying wholly inside text[start:end]."""
    for match in _TOKEN.finditer(text, start):
        a, b = match.span()
        if b > end:
            return
        if a == start and start and _TOKEN.match(text, start - 1):
            continue  # the tail of a word cut at `start`
        yield match


def _hits(text: str, stems: set[str], start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the words in text[start:end] that the query's stems find."""
    if not stems:  # a listing without words: nothing to mark, no need to read every word
        return []
    end = len(text) if end is None else end
    return [match.span() for match in _tokens(text, start, end) if _stem_of(match.group()) in stems]


def _first_hit(text: str, stems: set[str]) -> int | None:
    """Where the first word that the stems find starts (reads no further than that word)."""
    if stems:
        for match in _tokens(text, 0, len(text)):
            if _stem_of(match.group()) in stems:
                return match.start()
    return None


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, pos = [], start
    for a, b in spans:
        if a < start or b > end:
            continue
        out.append(escape(text[pos:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    out.append(escape(text[pos:end]))
    return "".join(out)


def highlight_title(title: str, stems: set[str]) -> SafeString:
    return mark_safe(_render(title, _hits(title, stems), 0, len(title)))  # noqa: S308 - escaped


def snippet(summary: str, body: str, stems: set[str], length: int = 260) -> SafeString:
    """The summary with the query's words marked; when the summary does not mention them,
    the passage of the body that does (up to `length` characters)."""
    summary = summary or ""
    if not stems or _first_hit(summary, stems) is not None or not body:
        text = summary or body
        start, end = _cut(text, 0, length)
        more = "…" if end < len(text) else ""
        return mark_safe(_render(text, _hits(text, stems, start, end), start, end) + more)  # noqa: S308
    first = _first_hit(body, stems)
    if first is None:
        text = summary or body
        cut = _cut(text, 0, length)
        return mark_safe(escape(text[cut[0] : cut[1]]) + ("…" if cut[1] < len(text) else ""))  # noqa: S308
    start = max(0, body.rfind(" ", 0, max(0, first - 60)) + 1) if first > 60 else 0
    start, end = _cut(body, start, length)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""
    return mark_safe(prefix + _render(body, _hits(body, stems, start, end), start, end) + suffix)  # noqa: S308


def _cut(text: str, start: int, length: int) -> tuple[int, int]:
    end = start + length
    if end >= len(text):
        return start, len(text)
    space = text.rfind(" ", start, end)
    return start, space if space > start else end
