"""The index follows the content, and one hook point for whoever counts searches.

Publishing, unpublishing, moving and deleting pages, making a page or a collection private or
public again, saving or deleting documents and glossary terms update the search index at once
(in the same transaction as the change). Drafts never reach it: only `page_published` adds a
page, and `search.documents` refuses anything that is not live and public.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

#: Sent after every search (page, API and pre-filtered listings; not for suggestions).
#: kwargs: query (normalised text as typed), total, typed_total (results for the words as
#: typed, before a correction or widening), facets ({param: [values]}), source, page.
search_performed = Signal()


def _backend():
    from search.backends import get_backend

    return get_backend()


def index_page(page: Page) -> None:
    from search.documents import PAGE_TYPES, page_document, page_key

    page = page.specific
    if type(page) not in PAGE_TYPES:
        return
    entry = page_document(page)
    if entry:
        _backend().index([entry])
    else:
        _backend().delete([page_key(page.pk)])


def index_documents(document_ids) -> None:
    from core.models import KennisDocument
    from search.documents import document_document, document_key

    found = {d.pk: d for d in KennisDocument.objects.filter(pk__in=set(document_ids))}
    entries, gone = [], []
    for document_id in set(document_ids):
        entry = document_document(found[document_id]) if document_id in found else None
        if entry:
            entries.append(entry)
        else:
            gone.append(document_key(document_id))
    if entries:
        _backend().index(entries)
    if gone:
        _backend().delete(gone)


def _toolkit_document_ids(toolkit_id: int) -> set[int]:
    """Documents the toolkit offers now, plus those the index still lists under it."""
    from search.models import SearchEntry
    from toolkits.models import ToolkitDownload

    ids = set(ToolkitDownload.objects.filter(toolkit_id=toolkit_id).values_list("document_id", flat=True))
    for key, extra in SearchEntry.objects.filter(type="document").values_list("key", "extra"):
        if toolkit_id in (extra or {}).get("toolkit_ids", []):
            ids.add(int(key.split(":", 1)[1]))
    return ids


def index_glossary() -> None:
    from glossary.models import GlossaryTerm
    from search.documents import term_document, term_key

    for term in GlossaryTerm.objects.all():
        entry = term_document(term)
        _backend().index([entry]) if entry else _backend().delete([term_key(term.pk)])


def _after_page_change(page: Page) -> None:
    from glossary.models import GlossaryPage
    from toolkits.models import ToolkitPage

    specific = page.specific_class
    if specific is not None and issubclass(specific, ToolkitPage):
        index_documents(_toolkit_document_ids(page.pk))
    if specific is not None and issubclass(specific, GlossaryPage):
        index_glossary()


def on_page_published(sender, instance, **kwargs):
    index_page(instance)
    _after_page_change(instance)


def on_page_unpublished(sender, instance, **kwargs):
    from search.documents import page_key

    _backend().delete([page_key(instance.pk)])
    _after_page_change(instance)


def on_page_moved(sender, instance, **kwargs):
    """URLs of the page and everything below it changed."""
    for page in instance.get_descendants(inclusive=True).live().specific():
        index_page(page)
        _after_page_change(page)


def on_page_deleted(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        return
    from search.documents import page_key

    _backend().delete([page_key(instance.pk)])
    if type(instance) is not Page:  # the specific instance: its toolkit links are gone now
        _after_page_change(instance)


def on_page_privacy_changed(sender, instance, **kwargs):
    """A login or password restriction covers the page and everything below it: the index
    (and so the search, the JSON API and the listings) follows at once, both ways."""
    for page in instance.page.get_descendants(inclusive=True).live().specific():
        index_page(page)
        _after_page_change(page)


def on_collection_privacy_changed(sender, instance, **kwargs):
    """Documents of a private collection (or one below it) are not searchable."""
    from core.models import KennisDocument

    collections = instance.collection.get_descendants(inclusive=True)
    index_documents(KennisDocument.objects.filter(collection__in=collections).values_list("pk", flat=True))


def on_document_saved(sender, instance, **kwargs):
    index_documents([instance.pk])


def on_document_audiences_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        index_documents([instance.pk])


def on_document_deleted(sender, instance, **kwargs):
    from search.documents import document_key

    _backend().delete([document_key(instance.pk)])


def on_term_saved(sender, instance, **kwargs):
    from search.documents import term_document, term_key

    entry = term_document(instance)
    _backend().index([entry]) if entry else _backend().delete([term_key(instance.pk)])


def on_term_deleted(sender, instance, **kwargs):
    from search.documents import term_key

    _backend().delete([term_key(instance.pk)])


def on_synonyms_changed(sender, **kwargs):
    from search.service import SYNONYM_CACHE_KEY

    cache.delete(SYNONYM_CACHE_KEY)


def on_help_saved(sender, instance, **kwargs):
    """Helplines, help routes and reporting guides: reindexed at once, in the same transaction."""
    from search.documents import help_document

    _backend().index([help_document(instance)])


def on_help_deleted(sender, instance, **kwargs):
    from search.documents import help_key

    _backend().delete([help_key(instance)])


def connect() -> None:
    from core.models import KennisDocument
    from glossary.models import GlossaryTerm
    from search.models import SynonymGroup

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
    post_save.connect(on_document_saved, sender=KennisDocument, dispatch_uid="search_document_saved")
    post_delete.connect(on_document_deleted, sender=KennisDocument, dispatch_uid="search_document_deleted")
    m2m_changed.connect(
        on_document_audiences_changed,
        sender=KennisDocument.audiences.through,
        dispatch_uid="search_document_audiences",
    )
    post_save.connect(on_term_saved, sender=GlossaryTerm, dispatch_uid="search_term_saved")
    post_delete.connect(on_term_deleted, sender=GlossaryTerm, dispatch_uid="search_term_deleted")
    post_save.connect(on_synonyms_changed, sender=SynonymGroup, dispatch_uid="search_synonyms_saved")
    post_delete.connect(on_synonyms_changed, sender=SynonymGroup, dispatch_uid="search_synonyms_deleted")
    from search.documents import HELP_MODELS

    for model in HELP_MODELS:
        uid = model._meta.model_name
        post_save.connect(on_help_saved, sender=model, dispatch_uid=f"search_help_saved_{uid}")
        post_delete.connect(on_help_deleted, sender=model, dispatch_uid=f"search_help_deleted_{uid}")
