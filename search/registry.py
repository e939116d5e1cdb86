"""The search registry: content declares what it makes searchable, search discovers it.

Each app keeps its search documents next to its models, in `<app>/search_documents.py`, and
registers one `SearchSource` per kind of searchable thing (the pattern of django-modelsearch's
`index.Indexed` / `get_indexed_models()` and of consumerfinance.gov's per-app `documents.py`).
`search` never names a content model: the type facet, the type labels of result cards, the
rebuild and the indexing signals all come from what is registered here.

    # myapp/search_documents.py
    from search.registry import PageSource, register
    from myapp.models import MyPage

    @register
    class MyPageSource(PageSource):
        model = MyPage
        type = "mijntype"              # facet value in URLs and in every engine's index
        label, plural = "Mijn type", "Mijn types"
        order = 55                     # position in the type facet

A `PageSource` indexes live, public pages of exactly its model on publish, unpublish, move,
delete and privacy changes; its taxonomy facets (TaxonomyMixin) come with it. Other kinds
(`SearchSource`) say how to build, list and count their entries and which signals to follow.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Model
from django.utils.module_loading import autodiscover_modules
from django.utils.text import Truncator

from wagtail.models import Page

from search.backends.base import IndexDocument
from search.comparison import taxonomy_rows
from search.documents import MAX_BODY_CHARS, finish, page_key, searchable_text, taxonomy_facets


class SearchSource:
    """One kind of searchable entry, declared by the app that owns it."""

    type: str = ""  # facet value, unique over the site
    label: str = ""  # singular, on a result card ("Toolkit")
    plural: str = ""  # in the type facet ("Toolkits")
    order: int = 100  # position in the type facet, low first
    model: type[Model] | None = None
    #: "eigen" (the centre's own material) or "extern" (someone else's): the `herkomst` facet.
    origin: str = "eigen"
    #: Counted and linked in the school page's whole-school grid (needs school cells).
    in_school_grid: bool = False
    #: A section of its own on every audience landing page (a page model with `audiences`): the
    #: first items of that audience in `audience_ordering`, under the plural label, in `order`.
    on_audience_pages: bool = False
    audience_ordering: tuple[str, ...] = ("title",)
    #: The planning tools (`planning.sources`) ask these, a page model with the taxonomy fields:
    #: recommended in action plans under `plan_heading` ("": not recommended), in `order`;
    #: `plan_comparable`: on the compare page, and strongest evidence first in a plan;
    #: `plan_listable`: a visitor can put it on a list.
    plan_heading: str = ""
    plan_comparable: bool = False
    plan_listable: bool = False
    # What planning shows of a page, `plan_evidence` and `plan_rows` below, is declared here on
    # the source rather than on the page model: planning already finds its types through the
    # registry (the flags above), a source already turns a page into what another app shows
    # (`display_extra`), and the models stay free of one tool's table layout.

    def key(self, obj) -> str:
        return f"{self.type}:{obj.pk}"

    def document(self, obj) -> IndexDocument | None:
        """The entry of one object, or None when it must not be searchable."""
        raise NotImplementedError

    def documents(self) -> Iterator[IndexDocument]:
        """Every entry, for a rebuild."""
        for obj in self.model.objects.order_by("pk"):
            entry = self.document(obj)
            if entry:
                yield entry

    def count(self) -> int:
        """At most how many entries a rebuild produces (for the progress bar)."""
        return self.model.objects.count()

    def connect(self) -> None:
        """Connect signals beyond the model's own save and delete, which `search.indexing`
        connects for every source with a model (e.g. a many-to-many field of the model)."""

    def page_changed(self, page: Page) -> None:
        """Called after any page was published, unpublished, moved, deleted or made private:
        sources whose entries depend on pages (downloads of a toolkit, ...) reindex them."""

    def plan_evidence(self, page) -> tuple[str, str]:
        """(slug, Dutch label) of how well the page's effect is shown: action plans put the
        strongest first (a slug on taxonomy.evidence's scale; any other slug ranks below it).
        ("", "") when the type has no evidence."""
        return "", ""

    def plan_rows(self, page) -> list[tuple[str, str]]:
        """The page's rows on the compare page: (Dutch label, plain text) in the order shown.
        Types compared together show the rows of all of them; an empty value reads "Niet
        opgegeven"."""
        return []


class PageSource(SearchSource):
    """Live, public pages of exactly `model`, with their taxonomy facets."""

    def key(self, page) -> str:
        return page_key(page.pk)

    def is_searchable(self, page: Page) -> bool:
        return (
            type(page) is self.model
            and page.live
            and not page.expired
            and Page.objects.filter(pk=page.pk).public().exists()
        )

    # The parts of an entry; a source overrides those that differ for its type.
    def body(self, page) -> str:
        return searchable_text(page)

    def date(self, page):
        return page.last_published_at.date() if page.last_published_at else None

    def language(self, page) -> str:
        return "nl"

    def facets(self, page) -> dict[str, list[str]]:
        return taxonomy_facets(page) if hasattr(page, "school_cells") else {}

    def display_extra(self, page) -> dict:
        return {}

    def plan_rows(self, page) -> list[tuple[str, str]]:
        return taxonomy_rows(page) if hasattr(page, "school_cells") else []

    def document(self, page) -> IndexDocument | None:
        page = page.specific
        if not self.is_searchable(page):
            return None
        body = self.body(page)
        date = self.date(page)
        language = self.language(page)
        return IndexDocument(
            key=self.key(page),
            type=self.type,
            title=page.title,
            url=page.get_url() or page.url_path,
            summary=getattr(page, "summary", "") or Truncator(body).words(40),
            body=body[:MAX_BODY_CHARS],
            date=date,
            language=language,
            facets=finish(self.facets(page), self.type, date, language),
            extra=self.display_extra(page),
        )

    def documents(self) -> Iterator[IndexDocument]:
        for page in self.model.objects.live().public().order_by("pk"):
            entry = self.document(page)
            if entry:
                yield entry

    def count(self) -> int:
        return self.model.objects.live().public().count()

    # Page signals (publish, unpublish, move, delete, privacy) are connected once for all pages
    # by search.indexing.


_sources: dict[str, SearchSource] = {}


def register(source_class: type[SearchSource]) -> type[SearchSource]:
    """Class decorator: make a source known to search. Types must be unique."""
    source = source_class()
    if not source.type or not source.label:
        raise ValueError(f"{source_class.__name__} needs a type and a label")
    existing = _sources.get(source.type)
    if existing is not None and type(existing) is not source_class:
        raise ValueError(f"search type {source.type!r} is registered twice")
    _sources[source.type] = source
    return source_class


def unregister(type_: str) -> None:
    """Forget a source (for tests that register a throwaway type)."""
    _sources.pop(type_, None)


def discover() -> None:
    """Import every installed app's `search_documents` module (at start-up, search.apps)."""
    autodiscover_modules("search_documents")


def sources() -> list[SearchSource]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.type))


def page_sources() -> dict[type[Page], PageSource]:
    return {s.model: s for s in sources() if isinstance(s, PageSource)}


def source_for_page(page) -> PageSource | None:
    """The source of a specific page's exact class, or None when the type is not searchable."""
    return page_sources().get(type(page))


def content_types() -> list[tuple[str, str, str]]:
    """(facet value, label, plural label) of every registered type, in facet order."""
    return [(s.type, s.label, s.plural or s.label) for s in sources()]


def origin_of(type_: str) -> str:
    source = _sources.get(type_)
    return source.origin if source else "eigen"


def audience_page_sources() -> list[PageSource]:
    """The page types with a section on every audience landing page, in facet order."""
    return [s for s in sources() if isinstance(s, PageSource) and s.on_audience_pages]


def plan_sources() -> list[PageSource]:
    """The page types the planning tools use (recommended, compared or listed), in facet order."""
    return [
        s
        for s in sources()
        if isinstance(s, PageSource) and (s.plan_heading or s.plan_comparable or s.plan_listable)
    ]


def school_grid_types() -> tuple[str, ...]:
    return tuple(s.type for s in sources() if s.in_school_grid)


def type_label(type_: str) -> str:
    source = _sources.get(type_)
    return source.label if source else type_


def is_comparable(type_: str) -> bool:
    """Whether results of this type get a "Vergelijk" checkbox (`plan_comparable`)."""
    source = _sources.get(type_)
    return bool(source and source.plan_comparable)


def all_documents() -> Iterator[IndexDocument]:
    """Every entry of the site, for a rebuild."""
    for source in sources():
        yield from source.documents()


def count_all() -> int:
    """How many entries a rebuild will produce at most (for the progress bar)."""
    return sum(source.count() for source in sources())
