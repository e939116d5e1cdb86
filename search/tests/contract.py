"""The corpus and helpers of the search engine contract (`test_contract*.py`): a small set of
documents every engine indexes, and a search as the site asks it."""

import datetime

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


def suggest(backend, text):
    return [s.title for s in backend.suggest(*parse_suggest_input(text, SYNONYMS))]
