"""Find the external links of live pages, whatever their type.

A page's serialised data (fields, rich text, StreamField JSON and child objects such as a
resource's links) is searched for http(s) addresses, so a new content type needs no code here.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Page

# Up to a quote, whitespace, angle bracket or a JSON escape backslash.
URL_RE = re.compile(r"https?://[^\s\"'<>\\]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}"
MAX_URL_LENGTH = 2000


def own_hosts() -> set[str]:
    """Our own site's host names: internal links are not external links.
    `LINKCHECK_IGNORE_HOSTS` replaces the default (ALLOWED_HOSTS and the BASE_URL's host)."""
    configured = getattr(settings, "LINKCHECK_IGNORE_HOSTS", None)
    if configured is not None:
        return {h.lower() for h in configured}
    hosts = {h.lower().lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"}
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL or "").hostname
    if base:
        hosts.add(base.lower())
    return hosts


def clean_url(raw: str) -> str | None:
    url = html.unescape(raw).rstrip(TRAILING)
    if len(url) > MAX_URL_LENGTH:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return parts._replace(fragment="").geturl()


def urls_in(value) -> list[str]:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    found = []
    for match in URL_RE.findall(text):
        url = clean_url(match)
        if url and url not in found:
            found.append(url)
    return found


def page_links() -> Iterator[tuple[int, str]]:
    """(page id, url) for every external link of every live page."""
    hosts = own_hosts()
    for page in Page.objects.live().specific().iterator(chunk_size=200):
        for url in urls_in(page.serializable_data()):
            if (urlsplit(url).hostname or "").lower() not in hosts:
                yield page.pk, url
