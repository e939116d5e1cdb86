"""The visitor's words -> the query every engine gets, and what happens when it finds (almost)
nothing: a corrected query, then fewer words must match ("never a dead end")."""

from __future__ import annotations

import dataclasses

from django.core.cache import cache

from helpfinder.crisis import classify
from search.analysis import ParsedQuery, correct_word, expand_forms, parse_query, synonym_map, words
from search.backends.base import SearchQuery
from search.models import SynonymGroup
from search.signals import SYNONYM_CACHE_KEY

# Fewer results than this with all words: widen the search (most words, then any word), below
# the full matches. Half a page: three full matches and nothing else left people stuck
# ("lesmateriaal pesten" missed the lesson package that says "lessen").
FEW_RESULTS = 10


def synonyms() -> dict[str, frozenset[str]]:
    """The editors' synonym groups as stem -> stems (cached; cleared when a group changes)."""
    mapping = cache.get(SYNONYM_CACHE_KEY)
    if mapping is None:
        mapping = synonym_map([group.word_list for group in SynonymGroup.objects.all()])
        cache.set(SYNONYM_CACHE_KEY, mapping, 3600)
    return mapping


def analyse(text: str, backend) -> tuple[ParsedQuery, list[str]]:
    """The visitor's words -> the query every engine gets (synonyms, word forms, compounds)
    and the words the index does not know."""
    parsed = parse_query(text, synonyms())
    unknown = expand_forms(parsed, backend.known_stems) if parsed.terms else []
    return parsed, unknown


def corrected_query(text: str, unknown: list[str], vocabulary: dict[str, int]) -> str | None:
    """The query with each unknown word replaced by a close, frequent word of the index."""
    fixes = {w: correct_word(w, vocabulary) for w in unknown}
    fixes = {w: c for w, c in fixes.items() if c}
    if not fixes:
        return None
    return " ".join(fixes.get(w, w) for w in words(text))


def never_a_dead_end(state, unknown, query: SearchQuery, results, backend):
    """Fewer than FEW_RESULTS: first a corrected query (only when the typed one finds nothing),
    then most words, then any word. Full matches stay first (`search.ranking`)."""
    corrected = widened = None
    # Crisis-safe search: a crisis query is never "corrected" ("ik wil dood" is no typo).
    if results.total == 0 and unknown and not state["original"] and classify(state["q"]) != "crisis":
        text = corrected_query(state["q"], unknown, backend.vocabulary())
        if text:
            parsed, _ = analyse(text, backend)
            attempt = backend.search(dataclasses.replace(query, query=parsed))
            if attempt.total:
                corrected, query, results = text, dataclasses.replace(query, query=parsed), attempt
    full = results.total
    clauses = query.query.clause_count
    steps = ([("meeste", clauses - 1)] if clauses > 2 else []) + [("een", 1)]
    for label, minimum in steps if clauses > 1 else ():
        if results.total >= FEW_RESULTS:
            break
        parsed = dataclasses.replace(query.query, min_match=minimum)
        attempt = backend.search(dataclasses.replace(query, query=parsed))
        if attempt.total > results.total:
            widened, query, results = label, dataclasses.replace(query, query=parsed), attempt
    return corrected, widened, query, results, full


def dead_end_notices(typed: str, corrected, widened, results, full: int = 0) -> list[str]:
    notices = []
    if corrected:
        notices.append(f"We vonden niets voor ‘{typed}’. Je ziet resultaten voor ‘{corrected}’.")
    if widened and results.total:
        which = "de meeste woorden" if widened == "meeste" else "minstens één van de woorden"
        if full:
            found = "is maar 1 resultaat" if full == 1 else f"zijn maar {full} resultaten"
            notices.append(f"Er {found} met alle woorden. Daaronder zie je resultaten met {which}.")
        else:
            notices.append(
                f"Geen resultaten met alle woorden; dit zijn resultaten met {which}. "
                "Resultaten met alle woorden staan altijd bovenaan."
            )
    return notices
