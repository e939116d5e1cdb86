"""A page's card (includes/card.html) as HTML, the same in every related section that shows it.

A card shows only its own page (title, kind, summary, address, a few facts), so it is rendered
once per content change (and process) and then kept in the process, keyed by the pages cache's
generation (core.pagecache.generation), site, page type, page and heading level. Any write that
changes a page bumps the generation, so a card is never older than the content. A detail page that lists related pages
then needs only their ids (`Linked`, one light query) instead of loading every related page;
the pages are loaded, all in one query, only for cards that are not cached yet.
Previews always render afresh.
"""

import functools
from dataclasses import dataclass

from django.db import connection
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from modelcluster.fields import ParentalKey
from wagtail.models import Page

from core import pagecache, treecache

TEMPLATE = "includes/card.html"
# Cards of this process: (generation, site, page type, page id, level) -> HTML.
_kept: dict[tuple, str] = {}
KEPT_CARDS = 20_000


@dataclass(frozen=True)
class Linked:
    """Pages known by id only, in the order to show them."""

    model: type
    ids: tuple

    def __bool__(self):
        return bool(self.ids)

    def __len__(self):
        return len(self.ids)

    def pages(self) -> list:
        found = self.model.objects.in_bulk(self.ids)
        return [found[pk] for pk in self.ids if pk in found]


def forward(page, *relations: tuple[str, str]) -> list[Linked]:
    """For each (inline relation, field) of `page`, the live pages its links point to, in editor
    order: ids only, all relations in one query. A page being previewed keeps its links in
    memory: those are read instead."""
    in_memory = getattr(page, "_cluster_related_objects", {})
    if not page.pk or any(relation in in_memory for relation, _ in relations):
        return [_forward_in_memory(page, relation, field) for relation, field in relations]
    ids = [[] for _ in relations]
    with connection.cursor() as cursor:
        cursor.execute(_forward_sql(type(page), relations), [page.pk, True] * len(relations))
        for index, pk in cursor.fetchall():
            ids[index].append(pk)
    return [
        Linked(_target(page, relation, field), tuple(found))
        for (relation, field), found in zip(relations, ids, strict=True)
    ]


def _target(page, relation, field):
    return page._meta.get_field(relation).related_model._meta.get_field(field).related_model


def _forward_in_memory(page, relation, field) -> Linked:
    pages = [getattr(link, field) for link in getattr(page, relation).all()]
    return Linked(_target(page, relation, field), tuple(p.pk for p in pages if p.live))


@functools.cache
def _forward_sql(model, relations) -> str:
    """(relation index, page id) of every live linked page, in editor order: one UNION ALL over the
    link tables. The same for every page of a type, so written once instead of built by the ORM on
    every request (as core_tags._linked_ids_sql)."""
    quote = connection.ops.quote_name
    page_table = quote(Page._meta.db_table)
    parts = []
    for index, (relation, field) in enumerate(relations):
        rel = model._meta.get_field(relation)
        link = rel.related_model._meta
        target = quote(link.get_field(field).column)
        owner = quote(rel.field.column)
        # Table and column names come from the models; the page id and `live` are parameters.
        columns = (
            f"{index} AS relation, l.{target} AS page_id, l.{quote('sort_order')} AS position, l.{quote('id')} AS link"
        )
        join = f"{quote(link.db_table)} l INNER JOIN {page_table} p ON p.{quote('id')} = l.{target}"
        parts.append(f"SELECT {columns} FROM {join} WHERE l.{owner} = %s AND p.{quote('live')} = %s")  # noqa: S608
    union = " UNION ALL ".join(parts)
    return f"SELECT relation, page_id FROM ({union}) linked ORDER BY relation, position, link"  # noqa: S608


def backward(page, *relations: str) -> list[Linked]:
    """For each reverse relation of `page` (e.g. "toolkit_links": link rows of other pages that
    point to it), the live, public pages that hold such a link, by title: ids only, all relations
    in one query. Those links are saved rows of other pages, also while `page` is previewed."""
    owners = [_owner(page, relation) for relation in relations]
    found = [[] for _ in relations]
    with connection.cursor() as cursor:
        cursor.execute(_backward_sql(type(page), relations), [page.pk, True] * len(relations))
        rows = cursor.fetchall()
    private = [path for path, _ in treecache.restrictions()["sections"]]
    for index, pk, path in rows:
        if not any(path.startswith(section) for section in private):  # `.public()`
            found[index].append(pk)
    return [Linked(owner.related_model, tuple(ids)) for owner, ids in zip(owners, found, strict=True)]


def _owner(page, relation):
    """The link model's ParentalKey: the page that holds the link."""
    link_model = page._meta.get_field(relation).related_model
    return next(f for f in link_model._meta.fields if isinstance(f, ParentalKey))


@functools.cache
def _backward_sql(model, relations) -> str:
    """(relation index, page id, path) of every live page linking to a page, by title."""
    quote = connection.ops.quote_name
    page_table = quote(Page._meta.db_table)
    parts = []
    for index, relation in enumerate(relations):
        rel = model._meta.get_field(relation)
        link = rel.related_model._meta
        owner = quote(next(f for f in link.fields if isinstance(f, ParentalKey)).column)
        columns = (
            f"{index} AS relation, p.{quote('id')} AS page_id, p.{quote('path')} AS path, p.{quote('title')} AS title"
        )
        join = f"{quote(link.db_table)} l INNER JOIN {page_table} p ON p.{quote('id')} = l.{owner}"
        where = f"l.{quote(rel.field.column)} = %s AND p.{quote('live')} = %s"
        parts.append(f"SELECT DISTINCT {columns} FROM {join} WHERE {where}")  # noqa: S608
    union = " UNION ALL ".join(parts)
    return f"SELECT relation, page_id, path FROM ({union}) linking ORDER BY relation, title, page_id"  # noqa: S608


def _html(request, page, level) -> str:
    return get_template(TEMPLATE).render({"item": page, "level": level, "request": request})


def render(request, items, level=3) -> list[str]:
    """The card of each item (a `Linked`, or page objects) as HTML, in order."""
    if not items:
        return []
    if request is None or getattr(request, "is_preview", False):
        pages = items.pages() if isinstance(items, Linked) else items
        return [mark_safe(_html(request, page, level)) for page in pages]  # noqa: S308 - our template
    site = getattr(getattr(request, "_wagtail_site", None), "pk", "")
    if isinstance(items, Linked):
        loaded = {}

        def build(pk):
            if not loaded:  # the first card not cached: load every page of the list at once
                loaded.update(items.model.objects.in_bulk(items.ids))
                loaded.setdefault(None, None)
            page = loaded.get(pk)
            return _html(request, page, level) if page is not None else ""

        name = items.model._meta.model_name
        entries = [(pk, name, lambda pk=pk: build(pk)) for pk in items.ids]
    else:
        entries = [(page.pk, page._meta.model_name, lambda page=page: _html(request, page, level)) for page in items]
    current = pagecache.generation()
    html = [_kept_card((current, site, name, pk, level), build) for pk, name, build in entries]
    return [mark_safe(card) for card in html if card]  # noqa: S308 - rendered from our template


def _kept_card(key, build) -> str:
    """A card kept in this process for the current generation (its first item): one entry per
    page shown as a card, too many names for pagecache.fragment's small store."""
    html = _kept.get(key)
    if html is None:
        if _kept and next(iter(_kept))[0] != key[0] or len(_kept) >= KEPT_CARDS:
            _kept.clear()  # a content change: every card is built anew
        html = _kept[key] = build()
    return html
