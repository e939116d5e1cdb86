"""The engine contract (`test_contract.py`): the results page (sorting, paging, the fields of a
hit), suggestions while typing, spelling corrections; and writing the index (replace, delete,
rebuild)."""

import datetime

import pytest

from search.tests.contract import CORPUS, DOCS, doc, keys, search, suggest


def test_empty_query_returns_everything_newest_first(index):
    results = search(index)
    assert results.total == len(CORPUS)
    dated = [k for k in keys(results) if DOCS[k].date]
    assert dated == sorted(dated, key=lambda k: DOCS[k].date, reverse=True)
    assert keys(results)[-1] == "term:7"  # no date: last


def test_sort_by_title_ignores_accents_and_case(index):
    titles = [h.title for h in search(index, sort="titel", per_page=50).hits]
    assert titles[:3] == [
        "Cyberpesten",
        "Geëvalueerde aanpak in het café",
        "Geweld tussen jongeren",
    ]


def test_sort_newest(index):
    found = keys(search(index, "pesten", sort="nieuwste"))
    dates = [DOCS[k].date or datetime.date.min for k in found]
    assert dates == sorted(dates, reverse=True)


def test_pagination(index):
    first = search(index, per_page=4, page=1)
    second = search(index, per_page=4, page=2)
    third = search(index, per_page=4, page=3)
    assert first.total == second.total == third.total == len(CORPUS)
    assert len(first.hits) == 4 and len(second.hits) == 4 and len(third.hits) == 1
    assert not set(keys(first)) & set(keys(second))
    beyond = search(index, per_page=4, page=99)
    assert beyond.hits == [] and beyond.total == len(CORPUS)


def test_hits_carry_display_fields(index):
    hit = search(index, "sexting").hits[0]
    assert hit.title == "Sexting in het secundair"
    assert hit.url == "/page-2/"
    assert hit.type == "document"
    assert hit.summary.startswith("Lesmateriaal")
    assert hit.facets["thema"] == ["sexting"]
    assert hit.date == datetime.date(2023, 5, 1)


def test_suggestions_complete_the_last_word(index):
    assert suggest(index, "sext") == ["Sexting in het secundair"]
    assert suggest(index, "SEXTİNG") == ["Sexting in het secundair"]
    assert suggest(index, "pesten op de werk") == ["Pesterijen op de werkvloer"]
    assert suggest(index, "") == []
    assert suggest(index, "!!!") == []


def test_spelling_suggestion(index):
    if not index.supports_spelling_suggestions:
        pytest.skip("engine has no spelling suggestions")
    assert index.spelling_suggestion("sextign") == "sexting"
    assert index.spelling_suggestion("sexting") is None


def test_index_replaces_and_delete_removes(index):
    index.index([doc("page:2", "Grooming herkennen", summary="Nieuw.", type="toolkit")])
    assert search(index, "sexting").total == 0
    assert keys(search(index, "grooming")) == ["page:2"]
    assert search(index, filters={"type": ["toolkit"]}).total == 2
    index.delete(["page:2", "page:999"])
    assert search(index, "grooming").total == 0
    assert index.count() == len(CORPUS) - 1


def test_rebuild_replaces_everything(index):
    assert index.rebuild([CORPUS[0]]) == 1
    assert index.count() == 1
    assert search(index, "sexting").total == 0
