"""Import references from BibTeX and RIS files into draft research summaries.

Two steps, so that a bad file never leaves anything half-imported:

1. `parse_references(filename, data)` reads the whole file. A file that cannot be read as
   BibTeX or RIS, or that has a syntactically broken entry, raises `ReferenceFileError`
   with a Dutch message and the lines at fault: nothing is imported.
2. `import_references(references, parent, user)` checks every reference for duplicates
   (DOI, else title and year) and missing data, then creates all drafts in one transaction.

The report says per entry what was imported, skipped (duplicate) or refused (error) and why.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction
from django.utils.text import slugify

MAX_FILE_SIZE = 5 * 1024 * 1024
BIBTEX_EXTENSIONS = (".bib", ".bibtex")
RIS_EXTENSIONS = (".ris",)

# Entry types, BibTeX and RIS, to our publication types (values of research.PublicationType).
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
LANGUAGES = {
    "nl": "nl",
    "dut": "nl",
    "nld": "nl",
    "dutch": "nl",
    "nederlands": "nl",
    "flemish": "nl",
    "vlaams": "nl",
    "en": "en",
    "eng": "en",
    "english": "en",
    "engels": "en",
    "american": "en",
    "british": "en",
    "fr": "fr",
    "fre": "fr",
    "fra": "fr",
    "french": "fr",
    "frans": "fr",
    "français": "fr",
    "de": "de",
    "ger": "de",
    "deu": "de",
    "german": "de",
    "duits": "de",
    "ngerman": "de",
    "deutsch": "de",
}
DUTCH_WORDS = {"de", "het", "een", "van", "en", "bij", "op", "voor", "naar", "over", "met", "onder"}
ENGLISH_WORDS = {"the", "of", "and", "a", "an", "in", "among", "for", "on", "with", "to", "from"}
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


class ReferenceFileError(Exception):
    """The file as a whole cannot be imported. `message` is Dutch, `details` per line."""

    def __init__(self, message: str, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []


@dataclass
class Reference:
    """One entry of the file, mapped to research summary fields (or with an error)."""

    label: str
    data: dict = field(default_factory=dict)
    error: str = ""
    unknown: list[str] = field(default_factory=list)  # Dutch labels the editor fills in

    @property
    def title(self) -> str:
        return self.data.get("original_title") or self.data.get("title") or ""


@dataclass
class EntryResult:
    label: str
    title: str
    message: str = ""
    unknown: list[str] = field(default_factory=list)  # Dutch labels the editor fills in
    page: object | None = None  # the created draft
    submitted: bool = False  # its workflow (the board's review) started
    existing: object | None = None  # the page it duplicates


@dataclass
class ImportReport:
    filename: str = ""
    imported: list[EntryResult] = field(default_factory=list)
    skipped: list[EntryResult] = field(default_factory=list)
    errors: list[EntryResult] = field(default_factory=list)
    dry_run: bool = False

    @property
    def total(self) -> int:
        return len(self.imported) + len(self.skipped) + len(self.errors)

    @property
    def submitted(self) -> int:
        return sum(result.submitted for result in self.imported)

    def to_json(self) -> dict:
        """For the import job: ids instead of pages."""

        def entry(result: EntryResult) -> dict:
            return {
                "label": result.label,
                "title": result.title,
                "message": result.message,
                "unknown": result.unknown,
                "page": result.page.pk if result.page else None,
                "existing": result.existing.pk if result.existing else None,
                "submitted": result.submitted,
            }

        return {
            "filename": self.filename,
            "imported": [entry(r) for r in self.imported],
            "skipped": [entry(r) for r in self.skipped],
            "errors": [entry(r) for r in self.errors],
        }

    @classmethod
    def from_json(cls, data: dict) -> ImportReport:
        from types import SimpleNamespace

        def entry(item: dict) -> EntryResult:
            return EntryResult(
                label=item["label"],
                title=item["title"],
                message=item["message"],
                unknown=item["unknown"],
                page=SimpleNamespace(pk=item["page"]) if item["page"] else None,
                existing=SimpleNamespace(pk=item["existing"]) if item["existing"] else None,
                submitted=item["submitted"],
            )

        return cls(
            filename=data.get("filename", ""),
            imported=[entry(i) for i in data.get("imported", [])],
            skipped=[entry(i) for i in data.get("skipped", [])],
            errors=[entry(i) for i in data.get("errors", [])],
        )


# --- helpers ---------------------------------------------------------------------------


def normalise_doi(value: str) -> str:
    """'https://doi.org/10.1089/CPB.2007.0042' -> '10.1089/CPB.2007.0042' (case kept)."""
    value = (value or "").strip()
    value = re.sub(r"^(https?://)?(dx\.)?doi\.org/", "", value, flags=re.IGNORECASE)
    value = re.sub(r"^doi:\s*", "", value, flags=re.IGNORECASE)
    return value.strip().rstrip(".")


def doi_key(value: str) -> str:
    return normalise_doi(value).lower()


def title_key(value: str) -> str:
    """Compare titles without accents, case, punctuation or spacing."""
    value = unicodedata.normalize("NFKD", value or "")
    value = "".join(c for c in value if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", value.casefold())


def _clean(value) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip()


def _year(value: str) -> int | None:
    match = re.search(r"(1[89]\d\d|20\d\d)", value or "")
    return int(match.group(1)) if match else None


def _pages(value: str) -> str:
    value = _clean(value)
    return re.sub(r"\s*(?:-{1,3}|–|—)\s*", "–", value)


def _url(value: str) -> str:
    value = _clean(value)
    if not value:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return ""
    return value


def _initials(given: str) -> str:
    """'Heidi' -> 'H.', 'Jean-Pierre' -> 'J.-P.', 'L.M.' -> 'L. M.', 'Ann Marie' -> 'A. M.'"""
    words = []
    for word in re.sub(r"\.(?=[^\s.-])", ". ", given).split():
        pieces = [p for p in word.split("-") if p]
        initials = "-".join(f"{p[0]}." for p in pieces if p[0].isalpha())
        words.append(initials or word)
    return " ".join(words)


# Words that only occur in names of organisations, never in given names: an RIS author
# "Ministerie van Onderwijs, Vlaamse Overheid" is one organisation, not "Ministerie…, V. O.".
ORGANISATION_WORDS = re.compile(
    r"\b(overheid|ministerie|ministry|departement|department|agentschap|agency|instituut|"
    r"institute|universiteit|university|hogeschool|college|centrum|centre|center|council|raad|"
    r"commissie|commission|vzw|asbl|foundation|stichting|organi[sz]ation|office|bureau|"
    r"association|vereniging|government|gemeente|provincie|vlaamse|federale|europese|european|"
    r"national|nationale|unicef|unesco|oecd)\b",
    re.IGNORECASE,
)


def _is_organisation(given: str) -> bool:
    """A 'given name' part that cannot be one: organisation words or a lower-case word."""
    words = given.replace(".", " ").split()
    return bool(ORGANISATION_WORDS.search(given)) or any(
        len(w) > 3 and w[0].islower() for w in words
    )


def format_author(last: str, given: str = "", suffix: str = "") -> str:
    last, given, suffix = _clean(last), _clean(given), _clean(suffix)
    if not given:
        return last
    name = f"{last}, {_initials(given)}"
    return f"{name}, {suffix}" if suffix else name


MAX_AUTHORS_TEXT = 500


def join_authors(names: list[str]) -> str:
    """Authors joined with '; ', cut at whole names (with 'et al.') to fit 500 characters.

    Linear in the number of names: thousands of authors in one field must not keep a worker
    busy (the old loop re-joined the whole list once per name it dropped).
    """
    names = [n for n in names if n]
    kept, length = [], 0
    for name in names:
        length += len(name) + (2 if kept else 0)
        if length > MAX_AUTHORS_TEXT:
            break
        kept.append(name)
    else:
        return "; ".join(kept)
    while kept and len("; ".join(kept)) + len("; et al.") > MAX_AUTHORS_TEXT:
        kept.pop()
    return "; ".join(kept) + "; et al." if kept else names[0][:MAX_AUTHORS_TEXT]


def guess_language(title: str) -> str:
    words = re.findall(r"[a-zà-ÿ]+", title.lower())
    dutch = sum(w in DUTCH_WORDS for w in words)
    english = sum(w in ENGLISH_WORDS for w in words)
    return "nl" if dutch > english else "en"


def _language(value: str, title: str = "") -> str:
    value = _clean(value).lower()
    return LANGUAGES.get(value) or LANGUAGES.get(value[:2], "")


UNKNOWN_LABELS = (
    ("language", "taal (afgeleid uit de titel, nakijken)"),
    ("region", "regio"),
    ("method", "methode"),
)


def build_data(
    *,
    title,
    authors,
    year,
    publication_type,
    journal="",
    publisher="",
    volume="",
    issue="",
    pages="",
    doi="",
    url="",
    language="",
) -> tuple[dict, str, list[str]]:
    """Map cleaned values to ResearchPage fields.

    Returns (data, Dutch error or '', Dutch labels of the fields that stay unknown)."""
    title = _clean(title).rstrip(".")
    if not title:
        return {}, "De titel ontbreekt.", []
    if not authors:
        return {}, "De auteurs ontbreken (ook geen organisatie of uitgever gevonden).", []
    year_value = _year(str(year or ""))
    if not year_value:
        shown = _clean(year)[:40] or "leeg"
        return {}, f"Het jaar van publicatie ontbreekt of is onleesbaar ({shown}).", []
    page_title = title if len(title) <= 255 else title[:254].rstrip() + "…"
    lang = _language(language, "")
    unknown = [label for key, label in UNKNOWN_LABELS if key != "language"]
    if not lang:
        # The model needs a language: take the title's, and say so, so the editor checks it.
        lang = guess_language(title)
        unknown.insert(0, UNKNOWN_LABELS[0][1])
    data = {
        "title": page_title,
        "original_title": title[:500],
        "authors": join_authors(authors),
        "year": year_value,
        "publication_type": publication_type,
        "journal": _clean(journal)[:255],
        "publisher": _clean(publisher)[:255],
        "volume": _clean(volume)[:20],
        "issue": _clean(issue)[:20],
        "pages": _pages(pages)[:30],
        "doi": normalise_doi(doi)[:255],
        "publication_url": _url(url)[:500],
        "language": lang,
        # Region and method are never in a reference file: they stay empty (unknown) and
        # the import report and the board's check ask the editor to fill them in.
    }
    return data, "", unknown


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


# --- BibTeX ----------------------------------------------------------------------------


def _latex_decoder():
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
            return _clean(decoder.latex_to_text(str(value)))
        except Exception:  # noqa: BLE001 - malformed LaTeX: keep the raw text
            return _clean(str(value).replace("{", "").replace("}", ""))

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
            key: decode(str(fields[key])[:MAX_FIELD]) if key in LATEX_FIELDS else _clean(fields[key])
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


# --- RIS -------------------------------------------------------------------------------

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
    name = _clean(name)
    if "," in name:
        last, _, rest = name.partition(",")
        given, _, suffix = rest.partition(",")
        if _is_organisation(given) or _is_organisation(suffix):
            return name.rstrip(", ")
        return format_author(last, given, suffix)
    return name


def parse_ris(text: str) -> list[Reference]:
    import rispy

    references = []
    for start, lines in _split_ris(text):
        (record,) = rispy.loads("\n".join(lines), skip_unknown_tags=True) or [{}]
        title = record.get("title") or record.get("primary_title") or ""
        names = (record.get("authors") or []) + (record.get("first_authors") or [])
        authors = [_ris_author(n) for n in names]
        publisher = record.get("publisher") or ""
        if not authors and publisher:
            authors = [publisher]
        first = _clean(record.get("start_page"))
        last = _clean(record.get("end_page"))
        urls = [u for u in (record.get("urls") or []) if _url(u)]
        ris_type = _clean(record.get("type_of_reference")).upper()
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
        data = data or {"title": _clean(title)}
        references.append(Reference(label=label, data=data, error=error, unknown=unknown))
    return references


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


# --- import ----------------------------------------------------------------------------


def _unique_slug(base: str, taken: set[str]) -> str:
    base = (slugify(base)[:70].strip("-")) or "onderzoek"
    slug, counter = base, 2
    while slug in taken:
        slug = f"{base}-{counter}"
        counter += 1
    taken.add(slug)
    return slug


def _submit(page, user) -> bool:
    """Start the page's workflow (the board's review); False when there is none or no right."""
    workflow = page.get_workflow()
    if workflow is None or not page.permissions_for_user(user).can_submit_for_moderation():
        return False
    workflow.start(page, user)
    return True


CREATE_FAILED = (
    "Kon niet worden aangemaakt ({error}). Van deze referentie is niets bewaard; importeer het "
    "bestand opnieuw om ze alsnog toe te voegen."
)


def import_references(
    references: list[Reference],
    parent,
    user=None,
    dry_run: bool = False,
    filename: str = "",
    submit: bool = False,
    progress=None,
) -> ImportReport:
    """Create a draft ResearchPage under `parent` per new reference.

    All or nothing per reference: the draft, its revision, its log entries and (with
    `submit`) the start of the board's workflow are one transaction, short enough not to hold
    the database for the whole file. `progress(done, total)` is called after each reference.
    """
    from wagtail.log_actions import log

    from research.models import ResearchPage

    report = ImportReport(filename=filename, dry_run=dry_run)
    existing = list(ResearchPage.objects.only("id", "title", "original_title", "year", "doi"))
    by_doi = {doi_key(p.doi): p for p in existing if p.doi}
    by_title = {}
    for page in existing:
        for title in (page.title, page.original_title):
            if title:
                by_title.setdefault((title_key(title), page.year), page)
    seen_doi, seen_title = {}, {}
    to_create = []

    for ref in references:
        result = EntryResult(label=ref.label, title=ref.title, unknown=ref.unknown)
        if ref.error:
            result.message = ref.error
            report.errors.append(result)
            continue
        doi = doi_key(ref.data["doi"])
        titles = (ref.data["title"], ref.data["original_title"])
        keys = {(title_key(t), ref.data["year"]) for t in titles}
        duplicate = by_doi.get(doi) if doi else None
        if duplicate:
            result.existing = duplicate
            result.message = f"Bestaat al: zelfde DOI ({ref.data['doi']})."
        elif not doi and (match := next((by_title[k] for k in keys if k in by_title), None)):
            result.existing = match
            result.message = "Bestaat al: zelfde titel en jaar."
        elif doi and doi in seen_doi:
            result.message = f"Staat twee keer in het bestand: zelfde DOI als {seen_doi[doi]}."
        elif any(k in seen_title for k in keys):
            other = next(seen_title[k] for k in keys if k in seen_title)
            result.message = f"Staat twee keer in het bestand: zelfde titel en jaar als {other}."
        if result.message:
            report.skipped.append(result)
            continue
        if doi:
            seen_doi[doi] = ref.label
        for key in keys:
            seen_title[key] = ref.label
        to_create.append((ref, result))

    if dry_run:
        report.imported = [result for _ref, result in to_create]
        return report

    total, done = len(references), len(references) - len(to_create)
    if progress:
        progress(done, total)
    taken = set(parent.get_children().values_list("slug", flat=True))
    for ref, result in to_create:
        try:
            with transaction.atomic():
                page = ResearchPage(
                    **ref.data, slug=_unique_slug(ref.data["title"], taken), live=False, owner=user
                )
                parent.add_child(instance=page)
                log(instance=page, action="wagtail.create", user=user)
                page.save_revision(user=user, log_action=True)
                if submit and _submit(page, user):
                    result.submitted = True
        except DatabaseError as error:
            parent.refresh_from_db()  # the tree counters of the rolled-back child
            result.message = CREATE_FAILED.format(error=type(error).__name__)
            report.errors.append(result)
        else:
            result.page = page
            report.imported.append(result)
        done += 1
        if progress:
            progress(done, total)
    parent.refresh_from_db()
    return report
