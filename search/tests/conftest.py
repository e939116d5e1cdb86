import os

import pytest

from search.backends import ENGINES, load_engine


def _engine_params():
    params = [pytest.param("database", id="database")]
    marks = []
    if not os.environ.get("ELASTICSEARCH_URL"):
        marks.append(
            pytest.mark.skip(
                reason="ELASTICSEARCH_URL not set: no Elasticsearch cluster on this machine"
            )
        )
    params.append(pytest.param("elasticsearch", id="elasticsearch", marks=marks))
    return params


@pytest.fixture(params=_engine_params())
def engine(request, db, settings):
    """Every engine in `search.backends.ENGINES`, empty; the contract suite runs on each."""
    name = request.param
    if name not in ENGINES:
        pytest.skip(f"no engine {name}")
    try:
        backend = load_engine(name)
    except ImportError as exc:
        pytest.skip(f"engine {name} not installed: {exc}")
    backend.rebuild([])
    yield backend
    backend.rebuild([])
    drop = getattr(backend, "drop", None)  # engines with their own indexes delete them
    if drop:
        drop()


@pytest.fixture(autouse=True)
def _fresh_backend_cache():
    from django.core.cache import cache

    from search.backends import get_backend

    get_backend.cache_clear()
    cache.clear()
    yield
    get_backend.cache_clear()
