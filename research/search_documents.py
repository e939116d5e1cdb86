"""Search entries of research summaries: dated by publication year, with their citation."""

from __future__ import annotations

import datetime

from research.models import ResearchPage
from search.registry import PageSource, register


@register
class ResearchSource(PageSource):
    model = ResearchPage
    type, label, plural, order = "onderzoek", "Onderzoek", "Onderzoek", 40
    plan_listable = True
    on_audience_pages = True
    audience_ordering = ("-year", "title")  # the newest studies first

    def body(self, page) -> str:
        figures = " ".join(f.label for f in page.key_figures.all())
        return " ".join(
            [super().body(page), page.original_title, page.publisher, page.journal, page.population, figures]
        )

    def date(self, page):
        return datetime.date(page.year, 1, 1)

    def language(self, page) -> str:
        return page.language

    def display_extra(self, page) -> dict:
        return {"citation": f"{page.authors} ({page.year})"}
