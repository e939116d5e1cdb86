"""Reading what a crawler, a share preview or Zotero reads from a page: plain HTML parsing."""

import json
from html.parser import HTMLParser


class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []  # (name or property, content)
        self.links: list[dict] = []
        self.json_ld: list = []
        self._in_ld = False
        self._ld_text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.meta.append((attrs.get("name") or attrs.get("property") or "", attrs["content"]))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld, self._ld_text = True, ""

    def handle_data(self, data):
        if self._in_ld:
            self._ld_text += data

    def handle_endtag(self, tag):
        if tag == "script" and self._in_ld:
            self.json_ld.append(json.loads(self._ld_text))
            self._in_ld = False

    def values(self, name) -> list[str]:
        return [content for key, content in self.meta if key == name]

    def value(self, name) -> str | None:
        found = self.values(name)
        return found[0] if found else None

    def link(self, rel) -> list[dict]:
        return [link for link in self.links if link.get("rel") == rel]


def parse_head(response) -> HeadParser:
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser
