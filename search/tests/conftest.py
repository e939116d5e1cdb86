import contextlib
import os
import socket

import pytest

from django.conf import settings as django_settings

from search.backends import ENGINES, FallbackBackend, load_engine
from search.backends.base import SearchUnavailable
from search.tests.contract import CORPUS

#: The live cluster's prefix is per test process, so parallel runs on one node keep apart.
LIVE_PREFIX = f"test-kenniscentrum-{os.getpid()}"
#: Generous: a test node shares 2 cores with the suite; the short production timeout is
#: tested on its own (test_engine_failure.py).
LIVE_TIMEOUT = 20


def live_url() -> str:
    return django_settings.TEST_ELASTICSEARCH_URL


def require_live_cluster() -> str:
    """The live cluster's URL. Without one: skip with a reason on a laptop, fail in CI
    (`.ci/run` starts the node, so a skip there would hide a broken set-up)."""
    url = live_url()
    if not url:
        message = (
            "ELASTICSEARCH_URL not set: no search cluster on this machine "
            "(start one with `make search-node`)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the live search tests: {message}")
        pytest.skip(message)
    return url


def live_engine(**options):
    return load_engine(
        "elasticsearch", url=require_live_cluster(), prefix=LIVE_PREFIX, timeout=LIVE_TIMEOUT, **options
    )


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture(
    params=[
        "database",
        pytest.param("elasticsearch", marks=pytest.mark.live),
        pytest.param("fallback", marks=pytest.mark.live),
    ]
)
def engine(request, db, settings):
    """Every engine, empty; the contract suite runs on each: the database engine, the live
    cluster, and `FallbackBackend` (over the live cluster when there is one, else over a
    closed port, so it answers from the database)."""
    name = request.param
    if name == "fallback":
        from search.backends.breaker import reset_breakers

        reset_breakers()
        if live_url():
            primary = live_engine()
        else:
            primary = load_engine("elasticsearch", url=closed_port_url(), prefix=LIVE_PREFIX, timeout=2)
        backend = FallbackBackend(primary, load_engine("database"))
    elif name == "elasticsearch":
        if name not in ENGINES:
            pytest.skip(f"no engine {name}")
        backend = live_engine()
    else:
        backend = load_engine(name)
    _drop(backend)  # a cluster starts without this process's indexes; writes create them
    if name == "database":
        backend.rebuild([])
    yield backend
    _drop(backend)
    if name != "elasticsearch":
        backend.rebuild([])


def _drop(backend) -> None:
    for part in (backend, getattr(backend, "primary", None)):
        drop = getattr(part, "drop", None)  # engines with their own indexes delete them
        if drop:
            with contextlib.suppress(SearchUnavailable):  # a closed port has nothing to drop
                drop()


@pytest.fixture
def live(db, settings):
    """The live cluster as the site's engine: `get_backend()` returns FallbackBackend over it."""
    url = require_live_cluster()
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_PREFIX = LIVE_PREFIX
    settings.ELASTICSEARCH_TIMEOUT = LIVE_TIMEOUT
    from search.backends import get_backend
    from search.backends.breaker import reset_breakers

    reset_breakers()
    get_backend.cache_clear()
    backend = get_backend()
    backend.rebuild([])
    yield backend
    failures, reason = backend.breaker.failures, backend.breaker.reason
    backend.primary.drop()
    get_backend.cache_clear()
    # Every read and write of the test reached the cluster: none fell back to the database.
    assert failures == 0, f"the search cluster failed during the test: {reason}"


@pytest.fixture(autouse=True)
def _fresh_backend_cache():
    from django.core.cache import cache

    from search.backends import get_backend
    from search.backends.breaker import reset_breakers

    get_backend.cache_clear()
    reset_breakers()
    cache.clear()
    yield
    get_backend.cache_clear()
    reset_breakers()


@pytest.fixture
def index(engine):
    """The engine holding the contract's corpus (`search/tests/contract.py`)."""
    engine.rebuild(CORPUS)
    return engine
