"""RIS (.ris): records split and checked line by line, then read with rispy."""

from __future__ import annotations

import re

from editorial.importers.references import (
    Reference,
    ReferenceFileError,
    build_data,
    clean,
    format_author,
    is_organisation,
    valid_url,
)

# RIS reference types to our publication types (values of research.PublicationType).
RIS_TYPES = {
    "JOUR": "artikel",
    "EJOUR": "artikel",
    "JFULL": "artikel",
    "MGZN": "artikel",
    "NEWS": "artikel",
    "INPR": "artikel",
    "BOOK": "boek",
    "EBOOK": "boek",
    "EDBOOK": "boek",
    "CHAP": "hoofdstuk",
    "ECHAP": "hoofdstuk",
    "CONF": "hoofdstuk",
    "CPAPER": "hoofdstuk",
    "THES": "proefschrift",
    "RPRT": "rapport",
    "GOVDOC": "beleid",
    "BILL": "beleid",
    "STAT": "beleid",
    "LEGAL": "beleid",
}

NOT_CLOSED = "deze referentie wordt niet afgesloten met 'ER  -'."
RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -( (.*))?$")


def _split_ris(text: str) -> list[tuple[int, list[str]]]:
    """Split into records (first line number, lines); raise on structural errors."""
    records, current, start, problems = [], None, 0, []
    previous_tag = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        match = RIS_LINE.match(line)
        tag = match.group(1) if match else None
        if tag == "TY":
            if current is not None:
                problems.append(f"Regel {start}: {NOT_CLOSED}")
            current, start = [line], number
        elif current is None:
            if tag or records:  # text between records that is not a comment
                problems.append(
                    f"Regel {number}: gegevens buiten een referentie (elke referentie begint "
                    f"met 'TY  -'): {line[:60]}"
                )
        elif tag == "ER":
            current.append(line)
            records.append((start, current))
            current = None
        elif tag is None and previous_tag is None:
            problems.append(f"Regel {number}: onleesbare regel: {line[:60]}")
        else:
            current.append(line)
        previous_tag = tag if match else previous_tag
    if current is not None:
        problems.append(f"Regel {start}: {NOT_CLOSED}")
    if problems:
        raise ReferenceFileError(
            "Het RIS-bestand bevat fouten. Er is niets geïmporteerd: verbeter het bestand en "
            "probeer opnieuw.",
            problems,
        )
    if not records:
        raise ReferenceFileError(
            "Dit is geen RIS-bestand: er staat geen enkele referentie in (die begint met 'TY  -' "
            "en eindigt met 'ER  -')."
        )
    return records


def _ris_author(name: str) -> str:
    """'Menesini, L.M.' -> 'Menesini, L. M.'; an organisation stays as it is."""
    name = clean(name)
    if "," in name:
        last, _, rest = name.partition(",")
        given, _, suffix = rest.partition(",")
        if is_organisation(given) or is_organisation(suffix):
            return name.rstrip(", ")
        return format_author(last, given, suffix)
    return name


def parse_ris(text: str) -> list[Reference]:
    import rispy  # lazy: only needed when an editor imports a file

    references = []
    for start, lines in _split_ris(text):
        (record,) = rispy.loads("\n".join(lines), skip_unknown_tags=True) or [{}]
        title = record.get("title") or record.get("primary_title") or ""
        names = (record.get("authors") or []) + (record.get("first_authors") or [])
        authors = [_ris_author(n) for n in names]
        publisher = record.get("publisher") or ""
        if not authors and publisher:
            authors = [publisher]
        first = clean(record.get("start_page"))
        last = clean(record.get("end_page"))
        urls = [u for u in (record.get("urls") or []) if valid_url(u)]
        ris_type = clean(record.get("type_of_reference")).upper()
        data, error, unknown = build_data(
            title=title,
            authors=authors,
            year=record.get("year") or record.get("publication_year") or record.get("date") or "",
            publication_type=RIS_TYPES.get(ris_type, "rapport"),
            journal=(
                record.get("secondary_title")
                or record.get("journal_name")
                or record.get("alternate_title3")
                or record.get("alternate_title1")
                or record.get("tertiary_title")
                or ""
            ),
            publisher=publisher,
            volume=record.get("volume") or "",
            issue=record.get("number") or "",
            pages=f"{first}–{last}" if first and last and first != last else first or last,
            doi=record.get("doi") or "",
            url=urls[0] if urls else "",
            language=record.get("language") or "",
        )
        label = f"{ris_type or '?'} (regel {start})"
        data = data or {"title": clean(title)}
        references.append(Reference(label=label, data=data, error=error, unknown=unknown))
    return references
