"""The Elasticsearch engine without a cluster: what happens when ELASTICSEARCH_URL points at
something that is not Elasticsearch, or at nothing at all. Real sockets and the real
database engine; no mocks. (The engine's behaviour on a live cluster is the contract suite,
run with ELASTICSEARCH_URL set.)"""

import http.server
import io
import json
import logging
import socket
import threading

import pytest

from django.core.exceptions import ImproperlyConfigured

from search.analysis import parse_suggest_input
from search.backends import FallbackBackend, engine_behind_since, get_backend, load_engine
from search.backends.base import SearchQuery
from search.backends.database import database_backend
from search.backends.elasticsearch import ElasticsearchBackend, IndexNames, redact
from search.tests.contract import CORPUS, keys, search


def serve(status: int, content_type: str, body: bytes):
    """A tiny HTTP server on 127.0.0.1 that answers every request the same way."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_HEAD = do_POST = do_PUT = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def closed_port():
    """A local port nobody listens on: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return port


@pytest.mark.parametrize(
    ("status", "content_type", "body"),
    [
        (200, "text/html", b"<!doctype html><title>Welcome to nginx!</title>"),
        (200, "application/json", json.dumps({"name": "node", "tagline": "hi"}).encode()),
        (404, "text/plain", b"Not found"),
    ],
    ids=["html", "json", "404"],
)
def test_url_that_is_not_elasticsearch_is_a_clear_configuration_error(status, content_type, body):
    server = serve(status, content_type, body)
    try:
        url = f"http://user:secret@127.0.0.1:{server.server_address[1]}"
        with pytest.raises(ImproperlyConfigured) as error:
            ElasticsearchBackend(url=url, prefix="test-kenniscentrum")
    finally:
        server.shutdown()
    message = str(error.value)
    assert "is not Elasticsearch" in message
    assert "ELASTICSEARCH_URL" in message
    assert "secret" not in message  # credentials never end up in a message or a log


def test_get_backend_refuses_a_url_that_is_not_elasticsearch(settings):
    server = serve(200, "text/html", b"<html>intranet</html>")
    try:
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.server_address[1]}"
        with pytest.raises(ImproperlyConfigured, match="is not Elasticsearch"):
            get_backend()
    finally:
        server.shutdown()


@pytest.mark.django_db
def test_unreachable_cluster_answers_from_the_database(closed_port, caplog):
    database = database_backend()
    database.rebuild(CORPUS)
    with caplog.at_level(logging.WARNING):
        primary = ElasticsearchBackend(url=f"http://127.0.0.1:{closed_port}", timeout=2)
    assert "cannot be reached" in caplog.text  # logged at start-up, not raised
    backend = FallbackBackend(primary, database)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="search.backends"):
        results = search(backend, "sexting")
    assert keys(results) == ["page:2"]
    assert results.backend == "database"
    assert results.degraded
    # Not reached at start-up: marked down at once, so no search waits for it.
    assert backend.breaker.is_open
    # Suggestions and spelling fall back too.
    assert [s.title for s in backend.suggest(*parse_suggest_input("sext"))] == [
        "Sexting in het secundair"
    ]
    assert backend.spelling_suggestion("sextign") == "sexting"


@pytest.mark.django_db
def test_writes_reach_the_database_when_the_cluster_is_down(closed_port, caplog):
    database = database_backend()
    database.rebuild(CORPUS[:2])
    backend = FallbackBackend(
        ElasticsearchBackend(url=f"http://127.0.0.1:{closed_port}", timeout=2), database
    )
    with caplog.at_level(logging.WARNING, logger="search.backends"):
        backend.index([CORPUS[2]])
        backend.delete(["page:1"])
    assert "Search engine behind" in caplog.text
    assert set(keys(database.search(SearchQuery()))) == {"page:2", "page:3"}
    # The cluster missed these writes: marked for `rebuild_search_index --changed-since`.
    assert engine_behind_since() is not None


@pytest.mark.django_db
def test_configured_but_unreachable_cluster_through_get_backend(settings, closed_port, caplog):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    backend = get_backend()
    assert isinstance(backend, FallbackBackend)
    assert backend.primary.name == "elasticsearch"
    assert backend.supports_spelling_suggestions
    database_backend().rebuild(CORPUS)
    with caplog.at_level(logging.WARNING, logger="search.backends"):
        assert "page:2" in keys(search(backend, "sexting"))
    assert backend.state()["state"] == "down"
    assert not backend.primary.is_available()


def test_load_engine_builds_the_engine_from_settings(settings, closed_port):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    settings.SEARCH_INDEX_PREFIX = "Test-KC"
    engine = load_engine("elasticsearch")
    assert engine.names.alias == "test-kc-search"


def test_index_names_per_environment():
    names = IndexNames("test-kenniscentrum")
    assert names.alias == "test-kenniscentrum-search"
    assert names.pattern == "test-kenniscentrum-search-*"
    first = names.new_index()
    assert first.startswith("test-kenniscentrum-search-2")
    assert names.new_index() != first  # microseconds: two rebuilds never share a name
    production = IndexNames("kenniscentrum")
    assert not production.pattern.startswith(names.prefix)
    for bad in ["", "-x", "_x", "a b", "a/b", "a*"]:
        with pytest.raises(ImproperlyConfigured):
            IndexNames(bad)


def test_redact_drops_credentials():
    assert (
        redact("https://elastic:s3cret@es.example:9243/prefix") == "https://es.example:9243/prefix"
    )
    # Several nodes, comma-separated (a three-node cluster)
    assert redact("http://a:b@127.0.0.1:9210,http://a:b@127.0.0.1:9211") == (
        "http://127.0.0.1:9210,http://127.0.0.1:9211"
    )


@pytest.mark.django_db
def test_saving_synonyms_never_fails_when_the_cluster_is_down(
    settings, closed_port, caplog, django_capture_on_commit_callbacks
):
    from search.models import SynonymGroup

    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True) as done:
        group = SynonymGroup.objects.create(words="pesten, gepest")
    # The engine is asked to update its synonyms after the commit (beside other after-commit
    # work, such as the page cache's new generation).
    assert any("_on_synonyms_changed" in f.__qualname__ for f in done)
    assert "Could not update the synonyms of elasticsearch" in caplog.text
    assert SynonymGroup.objects.filter(pk=group.pk).exists()


@pytest.mark.django_db
def test_rebuild_command_synonyms_only_on_the_database_engine():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("rebuild_search_index", "--synonyms-only", stdout=out)
    assert "waren al actueel" in out.getvalue()


@pytest.mark.django_db
def test_rebuild_command_says_when_the_cluster_was_skipped(settings, closed_port):
    """An operator who rebuilds while the cluster is down must not read "Klaar": only the
    database index was rebuilt, and the command fails with what to do next."""
    from django.core.management import CommandError, call_command

    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    out = io.StringIO()
    with pytest.raises(CommandError, match="--changed-since"):
        call_command("rebuild_search_index", stdout=out)
    assert "Klaar" not in out.getvalue()
    assert engine_behind_since() is not None
