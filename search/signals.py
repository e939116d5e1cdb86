"""The one hook point for whoever counts searches, and search's own cache receiver.

The receivers that keep the index current are in `search.indexing`.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

#: Sent after every search (page, API and pre-filtered listings; not for suggestions).
#: kwargs: query (normalised text as typed), total, typed_total (results for the words as
#: typed, before a correction or widening), facets ({param: [values]}), source, page.
search_performed = Signal()

#: The cache key of the synonym groups (search.service reads it).
SYNONYM_CACHE_KEY = "search:synonyms:v1"


def on_synonyms_changed(sender, **kwargs):
    cache.delete(SYNONYM_CACHE_KEY)


def connect() -> None:
    # A lazy sender ("app.Model"): this module is imported before the models are ready.
    for signal in (post_save, post_delete):
        signal.connect(
            on_synonyms_changed, sender="search.SynonymGroup", dispatch_uid=f"search_synonyms_{signal is post_save}"
        )
