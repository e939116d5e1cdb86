"""Crisis-safe search: does a search sound like someone who needs help now?

`help_for_query(text)` is the one public entry point (used by search.service). It compares the
words of a query with the editors' list of crisis words and phrases (`CrisisPhrase`, admin menu
Hulpwijzer > Crisiswoorden) and returns a `HelpBox` with the lines that are open now, or None.

Matching is deliberately forgiving, because a person in distress types fast and badly:
- case, accents and punctuation do not count ("Zelfmoord!" = "zelfmoord");
- the words of a phrase must appear in order, with at most two other words between them
  ("ik wil echt niet meer leven" matches "ik wil niet meer leven");
- a word of six letters or more also matches with one typo ("zelfmoort"), and a crisis word
  as the start of a longer word ("zelfmoordgedachten"); shorter words only match exactly, so
  "ik wil door" does not match "ik wil dood" (short misspellings such as "dod" are listed as
  variants instead). Help questions match exactly, so "politiek" is not "politie".
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch

from helpfinder.models import CrisisPhrase, HelpService, OpeningHours, brussels_now

MAX_GAP = 2
FUZZY_MIN_LENGTH = 6
CACHE_KEY = "helpfinder:crisis-phrases:v1"
CACHE_SECONDS = 3600

# What the box lists, in this order (HelpService.slug); missing services are left out.
CRISIS_SERVICES = ["zelfmoordlijn-1813", "tele-onthaal", "awel", "1712", "112"]
HELP_SERVICES = ["awel", "1712", "tele-onthaal", "zelfmoordlijn-1813", "112"]

_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> list[str]:
    """Lower case, accents folded, words only."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(folded)


def _one_edit_apart(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long)):
        if long[:i] + long[i + 1 :] == short:
            return True
    return False


def _word_matches(wanted: str, typed: str, forgiving: bool) -> bool:
    if wanted == typed:
        return True
    if not forgiving or len(wanted) < FUZZY_MIN_LENGTH:
        return False
    if _one_edit_apart(wanted, typed):
        return True
    # A compound that starts with a (misspelled) crisis word: "zelfmoortgedachten".
    return len(typed) > len(wanted) and any(
        _one_edit_apart(wanted, typed[:cut]) for cut in (len(wanted) - 1, len(wanted), len(wanted) + 1)
    )


def _phrase_matches(phrase: list[str], words: list[str], forgiving: bool = False) -> bool:
    """The phrase's words in order in `words`, at most MAX_GAP other words between them."""
    for start, word in enumerate(words):
        if not _word_matches(phrase[0], word, forgiving):
            continue
        position, found = start, True
        for wanted in phrase[1:]:
            window = words[position + 1 : position + 2 + MAX_GAP]
            step = next((i for i, typed in enumerate(window) if _word_matches(wanted, typed, forgiving)), None)
            if step is None:
                found = False
                break
            position += step + 1
        if found:
            return True
    return False


def _phrases() -> list[tuple[str, list[str]]]:
    """(kind, words) for every form of every phrase; cached, cleared when an editor saves one."""
    phrases = cache.get(CACHE_KEY)
    if phrases is None:
        phrases = [
            (item.kind, words)
            for item in CrisisPhrase.objects.all()
            for form in item.forms()
            if (words := normalise(form))
        ]
        cache.set(CACHE_KEY, phrases, CACHE_SECONDS)
    return phrases


def clear_cache(**kwargs):
    cache.delete(CACHE_KEY)


def classify(text: str) -> str | None:
    """The kind of a search text: "crisis", "hulp" or None. Crisis wins over a help question."""
    words = normalise(text)
    if not words:
        return None
    kinds = {kind for kind, phrase in _phrases() if _phrase_matches(phrase, words, forgiving=kind == "crisis")}
    if "crisis" in kinds:
        return "crisis"
    return "hulp" if kinds else None


@dataclass
class HelpBox:
    """What the search page shows above the results, and the API's `help` block."""

    crisis: bool
    services: list = field(default_factory=list)  # HelpService objects
    now: datetime.datetime | None = None

    @property
    def title(self) -> str:
        return "Je hoeft dit niet alleen te dragen" if self.crisis else "Hulp nodig? Praat erover"

    @property
    def intro(self) -> str:
        if self.crisis:
            return (
                "Denk je aan zelfdoding, doe je jezelf pijn of ben je in gevaar? Praat erover met "
                "iemand die luistert. Gratis en anoniem. Deze lijnen zijn er nu:"
            )
        return "Je kan gratis en anoniem praten met een hulplijn. Dit is er nu:"

    def as_dict(self) -> dict:
        return {
            "kind": "crisis" if self.crisis else "hulp",
            "title": self.title,
            "text": self.intro,
            "emergency": "In levensgevaar? Bel 112.",
            "services": [
                {
                    "name": service.name,
                    "phone": service.phone,
                    "phone_label": service.phone_label,
                    "always_open": service.always_open,
                    "phone_open_now": service.is_open(self.now),
                    "chat_url": service.chat_url or None,
                    "chat_open_now": service.chat_is_open(self.now),
                    "website": service.contact_url or None,
                    "hours_note": service.hours_note,
                    "last_checked": service.last_checked.isoformat() if service.last_checked else None,
                }
                for service in self.services
            ],
        }


def help_for_query(text: str, now: datetime.datetime | None = None) -> HelpBox | None:
    """The help box for a search text, or None when the text is not about crisis or help."""
    kind = classify(text or "")
    if kind is None:
        return None

    slugs = CRISIS_SERVICES if kind == "crisis" else HELP_SERVICES
    hours = Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
    found = {s.slug: s for s in HelpService.objects.filter(slug__in=slugs).prefetch_related(hours)}
    return HelpBox(
        crisis=kind == "crisis",
        services=[found[slug] for slug in slugs if slug in found],
        now=brussels_now(now),
    )
