"""Golden tests of the Elasticsearch engine: the index settings and the request bodies, as
JSON files in `golden/`. They need no cluster, so they always run.

After an intended change, regenerate and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest search/tests/test_elasticsearch_golden.py
"""

import json
import os
from pathlib import Path

from search.analysis import (
    STEMMER_ALGORITHM,
    STOPWORDS,
    parse_query,
    parse_suggest_input,
    synonym_map,
)
from search.backends.base import SearchQuery
from search.backends.es_mapping import FACET_FIELDS, index_body, synonym_rules
from search.backends.es_queries import (
    MAX_RESULT_WINDOW,
    search_body,
    spelling_body,
    suggest_body,
)
from search.facets import FACET_PARAMS

GOLDEN = Path(__file__).parent / "golden"
GROUPS = [
    ["pesten", "gepest", "pesterijen", "pesters", "pestkop"],
    ["sexting", "sexten", "online seks"],  # "online seks" is two words: left out
    ["werkvloer", "de werkplek", "werk"],  # "de werkplek": the stopword does not count
]
# The golden bodies depend on nothing outside this file (not on the contract suite's data).
SYNONYMS = synonym_map([["pesten", "gepest", "pesterijen", "pesters", "pestkop"]])
ALL_FACETS = ("type", "doelgroep", "thema", "leeftijd", "jaar", "taal", "bewijs")
# Fixed bucket sizes: in production they come from the number of taxonomy values.
BUCKETS = {facet: 100 for facet in FACET_PARAMS} | {"thema": 120, "jaar": 200}


def assert_golden(name: str, data: dict) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text), (
        f"{name} differs from {path}; if intended, regenerate with UPDATE_GOLDEN=1"
    )


def query(q="", *, filters=None, base=None, sort="relevantie", page=1, facets=ALL_FACETS):
    return SearchQuery(
        query=parse_query(q, SYNONYMS),
        filters={k: tuple(v) for k, v in (filters or {}).items()},
        base_filters={k: tuple(v) for k, v in (base or {}).items()},
        sort=sort,
        page=page,
        per_page=20,
        facets=facets,
    )


def test_index_settings_and_mapping():
    assert_golden("index", index_body(synonym_rules(GROUPS)))


def test_index_without_synonyms_has_no_synonym_filter():
    body = index_body([])
    analysis = body["settings"]["analysis"]
    assert "kc_synonyms" not in analysis["filter"]
    assert analysis["analyzer"]["kc_dutch_search"] == analysis["analyzer"]["kc_dutch"]


def test_analysis_is_pinned_to_the_project_analyzer():
    analysis = index_body([])["settings"]["analysis"]
    assert STEMMER_ALGORITHM == "dutch_porter"
    assert analysis["filter"]["kc_stemmer"] == {"type": "stemmer", "language": "dutch_porter"}
    assert sorted(analysis["filter"]["kc_stop"]["stopwords"]) == sorted(STOPWORDS)
    assert set(FACET_FIELDS) == set(FACET_PARAMS)


def test_synonym_rules_follow_synonym_map():
    assert synonym_rules(GROUPS) == [
        "gepest, pesten, pesterijen, pesters, pestkop",
        "sexten, sexting",
        "werk, werkplek, werkvloer",
    ]
    assert synonym_rules([["alleen"], ["online pesten", "cyber pesten"]]) == []


def test_text_with_filters_and_all_facets():
    body = search_body(
        query(
            "pesten op school",
            filters={"doelgroep": ["onderwijs"], "leeftijd": ["lager", "secundair"]},
            page=2,
        ),
        BUCKETS,
    )
    assert_golden("search_text_filters_facets", body)
    # Disjunctive counts: each facet's aggregation leaves out its own filter only.
    aggs = body["aggs"]
    assert aggs["facet_doelgroep"]["filter"] == {
        "bool": {"filter": [{"terms": {"facets.leeftijd": ["lager", "secundair"]}}]}
    }
    assert aggs["facet_thema"]["filter"]["bool"]["filter"] == [
        {"terms": {"facets.doelgroep": ["onderwijs"]}},
        {"terms": {"facets.leeftijd": ["lager", "secundair"]}},
    ]
    assert body["post_filter"]["bool"]["filter"] == aggs["facet_thema"]["filter"]["bool"]["filter"]
    assert aggs["facet_jaar"]["aggs"]["values"]["terms"]["size"] == 200
    assert body["track_total_hits"] is True


def test_phrase():
    assert_golden("search_phrase", search_body(query('"pesten op het werk" werkgever'), BUCKETS))


def test_no_text_newest_with_base_filter():
    body = search_body(
        query(sort="nieuwste", base={"doelgroep": ["werkgevers-werknemers"]}), BUCKETS
    )
    assert_golden("search_newest_base_filter", body)
    assert "post_filter" not in body and "highlight" not in body


def test_title_sort():
    body = search_body(query("sexting", sort="titel", facets=()), BUCKETS)
    assert_golden("search_title_sort", body)


def test_page_beyond_the_result_window_fetches_no_hits():
    body = search_body(query(page=MAX_RESULT_WINDOW // 20 + 2), BUCKETS)
    assert body["size"] == 0 and body["from"] == 0
    assert body["aggs"]  # counts and total still come back


def test_suggestions():
    assert_golden("suggest", suggest_body(*parse_suggest_input("pesten op de werk", SYNONYMS)))


def test_spelling():
    assert_golden("spelling", spelling_body("sextign op scool in 2024"))
