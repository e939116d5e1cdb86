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
