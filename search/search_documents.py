"""Search entries of what lies below `search`: core's plain pages and the help-finder's content.

Both apps stay unaware of search (core is a base layer, helpfinder stands alone), so their
entries are declared here. Content apps declare theirs in their own `search_documents.py`.
"""

from __future__ import annotations

from django.apps import apps
from django.urls import reverse

from core.models import ContentPage
from helpfinder.models import HelpRoute, HelpService, PlatformGuide
from search.backends.base import IndexDocument
from search.documents import MAX_BODY_CHARS, block_values, finish, text
from search.registry import PageSource, SearchSource, register


@register
class ContentPageSource(PageSource):
    model = ContentPage
    type, label, plural, order = "pagina", "Pagina", "Pagina's", 120


class HelpSource(SearchSource):
    """The help-finder's content. Keys are slugs ("hulplijn:awel"), so an entry survives a re-seed."""

    def key(self, obj) -> str:
        return f"{self.type}:{obj.slug}"

    def entry(self, obj, *, title, summary, body, url, facets=None) -> IndexDocument:
        return IndexDocument(
            key=self.key(obj),
            type=self.type,
            title=title,
            url=url,
            summary=summary,
            body=body[:MAX_BODY_CHARS],
            date=None,
            language="nl",
            facets=finish(facets or {}, self.type, None, "nl"),
        )


@register
class HelpServiceSource(HelpSource):
    """Helplines, with their numbers as typed in every form."""

    model = HelpService
    type, label, plural, order = "hulplijn", "Hulplijn", "Hulplijnen", 80

    def document(self, obj) -> IndexDocument:
        numbers = {obj.phone, obj.phone_display, obj.phone.replace(" ", "")} - {""}
        body = " ".join([obj.audience_hint, obj.hours_note, *sorted(numbers), "hulplijn bellen"])
        url = reverse("helpfinder:helplines") + f"#dienst-{obj.slug}"
        return self.entry(obj, title=obj.name, summary=obj.description, body=body, url=url)


@register
class HelpRouteSource(HelpSource):
    model = HelpRoute
    type, label, plural, order = "hulproute", "Hulp: wat kan je doen", "Hulp: wat kan je doen", 90

    def document(self, obj) -> IndexDocument:
        services = " ".join(f"{s.name} {s.phone}" for s in obj.services.all())
        body = " ".join([text(obj.body), obj.link_label, services])
        url = (
            reverse("helpfinder:evidence")
            if obj.slug == "bewijs-bewaren"
            else reverse("helpfinder:route-detail", args=[obj.slug])
        )
        return self.entry(obj, title=obj.title, summary=obj.summary, body=body, url=url)


@register
class PlatformGuideSource(HelpSource):
    model = PlatformGuide
    type, label, plural, order = "meldgids", "Melden op een platform", "Melden op een platform", 100

    def document(self, obj) -> IndexDocument:
        steps = " ".join(text(v) for block in obj.steps for v in block_values(block.value))
        return self.entry(
            obj,
            title=f"{obj.name}: pesten of bedreiging melden",
            summary=obj.intro,
            body=" ".join([obj.name, steps, text(obj.after)]),
            url=obj.get_absolute_url(),
            facets={"omgeving": ["online"], "aanpak": ["melden"]},
        )


@register
class ReportingPointSource(SearchSource):
    """The meldpunt's form (`/melden/`): one fixed entry, so "anoniem melden" leads to it.

    The meldpunt stands alone and knows nothing of search; its page text lives in its template,
    so the words people use to look for it are written here.
    """

    type, label, plural, order = "meldpunt", "Meldpunt", "Meldpunt", 95
    title = "Meld pesten of cyberpesten (meldpunt 1712)"
    summary = (
        "Word je gepest, of zie je het gebeuren? Vertel het hier, zonder je naam en zonder account. "
        "Een medewerker van de hulplijn 1712 leest je melding en helpt je verder."
    )
    body = "melden meldpunt melding anoniem gepest pesten cyberpesten getuige hulplijn 1712 code antwoord"

    def key(self, obj=None) -> str:
        return f"{self.type}:melden"

    def documents(self):
        if not apps.is_installed("meldpunt"):
            return
        yield IndexDocument(
            key=self.key(),
            type=self.type,
            title=self.title,
            url=reverse("meldpunt:report"),
            summary=self.summary,
            body=self.body,
            date=None,
            language="nl",
            facets=finish({}, self.type, None, "nl"),
        )

    def count(self) -> int:
        return 1
