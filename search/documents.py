"""Turning content into search entries (`IndexDocument`), the same for every engine.

What is searchable: live, public research summaries, practices, toolkits, news and training
pages; every document offered as a download by a live toolkit (a result of its own, with
format and size); glossary terms while the glossary page is live. Drafts, unpublished and
private pages never become an entry.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.models import Page
from wagtail.search import index

from core.models import DOCUMENT_KIND_CHOICES, ContentPage, KennisDocument
from glossary.models import GlossaryPage, GlossaryTerm
from helpfinder.models import HelpRoute, HelpService, PlatformGuide
from home.models import AudiencePage
from news.models import EventPage, NewsPage
from practices.models import PracticePage
from research.models import ResearchPage
from search.backends.base import IndexDocument
from search.facets import TAXONOMY_FIELDS, cell_value
from toolkits.models import ToolkitPage

PAGE_TYPES: dict[type[Page], str] = {
    ToolkitPage: "toolkit",
    ResearchPage: "onderzoek",
    PracticePage: "praktijk",
    NewsPage: "nieuws",
    EventPage: "vorming",
    AudiencePage: "doelgroep",
    ContentPage: "pagina",
}
KIND_LABELS = dict(DOCUMENT_KIND_CHOICES)
MAX_BODY_CHARS = 50_000  # enough for any real page; caps what one entry can cost


def page_key(page_id: int) -> str:
    return f"page:{page_id}"


def document_key(document_id: int) -> str:
    return f"document:{document_id}"


def term_key(term_id: int) -> str:
    return f"term:{term_id}"


def _text(value) -> str:
    return " ".join(strip_tags(str(value or "")).split())


def _searchable_text(obj, exclude=("title", "summary")) -> str:
    """Text of an object's Wagtail `SearchField`s (StreamFields and rich text flattened)."""
    parts = []
    for search_field in obj.search_fields:
        if not isinstance(search_field, index.SearchField) or search_field.field_name in exclude:
            continue
        try:
            model_field = obj._meta.get_field(search_field.field_name)
        except Exception:  # noqa: BLE001 - a search field may be a method
            model_field = None
        value = getattr(obj, search_field.field_name, "")
        if callable(value):
            value = value()
        if model_field is not None and hasattr(model_field, "get_searchable_content"):
            parts.extend(_text(v) for v in model_field.get_searchable_content(value))
        else:
            parts.append(_text(value))
    return " ".join(p for p in parts if p)


def _taxonomy_facets(page) -> dict[str, list[str]]:
    facets: dict[str, list[str]] = {}
    for field_name, facet in TAXONOMY_FIELDS.items():
        facets[facet] = sorted(getattr(page, field_name).values_list("slug", flat=True))
    cells = list(page.school_cells.values_list("strategy__slug", "level__slug"))
    facets["strategie"] = sorted({s for s, _ in cells})
    facets["niveau"] = sorted({lvl for _, lvl in cells})
    facets["cel"] = sorted(cell_value(s, lvl) for s, lvl in cells)
    return facets


def is_searchable_page(page: Page) -> bool:
    return (
        type(page) in PAGE_TYPES
        and page.live
        and not page.expired
        and Page.objects.filter(pk=page.pk).public().exists()
    )


def page_document(page: Page) -> IndexDocument | None:
    """The entry of a specific page, or None when it must not be searchable."""
    page = page.specific
    if not is_searchable_page(page):
        return None
    kind = PAGE_TYPES[type(page)]
    body = _searchable_text(page)
    extra: dict = {}
    date = page.last_published_at.date() if page.last_published_at else None
    language = "nl"
    if isinstance(page, ResearchPage):
        date = datetime.date(page.year, 1, 1)
        language = page.language
        figures = " ".join(f.label for f in page.key_figures.all())
        body = " ".join([body, page.original_title, page.publisher, page.journal, page.population, figures])
        extra["citation"] = f"{page.authors} ({page.year})"
    elif isinstance(page, NewsPage):
        date = page.date
    elif isinstance(page, EventPage):
        date = page.start.date()
        body = " ".join([body, page.organiser, page.get_kind_display()])
        extra["event_kind"] = page.get_kind_display()
        extra["start"] = page.start.isoformat()
    elif isinstance(page, PracticePage):
        body = " ".join([body, _text(page.materials), _text(page.evidence_justification)])
        extra["evidence_label"] = page.get_evidence_level_display()
    elif isinstance(page, ToolkitPage):
        body = " ".join([body, *(d.title for d in page.download_documents())])
    facets = _taxonomy_facets(page) if hasattr(page, "school_cells") else {}
    if isinstance(page, AudiencePage):
        # No `doelgroep` facet: the audience page lists its material pre-filtered on it and
        # must not list itself.
        body = " ".join([page.intro, body])
    if isinstance(page, PracticePage):
        facets["bewijs"] = [page.evidence_level]
    return IndexDocument(
        key=page_key(page.pk),
        type=kind,
        title=page.title,
        url=page.get_url() or page.url_path,
        summary=getattr(page, "summary", "") or Truncator(body).words(40),
        body=body[:MAX_BODY_CHARS],
        date=date,
        language=language,
        facets=_finish(facets, kind, date, language),
        extra=extra,
    )


def _finish(facets: dict, kind: str, date, language: str) -> dict[str, list[str]]:
    facets = {name: values for name, values in facets.items() if values}
    facets["type"] = [kind]
    facets["taal"] = [language]
    if date:
        facets["jaar"] = [str(date.year)]
    return facets


def live_toolkits_for(document: KennisDocument) -> list[ToolkitPage]:
    toolkits = ToolkitPage.objects.live().public().filter(downloads__document=document).distinct()
    return list(toolkits.order_by("title"))


def document_document(document: KennisDocument) -> IndexDocument | None:
    """A download is searchable while a live toolkit offers it. It inherits the toolkits'
    topics, approaches, ages, settings and school cells; its own audiences and language win."""
    toolkits = live_toolkits_for(document)
    if not toolkits or document.collection.get_view_restrictions().exists():
        return None  # not offered, or in a private collection
    facets: dict[str, set[str]] = {}
    for toolkit in toolkits:
        for name, values in _taxonomy_facets(toolkit).items():
            facets.setdefault(name, set()).update(values)
    own_audiences = sorted(document.audiences.values_list("slug", flat=True))
    if own_audiences:
        facets["doelgroep"] = set(own_audiences)
    date = document.created_at.date() if document.created_at else None
    kind_label = KIND_LABELS.get(document.kind, "")
    summary = document.description or f"{kind_label} uit de toolkit {toolkits[0].title}."
    return IndexDocument(
        key=document_key(document.pk),
        type="document",
        title=document.title,
        url=document.url,
        summary=summary,
        body=" ".join([kind_label, *(t.title for t in toolkits)]),
        date=date,
        language=document.language,
        facets=_finish({k: sorted(v) for k, v in facets.items()}, "document", date, document.language),
        extra={
            "format": document.format_label,
            "size": document.size_label,
            "size_bytes": document.file_size or 0,
            "kind": kind_label,
            "toolkits": [{"title": t.title, "url": t.get_url()} for t in toolkits],
            "toolkit_ids": [t.pk for t in toolkits],
        },
    )


def term_document(term: GlossaryTerm) -> IndexDocument | None:
    url = term.get_url()
    if not url:
        return None
    definition = _text(term.definition)
    return IndexDocument(
        key=term_key(term.pk),
        type="begrip",
        title=term.term,
        url=url,
        summary=definition,
        body=term.also_known_as,
        date=None,
        language="nl",
        facets=_finish({}, "begrip", None, "nl"),
        extra={"also_known_as": term.also_known_as},
    )


# The help-finder's content: helplines (with their numbers), help routes and the platforms'
# reporting guides. Keys are slugs ("hulplijn:awel"), so an entry survives a re-seed.
HELP_MODELS = {HelpService: "hulplijn", HelpRoute: "hulproute", PlatformGuide: "meldgids"}


def help_key(obj) -> str:
    return f"{HELP_MODELS[type(obj)]}:{obj.slug}"


def help_document(obj) -> IndexDocument:
    from django.urls import reverse

    kind = HELP_MODELS[type(obj)]
    facets: dict[str, list[str]] = {}
    if isinstance(obj, HelpService):
        numbers = {obj.phone, obj.phone_display, obj.phone.replace(" ", "")} - {""}
        title = obj.name
        summary = obj.description
        body = " ".join([obj.audience_hint, obj.hours_note, *sorted(numbers), "hulplijn bellen"])
        url = reverse("helpfinder:helplines") + f"#dienst-{obj.slug}"
    elif isinstance(obj, HelpRoute):
        title, summary = obj.title, obj.summary
        services = " ".join(f"{s.name} {s.phone}" for s in obj.services.all())
        body = " ".join([_text(obj.body), obj.link_label, services])
        url = (
            reverse("helpfinder:evidence")
            if obj.slug == "bewijs-bewaren"
            else reverse("helpfinder:route-detail", args=[obj.slug])
        )
    else:
        title = f"{obj.name}: pesten of bedreiging melden"
        summary = obj.intro
        steps = " ".join(_text(v) for block in obj.steps for v in _block_values(block.value))
        body = " ".join([obj.name, steps, _text(obj.after)])
        url = obj.get_absolute_url()
        facets["omgeving"] = ["online"]
        facets["aanpak"] = ["melden"]
    return IndexDocument(
        key=help_key(obj),
        type=kind,
        title=title,
        url=url,
        summary=summary,
        body=body[:MAX_BODY_CHARS],
        date=None,
        language="nl",
        facets=_finish(facets, kind, None, "nl"),
    )


def _block_values(value) -> list:
    if hasattr(value, "values"):
        return list(value.values())
    return [value]


def help_documents() -> Iterator[IndexDocument]:
    for model in HELP_MODELS:
        for obj in model.objects.order_by("pk"):
            yield help_document(obj)


def all_documents() -> Iterator[IndexDocument]:
    """Every entry of the site, for a rebuild."""
    for model in PAGE_TYPES:
        for page in model.objects.live().public().order_by("pk"):
            entry = page_document(page)
            if entry:
                yield entry
    document_ids = ToolkitPage.objects.live().public().values_list("downloads__document", flat=True).distinct()
    for document in KennisDocument.objects.filter(pk__in=document_ids).order_by("pk"):
        entry = document_document(document)
        if entry:
            yield entry
    if GlossaryPage.objects.live().public().exists():
        for term in GlossaryTerm.objects.order_by("pk"):
            entry = term_document(term)
            if entry:
                yield entry
    yield from help_documents()


def count_all() -> int:
    """How many entries a rebuild will produce at most (for the progress bar)."""
    pages = sum(model.objects.live().public().count() for model in PAGE_TYPES)
    documents = (
        ToolkitPage.objects.live()
        .public()
        .filter(downloads__isnull=False)
        .values("downloads__document")
        .distinct()
        .count()
    )
    helps = sum(model.objects.count() for model in HELP_MODELS)
    return pages + documents + GlossaryTerm.objects.count() + helps
