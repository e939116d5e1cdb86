"""Citations out: APA 7 (HTML), BibTeX and RIS for a research summary.

All three read the citation fields of `research.ResearchPage`; authors are stored as
"Achternaam, V.; Achternaam, V." (a name without a comma is a group author, e.g. an agency).
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

APA_MAX_AUTHORS = 20

BIBTEX_TYPES = {
    "artikel": "article",
    "rapport": "techreport",
    "boek": "book",
    "hoofdstuk": "incollection",
    "proefschrift": "phdthesis",
    "beleid": "techreport",
}
BIBTEX_LANGUAGES = {"nl": "dutch", "en": "english", "fr": "french", "de": "german"}
RIS_TYPES = {
    "artikel": "JOUR",
    "rapport": "RPRT",
    "boek": "BOOK",
    "hoofdstuk": "CHAP",
    "proefschrift": "THES",
    "beleid": "GOVDOC",
}


def split_authors(authors: str) -> list[str]:
    return [a.strip() for a in (authors or "").split(";") if a.strip()]


def publication_title(page) -> str:
    return (page.original_title or page.title or "").strip()


def _end(text: str, mark: str = ".") -> str:
    """Close a citation element with a period, unless it already ends with punctuation."""
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + mark


def apa_authors(authors: list[str]) -> str:
    """APA 7: up to 20 authors, '&' before the last; 21 or more: first 19, '…', last."""
    if not authors:
        return ""
    if len(authors) == 1:
        return authors[0]
    if len(authors) > APA_MAX_AUTHORS:
        return ", ".join(authors[:19]) + ", … " + authors[-1]
    return ", ".join(authors[:-1]) + ", & " + authors[-1]


def doi_or_url(page) -> str:
    if page.doi:
        return f"https://doi.org/{page.doi}"
    return page.publication_url or ""


def apa7(page) -> SafeString:
    """The APA 7 reference of a research summary, as HTML (titles of works in <i>)."""
    authors = split_authors(page.authors)
    title = publication_title(page)
    kind = page.publication_type
    parts = []

    author_text = apa_authors(authors)
    year = f"({page.year})." if page.year else "(z.d.)."
    if author_text:
        parts.append(escape(_end(author_text)) + " " + year)
    else:  # no author: the title takes the author position
        parts.append(format_html("<i>{}</i> {}", _end(title), year))
        title = ""

    publisher = page.publisher.strip()
    # A group author who is also the publisher is not repeated (APA 7, 9.24).
    if publisher and len(authors) == 1 and authors[0].casefold() == publisher.casefold():
        publisher = ""

    if kind == "artikel":
        if title:
            parts.append(escape(_end(title)))
        if page.journal:
            source = format_html("<i>{}</i>", page.journal.strip())
            if page.volume:
                source += format_html(", <i>{}</i>", page.volume)
                if page.issue:
                    source += format_html("({})", page.issue)
            elif page.issue:
                source += format_html(", ({})", page.issue)
            if page.pages:
                source += format_html(", {}", page.pages)
            parts.append(source + ".")
    elif kind == "hoofdstuk":
        if title:
            parts.append(escape(_end(title)))
        if page.journal:
            pages = ""
            if page.pages:
                prefix = "pp." if re.search(r"[–-]", page.pages) else "p."
                pages = f" ({prefix} {page.pages})"
            parts.append(format_html("In <i>{}</i>{}.", page.journal.strip(), pages))
        if publisher:
            parts.append(escape(_end(publisher)))
    else:
        if title:
            label = ""
            if kind == "proefschrift":
                label = f" [Proefschrift, {publisher}]" if publisher else " [Proefschrift]"
                publisher = ""
            stripped = title.rstrip(".")
            close = "" if stripped[-1:] in "?!" and not label else "."
            parts.append(format_html("<i>{}</i>{}{}", stripped, label, close))
        if publisher:
            parts.append(escape(_end(publisher)))

    link = doi_or_url(page)
    if link:
        parts.append(escape(link))
    return mark_safe(" ".join(str(p) for p in parts))  # noqa: S308 - every part is escaped


# --- BibTeX ----------------------------------------------------------------------------

_BIBTEX_SPECIAL = str.maketrans(
    {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}"}
)


def _bibtex_escape(value: str) -> str:
    return str(value).translate(_BIBTEX_SPECIAL)


def _ascii(value: str) -> str:
    value = unicodedata.normalize("NFKD", value)
    return "".join(c for c in value if c.isascii() and c.isalnum())


def citation_key(page) -> str:
    authors = split_authors(page.authors)
    first = authors[0].split(",")[0] if authors else "anoniem"
    word = next((w for w in re.split(r"\W+", publication_title(page)) if len(w) > 3), "")
    return (_ascii(first).lower() or "ref") + str(page.year or "") + _ascii(word).lower()


def _bibtex_name(name: str) -> str:
    # A group author is braced so that BibTeX does not split it into first and last names.
    return _bibtex_escape(name) if "," in name else "{" + _bibtex_escape(name) + "}"


def bibtex(page) -> str:
    kind = BIBTEX_TYPES.get(page.publication_type, "misc")
    fields = [
        ("author", " and ".join(_bibtex_name(a) for a in split_authors(page.authors))),
        ("title", "{" + _bibtex_escape(publication_title(page)) + "}"),
        ("year", str(page.year or "")),
    ]
    publisher_field = {"techreport": "institution", "phdthesis": "school"}.get(kind, "publisher")
    container_field = {"article": "journal", "incollection": "booktitle"}.get(kind, "series")
    fields += [
        (container_field, _bibtex_escape(page.journal)),
        ("volume", _bibtex_escape(page.volume)),
        ("number", _bibtex_escape(page.issue)),
        ("pages", _bibtex_escape(page.pages.replace("–", "--"))),
        (publisher_field, _bibtex_escape(page.publisher)),
        ("doi", page.doi),
        ("url", page.publication_url),
        ("langid", BIBTEX_LANGUAGES.get(page.language, "")),
    ]
    if page.publication_type == "beleid":
        fields.append(("type", "Beleidsdocument"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{kind}{{{citation_key(page)},\n{body}\n}}\n"


# --- RIS -------------------------------------------------------------------------------


def ris(page) -> str:
    lines = [f"TY  - {RIS_TYPES.get(page.publication_type, 'GEN')}"]
    lines += [f"AU  - {a}" for a in split_authors(page.authors)]
    lines.append(f"TI  - {publication_title(page)}")
    if page.journal:
        lines.append(f"T2  - {page.journal}")
    if page.year:
        lines.append(f"PY  - {page.year}")
    if page.volume:
        lines.append(f"VL  - {page.volume}")
    if page.issue:
        lines.append(f"IS  - {page.issue}")
    if page.pages:
        bounds = re.split(r"\s*[–-]+\s*", page.pages, maxsplit=1)
        lines.append(f"SP  - {bounds[0]}")
        if len(bounds) > 1 and bounds[1]:
            lines.append(f"EP  - {bounds[1]}")
    if page.publisher:
        lines.append(f"PB  - {page.publisher}")
    if page.doi:
        lines.append(f"DO  - {page.doi}")
    if page.publication_url:
        lines.append(f"UR  - {page.publication_url}")
    if page.language:
        lines.append(f"LA  - {page.language}")
    lines.append("ER  - ")
    return "\r\n".join(line.replace("\n", " ") for line in lines) + "\r\n"
