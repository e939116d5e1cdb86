"""Fixtures for every test directory."""

import pytest


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with an empty page cache: a rolled-back test leaves no pages or fragments
    (navigation) behind that the next one could be served (core.pagecache)."""
    from django.core.cache import caches

    caches["pages"].clear()
    yield
