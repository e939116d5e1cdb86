"""The engine contract (`test_contract.py`): filters and their facet counts."""

import pytest

from search.tests.contract import ALL_FACETS, CORPUS, keys, search


def test_filters_or_within_and_across(index):
    results = search(index, filters={"thema": ["sexting", "bedreiging"]})
    assert set(keys(results)) == {"page:2", "page:5"}
    results = search(
        index, filters={"thema": ["sexting", "bedreiging"], "doelgroep": ["onderwijs"]}
    )
    assert set(keys(results)) == {"page:2"}
    results = search(
        index,
        filters={"type": ["praktijk"], "bewijs": ["goede-aanwijzingen", "sterke-aanwijzingen"]},
    )
    assert set(keys(results)) == {"page:3", "page:8"}


def _expected(filters, exclude=None, base=None):
    def ok(d, facet, values):
        return bool(set(d.facets.get(facet, [])) & set(values))

    rows = [d for d in CORPUS if all(ok(d, f, v) for f, v in (base or {}).items())]
    return [d for d in rows if all(ok(d, f, v) for f, v in filters.items() if f != exclude)]


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"doelgroep": ["onderwijs"]},
        {"doelgroep": ["onderwijs", "jongeren"], "thema": ["pesten"]},
        {"type": ["praktijk", "onderzoek"], "jaar": ["2022", "2021"]},
        {"leeftijd": ["secundair"], "taal": ["nl"]},
    ],
)
def test_facet_counts_are_disjunctive(index, filters):
    results = search(index, filters=filters)
    assert results.total == len(_expected(filters))
    for facet in ALL_FACETS:
        expected: dict[str, int] = {}
        for d in _expected(filters, exclude=facet):
            for value in d.facets.get(facet, []):
                expected[value] = expected.get(value, 0) + 1
        assert results.facets[facet] == expected, facet


def test_count_shown_equals_results_after_selecting(index):
    results = search(index, "pesten")
    for facet, counts in results.facets.items():
        for value, count in counts.items():
            assert search(index, "pesten", filters={facet: [value]}).total == count, (facet, value)


def test_base_filters_restrict_everything(index):
    base = {"doelgroep": ["onderwijs"]}
    results = search(index, base=base, filters={"thema": ["pesten"]})
    assert set(keys(results)) == {"page:1", "page:8"}
    assert results.facets["doelgroep"] == {"onderwijs": 2}
    # The thema counts ignore the thema filter but keep the base filter.
    assert results.facets["thema"] == {"pesten": 2, "sexting": 1}


def test_facet_values(index):
    assert sorted(index.facet_values("jaar")) == [
        "2019",
        "2020",
        "2021",
        "2022",
        "2023",
        "2024",
        "2025",
    ]
