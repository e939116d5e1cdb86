"""Failure is cheap: against a cluster that hangs, refuses or answers 503, the first search
opens the circuit breaker and is answered by the database; later searches do not touch the
cluster at all until the retry period is over; writes reach the database and mark the
cluster for catch-up. Real sockets, the real database engine; no mocks. (How long a search
takes against a hung cluster is measured by `bench/run.py`, not asserted here.)"""

import json
import socket
import threading

import pytest

from search.backends import FallbackBackend, engine_behind_since, get_backend
from search.backends.database import database_backend
from search.backends.elasticsearch import ElasticsearchBackend
from search.tests.contract import CORPUS, keys, search
from search.tests.test_elasticsearch import serve


class HungServer:
    """Accepts every connection and never answers (a cluster stuck in GC, a dead proxy)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._stop = False
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        self.sock.settimeout(0.1)
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted.append(conn)  # held open, never read, never answered

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def close(self):
        self._stop = True
        for conn in self.accepted:
            conn.close()
        self.sock.close()


@pytest.fixture
def hung():
    server = HungServer()
    yield server
    server.close()


@pytest.fixture
def database(db):
    database = database_backend()
    database.rebuild(CORPUS)
    return database


def unavailable_503():
    body = json.dumps({"error": {"type": "cluster_block_exception"}, "status": 503}).encode()
    return serve(503, "application/json", body)


@pytest.mark.django_db
def test_hung_cluster_opens_the_breaker_and_the_database_answers(hung, database, settings):
    settings.SEARCH_ENGINE_RETRY_AFTER = 600
    backend = FallbackBackend(ElasticsearchBackend(url=hung.url, timeout=0.3), database)
    first = search(backend, "sexting")
    assert keys(first) == ["page:2"]  # the visitor gets the answer, from the database
    assert first.backend == "database" and first.degraded
    assert backend.breaker.is_open
    asked = len(hung.accepted)
    assert asked >= 1
    # Later searches, suggestions and spelling go straight to the database: no new
    # connection reaches the hung cluster, so nobody waits for its timeout again.
    for _ in range(5):
        assert keys(search(backend, "pesten op school"))[0] == "page:1"
    assert backend.spelling_suggestion("sextign") == "sexting"
    assert len(hung.accepted) == asked
    assert backend.state()["state"] == "down"


@pytest.mark.django_db
def test_hung_cluster_publish_reaches_the_database_and_marks_catch_up(hung, database, settings):
    settings.SEARCH_ENGINE_RETRY_AFTER = 600
    backend = FallbackBackend(ElasticsearchBackend(url=hung.url, timeout=0.3), database)
    search(backend, "sexting")  # opens the breaker
    asked = len(hung.accepted)
    backend.delete(["page:2"])
    assert keys(search(backend, "sexting")) == []
    assert engine_behind_since() is not None
    assert len(hung.accepted) == asked  # the write did not wait for the hung cluster


@pytest.mark.django_db
def test_closed_port_opens_the_breaker(database, settings):
    from search.tests.conftest import closed_port_url

    backend = FallbackBackend(ElasticsearchBackend(url=closed_port_url(), timeout=0.3), database)
    assert keys(search(backend, "geweld")) == ["page:5"]
    assert backend.breaker.is_open
    assert "cannot be reached" in backend.breaker.reason or backend.breaker.reason


@pytest.mark.django_db
def test_503_opens_the_breaker(database, settings):
    server = unavailable_503()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        backend = FallbackBackend(ElasticsearchBackend(url=url, timeout=0.3), database)
        results = search(backend, "sexting")
        assert keys(results) == ["page:2"] and results.degraded
        assert backend.breaker.is_open
        assert "503" in backend.breaker.reason
    finally:
        server.shutdown()


def test_health_reports_the_search_engine_state(client, db, settings, hung):
    settings.ELASTICSEARCH_URL = hung.url
    settings.ELASTICSEARCH_TIMEOUT = 0.3
    settings.SEARCH_ENGINE_RETRY_AFTER = 600
    response = client.get("/gezond/")
    # The start-up check found the cluster hung; the site still works (search answers from
    # the database): healthy, with the search engine reported down.
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["search"]["engine"] == "elasticsearch"
    assert body["search"]["state"] == "down"
    asked = len(hung.accepted)
    database_backend().rebuild(CORPUS)
    results = search(get_backend(), "sexting")
    assert keys(results) == ["page:2"] and results.degraded
    assert len(hung.accepted) == asked  # the first search did not wait for the cluster


def test_health_without_a_cluster_says_database(client, db):
    body = client.get("/gezond/").json()
    assert body["search"] == {"engine": "database", "state": "up"}
