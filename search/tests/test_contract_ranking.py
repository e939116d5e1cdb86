"""The engine contract (`test_contract.py`): the order of the matches by relevance."""

import datetime

from search.analysis import parse_query
from search.backends.base import SearchQuery
from search.tests.contract import SYNONYMS, doc, keys, search


def test_title_weighs_more_than_body(index):
    found = keys(search(index, "omstanders"))
    assert found[0] == "page:8"
    found = keys(search(index, "gezondheid"))
    assert found[0] == "page:4"
    # "welzijn": title of page 6, body of page 3.
    assert keys(search(index, "welzijn"))[:2] == ["page:6", "page:3"]


def test_the_typed_word_in_a_title_beats_a_synonym_in_a_title(engine):
    engine.rebuild(
        [
            doc("page:1", "De pestkop aanpakken", summary="Over de pestkop en zijn pestkop-gedrag."),
            doc("page:2", "Gepest op school", summary="Wat doe je als je gepest wordt?"),
        ]
    )
    assert keys(search(engine, "gepest")) == ["page:2", "page:1"]
    assert keys(search(engine, "pestkop")) == ["page:1", "page:2"]


def test_a_title_that_is_exactly_the_query_comes_first(engine):
    # "pesten" -> the glossary term Pesten, although longer items say "pesten" far more often.
    busy = "Pesten, pesten en nog eens pesten: pesten op school. " * 5
    engine.rebuild(
        [
            doc("term:1", "Pesten", summary="Herhaald kwetsen.", date=datetime.date(2015, 1, 1), type="begrip"),
            doc("page:1", "Pesten op school aanpakken", summary=busy, body=busy, date=datetime.date(2025, 1, 1)),
            doc("page:2", "Pesten en pesters", summary=busy, body=busy, date=datetime.date(2024, 1, 1)),
        ]
    )
    assert keys(search(engine, "pesten"))[0] == "term:1"
    assert keys(search(engine, "Pesten!"))[0] == "term:1"


def test_a_widened_search_ranks_full_matches_first(engine):
    # Three words, none of the items has all three: those with two come before those with one,
    # however often the one word occurs.
    engine.rebuild(
        [
            doc("page:1", "Sexting", summary="sexting " * 30, body="sexting " * 60),
            doc("page:2", "Sexting in de klas", summary="Over sexting en de klas."),
            doc("page:3", "Klas", summary="klas " * 30),
        ]
    )
    parsed = parse_query("sexting klas lerarenkamer", SYNONYMS)
    parsed.min_match = 1
    results = engine.search(SearchQuery(query=parsed))
    assert keys(results)[0] == "page:2"
    assert set(keys(results)) == {"page:1", "page:2", "page:3"}


def test_a_letter_split_off_by_an_apostrophe_is_not_required(engine):
    # "afgeperst met foto's": the "s" of "foto's" is no word the text must hold.
    engine.rebuild(
        [
            doc("page:1", "Afpersing met een foto", summary="Wat je doet als iemand dreigt."),
            doc("page:2", "Foto's in de klasgroep", summary="Afspraken over foto's delen."),
        ]
    )
    assert keys(search(engine, "afpersing foto's")) == ["page:1"]
    assert set(keys(search(engine, "m'n foto"))) == {"page:1", "page:2"}


def test_werkt_in_a_question_is_not_required(engine):
    # "werkt kiva" asks whether KiVa works: the evaluation that never says "werkt" counts.
    engine.rebuild(
        [
            doc("page:1", "KiVa verminderde pesten", summary="Een gerandomiseerde studie.", type="onderzoek"),
            doc("page:2", "Olweus", summary="Een ander programma dat werkt."),
        ]
    )
    assert keys(search(engine, "werkt kiva")) == ["page:1"]
