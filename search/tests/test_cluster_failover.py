"""A node of a three-node cluster dies mid-run: searches keep working from its replicas.

The test starts its own three-node OpenSearch cluster with the project's script (on ports
apart from the single CI node), indexes items with one replica each, searches, kills a node
with SIGKILL and keeps searching. Every search must answer with the same hits, and once the
cluster has promoted the replicas they must come from the cluster again, not from the
database fallback. Runs where the live suite runs (Java present; in CI it must not skip).
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from search.analysis import parse_query
from search.backends import FallbackBackend, load_engine
from search.backends.base import IndexDocument, SearchQuery

from .conftest import require_live_cluster

pytestmark = pytest.mark.live

ROOT = Path(__file__).resolve().parents[2]
#: HTTP ports PORT..PORT+2, transport PORT+100..: apart from the CI node (9200) and benches.
PORT = int(os.environ.get("FAILOVER_SEARCHNODE_PORT", "9700"))
WORDS = ["pesten", "cyberpesten", "school", "ouders", "leerkracht", "klas", "sport", "werk"]


def script(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NODES": "3", "SEARCHNODE_PORT": str(PORT)}
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "searchnode.sh"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def three_nodes():
    require_live_cluster()  # the same gate as every live test: Java here, or fail in CI
    started = script("start")
    if started.returncode != 0:
        pytest.fail(f"three-node cluster did not start:\n{started.stdout}\n{started.stderr}")
    try:
        yield script("url").stdout.strip().removeprefix("ELASTICSEARCH_URL=")
    finally:
        script("stop")


def documents(n: int):
    for i in range(n):
        words = [WORDS[(i + k) % len(WORDS)] for k in range(3)]
        yield IndexDocument(
            key=f"page:{i}",
            type="toolkit" if i % 2 else "onderzoek",
            title=f"Item {i} over {words[0]}",
            url=f"/item-{i}/",
            summary=" ".join(words),
            body=" ".join(words * 3),
            facets={"type": ["toolkit" if i % 2 else "onderzoek"], "doelgroep": ["onderwijs"]},
        )


def test_searches_survive_a_killed_node(three_nodes, db, settings):
    settings.SEARCH_ENGINE_RETRY_AFTER = 1  # a failure during the promotion is retried soon
    from search.backends.breaker import reset_breakers

    reset_breakers()
    cluster = load_engine("elasticsearch", url=three_nodes, prefix=f"failover-{os.getpid()}", timeout=20)
    backend = FallbackBackend(cluster, load_engine("database"))
    backend.rebuild(list(documents(600)))
    queries = [SearchQuery(query=parse_query(word), per_page=50) for word in ("pesten", "sport werk")]
    try:
        expected = [sorted(hit.key for hit in backend.search(q).hits) for q in queries]
        before = [backend.search(q) for q in queries for _ in range(10)]
        assert not any(result.degraded for result in before), "the healthy cluster must answer"
        assert all(expected), "both queries find items"

        killed = script("kill", "1")
        assert killed.returncode == 0, killed.stderr

        after = []
        for n in range(300):  # bounded; ends as soon as the cluster answers again
            query = queries[n % len(queries)]
            result = backend.search(query)  # must not raise: the fallback answers meanwhile
            assert result.total > 0
            assert sorted(hit.key for hit in result.hits) == expected[n % len(queries)]
            after.append(result.degraded)
            if result.degraded:
                time.sleep(0.1)  # pacing only: give the breaker's retry period time to pass
            if len(after) >= 20 and not any(after[-20:]):
                break
        assert not any(after[-20:]), "after the node died the cluster did not answer again"
        assert backend.breaker.is_open is False
    finally:
        cluster.drop()
