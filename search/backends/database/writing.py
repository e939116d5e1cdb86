"""The database engine's writing side: search documents into `SearchEntry` and
`SearchFacetValue` rows, each write giving the index a new version (`search.backends.index_version`)
so every process's cached bitmasks follow; and the rows back out as documents and hits."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from django.db import transaction

from search.analysis import analyze_to_text, words
from search.backends.base import Hit, IndexDocument
from search.backends.index_version import bump
from search.models import SearchEntry, SearchFacetValue

BATCH = 500


def entry_fields(doc: IndexDocument) -> dict:
    return {
        "type": doc.type,
        "title": doc.title[:500],
        "summary": doc.summary,
        "body": doc.body,
        "url": doc.url[:500],
        "date": doc.date,
        "language": doc.language,
        "sort_title": " ".join(words(doc.title))[:255],
        "facets": doc.facets,
        "extra": doc.extra,
        "title_terms": analyze_to_text(doc.title),
        "summary_terms": analyze_to_text(doc.summary),
        "body_terms": analyze_to_text(doc.body),
    }


class IndexWriting:
    """Indexing, deleting and reading back the stored documents (a mixin of `DatabaseBackend`,
    whose `using` names the connection)."""

    using: str

    def index(self, documents: Iterable[IndexDocument]) -> None:
        with transaction.atomic():
            written = []
            for doc in documents:
                entry, _ = SearchEntry.objects.update_or_create(
                    key=doc.key, defaults=entry_fields(doc)
                )
                SearchFacetValue.objects.filter(entry=entry).delete()
                SearchFacetValue.objects.bulk_create(self._facet_rows(entry, doc))
                written.append(entry.pk)
            bump(written)

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        with transaction.atomic():
            ids = list(SearchEntry.objects.filter(key__in=keys).values_list("id", flat=True))
            SearchFacetValue.objects.filter(entry__in=ids).delete()
            SearchEntry.objects.filter(id__in=ids).delete()
            bump(ids)

    def documents(self, changed_since=None) -> Iterator[IndexDocument]:
        """The indexed documents as stored (all, or those written since `changed_since`):
        what a search cluster that missed writes is caught up from."""
        entries = SearchEntry.objects.order_by("id")
        if changed_since is not None:
            entries = entries.filter(updated_at__gte=changed_since)
        for entry in entries.iterator(chunk_size=2000):
            yield IndexDocument(**stored_fields(entry))

    def keys(self) -> set[str]:
        return set(SearchEntry.objects.values_list("key", flat=True))

    def clear(self) -> None:
        with transaction.atomic():
            SearchFacetValue.objects.all()._raw_delete(self.using)
            SearchEntry.objects.all()._raw_delete(self.using)
            bump()

    def rebuild(
        self, documents: Iterable[IndexDocument], progress: Callable[[int], None] | None = None
    ) -> int:
        done = 0
        with transaction.atomic():
            self.clear()
            bump()
            batch: list[IndexDocument] = []
            for doc in documents:
                batch.append(doc)
                if len(batch) >= BATCH:
                    done += self.bulk_insert(batch)
                    batch = []
                    if progress:
                        progress(done)
            if batch:
                done += self.bulk_insert(batch)
            if progress:
                progress(done)
        return done

    def bulk_insert(self, docs: list[IndexDocument]) -> int:
        """Insert new entries without checking for existing keys (rebuilds, benchmarks)."""
        entries = SearchEntry.objects.bulk_create(
            [SearchEntry(key=doc.key, **entry_fields(doc)) for doc in docs]
        )
        rows = [
            row
            for entry, doc in zip(entries, docs, strict=True)
            for row in self._facet_rows(entry, doc)
        ]
        SearchFacetValue.objects.bulk_create(rows, batch_size=5000)
        ids = [entry.pk for entry in entries]
        bump(None if None in ids else ids)
        return len(entries)

    @staticmethod
    def _facet_rows(entry: SearchEntry, doc: IndexDocument) -> list[SearchFacetValue]:
        return [
            SearchFacetValue(entry=entry, facet=facet, value=value[:120])
            for facet, values in doc.facets.items()
            for value in dict.fromkeys(values)
        ]

    def count(self) -> int:
        return SearchEntry.objects.count()

    def facet_values(self, facet: str) -> list[str]:
        return list(
            SearchFacetValue.objects.filter(facet=facet).values_list("value", flat=True).distinct()
        )


def hit_of(entry: SearchEntry, score: float = 0.0) -> Hit:
    return Hit(**stored_fields(entry), score=score)


def stored_fields(entry: SearchEntry) -> dict:
    """The document as the search table stores it: a search hit and a catch-up document alike."""
    return {
        "key": entry.key,
        "type": entry.type,
        "title": entry.title,
        "url": entry.url,
        "summary": entry.summary,
        "body": entry.body,
        "date": entry.date,
        "language": entry.language,
        "facets": entry.facets,
        "extra": entry.extra,
    }
