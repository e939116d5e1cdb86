"""What every public page tells search engines and social media: canonical address, meta
description, robots, Open Graph / Twitter card, schema.org JSON-LD and Highwire citation tags.

One function per concern, each fed by the template context of the page (Wagtail page, glossary
term, help page or search page), so a new page type needs no change here to get sensible tags.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from django.templatetags.static import static
from django.utils.text import Truncator

from wagtail.models import Site
from wagtail.rich_text import get_text_for_indexing

from core import pagecache
from opendata.models import FindabilitySettings

SITE_NAME = "Kenniscentrum (cyber)pesten"
DEFAULT_DESCRIPTION = (
    "Het Kenniscentrum (cyber)pesten bundelt onderzoek, goede praktijken en toolkits over pesten "
    "en cyberpesten voor scholen, verenigingen, werkgevers, zorg, ouders en jongeren."
)
OWN_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
DESCRIPTION_CHARS = 300


@dataclass(frozen=True)
class Findability:
    """What the settings say for one host, kept in the pages cache until the next content change
    (no query per page): the site's address, default description, share image, hidden pages."""

    root_url: str
    default_description: str
    share_image_path: str
    hidden_ids: frozenset


def _load(request) -> Findability:
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Findability(settings.WAGTAILADMIN_BASE_URL.rstrip("/"), "", "", frozenset())
    # Read, never create, here: a created row is a content change that empties the page cache.
    obj = FindabilitySettings.objects.filter(site=site).select_related("share_image").first()
    if obj is None:
        return Findability(site.root_url, "", "", frozenset())
    image = ""
    if obj.share_image_id:
        image = obj.share_image.get_rendition("fill-1200x630|format-png").url
    return Findability(
        root_url=site.root_url,
        default_description=obj.default_description,
        share_image_path=image,
        hidden_ids=frozenset(obj.hidden_pages.values_list("page_id", flat=True)),
    )


def site_settings(request) -> Findability | None:
    if request is None:
        return None
    cached = getattr(request, "_opendata_findability", None)
    if cached is None:
        key = f"findability:{request.get_host()}"
        cached = request._opendata_findability = pagecache.fragment(key, lambda: _load(request))
    return cached


def root_url(request=None) -> str:
    """The site's public address, the one Wagtail gives pages (Site hostname and port), so that
    canonical links, the sitemap, feeds and the API all name the same host."""
    if request is not None:
        return site_settings(request).root_url
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(request, url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return root_url(request) + url


def clean_text(value, limit=DESCRIPTION_CHARS) -> str:
    """Rich or plain text as one line: a space between paragraphs, entities read (the
    template escapes them once)."""
    return Truncator(" ".join(get_text_for_indexing(str(value or "")).split())).chars(limit)


def description(context) -> str:
    """The page's own description, its summary, what the view says, or the site's default.

    The meta tags, the share tags and the JSON-LD all ask: worked out once per request."""
    page = context.get("page")
    term = context.get("term")
    request = context.get("request")
    key = (page, term, context.get("meta_description", ""), context.get("findability"))
    known = getattr(request, "_opendata_description", None)
    if known is not None and known[0] == key:
        return known[1]
    text = _description(context, page, term)
    if request is not None:
        request._opendata_description = (key, text)
    return text


def _description(context, page, term) -> str:
    candidates = [
        getattr(term, "definition", "") if term is not None else "",
        getattr(page, "search_description", ""),
        getattr(page, "summary", ""),
        context.get("meta_description", ""),
    ]
    settings_obj = context.get("findability")
    if settings_obj is not None:
        candidates.append(settings_obj.default_description)
    for text in candidates:
        text = clean_text(text)
        if text:
            return text
    return DEFAULT_DESCRIPTION


def hidden_page_ids(settings_obj) -> frozenset:
    return settings_obj.hidden_ids if settings_obj is not None else frozenset()


def is_noindex(context) -> bool:
    """Search results with a query or filters, listing pages beyond their first unfiltered
    view, and pages the editors hid. The page itself says why in its template when relevant."""
    request = context.get("request")
    if context.get("noindex"):
        return True
    search = context.get("search")
    if search is not None and getattr(search, "is_search", False) and context.get("page") is None:
        return True
    page = context.get("page")
    if page is not None and getattr(page, "pk", None) in hidden_page_ids(context.get("findability")):
        return True
    # Filtered, sorted or searched variants of a page are not pages of their own.
    return bool(request is not None and set(request.GET) - {"page"})


def canonical_url(context) -> str:
    """The address without query string: filters, sorting and tracking never make a page of
    their own. Paginated listings keep their page number."""
    request = context.get("request")
    if request is None:
        return ""
    url = absolute(request, request.path)
    page_number = request.GET.get("page", "")
    if page_number.isascii() and page_number.isdigit() and len(page_number) <= 6 and int(page_number) > 1 \
            and len(request.GET) == 1:
        url += f"?page={int(page_number)}"
    return url


def share_image_url(context) -> str:
    request = context.get("request")
    settings_obj = context.get("findability")
    if settings_obj is not None and settings_obj.share_image_path:
        return absolute(request, settings_obj.share_image_path)
    return absolute(request, static("img/share.png"))


def title(context) -> str:
    page = context.get("page")
    term = context.get("term")
    if term is not None:
        return f"{term.term}: wat betekent het?"
    if page is not None:
        return getattr(page, "seo_title", "") or page.title
    return context.get("meta_title", SITE_NAME)


def json_ld(data) -> str:
    """JSON for a <script> element: '<', '>' and '&' escaped so text can never close it."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
