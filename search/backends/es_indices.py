"""The search cluster's indices: versioned index names behind one alias, the documents they
store, and the writes (`IndexWriter`, mixed into `ElasticsearchBackend`): create with a stemmer
probe, rebuild and swap the alias, index, delete, synonyms."""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Callable, Iterable, Iterator

from django.core.exceptions import ImproperlyConfigured

from search.analysis import analyze, words
from search.backends.base import (
    IndexDocument,
    SearchUnavailable,
)
from search.backends.es_clients import (
    BulkRefused,
    ClusterError,
    Unreachable,
    redact,
)
from search.backends.es_mapping import PROBE_TEXT, index_body, rules_digest, synonym_rules, title_terms_key
from search.models import SynonymGroup

logger = logging.getLogger("search.backends.elasticsearch")

#: Stemmer names tried in order when an index is created. `dutch_porter` pins Dutch Porter
#: by name. A cluster that does not know that name is given `dutch`, which *was* Porter
#: before Snowball 3; the `_analyze` probe then decides: if the cluster's `dutch` is
#: Kraaij-Pohlmann, the new index is dropped and the rebuild fails with a clear message.
STEMMER_LANGUAGES = ("dutch_porter", "dutch")
#: Seconds for long operations (bulk chunks, reindex); queries use ELASTICSEARCH_TIMEOUT.
LONG_TIMEOUT = 300
#: Seconds for index management (create, alias swap), which waits for shards.
ADMIN_TIMEOUT = 30
_INDEX_PREFIX = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


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


class IndexWriter:
    """Index management and writes; needs the backend's `client`, `names`, `_calls`, `cluster`,
    `url` and timeouts."""

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
