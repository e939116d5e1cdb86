"""The one Dutch analyzer, shared by indexing, querying and highlighting.

Every engine sees the same tokens: lower-cased, accents stripped, stopwords removed and
stemmed with the Dutch *Porter* stemmer, pinned by name. Snowball 3's default `dutch` is
Kraaij-Pohlmann, which turns "gezondheid" into "zon" and "geweld" into "wel"; pinning
`dutch_porter` here keeps results identical on SQLite, on every PostgreSQL version and in
Elasticsearch (which gets the same stems or the same stemmer configured by name).

Stemming alone does not bring "pesten", "gepest", "pesterijen" and "pesters" together (they
stem to pest, gepest, pesterij, pester). Editors keep synonym groups (`search.models.SynonymGroup`)
and the query side expands a term to all stems of its group (`expand`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

STEMMER_ALGORITHM = "dutch_porter"
MAX_TOKEN_LENGTH = 40

# A small Dutch stopword list: function words that carry no meaning in a search. Kept short on
# purpose: "niet", "geen", "wel" stay searchable because they matter in this domain's phrases.
STOPWORDS = frozenset(
    """
    de het een en of in op te van voor met aan bij als dat die dit deze door naar om over
    tot uit is zijn was waren wordt worden werd ook er ze zij hij je jij u we wij ik hun
    haar hem mijn onze ons zich dan maar want toch nog al zo hoe wat wie waar wanneer
    heeft hebben had kan kunnen moet moeten zal zullen zou zouden mag mogen meer veel
    the a an and or of to in on for with is are be
    """.split()
)

_WORD = re.compile(r"[0-9a-z]+")
_stemmer = Stemmer.Stemmer(STEMMER_ALGORITHM)


#: Letters that have no accent to strip (NFKD leaves them whole) but that the search
#: cluster's `asciifolding` spells in ASCII: "Łódź" -> "lodz", "œuvre" -> "oeuvre", as there.
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


def fold(text: str) -> str:
    """Lower-case and strip accents: "Geëvalueerd" -> "geevalueerd"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Folded words, without stemming or stopword removal (used for suggestions and spelling)."""
    return [w[:MAX_TOKEN_LENGTH] for w in _WORD.findall(fold(text or ""))]


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def analyze(text: str) -> list[str]:
    """Text -> the list of index terms, in order (positions matter for phrase search)."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def analyze_to_text(text: str) -> str:
    """Index terms joined by spaces: what the full-text column of an engine stores."""
    return " ".join(analyze(text))


@dataclass(frozen=True)
class Term:
    """One query word: its stem and the alternatives the synonym list adds (all stems)."""

    word: str
    alternatives: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    """A quoted phrase: its stems must occur next to each other, in order."""

    text: str
    stems: tuple[str, ...]


@dataclass
class ParsedQuery:
    """A query as every engine understands it: all clauses must match (AND)."""

    raw: str = ""
    terms: list[Term] = field(default_factory=list)
    phrases: list[Phrase] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    @property
    def stems(self) -> set[str]:
        """Every stem that counts as a hit, for highlighting."""
        found = {alt for term in self.terms for alt in term.alternatives}
        found.update(s for phrase in self.phrases for s in phrase.stems)
        return found

    @property
    def normalised(self) -> str:
        """A canonical form of the query, for analytics: folded words, phrases in quotes."""
        parts = [f'"{" ".join(words(p.text))}"' for p in self.phrases]
        parts += [t.word for t in self.terms]
        return " ".join(parts)


_PHRASE = re.compile(r'"([^"]*)"')


def parse_query(raw: str, synonyms: dict[str, frozenset[str]] | None = None) -> ParsedQuery:
    """Parse a visitor's query. Quotes make phrases; every other character that a search
    engine might treat as an operator (+ - * : ^ ( ) ~ etc.) is just a separator here."""
    synonyms = synonyms or {}
    parsed = ParsedQuery(raw=raw)
    seen_terms: set[str] = set()
    rest_parts = [raw]
    if raw.count('"') >= 2:
        rest_parts = [_PHRASE.sub(" ", raw)]
        for match in _PHRASE.finditer(raw):
            stems = tuple(analyze(match.group(1)))
            if len(stems) > 1:
                parsed.phrases.append(Phrase(match.group(1).strip(), stems))
            else:  # a quoted single word is just a word
                rest_parts.append(match.group(1))
    rest = " ".join(rest_parts)
    for word in words(rest.replace('"', " ")):
        if word in STOPWORDS:
            continue
        stemmed = stem(word)
        if stemmed in seen_terms:
            continue
        seen_terms.add(stemmed)
        alternatives = {stemmed} | set(synonyms.get(stemmed, ()))
        parsed.terms.append(
            Term(word, tuple(sorted(alternatives, key=lambda s: (s != stemmed, s))))
        )
    return parsed


def synonym_map(groups: list[list[str]]) -> dict[str, frozenset[str]]:
    """Synonym groups (lists of words) -> stem -> all stems of the groups it belongs to."""
    mapping: dict[str, set[str]] = {}
    for group in groups:
        # Only single words: "online pesten" would otherwise make "online" a synonym of pesten.
        stems = {terms[0] for terms in map(analyze, group) if len(terms) == 1}
        for s in stems:
            mapping.setdefault(s, set()).update(stems)
    return {s: frozenset(alts) for s, alts in mapping.items()}


def parse_suggest_input(text: str, synonyms=None) -> tuple[ParsedQuery, str]:
    """What a visitor is typing -> (the complete words as a query, the last word's prefix)."""
    typed = words(text.replace('"', " "))
    if not typed:
        return ParsedQuery(raw=text), ""
    *complete, last = typed
    return parse_query(" ".join(complete), synonyms), last
