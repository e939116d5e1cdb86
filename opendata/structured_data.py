"""schema.org JSON-LD per page type and Highwire `citation_*` tags for research summaries.

Research summary -> ScholarlyArticle (with the publication it summarises as `citation`),
practice -> CreativeWork, toolkit -> LearningResource, training -> Course, event or campaign
-> Event, news -> NewsArticle, glossary term -> DefinedTerm, home -> Organization + WebSite,
any other page -> WebPage. A type without its own builder still gets WebPage.
"""

from __future__ import annotations

from django.templatetags.static import static
from django.urls import reverse

from core.models import LICENCE_CHOICES
from core.templatetags.core_tags import taxonomy_groups
from home.models import HomePage
from news.models import EventPage, NewsPage
from opendata.findability import OWN_LICENCE_URL, SITE_NAME, absolute, clean_text, description, title
from practices.models import PracticePage
from research.models import ResearchPage
from resources.models import ResourcePage
from toolkits.models import ToolkitPage

LICENCE_URLS = {
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-sa-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc-by-nc-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "cc-by-nc-sa-4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "cc-by-nc-nd-4.0": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
}
LICENCE_LABELS = dict(LICENCE_CHOICES)


def organization(request) -> dict:
    home = absolute(request, "/")
    return {
        "@type": "Organization",
        "@id": home + "#organisatie",
        "name": SITE_NAME,
        "url": home,
        "logo": absolute(request, static("img/icon-512.png")),
        "description": (
            "Onafhankelijk, multidisciplinair kenniscentrum over pesten en cyberpesten, "
            "op vraag van het Vlaams Parlement."
        ),
    }


def split_authors(authors: str) -> list[str]:
    """'Vandebosch, H.; Van Cleemput, K.' -> ['Vandebosch, H.', 'Van Cleemput, K.']"""
    return [name.strip() for name in (authors or "").split(";") if name.strip()]


def _base(context, schema_type: str) -> dict:
    request = context.get("request")
    page = context.get("page")
    data = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "name": title(context),
        "headline": title(context)[:110],
        "description": description(context),
        "url": absolute(request, request.path) if request else "",
        "inLanguage": "nl-BE",
        "publisher": {"@id": absolute(request, "/") + "#organisatie", "@type": "Organization", "name": SITE_NAME},
    }
    if page is not None and getattr(page, "first_published_at", None):
        data["datePublished"] = page.first_published_at.isoformat()
    if page is not None and getattr(page, "last_published_at", None):
        data["dateModified"] = page.last_published_at.isoformat()
    if schema_type != "WebPage":
        data["license"] = OWN_LICENCE_URL
    return data


def _terms(page) -> dict[str, list[str]]:
    """The page's taxonomy term names per search parameter, in one query (core's tag)."""
    if not hasattr(page, "_opendata_terms"):
        groups = taxonomy_groups(page) if hasattr(page, "audiences") else []
        page._opendata_terms = {g["param"]: [t.name for t in g.get("terms", [])] for g in groups}
    return page._opendata_terms


def _audiences(page) -> list[dict]:
    return [{"@type": "Audience", "audienceType": name} for name in _terms(page).get("doelgroep", [])]


def _keywords(page) -> list[str]:
    terms = _terms(page)
    return terms.get("thema", []) + terms.get("aanpak", [])


def research(context, page: ResearchPage) -> dict:
    data = _base(context, "ScholarlyArticle")
    original = {
        "@type": "ScholarlyArticle" if page.publication_type == "artikel" else "CreativeWork",
        "name": page.original_title or page.title,
        "author": [{"@type": "Person", "name": name} for name in split_authors(page.authors)],
        "datePublished": str(page.year),
        "inLanguage": page.language,
    }
    if page.doi:
        original["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": page.doi}
        original["sameAs"] = page.doi_url
    if page.publication_url:
        original["url"] = page.publication_url
    if page.publisher:
        original["publisher"] = {"@type": "Organization", "name": page.publisher}
    if page.journal:
        original["isPartOf"] = {"@type": "Periodical", "name": page.journal}
    data.update(
        {
            "about": _keywords(page),
            "audience": _audiences(page),
            "isBasedOn": original,
            "citation": original,
            "author": original["author"],
        }
    )
    return data


def practice(context, page: PracticePage) -> dict:
    data = _base(context, "CreativeWork")
    data.update(
        {
            "genre": "Goede praktijk",
            "about": _keywords(page),
            "audience": _audiences(page),
            "educationalLevel": page.get_evidence_level_display(),
        }
    )
    if page.provider:
        data["creator"] = {"@type": "Organization", "name": page.provider}
    if page.website:
        data["sameAs"] = page.website
    research_urls = [absolute(context.get("request"), r.url) for r in page.linked_research()]
    if research_urls:
        data["citation"] = research_urls
    return data


def toolkit(context, page: ToolkitPage) -> dict:
    data = _base(context, "LearningResource")
    data.update({"about": _keywords(page), "audience": _audiences(page), "learningResourceType": "toolkit"})
    parts = []
    for document in page.download_documents():
        parts.append(
            {
                "@type": "MediaObject",
                "name": document.title,
                "contentUrl": absolute(context.get("request"), document.url),
                "encodingFormat": document.format_label,
                "contentSize": document.size_label,
                "license": LICENCE_URLS.get(document.licence, LICENCE_LABELS.get(document.licence, "")),
            }
        )
    if parts:
        data["hasPart"] = parts
    return data


def event(context, page: EventPage) -> dict:
    data = _base(context, "Course" if page.kind == "opleiding" else "Event")
    start, end = page.start.isoformat(), (page.end or page.start).isoformat()
    location = (
        {"@type": "VirtualLocation", "url": page.registration_url or absolute(context.get("request"), page.url)}
        if page.online
        else {"@type": "Place", "name": page.location or "Vlaanderen", "address": page.location or "Vlaanderen"}
    )
    schedule = {
        "startDate": start,
        "endDate": end,
        "location": location,
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"
        if page.online
        else "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if page.organiser:
        schedule["organizer"] = {"@type": "Organization", "name": page.organiser}
    if data["@type"] == "Course":
        data["provider"] = schedule.get("organizer", {"@type": "Organization", "name": SITE_NAME})
        mode = "online" if page.online else "onsite"
        data["hasCourseInstance"] = {"@type": "CourseInstance", "courseMode": mode, **schedule}
    else:
        data.update(schedule)
    data["audience"] = _audiences(page)
    return data


def news(context, page: NewsPage) -> dict:
    data = _base(context, "NewsArticle")
    data["datePublished"] = page.date.isoformat()
    data["author"] = {"@type": "Organization", "name": SITE_NAME}
    data["image"] = [absolute(context.get("request"), static("img/share.png"))]
    return data


def home(context, page) -> list[dict]:
    request = context.get("request")
    org = {"@context": "https://schema.org", **organization(request)}
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": absolute(request, "/"),
        "inLanguage": "nl-BE",
        "publisher": {"@id": org["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(request, reverse("search:page")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    return [org, website]


def resource(context, page: ResourcePage) -> dict:
    """External material, described in our own words: the work itself belongs to its owner."""
    data = _base(context, "LearningResource")
    data.pop("license", None)
    data.update(
        {"about": _keywords(page), "audience": _audiences(page), "learningResourceType": page.get_kind_display()}
    )
    if page.owner_name:
        data["creator"] = {"@type": "Organization", "name": page.owner_name}
    if page.licence in LICENCE_URLS:
        data["license"] = LICENCE_URLS[page.licence]
    links = [link.url for link in page.links.all()]
    if links:
        data["sameAs"] = links
    return data


def glossary_term(context, term) -> dict:
    request = context.get("request")
    page = context.get("page")
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": term.term,
        "description": clean_text(term.definition, 1000),
        "url": absolute(request, request.path),
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "name": page.title if page is not None else "Woordenlijst",
            "url": absolute(request, page.url) if page is not None else absolute(request, "/"),
        },
        "inLanguage": "nl-BE",
    }


BUILDERS = {
    ResearchPage: research,
    PracticePage: practice,
    ToolkitPage: toolkit,
    EventPage: event,
    NewsPage: news,
    HomePage: home,
    ResourcePage: resource,
}
ARTICLES = {ResearchPage, PracticePage, ToolkitPage, EventPage, NewsPage, ResourcePage}


def structured_data(context) -> list[dict]:
    term = context.get("term")
    if term is not None:
        return [glossary_term(context, term)]
    page = context.get("page")
    builder = BUILDERS.get(type(page)) if page is not None else None
    data = builder(context, page) if builder else _base(context, "WebPage")
    return data if isinstance(data, list) else [data]


def citation_tags(context) -> list[tuple[str, str]]:
    """Highwire Press tags (Google Scholar, Zotero's 'Embedded Metadata' translator) for the
    publication a research summary describes."""
    page = context.get("page")
    if not isinstance(page, ResearchPage):
        return []
    request = context.get("request")
    tags = [("citation_title", page.original_title or page.title)]
    tags += [("citation_author", name) for name in split_authors(page.authors)]
    tags.append(("citation_publication_date", str(page.year)))
    tags.append(("citation_date", str(page.year)))
    if page.doi:
        tags.append(("citation_doi", page.doi))
    if page.journal:
        name = "citation_inbook_title" if page.publication_type == "hoofdstuk" else "citation_journal_title"
        tags.append((name, page.journal))
    if page.publisher:
        key = "citation_technical_report_institution" if page.publication_type == "rapport" else "citation_publisher"
        tags.append((key, page.publisher))
    for name, value in (("citation_volume", page.volume), ("citation_issue", page.issue)):
        if value:
            tags.append((name, value))
    if page.pages:
        first, _, last = page.pages.replace("–", "-").partition("-")
        tags.append(("citation_firstpage", first.strip()))
        if last.strip():
            tags.append(("citation_lastpage", last.strip()))
    tags.append(("citation_language", page.language))
    if page.publication_url:
        tags.append(("citation_public_url", page.publication_url))
    tags.append(("citation_abstract_html_url", absolute(request, page.url)))
    return [(name, value) for name, value in tags if value]
