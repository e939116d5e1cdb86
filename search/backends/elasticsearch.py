"""The Elasticsearch engine, for scale-out: chosen when `ELASTICSEARCH_URL` is set. It serves
Elasticsearch 9 and OpenSearch 2/3: bodies are built with `elasticsearch.dsl` either way and
sent through the client of the cluster it finds (`search.backends.es_clients`).

Searches go to the cluster first; `search.backends.FallbackBackend` answers from the
database engine when this engine raises `SearchUnavailable` (cluster down, timeout, index
missing). A URL that answers but is not a cluster this project can serve is a configuration
error (`ImproperlyConfigured`), raised when the engine is created.

Index names come from one place (`IndexNames`): the alias `<SEARCH_INDEX_PREFIX>-search`
points at one concrete index `<prefix>-search-<UTC timestamp>`. A rebuild creates a new
index, bulk-loads it, checks it, moves the alias in one atomic `update_aliases` call and
then deletes the old index: searches never see a half-built index. Tests use the test
settings' prefix, so they never touch a production index.

Request bodies are built by the pure functions of `es_queries` and `es_mapping`.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from search.analysis import ParsedQuery, words
from search.backends.base import (
    Hit,
    SearchBackend,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
    Suggestion,
)
from search.backends.es_clients import (
    ClusterClient,
    ClusterError,
    NotACluster,
    Unreachable,
    detect,
    redact,
)
from search.backends.es_indices import (  # noqa: F401 - re-exported: callers and tests import them from here
    ADMIN_TIMEOUT,
    LONG_TIMEOUT,
    STEMMER_LANGUAGES,
    IndexNames,
    IndexWriter,
    current_synonym_rules,
    document_source,
)
from search.backends.es_queries import (
    DEFAULT_BUCKETS,
    FACET_AGG,
    facet_values_body,
    search_body,
    spelling_body,
    spelling_words,
    suggest_body,
)
from search.facets import FACETS

logger = logging.getLogger(__name__)

#: Seconds a publish may wait for its index write before the cluster counts as down.
WRITE_TIMEOUT = 3


def facet_bucket_sizes() -> dict[str, int]:
    """Explicit bucket size per facet: twice the number of values the facet is known to
    have (taxonomy rows, fixed lists), at least DEFAULT_BUCKETS. Only a starting point: a
    response that still leaves values out is asked again with larger sizes."""
    sizes = {}
    for facet in FACETS:
        try:
            known = len(facet.choices([]))
        except Exception:  # noqa: BLE001 - a size is a hint; the overflow check is the guard
            known = 0
        sizes[facet.param] = max(DEFAULT_BUCKETS, 2 * known)
    return sizes


class ElasticsearchBackend(IndexWriter, SearchBackend):
    name = "elasticsearch"
    supports_spelling_suggestions = True
    supports_phrase_search = True
    needs_rebuild = True

    def __init__(
        self,
        url: str | None = None,
        prefix: str | None = None,
        timeout: float | None = None,
        check: bool = True,
    ):
        self.url = url if url is not None else settings.ELASTICSEARCH_URL
        if not self.url:
            raise ImproperlyConfigured("The Elasticsearch engine needs ELASTICSEARCH_URL.")
        self.names = IndexNames(prefix if prefix is not None else settings.SEARCH_INDEX_PREFIX)
        #: Searches wait this long for an answer; then the database answers instead.
        self.timeout = timeout or getattr(settings, "ELASTICSEARCH_TIMEOUT", 1.0)
        self.write_timeout = max(self.timeout, WRITE_TIMEOUT)
        self._client: ClusterClient | None = None
        #: Why the start-up check got no usable answer (None: it did, or was not made).
        self.startup_error: str | None = None
        self._bucket_sizes: dict[str, int] | None = None
        self._alias_ready = False
        if check:
            self.check()

    # Connection -----------------------------------------------------------------------

    def _not_served(self, detail: str) -> ImproperlyConfigured:
        return ImproperlyConfigured(
            f"ELASTICSEARCH_URL points at {redact(self.url)}, which answers but is not "
            f"Elasticsearch 9 or OpenSearch 2/3 ({detail}). Set ELASTICSEARCH_URL to the URL "
            "of such a cluster (for example http://localhost:9200), or unset it to search "
            "with the database engine only."
        )

    def _detect(self) -> ClusterClient:
        """Who answers at the URL, as a client for it. Raises ImproperlyConfigured for
        anything this engine cannot serve, Unreachable/ClusterError when there is no
        usable answer now."""
        try:
            client = detect(self.url, self.timeout, ADMIN_TIMEOUT)
        except NotACluster as exc:
            raise self._not_served(str(exc)) from exc
        except ClusterError as exc:
            if exc.status in (401, 403):
                raise ImproperlyConfigured(
                    f"The search cluster at {redact(self.url)} refused the credentials in "
                    f"ELASTICSEARCH_URL (HTTP {exc.status})."
                ) from exc
            if 400 <= exc.status < 500:
                raise ImproperlyConfigured(
                    f"Elasticsearch at {redact(self.url)} rejected this client (HTTP "
                    f"{exc.status}: {exc.message}). The elasticsearch 9 client needs an "
                    "Elasticsearch 9 cluster."
                ) from exc
            raise
        logger.info("Search engine: %s at %s", client.info, redact(self.url))
        return client

    def check(self) -> dict | None:
        """Ask the root endpoint who answers and pick the client for it. Something that is
        not Elasticsearch 9 or OpenSearch 2/3 (another web server, an older cluster, a wrong
        port) or refused credentials raise ImproperlyConfigured; a cluster that cannot be
        reached now is only logged: searches fall back to the database until it is back.
        Returns {"distribution", "version"} or None."""
        try:
            self._client = self._detect()
        except ClusterError as exc:
            self.startup_error = f"start-up check: HTTP {exc.status}"
            logger.warning(
                "Search cluster at %s answered HTTP %s; searching the database until it is back",
                redact(self.url),
                exc.status,
            )
            return None
        except Unreachable as exc:
            self.startup_error = f"start-up check: {exc}"
            logger.warning(
                "Search cluster at %s cannot be reached (%s); searching the database until it "
                "is back",
                redact(self.url),
                exc,
            )
            return None
        info = self._client.info
        return {"distribution": info.distribution, "version": info.version}

    @property
    def client(self) -> ClusterClient:
        """The cluster's client; found on first use when the cluster was down at start-up."""
        if self._client is None:
            try:
                self._client = self._detect()
            except ImproperlyConfigured as exc:
                # Start-up is long past: a request must not fail on it. Logged loudly.
                logger.error("%s", exc)
                raise SearchUnavailable(str(exc)) from exc
            except (ClusterError, Unreachable) as exc:
                raise SearchUnavailable(f"cluster: {exc}") from exc
        return self._client

    @property
    def cluster(self) -> str | None:
        """"OpenSearch 2.19.6" or "Elasticsearch 9.1.0"; None while not known."""
        return str(self._client.info) if self._client else None

    @contextmanager
    def _calls(self, what: str) -> Iterator[None]:
        """Map the client's errors onto the contract: unreachable, timed out, overloaded or
        without an index -> SearchUnavailable (callers fall back); anything else (a bad
        request is a bug) propagates."""
        try:
            yield
        except ClusterError as exc:
            if exc.status == 404:
                raise SearchUnavailable(f"{what}: no index behind {self.names.alias}") from exc
            if exc.status >= 500 or exc.status == 429:
                raise SearchUnavailable(f"{what}: HTTP {exc.status}") from exc
            raise
        except Unreachable as exc:
            raise SearchUnavailable(f"{what}: {exc}") from exc

    def is_available(self) -> bool:
        try:
            return self.client.ping()
        except (SearchUnavailable, ClusterError, Unreachable):
            return False

    # Searching ------------------------------------------------------------------------

    @property
    def bucket_sizes(self) -> dict[str, int]:
        if self._bucket_sizes is None:
            self._bucket_sizes = facet_bucket_sizes()
        return self._bucket_sizes

    def search(self, query: SearchQuery) -> SearchResults:
        sizes = dict(self.bucket_sizes)
        for _ in range(6):
            with self._calls("search"):
                response = self.client.search(
                    self.names.alias, search_body(query, sizes), self.timeout
                )
            facets, overflow = self._facets(query, response)
            if not overflow:
                break
            # Values were left out: never show a silently cut list. Ask again, larger.
            for facet in overflow:
                sizes[facet] = sizes.get(facet, DEFAULT_BUCKETS) * 4
                self.bucket_sizes[facet] = sizes[facet]
            logger.info("Facet buckets too small for %s; asking again", ", ".join(overflow))
        else:
            raise RuntimeError(f"facet values of {overflow} still cut after retries")
        hits = [self._hit(raw) for raw in response["hits"]["hits"]]
        total = response["hits"]["total"]["value"]
        return SearchResults(total=total, hits=hits, facets=facets, backend=self.name)

    @staticmethod
    def _facets(query: SearchQuery, response: dict) -> tuple[dict, list[str]]:
        facets: dict[str, dict[str, int]] = {}
        overflow = []
        aggregations = response.get("aggregations", {})
        for facet in query.facets:
            values = aggregations[FACET_AGG.format(facet)]["values"]
            facets[facet] = {b["key"]: b["doc_count"] for b in values["buckets"]}
            if values.get("sum_other_doc_count", 0) > 0:
                overflow.append(facet)
        return facets, overflow

    @staticmethod
    def _hit(raw: dict) -> Hit:
        source = raw["_source"]
        extra = dict(source.get("extra") or {})
        if raw.get("highlight"):
            extra["highlight"] = raw["highlight"]
        date = source.get("date")
        return Hit(
            key=source["key"],
            type=source["type"],
            title=source["title"],
            url=source["url"],
            summary=source.get("summary", ""),
            body=source.get("body", ""),
            date=datetime.date.fromisoformat(date) if date else None,
            language=source.get("language", "nl"),
            facets=source.get("facets") or {},
            extra=extra,
            score=float(raw.get("_score") or 0.0),
        )

    def suggest(self, query: ParsedQuery, prefix: str, limit: int = 8) -> list[Suggestion]:
        if not prefix:
            return []
        with self._calls("suggest"):
            response = self.client.search(
                self.names.alias, suggest_body(query, prefix, limit), self.timeout
            )
        return [
            Suggestion(hit["_source"]["title"], hit["_source"]["url"], hit["_source"]["type"])
            for hit in response["hits"]["hits"]
        ]

    def spelling_suggestion(self, text: str) -> str | None:
        """Each word that neither occurs in a title or summary nor has a known stem is
        replaced by the closest word that does; None when nothing changes."""
        if not spelling_words(text):
            return None
        with self._calls("spelling"):
            response = self.client.search(self.names.alias, spelling_body(text), self.timeout)
        best = {}
        for entry in response.get("suggest", {}).get("spelling", []):
            if entry.get("options"):
                best[entry["text"]] = entry["options"][0]["text"]
        known = {
            word
            for word, bucket in response.get("aggregations", {})
            .get("known", {})
            .get("buckets", {})
            .items()
            if bucket["doc_count"] > 0
        }
        corrected, changed = [], False
        for word in words(text):
            if len(word) > 3 and word not in known and word in best:
                corrected.append(best[word])
                changed = True
            else:
                corrected.append(word)
        return " ".join(corrected) if changed else None

    def facet_values(self, facet: str) -> list[str]:
        values: list[str] = []
        after = None
        while True:
            with self._calls("facet values"):
                response = self.client.search(
                    self.names.alias, facet_values_body(facet, after), self.timeout
                )
            agg = response["aggregations"]["values"]
            values += [bucket["key"]["value"] for bucket in agg["buckets"]]
            after = agg.get("after_key")
            if not agg["buckets"] or not after:
                return values

    def keys(self) -> set[str]:
        """Every key in the index (catch-up: which entries were deleted while it was down)."""
        found: set[str] = set()
        after = None
        while True:
            composite = {"size": 5000, "sources": [{"key": {"terms": {"field": "key"}}}]}
            if after:
                composite["after"] = after
            body = {"size": 0, "track_total_hits": False, "aggs": {"keys": {"composite": composite}}}
            with self._calls("keys"):
                response = self.client.search(self.names.alias, body, ADMIN_TIMEOUT)
            agg = response["aggregations"]["keys"]
            found.update(bucket["key"]["key"] for bucket in agg["buckets"])
            after = agg.get("after_key")
            if not agg["buckets"] or not after:
                return found

    def count(self) -> int:
        with self._calls("count"):
            return self.client.count(self.names.alias, self.timeout)

