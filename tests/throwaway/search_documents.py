"""The throwaway type's search entries, declared in its own app like any content app's."""

from search.comparison import taxonomy_rows
from search.registry import PageSource, register
from tests.throwaway.models import ToolPage


@register
class ToolSource(PageSource):
    model = ToolPage
    type, label, plural, order = "proefmiddel", "Proefmiddel", "Proefmiddelen", 35
    # A type that wants a section on the audience pages says `on_audience_pages = True` here;
    # test_new_content_type.py switches it on for one test only, so the other tests' audience
    # pages (and their query counts) stay as on the real site.

    def body(self, page) -> str:
        return " ".join([super().body(page), page.maker])

    # What the compare page and action plans show of it, once `plan_comparable` is on.
    def plan_evidence(self, page) -> tuple[str, str]:
        return page.evidence, page.get_evidence_display()

    def plan_rows(self, page) -> list[tuple[str, str]]:
        return [("Bewijskracht", page.get_evidence_display()), ("Maker", page.maker), *taxonomy_rows(page)]
