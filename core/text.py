"""Text that can reach the database: no NUL bytes, no lone surrogates.

PostgreSQL refuses both (a NUL in a text parameter raises ValueError, a lone surrogate cannot be
encoded as UTF-8) and SQLite refuses surrogates: left in, one such character turns a visitor's
request, or a whole batch of counts, into a server error.
"""

import re

# In a Python str every code point in this range is a lone surrogate: valid characters above
# U+FFFF are single code points, never pairs.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(value: str) -> str:
    """`value` without NUL bytes and lone surrogates (dropped: they carry no meaning)."""
    return UNSTORABLE.sub("", value) if UNSTORABLE.search(value) else value


def clean_value(value):
    """clean_text for strings; other values unchanged."""
    return clean_text(value) if isinstance(value, str) else value


def clean_querydict(data):
    """A cleaned, immutable copy of a QueryDict; the same object when there is nothing to clean."""
    dirty = any(
        UNSTORABLE.search(key) or any(UNSTORABLE.search(v) for v in values if isinstance(v, str))
        for key, values in data.lists()
    )
    if not dirty:
        return data
    cleaned = data.copy()
    cleaned.clear()
    for key, values in data.lists():
        cleaned.setlist(clean_text(key), [clean_value(v) for v in values])
    cleaned._mutable = False
    return cleaned
