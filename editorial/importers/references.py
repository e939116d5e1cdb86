"""What every reference format shares: the parsed entry (`Reference`), the import report, the
file-level error, and the mapping of cleaned values to research summary fields (`build_data`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

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


def clean(value) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip()


def _year(value: str) -> int | None:
    match = re.search(r"(1[89]\d\d|20\d\d)", value or "")
    return int(match.group(1)) if match else None


def _pages(value: str) -> str:
    value = clean(value)
    return re.sub(r"\s*(?:-{1,3}|–|—)\s*", "–", value)


def valid_url(value: str) -> str:
    value = clean(value)
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


def is_organisation(given: str) -> bool:
    """A 'given name' part that cannot be one: organisation words or a lower-case word."""
    words = given.replace(".", " ").split()
    return bool(ORGANISATION_WORDS.search(given)) or any(
        len(w) > 3 and w[0].islower() for w in words
    )


def format_author(last: str, given: str = "", suffix: str = "") -> str:
    last, given, suffix = clean(last), clean(given), clean(suffix)
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
    value = clean(value).lower()
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
    title = clean(title).rstrip(".")
    if not title:
        return {}, "De titel ontbreekt.", []
    if not authors:
        return {}, "De auteurs ontbreken (ook geen organisatie of uitgever gevonden).", []
    year_value = _year(str(year or ""))
    if not year_value:
        shown = clean(year)[:40] or "leeg"
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
        "journal": clean(journal)[:255],
        "publisher": clean(publisher)[:255],
        "volume": clean(volume)[:20],
        "issue": clean(issue)[:20],
        "pages": _pages(pages)[:30],
        "doi": normalise_doi(doi)[:255],
        "publication_url": valid_url(url)[:500],
        "language": lang,
        # Region and method are never in a reference file: they stay empty (unknown) and
        # the import report and the board's check ask the editor to fill them in.
    }
    return data, "", unknown
