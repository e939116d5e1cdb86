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
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from search.analysis import ParsedQuery, analyze, words
from search.backends.base import (
    Hit,
    IndexDocument,
    SearchBackend,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
    Suggestion,
)
from search.backends.es_clients import (
    BulkRefused,
    ClusterClient,
    ClusterError,
    NotACluster,
    Unreachable,
    detect,
)
from search.backends.es_mapping import PROBE_TEXT, index_body, rules_digest, synonym_rules, title_terms_key
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
from search.models import SynonymGroup

logger = logging.getLogger(__name__)

#: Stemmer names tried in order when an index is created. `dutch_porter` pins Dutch Porter
#: by name. A cluster that does not know that name is given `dutch`, which *was* Porter
#: before Snowball 3; the `_analyze` probe then decides: if the cluster's `dutch` is
#: Kraaij-Pohlmann, the new index is dropped and the rebuild fails with a clear message.
STEMMER_LANGUAGES = ("dutch_porter", "dutch")
#: Seconds for long operations (bulk chunks, reindex); queries use ELASTICSEARCH_TIMEOUT.
LONG_TIMEOUT = 300
#: Seconds for index management (create, alias swap), which waits for shards.
ADMIN_TIMEOUT = 30
#: Seconds a publish may wait for its index write before the cluster counts as down.
WRITE_TIMEOUT = 3
_INDEX_PREFIX = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def redact(url: str) -> str:
    """The URL (or comma-separated URLs) without user name and password, for messages and
    logs."""
    if "," in url:
        return ",".join(redact(part.strip()) for part in url.split(","))
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        if parts.port:
            host = f"{host}:{parts.port}"
    except ValueError:  # not a port number: leave it out rather than fail a message
        pass
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


class IndexNames:
    """The alias searches use and the versioned index names behind it, from one prefix."""

    def __init__(self, prefix: str):
        prefix = prefix.strip().lower()
        if not _INDEX_PREFIX.match(prefix):
            raise ImproperlyConfigured(
                f"SEARCH_INDEX_PREFIX={prefix!r} cannot start an Elasticsearch index name: "
                "use lowercase letters, digits, '-', '_' or '.', not starting with '-', '_'."
            )
        self.prefix = prefix
        self.alias = f"{prefix}-search"
        self.pattern = f"{self.alias}-*"

    def new_index(self) -> str:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
        return f"{self.alias}-{stamp}"


def document_source(doc: IndexDocument) -> dict:
    """What the index stores for one entry (`_id` is the key)."""
    return {
        "key": doc.key,
        "type": doc.type,
        "title": doc.title,
        "summary": doc.summary,
        "body": doc.body,
        "url": doc.url,
        "date": doc.date.isoformat() if doc.date else None,
        "language": doc.language,
        "sort_title": " ".join(words(doc.title))[:255],
        "title_terms": title_terms_key(analyze(doc.title))[:1000],
        "spell": f"{doc.title}\n{doc.summary}",
        "facets": {name: list(dict.fromkeys(values)) for name, values in doc.facets.items()},
        "extra": doc.extra,
    }


def current_synonym_rules() -> list[str]:
    return synonym_rules([group.word_list for group in SynonymGroup.objects.all()])


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


class ElasticsearchBackend(SearchBackend):
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

    # Index management -----------------------------------------------------------------

    def _targets(self) -> list[str]:
        """The concrete indices the alias points at now."""
        return self.client.aliased_indices(self.names.alias)

    def create_index(self, rules: list[str] | None = None) -> str:
        """A new, empty, versioned index with the current synonyms, refreshing off (bulk
        loading), its Dutch stemmer checked against `search.analysis`. Returns its name."""
        rules = current_synonym_rules() if rules is None else rules
        name = self.names.new_index()
        for language in STEMMER_LANGUAGES:
            body = index_body(rules, language)
            body["settings"]["refresh_interval"] = "-1"
            try:
                self.client.create_index(name, body)
            except ClusterError as exc:
                reason = f"{exc.message} {exc.body}".lower()
                if exc.status != 400 or ("stemmer" not in reason and language not in reason):
                    raise
                logger.info("The cluster has no stemmer %r: %s", language, exc.message)
                continue
            self._probe(name, language)
            return name
        raise ImproperlyConfigured(
            f"The search cluster at {redact(self.url)} knows none of the Dutch stemmers "
            f"{', '.join(STEMMER_LANGUAGES)}; the index needs Dutch Porter."
        )

    def _probe(self, name: str, language: str) -> None:
        """The index's analyzer must give exactly the terms `search.analysis` gives."""
        found = self.client.analyze(name, "kc_dutch", PROBE_TEXT)
        expected = analyze(PROBE_TEXT)
        if found != expected:
            self._discard(name)
            raise ImproperlyConfigured(
                f"The Dutch analysis of {self.cluster} (stemmer {language!r}) does not match "
                f"the project's Dutch Porter analysis: {found} instead of {expected}. "
                "Kraaij-Pohlmann ('gezondheid' -> 'zon') must not be used."
            )
        if language != STEMMER_LANGUAGES[0]:
            logger.info(
                "%s has no %r stemmer; its %r stemmer gives the same Dutch Porter stems and "
                "is used instead",
                self.cluster,
                STEMMER_LANGUAGES[0],
                language,
            )

    def _discard(self, name: str) -> None:
        """Delete a half-built index; a failure here must not hide the original error."""
        try:
            self.client.delete_index(name)
        except (ClusterError, Unreachable, SearchUnavailable):
            logger.exception("Could not delete the unfinished index %s", name)

    def _go_live(self, name: str) -> None:
        """Make a loaded index searchable and point the alias at it, in one atomic step."""
        self.client.put_settings(name, {"index.refresh_interval": None})
        self.client.refresh(name)
        old = [index for index in self._targets() if index != name]
        actions: list[dict] = [
            {"remove": {"index": index, "alias": self.names.alias}} for index in old
        ]
        if not old and self.client.index_exists(self.names.alias):
            # A concrete index squats on the alias name (auto-created by a write before the
            # first rebuild): replace it in the same atomic call.
            actions.append({"remove_index": {"index": self.names.alias}})
        actions.append({"add": {"index": name, "alias": self.names.alias, "is_write_index": True}})
        self.client.update_aliases(actions)
        self._alias_ready = True
        for index in old:
            self.client.delete_index(index)

    def _actions(self, index: str, documents: Iterable[IndexDocument]) -> Iterator[dict]:
        for doc in documents:
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": doc.key,
                "_source": document_source(doc),
            }

    @staticmethod
    def _counted(actions: Iterable[dict], progress: Callable[[int], None] | None):
        for done, action in enumerate(actions, start=1):
            yield action
            if progress and done % 500 == 0:
                progress(done)

    def rebuild(
        self, documents: Iterable[IndexDocument], progress: Callable[[int], None] | None = None
    ) -> int:
        """New index, bulk load, alias swap, old index deleted: no moment without an index."""
        with self._calls("rebuild"):
            name = self.create_index()
            done = 0
            try:
                done = self.client.bulk(
                    self._counted(self._actions(name, documents), progress),
                    timeout=LONG_TIMEOUT,
                )
                self._go_live(name)
            except BaseException:
                self._discard(name)
                raise
        if progress:
            progress(done)
        return done

    def sync_synonyms(self) -> bool:
        """Bring the live index's search analyzer up to date with the editors' synonyms.

        Analysis settings cannot change on an open index, and closing it would take search
        down; instead the cluster copies the index into a new one with the new synonyms
        (server-side `_reindex`, no documents pass through Django) and the alias moves
        atomically. Returns True when the synonyms changed. Writes made during the copy
        (seconds) may be missed; the next rebuild brings them back."""
        rules = current_synonym_rules()
        with self._calls("sync synonyms"):
            old = self._targets()
            if not old:
                return False  # no index yet: the first rebuild takes the synonyms along
            mappings = self.client.get_mapping(old[0])
            meta = mappings[old[0]]["mappings"].get("_meta", {})
            if meta.get("synonyms") == rules_digest(rules):
                return False
            name = self.create_index(rules)
            try:
                copied = self.client.reindex(self.names.alias, name, LONG_TIMEOUT)
                if copied.get("failures"):
                    raise RuntimeError(f"reindex failed: {copied['failures'][:3]}")
                self._go_live(name)
            except BaseException:
                self._discard(name)
                raise
        logger.info("Search synonyms updated: %d rules, index %s", len(rules), name)
        return True

    def _ensure_alias(self) -> None:
        if self._alias_ready:
            return
        if not self.client.alias_exists(self.names.alias):
            name = self.create_index()
            self._go_live(name)
        self._alias_ready = True

    def index(self, documents: Iterable[IndexDocument]) -> None:
        documents = list(documents)
        if not documents:
            return
        with self._calls("index"):
            self._ensure_alias()
            try:
                # refresh=True, not "wait_for": visible at once without waiting up to a
                # refresh interval (editorial writes are rare; a publish must be quick).
                self.client.bulk(
                    self._actions(self.names.alias, documents),
                    timeout=self.write_timeout,
                    refresh=True,
                    require_alias=True,
                )
            except BulkRefused as exc:
                # Publishing must not fail on the search index: FallbackBackend logs this.
                raise SearchUnavailable(str(exc)) from exc

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys:
            return
        with self._calls("delete"):
            if not self._alias_ready and not self.client.alias_exists(self.names.alias):
                return  # nothing indexed yet, nothing to delete
            actions = (
                {"_op_type": "delete", "_index": self.names.alias, "_id": key} for key in keys
            )
            self.client.bulk(
                actions, timeout=self.write_timeout, refresh=True, ignore_status=(404,)
            )

    def drop(self) -> None:
        """Delete the alias and every index with this prefix (tests clean up with this)."""
        with self._calls("drop"):
            self.client.delete_index(self.names.pattern)
        self._alias_ready = False

