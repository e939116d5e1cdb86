"""BibTeX (.bib): entries to `Reference`s, LaTeX markup decoded, keyless entries accepted."""

from __future__ import annotations

import re

from editorial.importers.references import (
    MAX_AUTHORS_TEXT,
    ORGANISATION_WORDS,
    Reference,
    ReferenceFileError,
    build_data,
    clean,
    format_author,
)

# BibTeX entry types to our publication types (values of research.PublicationType).
BIBTEX_TYPES = {
    "article": "artikel",
    "book": "boek",
    "booklet": "boek",
    "mvbook": "boek",
    "collection": "boek",
    "proceedings": "boek",
    "inbook": "hoofdstuk",
    "incollection": "hoofdstuk",
    "inproceedings": "hoofdstuk",
    "conference": "hoofdstuk",
    "phdthesis": "proefschrift",
    "mastersthesis": "proefschrift",
    "thesis": "proefschrift",
    "techreport": "rapport",
    "report": "rapport",
}
# Fields that hold LaTeX markup; URLs and DOIs are taken literally (a % is not a comment there).
LATEX_FIELDS = {
    "title",
    "journal",
    "journaltitle",
    "booktitle",
    "publisher",
    "institution",
    "school",
    "organization",
    "series",
    "language",
    "langid",
    "volume",
    "number",
    "issue",
    "pages",
}



def _latex_decoder():
    # lazy: the LaTeX decoder is only needed when an editor imports a file
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()
    context.add_context_category(
        "kenniscentrum", prepend=True, macros=[MacroTextSpec("url", simplify_repl="%s")]
    )
    return LatexNodes2Text(latex_context=context, math_mode="verbatim")


MAX_FIELD = 2000  # characters of a raw field that are read; our longest field holds 500
USED_FIELDS = LATEX_FIELDS | {"year", "date", "doi", "url"}
# An entry that opens with a field instead of a citation key (`@article{author = …`) or with
# an empty key (`@article{,`): reference managers do not need keys, BibTeX parsers do.
KEYLESS_ENTRY = re.compile(r"(@\s*[A-Za-z]+\s*[{(])(\s*)(?:,|(?=[A-Za-z][\w-]*\s*=))")


def _add_missing_keys(text: str) -> tuple[str, set[str]]:
    """Give keyless entries a generated key on the same line (line numbers stay right)."""
    keys = set()

    def add_key(match):
        if match.group(1).lstrip("@ \t").lower().startswith(("string", "comment", "preamble")):
            return match.group(0)
        key = f"zonder-sleutel-{len(keys) + 1}"
        keys.add(key)
        return f"{match.group(1)}{key},{match.group(2)}"

    return KEYLESS_ENTRY.sub(add_key, text), keys


def parse_bibtex(text: str) -> list[Reference]:
    # lazy: the parser is only needed when an editor imports a file (processes start without it)
    import bibtexparser
    from bibtexparser.middlewares.names import (
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )
    from bibtexparser.model import (
        DuplicateBlockKeyBlock,
        DuplicateFieldKeyBlock,
        Entry,
        ParsingFailedBlock,
    )

    if "@" not in text:
        raise ReferenceFileError(
            "Dit is geen BibTeX-bestand: er staat geen enkele referentie in "
            "(@article{…}, @book{…}, …)."
        )
    text, keyless = _add_missing_keys(text)
    library = bibtexparser.parse_string(text)
    problems, entries = [], []
    for block in library.blocks:
        if isinstance(block, Entry):
            entries.append(block)
        elif isinstance(block, DuplicateBlockKeyBlock) and isinstance(
            block.ignore_error_block, Entry
        ):
            # Two entries with one key: both are read; duplicate detection reports the second.
            entries.append(block.ignore_error_block)
        elif isinstance(block, DuplicateFieldKeyBlock):
            line = (block.start_line or 0) + 1
            keys = ", ".join(sorted(block.duplicate_keys))
            problems.append(f"Regel {line}: het veld '{keys}' staat twee keer in deze referentie.")
        elif isinstance(block, ParsingFailedBlock):
            line = (block.start_line or 0) + 1
            first = (block.raw or "").strip().splitlines()[0][:80] if block.raw else ""
            problems.append(
                f"Regel {line}: deze referentie is onvolledig of verkeerd opgemaakt "
                f"(ontbreekt er een accolade of komma?): {first}"
            )
    if problems:
        raise ReferenceFileError(
            "Het BibTeX-bestand bevat fouten. Er is niets geïmporteerd: verbeter het bestand "
            "en probeer opnieuw.",
            problems,
        )
    if not entries:
        raise ReferenceFileError("Het BibTeX-bestand bevat geen referenties.")

    decoder = _latex_decoder()

    def decode(value) -> str:
        try:
            return clean(decoder.latex_to_text(str(value)))
        except Exception:  # noqa: BLE001 - malformed LaTeX: keep the raw text
            return clean(str(value).replace("{", "").replace("}", ""))

    def bibtex_author(raw_name: str) -> str:
        bare = raw_name.replace("{", "").replace("}", "")
        if "," not in bare and ORGANISATION_WORDS.search(bare):
            return decode(raw_name)  # an unbraced organisation: not 'Leven, V. I. G.'
        try:
            name = parse_single_name_into_parts(raw_name, strict=False)
        except ValueError:
            return decode(raw_name)
        last = decode(" ".join(name.von + name.last))
        given = decode(" ".join(name.first))
        return format_author(last, given, decode(" ".join(name.jr)))

    references = []
    for entry in entries:
        fields = {f.key.lower(): f.value for f in entry.fields}
        # Only the fields we keep are read, and only as much of them as fits in our fields:
        # one huge field (an abstract, a pasted text) must not cost more than its size.
        values = {
            key: decode(str(fields[key])[:MAX_FIELD]) if key in LATEX_FIELDS else clean(fields[key])
            for key in USED_FIELDS
            if key in fields
        }
        authors, length = [], 0
        names = split_multiple_persons_names(str(fields.get("author") or ""))
        for position, raw_name in enumerate(names):
            if length > MAX_AUTHORS_TEXT:  # the rest only counts towards 'et al.'
                authors.extend(names[position:])
                break
            authors.append(bibtex_author(raw_name[:MAX_FIELD]))
            length += len(authors[-1]) + 2
        entry_type = entry.entry_type.lower()
        publisher = (
            values.get("publisher")
            or values.get("institution")
            or values.get("school")
            or values.get("organization")
            or ""
        )
        if not authors:
            organisation = values.get("institution") or values.get("organization") or publisher
            authors = [organisation] if organisation else []
        data, error, unknown = build_data(
            title=values.get("title", ""),
            authors=authors,
            year=values.get("year") or values.get("date", ""),
            publication_type=BIBTEX_TYPES.get(entry_type, "rapport"),
            journal=(
                values.get("journal")
                or values.get("journaltitle")
                or values.get("booktitle")
                or values.get("series")
                or ""
            ),
            publisher=publisher,
            volume=values.get("volume", ""),
            issue=values.get("number") or values.get("issue", ""),
            pages=values.get("pages", ""),
            doi=values.get("doi", ""),
            url=values.get("url", ""),
            language=values.get("language") or values.get("langid", ""),
        )
        line = (entry.start_line or 0) + 1
        key = "zonder sleutel" if entry.key in keyless else entry.key
        references.append(
            Reference(label=f"{key} (regel {line})", data=data, error=error, unknown=unknown)
        )
        if error and not data:
            references[-1].data = {"title": values.get("title", "")}
    return references
