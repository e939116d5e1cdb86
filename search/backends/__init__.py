"""Choosing the engine.

The database engine is the default and always kept current: it is the fallback when the
Elasticsearch cluster cannot be reached. With `ELASTICSEARCH_URL` set, searches go to
Elasticsearch first and indexing writes to both.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from functools import cache

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
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
from search.backends.breaker import breaker_for
from search.models import SearchIndexState

logger = logging.getLogger(__name__)

# Engine name -> class. A new engine is one line here plus its module.
ENGINES = {
    "database": "search.backends.database.database_backend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}


def load_engine(name: str, **options) -> SearchBackend:
    return import_string(ENGINES[name])(**options)


class FallbackBackend(SearchBackend):
    """Ask `primary`; when it is unavailable, answer from `fallback` (the database engine).

    A failure opens the primary's circuit breaker (`search.backends.breaker`, one per cluster
    and process): for a while searches go straight to the database, without waiting for a
    timeout each. Writes go to the database always and to the primary when it is up; a
    primary that is down or fails to index is marked behind (`mark_engine_behind`) and
    caught up later with `manage.py rebuild_search_index --changed-since`, so publishing
    never waits for or fails on the cluster."""

    def __init__(self, primary: SearchBackend, fallback: SearchBackend):
        self.primary, self.fallback = primary, fallback
        self.name = primary.name
        self.supports_spelling_suggestions = primary.supports_spelling_suggestions
        self.supports_phrase_search = primary.supports_phrase_search
        self.breaker = breaker_for(getattr(primary, "url", primary.name))
        if getattr(primary, "startup_error", None):
            # Not reached at start-up (a hung cluster costs its timeout once, here): the first
            # searches go straight to the database too; a trial follows after the retry period.
            self.breaker.failed(primary.startup_error)

    def _read(self, method: str, *args, **kwargs):
        if self.breaker.allow():
            try:
                result = getattr(self.primary, method)(*args, **kwargs)
            except SearchUnavailable as exc:
                self.breaker.failed(str(exc))
                logger.warning(
                    "Search engine %s unavailable (%s); answering from the database for %d s",
                    self.primary.name,
                    exc,
                    self.breaker.retry_after,
                )
            else:
                self.breaker.succeeded()
                return result
        result = getattr(self.fallback, method)(*args, **kwargs)
        if isinstance(result, SearchResults):
            result.degraded = True
        return result

    def search(self, query: SearchQuery) -> SearchResults:
        return self._read("search", query)

    def suggest(self, query: ParsedQuery, prefix: str, limit: int = 8) -> list[Suggestion]:
        return self._read("suggest", query, prefix, limit)

    def spelling_suggestion(self, text: str) -> str | None:
        return self._read("spelling_suggestion", text)

    def facet_values(self, facet: str) -> list[str]:
        return self.fallback.facet_values(facet)

    # The query analysis asks the database engine (always current), so every engine gets the
    # same word forms, compounds and corrections.
    def known_stems(self, stems: set[str]) -> set[str]:
        return self.fallback.known_stems(stems)

    def vocabulary(self) -> dict[str, int]:
        return self.fallback.vocabulary()

    def count(self) -> int:
        return self.fallback.count()

    def state(self) -> dict:
        """For /gezond/: the engine, its cluster and whether searches reach it now."""
        state = {"engine": self.primary.name, **self.breaker.state()}
        cluster = getattr(self.primary, "cluster", None)
        if cluster:
            state["cluster"] = cluster
        return state

    def _write(self, method: str, *args) -> None:
        getattr(self.fallback, method)(*args)
        if not self.breaker.allow():
            mark_engine_behind(f"{self.primary.name} down: {method} not sent")
            return
        try:
            getattr(self.primary, method)(*args)
        except SearchUnavailable as exc:
            self.breaker.failed(str(exc))
            mark_engine_behind(f"{method} failed: {exc}")
            logger.warning(
                "Could not update %s (%s); marked for catch-up "
                "(manage.py rebuild_search_index --changed-since)",
                self.primary.name,
                exc,
            )
        else:
            self.breaker.succeeded()

    def index(self, documents: Iterable[IndexDocument]) -> None:
        self._write("index", list(documents))

    def delete(self, keys: Iterable[str]) -> None:
        self._write("delete", list(keys))

    def rebuild(
        self, documents: Iterable[IndexDocument], progress: Callable[[int], None] | None = None
    ) -> int:
        documents = list(documents)
        done = self.fallback.rebuild(documents)
        try:
            done = self.primary.rebuild(documents, progress)
        except SearchUnavailable as exc:
            self.breaker.failed(str(exc))
            mark_engine_behind(f"rebuild failed: {exc}")
            logger.error("Could not rebuild %s (%s); the database index is current", self.name, exc)
            return done
        self.breaker.succeeded()
        clear_engine_behind()
        return done

    def catch_up(self, since) -> tuple[int, int]:
        """Send the primary what changed since `since` (from the database engine, which is
        always current) and delete what the database no longer has. Returns (indexed,
        deleted). Raises SearchUnavailable when the primary is still down."""
        started = timezone.now()
        # The mark is set just after the database write it stands for (and a transaction
        # may commit later than its rows' updated_at): a margin; indexing twice is harmless.
        documents = list(self.fallback.documents(changed_since=since - CATCH_UP_MARGIN))
        for start in range(0, len(documents), 500):
            self.primary.index(documents[start : start + 500])
        gone = sorted(self.primary.keys() - self.fallback.keys())
        if gone:
            self.primary.delete(gone)
        self.breaker.succeeded()
        clear_engine_behind(started)
        return len(documents), len(gone)

    def sync_synonyms(self) -> bool:
        sync = getattr(self.primary, "sync_synonyms", None)
        if sync is None:
            return False
        try:
            return sync()
        except SearchUnavailable:
            logger.exception("Could not update the synonyms of %s", self.primary.name)
            return False


CATCH_UP_MARGIN = datetime.timedelta(minutes=5)


def mark_engine_behind(reason: str) -> None:
    """Remember (in the database, for every process) since when the search cluster misses
    writes; the earliest moment is kept. `rebuild_search_index --changed-since` reads it."""
    try:
        updated = SearchIndexState.objects.filter(id=1, engine_behind_since__isnull=True).update(
            engine_behind_since=timezone.now()
        )
    except Exception:  # noqa: BLE001 - the mark must never break a publish
        logger.exception("Could not mark the search engine as behind")
        return
    if updated:
        logger.warning("Search engine behind from now on: %s", reason)


def engine_behind_since():
    return (
        SearchIndexState.objects.filter(id=1).values_list("engine_behind_since", flat=True).first()
    )


def clear_engine_behind(started=None) -> None:
    """The cluster has caught up with every write before `started` (None: with all); a
    mark set after that (a new outage during the catch-up) stays."""
    rows = SearchIndexState.objects.filter(id=1)
    if started is not None:
        rows = rows.filter(engine_behind_since__lte=started)
    rows.update(engine_behind_since=None)


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
