"""A page's card (includes/card.html) as HTML, the same in every related section that shows it.

A card shows only its own page (title, kind, summary, address, a few facts), so it is rendered
once per content change and then taken from the pages cache (core.pagecache.fragment), keyed by
site, page type, page and heading level. Any write that changes a page bumps the cache's
generation, so a card is never older than the content. A detail page that lists related pages
then needs only their ids (`Linked`, one light query) instead of loading every related page;
the pages are loaded, all in one query, only for cards that are not cached yet.
Previews always render afresh.
"""

from dataclasses import dataclass

from django.template.loader import get_template
from django.utils.safestring import mark_safe

from core import pagecache

TEMPLATE = "includes/card.html"


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


def forward(page, relation: str, field: str) -> Linked:
    """The live pages an inline relation of `page` points to (`field` of each link), in editor
    order: ids only, one query. A page being previewed keeps its links in memory: read those."""
    link_model = page._meta.get_field(relation).related_model
    model = link_model._meta.get_field(field).related_model
    if relation in getattr(page, "_cluster_related_objects", {}) or not page.pk:
        ids = [getattr(link, field).pk for link in getattr(page, relation).all() if getattr(link, field).live]
    else:
        ids = getattr(page, relation).filter(**{f"{field}__live": True}).values_list(f"{field}_id", flat=True)
    return Linked(model, tuple(ids))


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
    html = [pagecache.fragment(f"card:{site}:{name}:{pk}:{level}", build) for pk, name, build in entries]
    return [mark_safe(card) for card in html if card]  # noqa: S308 - rendered from our template
