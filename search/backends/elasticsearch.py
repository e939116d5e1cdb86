"""The Elasticsearch engine, for scale-out: chosen when `ELASTICSEARCH_URL` is set.

Searches go to the cluster first; `search.backends.FallbackBackend` answers from the
database engine when this engine raises `SearchUnavailable` (cluster down, timeout, index
missing). A URL that answers but is not Elasticsearch is a configuration error
(`ImproperlyConfigured`), raised when the engine is created.

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

from elasticsearch import (
    ApiError,
    BadRequestError,
    Elasticsearch,
    NotFoundError,
    TransportError,
    UnsupportedProductError,
)
from elasticsearch.helpers import BulkIndexError, streaming_bulk

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
from search.backends.es_mapping import PROBE_TEXT, index_body, rules_digest, synonym_rules
from search.backends.es_queries import (
    DEFAULT_BUCKETS,
    FACET_AGG,
    facet_values_body,
    search_body,
    spelling_body,
    spelling_words,
    suggest_body,
)

logger = logging.getLogger(__name__)

#: Stemmer names tried in order when an index is created. `dutch_porter` pins Dutch Porter
#: by name. A cluster that does not know that name is given `dutch`, which *was* Porter
#: before Snowball 3; the `_analyze` probe then decides: if the cluster's `dutch` is
#: Kraaij-Pohlmann, the new index is dropped and the rebuild fails with a clear message.
STEMMER_LANGUAGES = ("dutch_porter", "dutch")
BULK_CHUNK = 500
#: Seconds for long operations (bulk chunks, reindex); queries use ELASTICSEARCH_TIMEOUT.
LONG_TIMEOUT = 300
_INDEX_PREFIX = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def redact(url: str) -> str:
    """The URL without user name and password, for messages and logs."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
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
        "spell": f"{doc.title}\n{doc.summary}",
        "facets": {name: list(dict.fromkeys(values)) for name, values in doc.facets.items()},
        "extra": doc.extra,
    }


def current_synonym_rules() -> list[str]:
    from search.models import SynonymGroup

    return synonym_rules([group.word_list for group in SynonymGroup.objects.all()])


def facet_bucket_sizes() -> dict[str, int]:
    """Explicit bucket size per facet: twice the number of values the facet is known to
    have (taxonomy rows, fixed lists), at least DEFAULT_BUCKETS. Only a starting point: a
    response that still leaves values out is asked again with larger sizes."""
    from search.facets import FACETS

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
        self.timeout = timeout or getattr(settings, "ELASTICSEARCH_TIMEOUT", 5)
        self.client = Elasticsearch(
            self.url, request_timeout=self.timeout, max_retries=1, retry_on_timeout=False
        )
        self._bucket_sizes: dict[str, int] | None = None
        self._alias_ready = False
        if check:
            self.check()

    # Connection -----------------------------------------------------------------------

    def _not_elasticsearch(self, detail: str) -> ImproperlyConfigured:
        return ImproperlyConfigured(
            f"ELASTICSEARCH_URL points at {redact(self.url)}, which answers but is not "
            f"Elasticsearch ({detail}). Set ELASTICSEARCH_URL to the URL of an Elasticsearch "
            "9 cluster (for example http://localhost:9200), or unset it to search with the "
            "database engine only."
        )

    def check(self) -> dict | None:
        """Ask the root endpoint who answers. Something that is not Elasticsearch (another
        web server, OpenSearch, a wrong port) or refused credentials raise
        ImproperlyConfigured; a cluster that cannot be reached now is only logged: searches
        fall back to the database until it is back. Returns the cluster's info or None."""
        try:
            info = self.client.info()
        except UnsupportedProductError as exc:
            raise self._not_elasticsearch(
                "no 'X-Elastic-Product: Elasticsearch' header on its answer"
            ) from exc
        except ApiError as exc:
            is_es = exc.meta.headers.get("x-elastic-product", "") == "Elasticsearch"
            status = exc.meta.status
            if is_es and status in (401, 403):
                raise ImproperlyConfigured(
                    f"Elasticsearch at {redact(self.url)} refused the credentials in "
                    f"ELASTICSEARCH_URL (HTTP {status})."
                ) from exc
            if is_es and 400 <= status < 500:
                raise ImproperlyConfigured(
                    f"Elasticsearch at {redact(self.url)} rejected this client (HTTP {status}: "
                    f"{exc.message}). The elasticsearch 9 client needs an Elasticsearch 9 "
                    "cluster."
                ) from exc
            if not is_es and 400 <= status < 500:
                raise self._not_elasticsearch(f"HTTP {status} on its root endpoint") from exc
            logger.warning(
                "Elasticsearch at %s answered HTTP %s; searching the database until it is back",
                redact(self.url),
                status,
            )
            return None
        except TransportError as exc:
            logger.warning(
                "Elasticsearch at %s cannot be reached (%s); searching the database until it "
                "is back",
                redact(self.url),
                exc,
            )
            return None
        return info.body

    @contextmanager
    def _calls(self, what: str) -> Iterator[None]:
        """Map the client's errors onto the contract: unreachable, timed out, overloaded or
        without an index -> SearchUnavailable (callers fall back); not Elasticsearch ->
        ImproperlyConfigured; anything else (a bad request is a bug) propagates."""
        try:
            yield
        except UnsupportedProductError as exc:
            raise self._not_elasticsearch("no 'X-Elastic-Product' header") from exc
        except NotFoundError as exc:
            raise SearchUnavailable(f"{what}: no index behind {self.names.alias}") from exc
        except ApiError as exc:
            if exc.meta.status >= 500 or exc.meta.status == 429:
                raise SearchUnavailable(f"{what}: HTTP {exc.meta.status}") from exc
            raise
        except TransportError as exc:
            raise SearchUnavailable(f"{what}: {exc}") from exc

    def is_available(self) -> bool:
        try:
            return bool(self.client.ping())
        except (ApiError, TransportError):
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
                    index=self.names.alias, body=search_body(query, sizes)
                ).body
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
                index=self.names.alias, body=suggest_body(query, prefix, limit)
            ).body
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
            response = self.client.search(index=self.names.alias, body=spelling_body(text)).body
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
                    index=self.names.alias, body=facet_values_body(facet, after)
                ).body
            agg = response["aggregations"]["values"]
            values += [bucket["key"]["value"] for bucket in agg["buckets"]]
            after = agg.get("after_key")
            if not agg["buckets"] or not after:
                return values

    def count(self) -> int:
        with self._calls("count"):
            return self.client.count(index=self.names.alias)["count"]

    # Index management -----------------------------------------------------------------

    def _targets(self) -> list[str]:
        """The concrete indices the alias points at now."""
        try:
            return sorted(self.client.indices.get_alias(name=self.names.alias).body)
        except NotFoundError:
            return []

    def create_index(self, rules: list[str] | None = None) -> str:
        """A new, empty, versioned index with the current synonyms, refreshing off (bulk
        loading), its Dutch stemmer checked against `search.analysis`. Returns its name."""
        rules = current_synonym_rules() if rules is None else rules
        name = self.names.new_index()
        for language in STEMMER_LANGUAGES:
            body = index_body(rules, language)
            body["settings"]["refresh_interval"] = "-1"
            try:
                self.client.indices.create(index=name, **body)
            except BadRequestError as exc:
                reason = f"{exc.message} {exc.body}".lower()
                if "stemmer" not in reason and language not in reason:
                    raise
                logger.warning("Elasticsearch rejected stemmer %r: %s", language, exc.message)
                continue
            self._probe(name, language)
            return name
        raise ImproperlyConfigured(
            f"Elasticsearch at {redact(self.url)} knows none of the Dutch stemmers "
            f"{', '.join(STEMMER_LANGUAGES)}; the index needs Dutch Porter."
        )

    def _probe(self, name: str, language: str) -> None:
        """The index's analyzer must give exactly the terms `search.analysis` gives."""
        tokens = self.client.indices.analyze(index=name, analyzer="kc_dutch", text=PROBE_TEXT)
        found = [t["token"] for t in tokens["tokens"]]
        expected = analyze(PROBE_TEXT)
        if found != expected:
            self._discard(name)
            raise ImproperlyConfigured(
                f"The Dutch analysis of Elasticsearch (stemmer {language!r}) does not match "
                f"the project's Dutch Porter analysis: {found} instead of {expected}. "
                "Kraaij-Pohlmann ('gezondheid' -> 'zon') must not be used."
            )
        if language != STEMMER_LANGUAGES[0]:
            logger.warning(
                "Elasticsearch has no %r stemmer; its %r stemmer gives the same Dutch Porter "
                "stems and is used instead",
                STEMMER_LANGUAGES[0],
                language,
            )

    def _discard(self, name: str) -> None:
        """Delete a half-built index; a failure here must not hide the original error."""
        try:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        except (ApiError, TransportError):
            logger.exception("Could not delete the unfinished index %s", name)

    def _go_live(self, name: str) -> None:
        """Make a loaded index searchable and point the alias at it, in one atomic step."""
        self.client.indices.put_settings(index=name, settings={"index.refresh_interval": None})
        self.client.indices.refresh(index=name)
        old = [index for index in self._targets() if index != name]
        actions: list[dict] = [
            {"remove": {"index": index, "alias": self.names.alias}} for index in old
        ]
        if not old and self.client.indices.exists(index=self.names.alias):
            # A concrete index squats on the alias name (auto-created by a write before the
            # first rebuild): replace it in the same atomic call.
            actions.append({"remove_index": {"index": self.names.alias}})
        actions.append({"add": {"index": name, "alias": self.names.alias, "is_write_index": True}})
        self.client.indices.update_aliases(actions=actions)
        self._alias_ready = True
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)

    def _actions(self, index: str, documents: Iterable[IndexDocument]) -> Iterator[dict]:
        for doc in documents:
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": doc.key,
                "_source": document_source(doc),
            }

    def rebuild(
        self, documents: Iterable[IndexDocument], progress: Callable[[int], None] | None = None
    ) -> int:
        """New index, bulk load, alias swap, old index deleted: no moment without an index."""
        with self._calls("rebuild"):
            name = self.create_index()
            done = 0
            try:
                client = self.client.options(request_timeout=LONG_TIMEOUT)
                for _ok, _item in streaming_bulk(
                    client, self._actions(name, documents), chunk_size=BULK_CHUNK
                ):
                    done += 1
                    if progress and done % BULK_CHUNK == 0:
                        progress(done)
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
            mappings = self.client.indices.get_mapping(index=old[0]).body
            meta = mappings[old[0]]["mappings"].get("_meta", {})
            if meta.get("synonyms") == rules_digest(rules):
                return False
            name = self.create_index(rules)
            try:
                copied = self.client.options(request_timeout=LONG_TIMEOUT).reindex(
                    source={"index": self.names.alias},
                    dest={"index": name},
                    wait_for_completion=True,
                    refresh=True,
                )
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
        if not self.client.indices.exists_alias(name=self.names.alias):
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
                streaming_bulk_all(
                    self.client,
                    self._actions(self.names.alias, documents),
                    refresh="wait_for",
                    require_alias=True,
                )
            except BulkIndexError as exc:
                # Publishing must not fail on the search index: FallbackBackend logs this.
                raise SearchUnavailable(f"documents refused: {exc.errors[:3]}") from exc

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys:
            return
        with self._calls("delete"):
            if not self._alias_ready and not self.client.indices.exists_alias(
                name=self.names.alias
            ):
                return  # nothing indexed yet, nothing to delete
            actions = (
                {"_op_type": "delete", "_index": self.names.alias, "_id": key} for key in keys
            )
            streaming_bulk_all(self.client, actions, refresh="wait_for", ignore_status=(404,))

    def drop(self) -> None:
        """Delete the alias and every index with this prefix (tests clean up with this)."""
        with self._calls("drop"):
            self.client.indices.delete(
                index=self.names.pattern, ignore_unavailable=True, allow_no_indices=True
            )
        self._alias_ready = False


def streaming_bulk_all(client: Elasticsearch, actions, **kwargs) -> int:
    """Run a bulk request stream to the end (errors raise BulkIndexError)."""
    done = 0
    for _ok, _item in streaming_bulk(client, actions, chunk_size=BULK_CHUNK, **kwargs):
        done += 1
    return done
