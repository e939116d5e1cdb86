"""The index follows the content: receivers connected for every registered search source.

Publishing, unpublishing, moving and deleting pages, making a page or a collection private or
public again, saving or deleting any registered model (documents, glossary terms, helplines, ...)
update the search index at once (in the same transaction as the change). Drafts never reach it:
only `page_published` adds a page, and a `PageSource` refuses anything that is not live and public.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models.signals import post_delete, post_save

from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import registry
from search.backends import get_backend
from search.documents import page_key
from search.registry import SearchSource


def reindex(source: SearchSource, objects: Iterable) -> None:
    """Index each object's entry, or delete it when the object is no longer searchable."""
    entries, gone = [], []
    for obj in objects:
        entry = source.document(obj)
        if entry:
            entries.append(entry)
        else:
            gone.append(source.key(obj))
    if entries:
        get_backend().index(entries)
    if gone:
        get_backend().delete(gone)


def delete_keys(keys: list[str]) -> None:
    if keys:
        get_backend().delete(keys)


def index_page(page: Page) -> None:
    page = page.specific
    source = registry.source_for_page(page)
    if source is not None:
        reindex(source, [page])


def _after_page_change(page: Page) -> None:
    for source in registry.sources():
        source.page_changed(page)


def on_page_published(sender, instance, **kwargs):
    index_page(instance)
    _after_page_change(instance)


def on_page_unpublished(sender, instance, **kwargs):
    delete_keys([page_key(instance.pk)])
    _after_page_change(instance)


def on_page_moved(sender, instance, **kwargs):
    """URLs of the page and everything below it changed."""
    for page in instance.get_descendants(inclusive=True).live().specific():
        index_page(page)
        _after_page_change(page)


def on_page_deleted(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        return
    delete_keys([page_key(instance.pk)])
    if type(instance) is not Page:  # the specific instance: its links (toolkit downloads) are gone now
        _after_page_change(instance)


def on_page_privacy_changed(sender, instance, **kwargs):
    """A login or password restriction covers the page and everything below it: the index
    (and so the search, the JSON API and the listings) follows at once, both ways."""
    for page in instance.page.get_descendants(inclusive=True).live().specific():
        index_page(page)
        _after_page_change(page)


def on_collection_privacy_changed(sender, instance, **kwargs):
    """Entries of objects in a private collection (or one below it) follow its privacy."""
    collections = instance.collection.get_descendants(inclusive=True)
    for source in registry.sources():
        model = source.model
        if model is not None and not issubclass(model, Page) and hasattr(model, "collection"):
            reindex(source, model.objects.filter(collection__in=collections))


def on_saved(sender, instance, **kwargs):
    source = _model_sources.get(sender)
    if source is not None:
        reindex(source, [instance])


def on_deleted(sender, instance, **kwargs):
    source = _model_sources.get(sender)
    if source is not None:
        delete_keys([source.key(instance)])


_model_sources: dict[type, SearchSource] = {}


def connect() -> None:
    """Page signals once for all pages; save and delete for each registered non-page model;
    then each source's own extra signals (`SearchSource.connect`)."""
    page_published.connect(on_page_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="search_page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            on_page_privacy_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search_page_privacy_{signal is post_save}",
        )
        signal.connect(
            on_collection_privacy_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"search_collection_privacy_{signal is post_save}",
        )
    for source in registry.sources():
        model = source.model
        if model is not None and not issubclass(model, Page):
            _model_sources[model] = source
            uid = f"{source.type}_{model._meta.label_lower}"
            post_save.connect(on_saved, sender=model, dispatch_uid=f"search_saved_{uid}")
            post_delete.connect(on_deleted, sender=model, dispatch_uid=f"search_deleted_{uid}")
        source.connect()
