"""Import references from BibTeX and RIS files into draft research summaries.

Two steps, so that a bad file never leaves anything half-imported:

1. `parse_references(filename, data)` reads the whole file. A file that cannot be read as
   BibTeX or RIS, or that has a syntactically broken entry, raises `ReferenceFileError`
   with a Dutch message and the lines at fault: nothing is imported.
2. `import_references(references, parent, user)` checks every reference for duplicates
   (DOI, else title and year) and missing data, then creates all drafts in one transaction.

The report says per entry what was imported, skipped (duplicate) or refused (error) and why.

One module per concern: `references` (the entry, the report, the field mapping), `bibtex` and
`ris` (one per file format) and `drafts` (creating the drafts); this module reads a file and
picks its format.
"""

from __future__ import annotations

import re

from editorial.importers.bibtex import parse_bibtex
from editorial.importers.drafts import import_references, start_review
from editorial.importers.references import (
    EntryResult,
    ImportReport,
    Reference,
    ReferenceFileError,
    normalise_doi,
)
from editorial.importers.ris import parse_ris

MAX_FILE_SIZE = 5 * 1024 * 1024
BIBTEX_EXTENSIONS = (".bib", ".bibtex")
RIS_EXTENSIONS = (".ris",)

__all__ = [
    "EntryResult",
    "ImportReport",
    "Reference",
    "ReferenceFileError",
    "import_references",
    "normalise_doi",
    "parse_bibtex",
    "parse_references",
    "parse_ris",
    "start_review",
]


def _decode_text(data: bytes) -> str:
    if len(data) > MAX_FILE_SIZE:
        raise ReferenceFileError("Het bestand is te groot (meer dan 5 MB).")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ReferenceFileError(
        "Het bestand is geen leesbaar tekstbestand. Exporteer de referenties opnieuw als "
        "BibTeX (.bib) of RIS (.ris), bij voorkeur in UTF-8."
    )


def parse_references(filename: str, data: bytes) -> list[Reference]:
    """Read a whole .bib or .ris file; raises ReferenceFileError with a Dutch message."""
    name = (filename or "").lower()
    text = _decode_text(data)
    if not text.strip():
        raise ReferenceFileError("Het bestand is leeg.")
    if name.endswith(BIBTEX_EXTENSIONS):
        return parse_bibtex(text)
    if name.endswith(RIS_EXTENSIONS):
        return parse_ris(text)
    if re.search(r"^TY  - ", text, flags=re.MULTILINE):
        return parse_ris(text)
    if re.search(r"@\w+\s*[{(]", text):
        return parse_bibtex(text)
    raise ReferenceFileError(
        "Dit bestandstype wordt niet herkend. Kies een BibTeX-bestand (.bib) of een "
        "RIS-bestand (.ris), zoals Zotero, EndNote of Mendeley die exporteren."
    )
