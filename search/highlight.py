"""Highlighted snippets, made in Python from the stored text so every engine looks the same."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.analysis import STOPWORDS, fold, stem

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _hits(text: str, stems: set[str]) -> list[tuple[int, int]]:
    if not stems:  # a listing without words: nothing to mark, no need to read every word
        return []
    spans = []
    for match in _TOKEN.finditer(text):
        word = fold(match.group())
        if word not in STOPWORDS and stem(word) in stems:
            spans.append(match.span())
    return spans


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
    in_summary = _hits(summary, stems)
    if not stems or in_summary or not body:
        text = summary or body
        cut = _cut(text, 0, length)
        more = "…" if cut[1] < len(text) else ""
        return mark_safe(_render(text, in_summary if summary else _hits(text, stems), *cut) + more)  # noqa: S308
    spans = _hits(body, stems)
    if not spans:
        text = summary or body
        cut = _cut(text, 0, length)
        return mark_safe(escape(text[cut[0] : cut[1]]) + ("…" if cut[1] < len(text) else ""))  # noqa: S308
    first = spans[0][0]
    start = max(0, body.rfind(" ", 0, max(0, first - 60)) + 1) if first > 60 else 0
    start, end = _cut(body, start, length)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""
    return mark_safe(prefix + _render(body, spans, start, end) + suffix)  # noqa: S308


def _cut(text: str, start: int, length: int) -> tuple[int, int]:
    end = start + length
    if end >= len(text):
        return start, len(text)
    space = text.rfind(" ", start, end)
    return start, space if space > start else end
