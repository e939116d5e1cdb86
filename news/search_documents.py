"""Search entries of news items (dated by their date) and of trainings and campaigns (by their start)."""

from __future__ import annotations

from news.models import EventPage, NewsPage
from search.registry import PageSource, register


@register
class NewsSource(PageSource):
    model = NewsPage
    type, label, plural, order = "nieuws", "Nieuws", "Nieuws", 60

    def date(self, page):
        return page.date


@register
class EventSource(PageSource):
    model = EventPage
    type, label, plural, order = "vorming", "Vorming of campagne", "Vorming en campagnes", 70

    def body(self, page) -> str:
        return " ".join([super().body(page), page.organiser, page.get_kind_display()])

    def date(self, page):
        return page.start.date()

    def display_extra(self, page) -> dict:
        return {"event_kind": page.get_kind_display(), "start": page.start.isoformat()}
