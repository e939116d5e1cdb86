"""Never stale, and cheap after a write (issue 16): every process keeps the database engine's
caches (facet bitmasks, each stem's matches, the title index) per index version; after a
publish, unpublish or delete, the next search in any process shows it, and that process
reads only the written entries again, not the whole index."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest

from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from search.analysis import parse_query, parse_suggest_input, synonym_map
from search.backends import load_engine
from search.backends.base import IndexDocument, SearchQuery
from search.backends.database import base as engine_base

SYNONYMS = synonym_map([["pesten", "gepest", "pesterijen"]])
FACETS = ("doelgroep", "type")
FULL_READ = "SELECT facet, value, entry_id FROM search_searchfacetvalue"  # every facet row


def item(n, title, audience="onderwijs", body="Over pesten en de klas."):
    return IndexDocument(
        key=f"page:{n}",
        type="toolkit",
        title=title,
        url=f"/item-{n}/",
        body=body,
        date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n % 7),  # shared dates
        facets={"type": ["toolkit"], "doelgroep": [audience]},
    )


def collection():
    docs = [item(0, "Pesten", "ouders")]
    docs += [item(n, f"Verslag {n} over gepest worden", "onderwijs" if n % 2 else "ouders") for n in range(1, 25)]
    docs += [item(n, f"Klasgesprek {n}", "jongeren") for n in range(25, 40)]
    return docs


def observe(engine):
    """What visitors see: results and counts of a common word (with and without a filter),
    the orders by title and by date, a rare word, suggestions."""
    pesten = parse_query("pesten", SYNONYMS)
    seen = {}
    for name, query in {
        "pesten": SearchQuery(query=pesten, facets=FACETS, per_page=50),
        "pesten, ouders": SearchQuery(query=pesten, filters={"doelgroep": ("ouders",)}, facets=FACETS),
        "titel": SearchQuery(query=pesten, sort="titel", per_page=50),
        "nieuwste": SearchQuery(query=parse_query("", SYNONYMS), sort="nieuwste", per_page=50),
        "sportclub": SearchQuery(query=parse_query("sportclub", SYNONYMS), facets=FACETS),
    }.items():
        results = engine.search(query)
        seen[name] = (results.total, [h.key for h in results.hits], results.facets)
    seen["suggest"] = [s.url for s in engine.suggest(*parse_suggest_input("pes", SYNONYMS))]
    seen["suggest sp"] = [s.url for s in engine.suggest(*parse_suggest_input("sp", SYNONYMS))]
    return seen


@pytest.fixture
def few_is_many(monkeypatch):
    """Forty items count as many: the title tiers and the cached stems are used."""
    monkeypatch.setattr(engine_base, "SCORE_LIMIT", 10)
    monkeypatch.setattr(engine_base, "RERANK_LIMIT", 8)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publish_unpublish_and_delete_show_in_the_next_search_of_another_process(few_is_many):
    writer = load_engine("database")
    writer.rebuild(collection())
    # Another process: its own engine (its own caches) and its own database connection.
    other = ThreadPoolExecutor(max_workers=1)
    reader = load_engine("database")

    def read():
        with CaptureQueriesContext(connection) as ctx:
            seen = observe(reader)
        return seen, [q["sql"] for q in ctx.captured_queries]

    def check():
        seen, statements = other.submit(read).result()
        assert seen == observe(load_engine("database")), "differs from a fresh read of the index"
        assert FULL_READ not in statements, "the whole index was read again after one write"
        return seen

    try:
        before, _ = other.submit(read).result()  # warm: every cache at this version
        assert before["pesten"][0] == 40
        assert before["pesten"][2]["doelgroep"] == {"ouders": 13, "onderwijs": 12, "jongeren": 15}

        writer.index([item(50, "Pesten in de sportclub", "sport")])  # publish
        seen = check()
        assert seen["pesten"][0] == 41 and "page:50" in seen["pesten"][1]
        assert seen["pesten"][2]["doelgroep"]["sport"] == 1
        assert seen["sportclub"][:2] == (1, ["page:50"])
        assert seen["suggest"][:2] == ["/item-0/", "/item-50/"]  # the shortest titles first
        assert "page:50" in seen["nieuwste"][1] and "page:50" in seen["titel"][1]

        writer.index([item(3, "Sportclub zonder pesterijen", "ouders")])  # republished, changed
        seen = check()
        assert seen["sportclub"][0] == 2
        assert seen["pesten, ouders"][2]["doelgroep"]["ouders"] == 14  # 13 + page:3
        assert seen["pesten"][2]["doelgroep"]["onderwijs"] == 11

        writer.delete(["page:50"])  # unpublished
        seen = check()
        assert seen["pesten"][0] == 40 and "page:50" not in seen["pesten"][1]
        assert "sport" not in seen["pesten"][2]["doelgroep"]
        assert seen["sportclub"][:2] == (1, ["page:3"])
        assert "/item-50/" not in seen["suggest"] + seen["suggest sp"]

        writer.delete(["page:0", "page:25"])  # deleted
        seen = check()
        assert seen["pesten"][0] == 38 and seen["suggest"][0] != "/item-0/"
        assert seen["pesten"][2]["doelgroep"]["jongeren"] == 14

        writer.index([item(0, "Pesten", "ouders"), item(51, "Pestkop", "jongeren")])  # back, and new
        seen = check()
        assert seen["pesten"][0] == 40 and set(seen["suggest"][:2]) == {"/item-0/", "/item-51/"}
    finally:
        other.submit(connections.close_all).result()
        other.shutdown()


def test_a_rolled_back_write_never_shows(db, few_is_many):
    """A process that searched inside a write that was then rolled back must not take its
    cache for the committed version that gets the same number."""
    engine = load_engine("database")
    engine.rebuild(collection())
    observe(engine)
    with pytest.raises(RuntimeError), transaction.atomic():
        engine.index([item(60, "Pesten: een concept", "sport")])
        assert engine.search(SearchQuery(query=parse_query("concept", SYNONYMS))).total == 1
        observe(engine)  # the caches follow the uncommitted write
        raise RuntimeError("rolled back")
    engine.index([item(61, "Sportclub", "onderwijs")])  # the same version number, committed
    engine.index([item(62, "Pesten in de klas", "onderwijs")])  # and the next one
    seen = observe(engine)
    assert seen == observe(load_engine("database"))
    assert "sport" not in seen["pesten"][2]["doelgroep"]
    assert engine.search(SearchQuery(query=parse_query("concept", SYNONYMS))).total == 0
