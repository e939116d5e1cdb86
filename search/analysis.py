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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

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

# Question and filler words: searched for, but never required ("wat doen bij sexting in de klas"
# must not fail on "doen"). Stopwords above are dropped altogether.
FILLER = frozenset(
    """
    doe doen deed gedaan word wil wilt willen hoeveel waarom welke welk iemand iets gaat gaan
    krijg krijgt zelf graag nu even eens best tips tip help helpen hulp vraag vragen weet weten
    moet kunt mag mijn mn m'n jouw jullie anderen ander andere echt wel niet geen alles
    werkt
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
    """One query word: its stem first, then the alternatives (all stems): word forms and
    compound joins in `forms` (they count as the word itself), then the synonym list's words.
    A term that is not `required` (question and filler words) never has to match."""

    word: str
    alternatives: tuple[str, ...]
    forms: tuple[str, ...] = ()
    required: bool = True
    #: The index holds the typed word (or a form of it). False for a word only its synonyms
    #: find ("treiteren"): then the synonyms count as the word itself in every engine.
    known: bool = True

    @property
    def own(self) -> tuple[str, ...]:
        """The stems that count as the typed word itself (ranked above synonyms)."""
        return (self.alternatives[0], *self.forms)


@dataclass(frozen=True)
class Phrase:
    """A quoted phrase: its stems must occur next to each other, in order."""

    text: str
    stems: tuple[str, ...]


@dataclass
class ParsedQuery:
    """A query as every engine understands it: all required clauses must match (AND), or, when
    `min_match` is set (a widened search), at least that many of them."""

    raw: str = ""
    terms: list[Term] = field(default_factory=list)
    phrases: list[Phrase] = field(default_factory=list)
    min_match: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    @property
    def required_terms(self) -> list[Term]:
        """The terms that must match: every term that is not a filler word (all of them when the
        query has nothing but filler words)."""
        required = [t for t in self.terms if t.required]
        return required or list(self.terms)

    @property
    def clause_count(self) -> int:
        return len(self.required_terms) + len(self.phrases)

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
            Term(
                word,
                tuple(sorted(alternatives, key=lambda s: (s != stemmed, s))),
                required=word not in FILLER and not _fragment(word),
            )
        )
    return parsed


def _fragment(word: str) -> bool:
    """A single letter split off by an apostrophe ("foto's", "programma's", "m'n") is never a
    required word: "afgeperst met foto's" must not demand an "s"."""
    return len(word) == 1 and not word.isdigit()


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


# Word forms, compounds and typos, against the index's own vocabulary ---------------------------
#
# The Porter stemmer leaves many Dutch pairs apart (huisarts/huisartsen -> huisart/huisarts,
# affiche/affiches, gemeld/melden, psychosociaal/psychosociale). At query time each word gets
# its likely other forms (plural, singular, participle, inflected adjective); the forms whose
# stems occur in the index become alternatives that count as the word itself. `known` is the
# engine's answer to "which of these stems occur in the index?", so every engine gets the same
# query. Compounds are split only when the word itself is unknown, into two known parts that
# must both match (so a split never turns a specific query into a generic one); two typed words
# whose join is a known word ("cyber pesten") are joined.

MIN_PART = 4  # shortest compound part
COMPOUND_PREFIXES = ("anti",)  # modifiers dropped when the rest is a known word
LINKING = ("s", "e", "en")  # Dutch linking sounds between compound parts


def _double_last_vowel(base: str) -> str | None:
    """"psychosocial" -> "psychosociaal": the open syllable before an ending doubles its vowel."""
    if len(base) >= 3 and base[-1] not in "aeiou" and base[-2] in "aeou" and base[-3] not in "aeiou":
        return base[:-1] + base[-2] + base[-1]
    return None


def word_forms(word: str) -> set[str]:
    """Likely other forms of a Dutch word (surface forms, not checked against anything)."""
    forms = {word + "en", word + "s", word + "e", word + "n"}
    if word.endswith("en") and len(word) > 4:
        base = word[:-2]
        forms.update({base, base + "e"})
        if len(base) > 2 and base[-1] == base[-2]:  # lessen -> les
            forms.add(base[:-1])
        if base.endswith("z"):  # huizen -> huis
            forms.add(base[:-1] + "s")
        if base.endswith("v"):  # brieven -> brief
            forms.add(base[:-1] + "f")
        doubled = _double_last_vowel(base)  # bomen -> boom
        if doubled:
            forms.add(doubled)
        forms.update({"ge" + base + "d", "ge" + base + "t"})  # melden -> gemeld
    if word.endswith("s") and len(word) > 4:
        forms.add(word[:-1])
    if word.endswith("e") and len(word) > 4:
        base = word[:-1]
        forms.add(base)
        doubled = _double_last_vowel(base)  # psychosociale -> psychosociaal
        if doubled:
            forms.add(doubled)
    if len(word) > 4 and word[-1] not in "aeiou" and word[-2] == word[-3] and word[-2] in "aeou":
        forms.add(word[:-3] + word[-2:] + "e")  # psychosociaal -> psychosociale
    if word.startswith("ge") and word[-1] in "dt" and len(word) > 5:
        forms.add(word[2:] + "en")  # gemeld -> melden, gepest -> pesten (never geweld -> wel)
    forms.discard(word)
    return {f for f in forms if len(f) >= 3}


def expand_forms(parsed: ParsedQuery, known: Callable[[set[str]], set[str]]) -> list[str]:
    """Add the known word forms of each term, split unknown compounds and join words typed
    apart; in place. Returns the words that stayed unknown (candidates for a correction)."""
    if not parsed.terms:
        return []
    candidates: dict[int, set[str]] = {}
    for n, term in enumerate(parsed.terms):
        candidates[n] = {stem(f) for f in word_forms(term.word)} - {term.alternatives[0]}
    probe = {s for c in candidates.values() for s in c}
    probe |= {alt for t in parsed.terms for alt in t.alternatives}
    joins = {
        n: stem(a.word + b.word)
        for n, (a, b) in enumerate(zip(parsed.terms, parsed.terms[1:], strict=False))
        if a.required and b.required
    }
    probe |= set(joins.values())
    found = known(probe)

    terms: list[Term] = []
    unknown: list[str] = []
    skip = False
    for n, term in enumerate(parsed.terms):
        if skip:
            skip = False
            continue
        if n in joins and joins[n] in found:
            # "cyber pesten" -> cyberpesten
            nxt = parsed.terms[n + 1]
            terms.append(Term(term.word + nxt.word, (joins[n],), required=True))
            skip = True
            continue
        typed = term.alternatives[0]
        forms = tuple(sorted(candidates[n] & found))
        synonyms = tuple(a for a in term.alternatives[1:] if a not in forms)
        if typed in found or forms or any(a in found for a in synonyms):
            known_word = typed in found or bool(forms)
            terms.append(Term(term.word, (typed, *forms, *synonyms), forms, term.required, known_word))
            continue
        parts = split_compound(term.word, known)
        if parts:
            terms.extend(Term(p, (stem(p),), required=term.required) for p in parts)
            continue
        terms.append(term)
        if term.required:
            unknown.append(term.word)
    parsed.terms = terms
    return unknown


def split_compound(word: str, known: Callable[[set[str]], set[str]]) -> list[str] | None:
    """An unknown compound -> its known parts ("cyberpestgedrag" -> cyberpest, gedrag;
    "antipestbeleid" -> pestbeleid), or None. Two parts at most, each at least MIN_PART long,
    the left-hand part (the modifier) the longest known one."""
    for prefix in COMPOUND_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= MIN_PART and known({stem(rest)}):
            return [rest]
    splits = []
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        left, right = word[:i], word[i:]
        lefts = [left] + [left[: -len(s)] for s in LINKING if left.endswith(s) and len(left) - len(s) >= MIN_PART]
        splits.append((lefts, right))
    stems = {stem(x) for lefts, right in splits for x in (*lefts, right)}
    found = known(stems)
    for lefts, right in reversed(splits):  # the longest known modifier: cyberpest|gedrag
        if stem(right) not in found:
            continue
        for left in lefts:
            if stem(left) in found:
                return [left, right]
    return None


def correct_word(word: str, vocabulary: dict[str, int]) -> str | None:
    """A close, frequent word of the index for an unknown word: edit distance 1 (words up to 5
    letters) or 2 (longer), then the most frequent; never a word that occurs only once, never
    for numbers or words of 3 letters or fewer."""
    if len(word) <= 3 or word.isdigit():
        return None
    limit = 1 if len(word) <= 5 else 2
    matches = extract(
        word, list(vocabulary), scorer=Levenshtein.distance, score_cutoff=limit, limit=50
    )
    options = [
        (distance, -vocabulary[candidate], candidate)
        for candidate, distance, _ in matches
        if candidate != word and vocabulary[candidate] >= 2 and abs(len(candidate) - len(word)) <= limit
    ]
    return min(options)[2] if options else None
