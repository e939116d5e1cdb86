"""The wire to the search cluster: the `elasticsearch` client for Elasticsearch, `opensearch-py`
for OpenSearch, behind one small interface (`ClusterClient`).

The engine (`search.backends.elasticsearch`) builds every body with `elasticsearch.dsl` and
never imports a client itself; which client it gets follows from what the cluster says about
itself (`detect`). Both clients' errors become two exceptions:

- `Unreachable`: no answer (refused, reset, timed out): callers fall back to the database;
- `ClusterError`: the cluster answered with an HTTP error (`status`, `message`, `body`).

Supported: Elasticsearch 9 (the `elasticsearch` 9 client talks to nothing else) and
OpenSearch 2 and 3 (`opensearch-py` 3). CI runs against OpenSearch 2.19 (see the README).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import elasticsearch
import elasticsearch.helpers
import opensearchpy
import opensearchpy.helpers

SUPPORTED = {"elasticsearch": (9,), "opensearch": (2, 3)}


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


class Unreachable(Exception):
    """The cluster gave no answer (connection refused or reset, timeout)."""


class ClusterError(Exception):
    """The cluster answered with an HTTP error."""

    def __init__(self, status: int, message: str, body=None, headers=None):
        super().__init__(f"HTTP {status}: {message}")
        self.status, self.message, self.body = status, message, body
        self.headers = {k.lower(): v for k, v in (headers or {}).items()}


class BulkRefused(Exception):
    """Some documents of a bulk request were refused."""

    def __init__(self, errors: list):
        super().__init__(f"documents refused: {errors[:3]}")
        self.errors = errors


@dataclass(frozen=True)
class ClusterInfo:
    distribution: str  # "elasticsearch" or "opensearch"
    version: str
    name: str = ""

    @property
    def major(self) -> int:
        try:
            return int(self.version.split(".")[0])
        except ValueError:
            return 0

    def __str__(self) -> str:
        label = "OpenSearch" if self.distribution == "opensearch" else "Elasticsearch"
        return f"{label} {self.version}"


class ClusterClient:
    """What the engine asks of a cluster. Responses are plain dicts."""

    info: ClusterInfo

    def search(self, index: str, body: dict, timeout: float | None = None) -> dict: ...
    def count(self, index: str, timeout: float | None = None) -> int: ...
    def aliased_indices(self, alias: str) -> list[str]: ...
    def create_index(self, index: str, body: dict) -> None: ...
    def analyze(self, index: str, analyzer: str, text: str) -> list[str]: ...
    def put_settings(self, index: str, settings: dict) -> None: ...
    def refresh(self, index: str) -> None: ...
    def index_exists(self, index: str) -> bool: ...
    def alias_exists(self, alias: str) -> bool: ...
    def update_aliases(self, actions: list[dict]) -> None: ...
    def delete_index(self, index: str) -> None: ...
    def get_mapping(self, index: str) -> dict: ...
    def reindex(self, source: str, dest: str, timeout: float) -> dict: ...
    def bulk(self, actions: Iterable[dict], timeout: float | None = None, **kwargs) -> int: ...
    def ping(self) -> bool: ...


class _PythonClient(ClusterClient):
    """The calls both official clients spell the same way; each subclass maps its own
    exceptions in `errors()` and spells the calls that differ."""

    def __init__(self, client, info: ClusterInfo):
        self.client, self.info = client, info

    @staticmethod
    def errors():  # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def refresh(self, index):
        with self.errors():
            self.client.indices.refresh(index=index)

    def index_exists(self, index):
        with self.errors():
            return bool(self.client.indices.exists(index=index))

    def alias_exists(self, alias):
        with self.errors():
            return bool(self.client.indices.exists_alias(name=alias))

    def delete_index(self, index):
        with self.errors():
            self.client.indices.delete(index=index, ignore_unavailable=True, allow_no_indices=True)

    def ping(self):
        with self.errors():
            return bool(self.client.ping())




class ElasticClient(_PythonClient):
    """Elasticsearch 9 through the `elasticsearch` client."""

    @staticmethod
    @contextmanager
    def errors() -> Iterator[None]:
        try:
            yield
        except elasticsearch.ApiError as exc:
            raise ClusterError(exc.meta.status, exc.message, exc.body, exc.meta.headers) from exc
        except elasticsearch.TransportError as exc:
            raise Unreachable(str(exc)) from exc

    def _timed(self, timeout):
        return self.client.options(request_timeout=timeout) if timeout else self.client

    def search(self, index, body, timeout=None):
        with self.errors():
            return self._timed(timeout).search(index=index, body=body).body

    def count(self, index, timeout=None):
        with self.errors():
            return self._timed(timeout).count(index=index)["count"]

    def aliased_indices(self, alias):
        with self.errors():
            try:
                return sorted(self.client.indices.get_alias(name=alias).body)
            except elasticsearch.NotFoundError:
                return []

    def create_index(self, index, body):
        with self.errors():
            self.client.indices.create(index=index, **body)

    def analyze(self, index, analyzer, text):
        with self.errors():
            tokens = self.client.indices.analyze(index=index, analyzer=analyzer, text=text)
        return [t["token"] for t in tokens["tokens"]]

    def put_settings(self, index, settings):
        with self.errors():
            self.client.indices.put_settings(index=index, settings=settings)

    def update_aliases(self, actions):
        with self.errors():
            self.client.indices.update_aliases(actions=actions)

    def get_mapping(self, index):
        with self.errors():
            return self.client.indices.get_mapping(index=index).body

    def reindex(self, source, dest, timeout):
        with self.errors():
            return self.client.options(request_timeout=timeout).reindex(
                source={"index": source}, dest={"index": dest}, wait_for_completion=True, refresh=True
            ).body

    def bulk(self, actions, timeout=None, **kwargs):
        client = self.client.options(request_timeout=timeout) if timeout else self.client
        done = 0
        with self.errors():
            try:
                bulk = elasticsearch.helpers.streaming_bulk(client, actions, chunk_size=BULK_CHUNK, **kwargs)
                for _ok, _item in bulk:
                    done += 1
            except elasticsearch.helpers.BulkIndexError as exc:
                raise BulkRefused(exc.errors) from exc
        return done


class OpenSearchClient(_PythonClient):
    """OpenSearch 2 and 3 through `opensearch-py`."""

    @staticmethod
    @contextmanager
    def errors() -> Iterator[None]:
        try:
            yield
        except opensearchpy.ConnectionError as exc:  # also ConnectionTimeout; status 'N/A'
            raise Unreachable(str(exc)) from exc
        except opensearchpy.TransportError as exc:
            status = exc.status_code if isinstance(exc.status_code, int) else 0
            if not status:
                raise Unreachable(str(exc)) from exc
            raise ClusterError(status, str(exc.error), exc.info) from exc

    def search(self, index, body, timeout=None):
        extra = {"request_timeout": timeout} if timeout else {}
        with self.errors():
            return self.client.search(index=index, body=body, **extra)

    def count(self, index, timeout=None):
        extra = {"request_timeout": timeout} if timeout else {}
        with self.errors():
            return self.client.count(index=index, **extra)["count"]

    def aliased_indices(self, alias):
        with self.errors():
            try:
                return sorted(self.client.indices.get_alias(name=alias))
            except opensearchpy.NotFoundError:
                return []

    def create_index(self, index, body):
        with self.errors():
            self.client.indices.create(index=index, body=body)

    def analyze(self, index, analyzer, text):
        with self.errors():
            tokens = self.client.indices.analyze(
                index=index, body={"analyzer": analyzer, "text": text}
            )
        return [t["token"] for t in tokens["tokens"]]

    def put_settings(self, index, settings):
        with self.errors():
            self.client.indices.put_settings(index=index, body=settings)

    def update_aliases(self, actions):
        with self.errors():
            self.client.indices.update_aliases(body={"actions": actions})

    def get_mapping(self, index):
        with self.errors():
            return self.client.indices.get_mapping(index=index)

    def reindex(self, source, dest, timeout):
        with self.errors():
            return self.client.reindex(
                body={"source": {"index": source}, "dest": {"index": dest}},
                wait_for_completion=True,
                refresh=True,
                request_timeout=timeout,
            )

    def bulk(self, actions, timeout=None, **kwargs):
        if timeout:
            kwargs["request_timeout"] = timeout
        done = 0
        with self.errors():
            try:
                for _ok, _item in opensearchpy.helpers.streaming_bulk(
                    self.client, actions, chunk_size=BULK_CHUNK, **kwargs
                ):
                    done += 1
            except opensearchpy.helpers.BulkIndexError as exc:
                raise BulkRefused(exc.errors) from exc
        return done


BULK_CHUNK = 500


class NotACluster(Exception):
    """Something answers at the URL, but it is neither Elasticsearch nor OpenSearch, or not a
    version this project can serve (the message says which, for operators)."""


def _hosts(url: str) -> list[str]:
    """ELASTICSEARCH_URL may list several nodes, comma-separated."""
    return [part.strip() for part in url.split(",") if part.strip()]


def detect(url: str, timeout: float, request_timeout: float) -> ClusterClient:
    """Ask the root endpoint who answers (waiting at most `timeout` s) and return the
    matching client, whose requests wait `request_timeout` s unless told otherwise.

    Raises Unreachable (no answer), ClusterError (an HTTP error from a search cluster) or
    NotACluster (anything else, or an unsupported distribution or version)."""
    hosts = _hosts(url)
    probe = elasticsearch.Elasticsearch(hosts, request_timeout=timeout, max_retries=0, retry_on_timeout=False)
    try:
        body = probe.info().body
        product = "Elasticsearch"
    except elasticsearch.UnsupportedProductError as exc:  # answered 2xx without the Elasticsearch header
        body, product = exc.body, ""
    except elasticsearch.ApiError as exc:
        product = exc.meta.headers.get("x-elastic-product", "")
        if product == "Elasticsearch" or exc.meta.status >= 500 or exc.meta.status in (401, 403):
            raise ClusterError(exc.meta.status, exc.message, exc.body, exc.meta.headers) from exc
        raise NotACluster(f"HTTP {exc.meta.status} on its root endpoint") from exc
    except elasticsearch.TransportError as exc:
        raise Unreachable(str(exc)) from exc
    version = body.get("version") if isinstance(body, dict) else None
    if not isinstance(version, dict) or "number" not in version:
        raise NotACluster("its root endpoint does not describe a search cluster")
    distribution = version.get("distribution") or (
        "elasticsearch" if product == "Elasticsearch" else ""
    )
    info = ClusterInfo(distribution, str(version["number"]), str(body.get("cluster_name", "")))
    if distribution not in SUPPORTED:
        raise NotACluster(f"it reports distribution {distribution or 'unknown'!r}")
    if info.major not in SUPPORTED[distribution]:
        majors = " or ".join(str(m) for m in SUPPORTED[distribution])
        label = str(info).split()[0]
        raise NotACluster(f"it runs {info}; this project supports {label} {majors}")
    if distribution == "opensearch":
        client = opensearchpy.OpenSearch(
            hosts, timeout=request_timeout, max_retries=1, retry_on_timeout=False, pool_maxsize=10
        )
        return OpenSearchClient(client, info)
    client = elasticsearch.Elasticsearch(
        hosts, request_timeout=request_timeout, max_retries=1, retry_on_timeout=False
    )
    return ElasticClient(client, info)
