"""Search entries of glossary terms: searchable while the glossary page is live."""

from __future__ import annotations

from glossary.models import GlossaryPage, GlossaryTerm
from search.backends.base import IndexDocument
from search.documents import finish, text
from search.indexing import reindex
from search.registry import SearchSource, register


@register
class TermSource(SearchSource):
    model = GlossaryTerm
    type, label, plural, order = "begrip", "Begrip", "Woordenlijst", 50

    def key(self, term) -> str:
        return f"term:{term.pk}"

    def document(self, term: GlossaryTerm) -> IndexDocument | None:
        url = term.get_url()
        if not url:
            return None
        return IndexDocument(
            key=self.key(term),
            type=self.type,
            title=term.term,
            url=url,
            summary=text(term.definition),
            body=term.also_known_as,
            date=None,
            language="nl",
            facets=finish({}, self.type, None, "nl"),
            extra={"also_known_as": term.also_known_as},
        )

    def documents(self):
        if GlossaryPage.objects.live().public().exists():
            yield from super().documents()

    def page_changed(self, page) -> None:
        """The terms follow the glossary page (published, unpublished, moved, private)."""
        specific = page.specific_class
        if specific is not None and issubclass(specific, GlossaryPage):
            reindex(self, GlossaryTerm.objects.all())
