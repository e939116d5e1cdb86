"""The throwaway type's search entries, declared in its own app like any content app's."""

from search.registry import PageSource, register
from tests.throwaway.models import ToolPage


@register
class ToolSource(PageSource):
    model = ToolPage
    type, label, plural, order = "proefmiddel", "Proefmiddel", "Proefmiddelen", 35

    def body(self, page) -> str:
        return " ".join([super().body(page), page.maker])
