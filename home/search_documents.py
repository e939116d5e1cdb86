"""Search entries of the audience landing pages ("Voor wie")."""

from __future__ import annotations

from home.models import AudiencePage
from search.registry import PageSource, register


@register
class AudiencePageSource(PageSource):
    model = AudiencePage
    type, label, plural, order = "doelgroep", "Voor wie", "Voor wie", 110

    def body(self, page) -> str:
        return " ".join([page.intro, super().body(page)])

    def facets(self, page) -> dict[str, list[str]]:
        # No `doelgroep` facet: the audience page lists its material pre-filtered on it and
        # must not list itself.
        return {}
