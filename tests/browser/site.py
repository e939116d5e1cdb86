"""Finding pages on the live test server without a browser: plain HTTP and an HTML parser.

Used to build the list of page types (the first toolkit under /toolkits/, ...) and to search the
shortest click paths of the audience journeys.
"""

import urllib.error
import urllib.request
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# Sections created by the demo content (demo/), by page type.
SECTIONS = {
    "toolkit": "/toolkits/",
    "research": "/onderzoek/",
    "practice": "/goede-praktijken/",
    "extern": "/extern-materiaal/",
    "glossary": "/woordenlijst/",
    "news": "/nieuws/",
    "event": "/vorming/",
}
AUDIENCE_PAGES = [
    "/onderwijs/",
    "/jeugdwerk-sport-cultuur/",
    "/werkgevers-werknemers/",
    "/zorg-welzijn/",
    "/ouders/",
    "/jongeren/",
    "/onderzoek-beleid/",
]
CONTENT_PAGES = [
    "/over-ons/",
    "/privacy/",
    "/toegankelijkheid/",
    "/veilig-surfen/",
    "/bewijskracht/",
]


class LinkParser(HTMLParser):
    """Collects hrefs (with their text), telling apart links inside <main> and elsewhere."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str, bool]] = []
        self.checkboxes: list[tuple[str, str]] = []
        self._main_depth = 0
        self._current: list | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "main":
            self._main_depth += 1
        elif tag == "a" and attributes.get("href"):
            self._current = [attributes["href"], "", self._main_depth > 0]
        elif tag == "input" and attributes.get("type") in {"checkbox", "radio"} and attributes.get("name"):
            self.checkboxes.append((attributes["name"], attributes.get("value", "on")))

    def handle_endtag(self, tag):
        if tag == "main":
            self._main_depth -= 1
        elif tag == "a" and self._current is not None:
            self.links.append((self._current[0], " ".join(self._current[1].split()), self._current[2]))
            self._current = None

    def handle_data(self, data):
        if self._current is not None:
            self._current[1] += data


class Site:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.origin = urlsplit(base_url).netloc
        self._cache: dict[str, tuple[int, str, str]] = {}

    def get(self, path: str) -> tuple[int, str, str]:
        """(status, content type, body text or '' for non-HTML)."""
        url = urljoin(self.base_url, path)
        if url not in self._cache:
            request = urllib.request.Request(url, headers={"Accept": "text/html"})
            try:
                with urllib.request.urlopen(request, timeout=20) as response:
                    kind = response.headers.get_content_type()
                    body = response.read().decode("utf-8", "replace") if kind == "text/html" else ""
                    self._cache[url] = (response.status, kind, body)
            except urllib.error.HTTPError as error:
                self._cache[url] = (error.code, error.headers.get_content_type(), "")
        return self._cache[url]

    def parse(self, path: str) -> LinkParser:
        parser = LinkParser()
        parser.feed(self.get(path)[2])
        return parser

    def local_path(self, href: str, page_path: str) -> str | None:
        """The site path of a link, or None for other hosts, anchors, tel: and mailto: links."""
        absolute = urljoin(urljoin(self.base_url, page_path), href)
        parts = urlsplit(absolute)
        if parts.scheme not in {"http", "https"} or parts.netloc != self.origin:
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def links(self, path: str, *, main_only: bool = False) -> list[tuple[str, str]]:
        found = []
        for href, text, in_main in self.parse(path).links:
            local = self.local_path(href, path)
            if local and (in_main or not main_only) and local.split("?")[0] != path.split("?")[0]:
                found.append((local, text))
        return found

    def first_child(self, section: str) -> str:
        """The first link in <main> of a section page that points below that section."""
        for link, _ in self.links(section, main_only=True):
            bare = link.split("?")[0].split("#")[0]
            if bare.startswith(section) and bare != section:
                return bare
        raise LookupError(f"No page found below {section}")

    def shortest_path(self, start: str, goal, *, max_clicks: int, main_only: bool = False, skip=()) -> list[str] | None:
        """Breadth-first search over same-site links: the shortest list of pages from `start`
        to a URL for which `goal(path, link_text, content_type)` is true, or None."""
        queue = deque([(start, [start])])
        seen = {start}
        while queue:
            path, trail = queue.popleft()
            if len(trail) - 1 >= max_clicks:
                continue
            status, kind, _ = self.get(path)
            if kind != "text/html":
                continue
            for link, text in self.links(path, main_only=main_only):
                link = link.split("#")[0]
                if link in seen or any(link.startswith(prefix) for prefix in skip):
                    continue
                seen.add(link)
                status, kind, _ = self.get(link)
                if status < 400 and goal(link, text, kind):
                    return trail + [link]
                if kind == "text/html":
                    queue.append((link, trail + [link]))
        return None
