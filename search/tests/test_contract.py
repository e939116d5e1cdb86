"""The contract every search engine honours, run against each engine (`engine` fixture):
the database engine always (SQLite, and PostgreSQL with DATABASE_URL), Elasticsearch when
ELASTICSEARCH_URL is set. Tests skip only what an engine says it cannot do."""

import datetime

import pytest

from search.analysis import parse_query, parse_suggest_input, synonym_map
from search.backends.base import IndexDocument, SearchQuery

SYNONYMS = synonym_map([["pesten", "gepest", "pesterijen", "pesters", "pestkop"]])
ALL_FACETS = ("type", "doelgroep", "thema", "leeftijd", "jaar", "taal", "bewijs")


def doc(key, title, *, summary="", body="", type="toolkit", date=None, **facets):
    facets = {k: list(v) for k, v in facets.items()}
    facets["type"] = [type]
    facets.setdefault("taal", ["nl"])
    if date:
        facets["jaar"] = [str(date.year)]
    return IndexDocument(
        key=key,
        type=type,
        title=title,
        url=f"/{key.replace(':', '-')}/",
        summary=summary,
        body=body,
        date=date,
        facets=facets,
    )


CORPUS = [
    doc(
        "page:1",
        "Pesten op school aanpakken",
        summary="Een stappenplan voor de hele school.",
        body="Wie gepest wordt, heeft steun nodig.",
        date=datetime.date(2024, 3, 1),
        doelgroep=["onderwijs"],
        thema=["pesten"],
        leeftijd=["lager", "secundair"],
    ),
    doc(
        "page:2",
        "Sexting in het secundair",
        summary="Lesmateriaal over sexting en naaktfoto's.",
        body="Praat met jongeren over grenzen.",
        type="document",
        date=datetime.date(2023, 5, 1),
        doelgroep=["onderwijs", "jongeren"],
        thema=["sexting"],
        leeftijd=["secundair"],
    ),
    doc(
        "page:3",
        "Pesterijen op de werkvloer",
        summary="Wat werkgevers kunnen doen.",
        body="De wet welzijn op het werk beschermt werknemers.",
        type="praktijk",
        date=datetime.date(2022, 1, 1),
        doelgroep=["werkgevers-werknemers"],
        thema=["pesten-op-het-werk"],
        bewijs=["goede-aanwijzingen"],
    ),
    doc(
        "page:4",
        "Gezondheid van slachtoffers",
        summary="Onderzoek naar de gevolgen.",
        body="Slachtoffers melden vaker klachten over hun gezondheid.",
        type="onderzoek",
        date=datetime.date(2021, 1, 1),
        doelgroep=["zorg-welzijn", "onderzoek-beleid"],
        thema=["pesten"],
    ),
    doc(
        "page:5",
        "Geweld tussen jongeren",
        summary="Fysiek geweld en bedreiging.",
        body="Over geweld op straat.",
        type="onderzoek",
        date=datetime.date(2020, 1, 1),
        doelgroep=["jongeren"],
        thema=["bedreiging"],
        taal=["en"],
    ),
    doc(
        "page:6",
        "Welzijn van leerkrachten",
        summary="Het welzijn op school.",
        body="Alleen over welzijn.",
        type="nieuws",
        date=datetime.date(2025, 1, 1),
        doelgroep=["onderwijs"],
    ),
    doc(
        "term:7",
        "Cyberpesten",
        summary="Pesten via internet of de gsm.",
        type="begrip",
        thema=["cyberpesten"],
    ),
    doc(
        "page:8",
        "Omstanders in de klas",
        summary="Een werkvorm over helpen.",
        body="Vaak zwijgen omstanders. Over pesten op het werk gaat het hier niet; wel pesten "
        "op school en het werk van de leerkracht.",
        type="praktijk",
        date=datetime.date(2024, 6, 1),
        doelgroep=["onderwijs"],
        thema=["pesten"],
        bewijs=["sterke-aanwijzingen"],
        leeftijd=["lager"],
    ),
    doc(
        "page:9",
        "Geëvalueerde aanpak in het café",
        summary="Een Ëerste evaluatie.",
        type="praktijk",
        date=datetime.date(2019, 1, 1),
        doelgroep=["jeugdwerk-sport-cultuur"],
        bewijs=["eerste-aanwijzingen"],
    ),
]
DOCS = {d.key: d for d in CORPUS}


@pytest.fixture
def index(engine):
    engine.rebuild(CORPUS)
    return engine


def search(
    backend,
    q="",
    *,
    filters=None,
    base=None,
    sort="relevantie",
    page=1,
    per_page=20,
    facets=ALL_FACETS,
):
    query = SearchQuery(
        query=parse_query(q, SYNONYMS),
        filters={k: tuple(v) for k, v in (filters or {}).items()},
        base_filters={k: tuple(v) for k, v in (base or {}).items()},
        sort=sort,
        page=page,
        per_page=per_page,
        facets=facets,
    )
    return backend.search(query)


def keys(results):
    return [hit.key for hit in results.hits]


def test_empty_query_returns_everything_newest_first(index):
    results = search(index)
    assert results.total == len(CORPUS)
    dated = [k for k in keys(results) if DOCS[k].date]
    assert dated == sorted(dated, key=lambda k: DOCS[k].date, reverse=True)
    assert keys(results)[-1] == "term:7"  # no date: last


def test_stemming_finds_inflections(index):
    assert "page:4" in keys(search(index, "gezond"))  # gezondheid
    assert "page:2" in keys(search(index, "secundaire"))


def test_geweld_does_not_find_welzijn(index):
    found = keys(search(index, "geweld"))
    assert found == ["page:5"]
    assert "page:6" not in found


def test_accents_do_not_matter(index):
    assert keys(search(index, "geevalueerde")) == ["page:9"]
    assert keys(search(index, "cafe")) == ["page:9"]
    assert keys(search(index, "eerste EVALUATIE")) == ["page:9"]


def test_synonyms_bring_word_forms_together(index):
    for word in ("pesten", "gepest", "pesterijen", "pesters"):
        found = set(keys(search(index, word)))
        assert {"page:1", "page:3", "page:8"} <= found, word


def test_all_words_must_match(index):
    assert keys(search(index, "sexting jongeren")) == ["page:2"]
    assert search(index, "sexting werkgevers").total == 0


def test_phrase_search(index):
    if not index.supports_phrase_search:
        pytest.skip("engine has no phrase search")
    found = keys(search(index, '"pesten op school"'))
    assert "page:1" in found and "page:8" in found
    # "pesten op het werk" appears literally only in the body of page 8; page 3 has the words apart.
    assert keys(search(index, '"pesten op het werk"')) == ["page:8"]


def test_title_weighs_more_than_body(index):
    found = keys(search(index, "omstanders"))
    assert found[0] == "page:8"
    found = keys(search(index, "gezondheid"))
    assert found[0] == "page:4"
    # "welzijn": title of page 6, body of page 3.
    assert keys(search(index, "welzijn"))[:2] == ["page:6", "page:3"]


def test_operator_characters_are_plain_separators(index):
    for q in [
        "sexting AND",
        "sexting OR",
        "sexting*",
        "(sexting)",
        "sexting^ ~ -",
        "+sexting",
        '"sexting',
        'sexting"',
        "sexting:",
        "{sexting}",
        "sexting'",
        "sexting\\",
        "sexting;",
    ]:
        assert keys(search(index, q)) == ["page:2"], q
    for q in ["NEAR(sexting)", "title:sexting", "sexting' OR 1=1 --", "a" * 200, "ß" * 50]:
        search(index, q)  # no error; what matches is up to the words


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


def suggest(backend, text):
    return [s.title for s in backend.suggest(*parse_suggest_input(text, SYNONYMS))]


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


def test_empty_and_punctuation_queries_match_everything(index):
    assert search(index, "").total == len(CORPUS)
    assert search(index, "?!*()").total == len(CORPUS)


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
