"""Choosing the engine.

The database engine is the default and always kept current: it is the fallback when the
Elasticsearch cluster cannot be reached. With `ELASTICSEARCH_URL` set, searches go to
Elasticsearch first and indexing writes to both.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import cache

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.module_loading import import_string

from search.analysis import ParsedQuery
from search.backends.base import (
    IndexDocument,
    SearchBackend,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
    Suggestion,
)

logger = logging.getLogger(__name__)

# Engine name -> class. A new engine is one line here plus its module.
ENGINES = {
    "database": "search.backends.database.DatabaseBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}


def load_engine(name: str, **options) -> SearchBackend:
    return import_string(ENGINES[name])(**options)


class FallbackBackend(SearchBackend):
    """Ask `primary`; when it is unavailable, answer from `fallback` (the database engine).

    Writes go to both; a primary that fails to index is logged and rebuilt later, so
    publishing never fails because the cluster is down."""

    def __init__(self, primary: SearchBackend, fallback: SearchBackend):
        self.primary, self.fallback = primary, fallback
        self.name = primary.name
        self.supports_spelling_suggestions = primary.supports_spelling_suggestions
        self.supports_phrase_search = primary.supports_phrase_search

    def _read(self, method: str, *args, **kwargs):
        try:
            return getattr(self.primary, method)(*args, **kwargs)
        except SearchUnavailable:
            logger.warning(
                "Search engine %s unavailable; answering from the database", self.primary.name
            )
            return getattr(self.fallback, method)(*args, **kwargs)

    def search(self, query: SearchQuery) -> SearchResults:
        return self._read("search", query)

    def suggest(self, query: ParsedQuery, prefix: str, limit: int = 8) -> list[Suggestion]:
        return self._read("suggest", query, prefix, limit)

    def spelling_suggestion(self, text: str) -> str | None:
        return self._read("spelling_suggestion", text)

    def facet_values(self, facet: str) -> list[str]:
        return self.fallback.facet_values(facet)

    def count(self) -> int:
        return self.fallback.count()

    def _write(self, method: str, *args) -> None:
        getattr(self.fallback, method)(*args)
        try:
            getattr(self.primary, method)(*args)
        except SearchUnavailable:
            logger.exception("Could not update %s; rebuild it when it is back", self.primary.name)

    def index(self, documents: Iterable[IndexDocument]) -> None:
        self._write("index", list(documents))

    def delete(self, keys: Iterable[str]) -> None:
        self._write("delete", list(keys))

    def rebuild(
        self, documents: Iterable[IndexDocument], progress: Callable[[int], None] | None = None
    ) -> int:
        documents = list(documents)
        self.fallback.rebuild(documents)
        return self.primary.rebuild(documents, progress)

    def sync_synonyms(self) -> bool:
        sync = getattr(self.primary, "sync_synonyms", None)
        if sync is None:
            return False
        try:
            return sync()
        except SearchUnavailable:
            logger.exception("Could not update the synonyms of %s", self.primary.name)
            return False


def sync_synonyms() -> bool:
    """Give an engine with its own analysis (Elasticsearch) the editors' current synonym
    list. The database engine reads the list at query time: nothing to do there."""
    sync = getattr(get_backend(), "sync_synonyms", None)
    return bool(sync and sync())


def _on_synonyms_changed(sender, **kwargs) -> None:
    if not settings.ELASTICSEARCH_URL:
        return

    def run():
        try:
            sync_synonyms()
        except Exception:  # an editor's save must never fail on the search cluster
            logger.exception("Could not update the search engine's synonyms")

    transaction.on_commit(run)


post_save.connect(
    _on_synonyms_changed, sender="search.SynonymGroup", dispatch_uid="search_engine_synonyms"
)
post_delete.connect(
    _on_synonyms_changed,
    sender="search.SynonymGroup",
    dispatch_uid="search_engine_synonyms_deleted",
)


@cache
def get_backend() -> SearchBackend:
    """The engine public search uses (one instance per process)."""
    database = load_engine("database")
    if settings.ELASTICSEARCH_URL:
        try:
            primary = load_engine("elasticsearch")
        except ImportError:
            logger.warning("ELASTICSEARCH_URL is set but no Elasticsearch engine is installed")
            return database
        return FallbackBackend(primary, database)
    return database
