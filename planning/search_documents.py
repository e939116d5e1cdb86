"""The self-assessments in the search index: "zelfscan" or "scan pestbeleid" finds them.

Only the title and introduction are indexed, not the questions: sixteen questions touch nearly
every subject, and a scan would crowd the material it points to out of the results.
"""

from __future__ import annotations

from django.urls import reverse

from planning.models import Scan
from search.backends.base import IndexDocument
from search.documents import finish
from search.registry import SearchSource, register


@register
class ScanSource(SearchSource):
    model = Scan
    type, label, plural, order = "zelfscan", "Zelfscan", "Zelfscans", 110

    def key(self, obj) -> str:
        return f"{self.type}:{obj.slug}"

    def document(self, obj) -> IndexDocument:
        return IndexDocument(
            key=self.key(obj),
            type=self.type,
            title=obj.title,
            url=reverse("planning_scan", args=[obj.slug]),
            summary=obj.intro,
            body="zelfscan scan zelfevaluatie actieplan",
            date=None,
            language="nl",
            facets=finish({"doelgroep": [obj.audience.slug]}, self.type, None, "nl"),
        )
