"""What every public page tells search engines and social media: canonical address, meta
description, robots, Open Graph / Twitter card, schema.org JSON-LD and Highwire citation tags.

One function per concern, each fed by the template context of the page (Wagtail page, glossary
term, help page or search page), so a new page type needs no change here to get sensible tags.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.models import Site

from opendata.models import FindabilitySettings

SITE_NAME = "Kenniscentrum (cyber)pesten"
DEFAULT_DESCRIPTION = (
    "Het Kenniscentrum (cyber)pesten bundelt onderzoek, goede praktijken en toolkits over pesten "
    "en cyberpesten voor scholen, verenigingen, werkgevers, zorg, ouders en jongeren."
)
OWN_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
DESCRIPTION_CHARS = 300


def site_settings(request) -> FindabilitySettings | None:
    if request is None or Site.find_for_request(request) is None:
        return None
    return FindabilitySettings.for_request(request)  # cached on the request


def root_url(request=None) -> str:
    """The site's public address, the one Wagtail gives pages (Site hostname and port), so that
    canonical links, the sitemap, feeds and the API all name the same host."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(request, url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    if request is not None:
        cached = getattr(request, "_opendata_root_url", None)
        if cached is None:
            cached = request._opendata_root_url = root_url(request)
        return cached + url
    return root_url() + url


def clean_text(value, limit=DESCRIPTION_CHARS) -> str:
    return Truncator(" ".join(strip_tags(str(value or "")).split())).chars(limit)


def description(context) -> str:
    """The page's own description, its summary, what the view says, or the site's default."""
    page = context.get("page")
    term = context.get("term")
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


def hidden_page_ids(settings_obj) -> set[int]:
    if settings_obj is None:
        return set()
    return set(settings_obj.hidden_pages.values_list("page_id", flat=True))


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
    if settings_obj is not None and settings_obj.share_image_id:
        rendition = settings_obj.share_image.get_rendition("fill-1200x630|format-png")
        return absolute(request, rendition.url)
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
