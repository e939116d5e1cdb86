"""The database engine is one class per database, picked by the connection (issue #10)."""

import ast
from pathlib import Path

from django.db import connection

from search.backends import get_backend, load_engine
from search.backends.database import PostgresBackend, SQLiteBackend

ENGINE_DIR = Path(__file__).resolve().parent.parent / "backends" / "database"


def test_the_connection_picks_its_own_engine(db):
    expected = {"sqlite": SQLiteBackend, "postgresql": PostgresBackend}[connection.vendor]
    assert type(load_engine("database")) is expected


def test_the_public_search_uses_it(db, settings):
    settings.ELASTICSEARCH_URL = ""
    get_backend.cache_clear()
    try:
        assert type(get_backend()) in (SQLiteBackend, PostgresBackend)
    finally:
        get_backend.cache_clear()


def test_no_engine_asks_which_database_it_runs_on():
    """Each database's SQL lives in its own module; none branches on the vendor."""
    for path in ENGINE_DIR.glob("*.py"):
        tree = ast.parse(path.read_text())
        attributes = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        if path.name != "__init__.py":
            assert "vendor" not in attributes, path.name


# Search at 100k items (issue #16): work per search bounded, whatever the number of matches.

import datetime  # noqa: E402

from django.test.utils import CaptureQueriesContext  # noqa: E402

from search.analysis import parse_query, parse_suggest_input, synonym_map  # noqa: E402
from search.backends.base import IndexDocument, SearchQuery  # noqa: E402
from search.backends.database import base as engine_base  # noqa: E402

SYNONYMS = synonym_map([["pesten", "gepest", "pesterijen"]])
SCORING = ("bm25(", "ts_rank(")


def item(n, title, body="Over pesten.", date=None):
    return IndexDocument(
        key=f"page:{n}",
        type="toolkit",
        title=title,
        url=f"/item-{n}/",
        body=body,
        date=date or datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        facets={"type": ["toolkit"], "doelgroep": ["onderwijs" if n % 2 else "ouders"]},
    )


def many_matches(monkeypatch):
    """Sixty items about pesten; the glossary-like one titled just "Pesten" is the oldest.
    The limits are lowered so that sixty items count as "many"."""
    monkeypatch.setattr(engine_base, "SCORE_LIMIT", 20, raising=False)
    monkeypatch.setattr(engine_base, "RERANK_LIMIT", 10)
    engine = load_engine("database")
    docs = [item(0, "Pesten", date=datetime.date(2000, 1, 1))]
    docs += [item(n, f"Verslag {n} over de klas en gepest worden") for n in range(1, 30)]
    docs += [item(n, f"Verslag {n} over de klas") for n in range(30, 60)]
    engine.rebuild(docs)
    return engine


def statements(ctx):
    return [q["sql"] for q in ctx.captured_queries]


def test_many_matches_are_not_all_scored_and_the_exact_title_still_leads(db, monkeypatch):
    engine = many_matches(monkeypatch)
    query = SearchQuery(query=parse_query("pesten", SYNONYMS), per_page=5)
    engine.search(query)
    with CaptureQueriesContext(connection) as ctx:
        results = engine.search(query)
    assert results.total == 60
    assert results.hits[0].title == "Pesten"
    # the typed word's forms in the title come before titles without it
    assert all("gepest" in hit.title for hit in results.hits[1:])
    assert not [sql for sql in statements(ctx) if any(f in sql for f in SCORING)], (
        "the database scored every match"
    )


def test_the_rows_ranked_are_bounded(db, monkeypatch):
    engine = many_matches(monkeypatch)
    query = SearchQuery(query=parse_query("pesten", SYNONYMS), filters={"doelgroep": ("onderwijs",)})
    with CaptureQueriesContext(connection) as ctx:
        results = engine.search(query)
    assert results.total == 30
    # the analysed rows the ranking reads (`values_list`: aliased columns), ids in IN (...)
    ranked = [
        sql.rsplit(" IN (", 1)[1].count(",") + 1
        for sql in statements(ctx)
        if 'AS "body_terms"' in sql
    ]
    assert ranked and max(ranked) <= engine_base.RERANK_LIMIT, ranked
    # deeper pages follow on from the ranked ones: every item once
    keys = []
    for page in (1, 2, 3):
        query.page = page
        keys += [h.key for h in engine.search(query).hits]
    assert len(keys) == len(set(keys)) == 30


def test_a_common_word_is_matched_once_per_index_version(db, monkeypatch):
    engine = many_matches(monkeypatch)
    query = SearchQuery(query=parse_query("pesten", SYNONYMS), per_page=5)
    engine.search(query)
    with CaptureQueriesContext(connection) as ctx:
        engine.search(query)
    assert not [sql for sql in statements(ctx) if "MATCH" in sql or "@@" in sql]
    engine.index([item(99, "Pesten op het werk")])  # a write: a new version, read again
    assert engine.search(query).total == 61


def test_suggestions_come_from_the_title_index(db, monkeypatch):
    engine = many_matches(monkeypatch)
    suggest_input = parse_suggest_input("pes", SYNONYMS)
    assert engine.suggest(*suggest_input)[0].title == "Pesten"  # the shortest title first
    with CaptureQueriesContext(connection) as ctx:
        titles = [s.title for s in engine.suggest(*suggest_input)]
    assert titles[0] == "Pesten" and len(titles) == 1  # "gepest" does not start with "pes"
    assert not [sql for sql in statements(ctx) if "MATCH" in sql or "@@" in sql]
    assert [s.title for s in engine.suggest(*parse_suggest_input("verslag 3 over de kl", SYNONYMS))] == [
        "Verslag 3 over de klas en gepest worden"
    ]


def test_a_search_does_not_count_the_whole_index(db, monkeypatch):
    engine = many_matches(monkeypatch)
    query = SearchQuery(query=parse_query("pesten", SYNONYMS), per_page=5)
    engine.search(query)
    with CaptureQueriesContext(connection) as ctx:
        engine.search(query)
    assert not [sql for sql in statements(ctx) if "COUNT(" in sql.upper()]
