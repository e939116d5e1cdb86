"""The public catalogue: every item of the search index (what is public is decided once, in
search/), with stable ids, absolute URLs, dates, licence, taxonomy values, evidence level,
documents and the details of its type. The API, the dump and the tests all read it here.

Items are the rows of the database search index (`search.SearchEntry`, always current, also
when a search cluster is used), so every type that registers with search is in the catalogue
without a change here; `DETAILS` adds the type-specific fields where a builder exists.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Max

from wagtail.models import Page

from core.models import LICENCE_CHOICES, KennisDocument
from glossary.models import GlossaryTerm
from news.models import EventPage, NewsPage
from opendata.structured_data import LICENCE_URLS, split_authors
from practices.models import PracticePage
from research.models import ResearchPage
from search.facets import FACETS
from search.models import SearchEntry, SearchIndexState
from search.service import facet_choices
from toolkits.models import ToolkitPage

API_VERSION = "v1"
OWN_LICENCE = "cc-by-4.0"
LICENCE_LABELS = {code: label.split(" (")[0] for code, label in LICENCE_CHOICES}
TAXONOMY_PARAMS = [f.param for f in FACETS if f.param not in {"type", "jaar", "taal"}]


def licence(code: str) -> dict:
    return {"code": code, "label": LICENCE_LABELS.get(code, code), "url": LICENCE_URLS.get(code)}


def facet_labels() -> dict[str, dict[str, str]]:
    years = list(SearchEntry.objects.exclude(date=None).dates("date", "year").values_list("date__year", flat=True))
    return {param: dict(values) for param, values in facet_choices([str(y) for y in years]).items()}


def version_token() -> str:
    """Changes with every write to the search index (see search.models.SearchIndexState)."""
    state = SearchIndexState.objects.filter(pk=1).values_list("token", flat=True).first()
    return state or "leeg"


def last_modified(entries=None) -> datetime.datetime | None:
    qs = SearchEntry.objects.all() if entries is None else entries
    return qs.aggregate(latest=Max("updated_at"))["latest"]


def entries(filters: dict[str, list[str]] | None = None, changed_since=None):
    """Index rows matching every facet (OR within a facet), in a stable order (key)."""
    qs = SearchEntry.objects.all()
    for param, values in (filters or {}).items():
        if values:
            matching = SearchEntry.objects.filter(facet_values__facet=param, facet_values__value__in=values)
            qs = qs.filter(pk__in=matching.values("pk"))
    if changed_since is not None:
        qs = qs.filter(updated_at__gte=changed_since)
    return qs.order_by("key")


def _document(document: KennisDocument, absolute) -> dict:
    return {
        "id": f"document:{document.pk}",
        "title": document.title,
        "url": absolute(document.url),
        "format": (document.file_extension or "").lower(),
        "size_bytes": document.file_size or 0,
        "language": document.language,
        "kind": document.kind,
        "licence": licence(document.licence),
    }


def _html(value) -> str:
    return str(value or "")


def research_details(page: ResearchPage, absolute) -> dict:
    return {
        "authors": split_authors(page.authors),
        "year": page.year,
        "original_title": page.original_title or page.title,
        "publication_type": page.publication_type,
        "publisher": page.publisher,
        "journal": page.journal,
        "volume": page.volume,
        "issue": page.issue,
        "pages": page.pages,
        "doi": page.doi,
        "publication_url": page.publication_url,
        "open_access": page.open_access,
        "region": page.region,
        "method": page.method,
        "sample_size": page.sample_size,
        "population": page.population,
        "key_findings_html": _html(page.key_findings),
        "implications_html": _html(page.implications),
        "key_figures": [
            {"label": f.label, "value": float(f.value), "unit": f.unit, "year": f.year}
            for f in page.key_figures.all()
        ],
        "citation_bibtex": absolute(page.citation_download_url("bib")),
        "citation_ris": absolute(page.citation_download_url("ris")),
    }


def practice_details(page: PracticePage, absolute) -> dict:
    return {
        "description_html": _html(page.description),
        "strategy_html": _html(page.strategy),
        "provider": page.provider,
        "contact": page.contact,
        "website": page.website,
        "cost": page.cost,
        "duration": page.duration,
        "materials_html": _html(page.materials),
        "evidence_justification_html": _html(page.evidence_justification),
        "research": [f"page:{r.pk}" for r in page.linked_research()],
    }


def toolkit_details(page: ToolkitPage, absolute) -> dict:
    return {
        "intro": page.intro,
        "practices": [f"page:{p.pk}" for p in page.related_practice_pages()],
        "research": [f"page:{p.pk}" for p in page.related_research_pages()],
    }


def event_details(page: EventPage, absolute) -> dict:
    return {
        "kind": page.kind,
        "start": page.start.isoformat(),
        "end": page.end.isoformat() if page.end else None,
        "location": page.location,
        "online": page.online,
        "organiser": page.organiser,
        "price": page.price,
        "registration_url": page.registration_url,
    }


def news_details(page: NewsPage, absolute) -> dict:
    return {"date": page.date.isoformat()}


def term_details(term: GlossaryTerm, absolute) -> dict:
    return {"definition_html": _html(term.definition), "also_known_as": term.also_known_as}


DETAILS = {
    ResearchPage: research_details,
    PracticePage: practice_details,
    ToolkitPage: toolkit_details,
    EventPage: event_details,
    NewsPage: news_details,
    GlossaryTerm: term_details,
}


def load_objects(rows) -> dict[str, object]:
    """The objects behind index rows, a few queries per page of rows."""
    ids = defaultdict(list)
    for row in rows:
        prefix, _, rest = row.key.partition(":")
        if rest.isdigit():
            ids[prefix].append(int(rest))
    objects: dict[str, object] = {}
    for page in Page.objects.filter(pk__in=ids["page"]).specific():
        objects[f"page:{page.pk}"] = page
    for document in KennisDocument.objects.filter(pk__in=ids["document"]):
        objects[f"document:{document.pk}"] = document
    for term in GlossaryTerm.objects.filter(pk__in=ids["term"]):
        objects[f"term:{term.pk}"] = term
    return objects


def item(row: SearchEntry, obj, labels: dict, absolute) -> dict:
    """One catalogue record."""
    facets = row.facets or {}
    taxonomy = {
        param: [{"slug": v, "label": labels.get(param, {}).get(v, v)} for v in facets.get(param, [])]
        for param in TAXONOMY_PARAMS
        if param != "bewijs"
    }
    evidence = None
    if facets.get("bewijs"):
        level = facets["bewijs"][0]
        evidence = {"level": level, "label": labels.get("bewijs", {}).get(level, level)}
    documents = []
    code = OWN_LICENCE
    if isinstance(obj, KennisDocument):
        documents = [_document(obj, absolute)]
        code = obj.licence
    elif isinstance(obj, ToolkitPage):
        documents = [_document(d, absolute) for d in obj.download_documents()]
    elif obj is not None and isinstance(getattr(obj, "licence", None), str):
        code = obj.licence  # e.g. an external resource carries its own licence
    first = getattr(obj, "first_published_at", None) or getattr(obj, "created_at", None)
    modified = getattr(obj, "last_published_at", None) or row.updated_at
    builder = DETAILS.get(type(obj))
    return {
        "id": row.key,
        "type": row.type,
        "type_label": labels.get("type", {}).get(row.type, row.type),
        "title": row.title,
        "url": absolute(row.url),
        "api_url": absolute(f"/api/{API_VERSION}/items/{row.key}/"),
        "summary": row.summary,
        "language": row.language,
        "date": row.date.isoformat() if row.date else None,
        "first_published": first.isoformat() if first else None,
        "last_modified": modified.isoformat(),
        "licence": _own_licence(obj, code),
        "taxonomy": taxonomy,
        "evidence": evidence,
        "documents": documents,
        "details": builder(obj, absolute) if builder and obj is not None else {},
    }


def _own_licence(obj, code: str) -> dict:
    data = licence(code)
    if code not in LICENCE_LABELS and hasattr(obj, "get_licence_display"):
        data["label"] = obj.get_licence_display()  # a type with licences of its own
    return data


def items(rows, absolute, labels=None) -> list[dict]:
    rows = list(rows)
    labels = labels if labels is not None else facet_labels()
    objects = load_objects(rows)
    return [item(row, objects.get(row.key), labels, absolute) for row in rows]


def taxonomies(labels=None) -> list[dict]:
    labels = labels if labels is not None else facet_labels()
    return [
        {
            "param": facet.param,
            "label": facet.label,
            "values": [{"slug": value, "label": label} for value, label in labels.get(facet.param, {}).items()],
        }
        for facet in FACETS
    ]
