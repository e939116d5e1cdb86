"""The engine on a real search cluster (`make search-node`; skipped on a laptop without one,
a failure in CI): what the contract suite cannot show on its own."""

import threading

import pytest

from django.core.management import call_command

from search.analysis import analyze, parse_query
from search.backends import engine_behind_since
from search.backends.base import SearchQuery
from search.backends.es_clients import OpenSearchClient
from search.backends.es_mapping import PROBE_TEXT
from search.backends.es_queries import MAX_RESULT_WINDOW
from search.tests.conftest import live_engine
from search.tests.contract import CORPUS, doc, keys, search

pytestmark = [pytest.mark.django_db, pytest.mark.live]


@pytest.fixture
def cluster(db):
    engine = live_engine()
    engine.drop()
    yield engine
    engine.drop()


def test_check_reports_the_distribution_and_picks_its_client(cluster):
    info = cluster.check()
    assert info["distribution"] in ("opensearch", "elasticsearch")
    if info["distribution"] == "opensearch":
        assert isinstance(cluster.client, OpenSearchClient)
    assert cluster.cluster.split()[1] == info["version"]


def test_dutch_analysis_in_the_cluster_gives_the_projects_tokens(cluster):
    cluster.rebuild(CORPUS[:1])  # the rebuild itself probes PROBE_TEXT before going live
    index = cluster._targets()[0]
    for text in [
        PROBE_TEXT,
        "Cyberpesten, sexting en naaktfoto's: geëvalueerde programma's voor leerkrachten",
        "De werkgevers beschermen werknemers tegen pesterijen op het werk",
        "ÉÉN Café, één crème brûlée; Ærø, Łódź, œuvre, ﬁets, straße 2024",
    ]:
        assert cluster.client.analyze(index, "kc_dutch", text) == analyze(text), text


def test_highlighting_marks_the_matched_words(cluster):
    cluster.rebuild(CORPUS)
    hit = search(cluster, "sexting").hits[0]
    highlight = hit.extra["highlight"]
    assert "<mark>Sexting</mark>" in highlight["title"][0]
    assert "<mark>sexting</mark>" in highlight["summary"][0]


def test_paging_to_the_end_of_the_results_and_past_the_window(cluster):
    many = [doc(f"page:{n}", f"Pesten deel {n}", body="pesten") for n in range(45)]
    cluster.rebuild(many)
    seen = []
    for page in (1, 2, 3):
        results = cluster.search(SearchQuery(query=parse_query("pesten"), page=page, per_page=20))
        assert results.total == 45
        seen += keys(results)
    assert len(seen) == 45 and len(set(seen)) == 45  # every item once, the last page has 5
    beyond = SearchQuery(page=MAX_RESULT_WINDOW // 20 + 1, per_page=20)
    results = cluster.search(beyond)  # past the result window: no hits, but the total
    assert results.total == 45 and results.hits == []


def test_rebuild_swaps_the_alias_under_concurrent_searches(cluster):
    cluster.rebuild(CORPUS)
    failures, totals = [], []
    done = threading.Event()

    def searching():
        while not done.is_set():
            try:
                totals.append(cluster.search(SearchQuery()).total)
            except Exception as exc:  # noqa: BLE001 - every failure is collected and asserted
                failures.append(repr(exc))

    threads = [threading.Thread(target=searching) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(3):
            cluster.rebuild(CORPUS)
    finally:
        done.set()
        for thread in threads:
            thread.join()
    assert failures == []
    assert totals and set(totals) == {len(CORPUS)}  # never an empty or half-built index
    assert len(cluster._targets()) == 1  # the old indexes are gone


def test_synonyms_saved_in_the_admin_reach_the_cluster(live, django_capture_on_commit_callbacks):
    from search.models import SynonymGroup

    live.rebuild(
        [
            doc("page:1", "Grooming herkennen"),
            doc("page:2", "Online lokken van kinderen"),
        ]
    )
    plain = SearchQuery(query=parse_query("grooming"))  # no synonyms from Python's side
    assert keys(live.primary.search(plain)) == ["page:1"]
    with django_capture_on_commit_callbacks(execute=True):
        SynonymGroup.objects.create(words="grooming, lokken")
    # The cluster's own search analyzer now knows the group (index copied, alias moved).
    assert set(keys(live.primary.search(plain))) == {"page:1", "page:2"}


def test_breaker_closes_when_the_cluster_answers_again(live, settings):
    live.rebuild(CORPUS)
    live.breaker.failed("simulated outage")
    settings.SEARCH_ENGINE_RETRY_AFTER = 600
    assert search(live, "sexting").degraded  # down: the database answers
    settings.SEARCH_ENGINE_RETRY_AFTER = 0
    results = search(live, "sexting")  # the trial request reaches the cluster
    assert results.backend == "elasticsearch" and not results.degraded
    assert not live.breaker.is_open
    live.breaker.failures = 0  # the simulated outage is not a failure of this test


def test_writes_while_down_are_caught_up_with_changed_since(live, settings):
    live.rebuild(CORPUS)
    settings.SEARCH_ENGINE_RETRY_AFTER = 600
    live.breaker.failed("simulated outage")
    live.index([doc("page:50", "Grooming herkennen", summary="Signalen van grooming.")])
    live.delete(["page:2"])
    assert engine_behind_since() is not None
    # The cluster missed both writes; the database has them.
    assert keys(live.primary.search(SearchQuery(query=parse_query("grooming")))) == []
    assert "page:2" in keys(live.primary.search(SearchQuery(query=parse_query("sexting"))))
    call_command("rebuild_search_index", "--changed-since", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert keys(live.primary.search(SearchQuery(query=parse_query("grooming")))) == ["page:50"]
    assert keys(live.primary.search(SearchQuery(query=parse_query("sexting")))) == []
    assert engine_behind_since() is None
    assert not live.breaker.is_open
    live.breaker.failures = 0
