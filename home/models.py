from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from core import pagecache
from core.blocks import BodyBlock
from core.cards import Linked
from core.models import AlwaysQuickExitMixin, BasePage, QuickExitMixin
from core.treecache import taxonomy_terms
from news.models import EventPage, NewsPage
from search.registry import audience_page_sources
from search.service import run_search, school_grid_html

# What an editor may create under the home page: a deliberate choice of the site's structure (the
# README's page tree), not derived from the search registry. A new content type gets a section only
# when an editor of the site decides it, by adding its index page here.
SECTION_TYPES = [
    "home.AudiencePage",
    "toolkits.ToolkitIndexPage",
    "research.ResearchIndexPage",
    "practices.PracticeIndexPage",
    "resources.ResourceIndexPage",
    "glossary.GlossaryPage",
    "news.NewsIndexPage",
    "news.EventIndexPage",
    "core.ContentPage",
]


# Upcoming events kept between content changes for the home page (see HomePage.upcoming_events).
UPCOMING_KEPT = 20


class HomePage(AlwaysQuickExitMixin, BasePage):
    intro = models.CharField(
        "kernboodschap", max_length=250, blank=True,
        help_text="Eén zin bovenaan de startpagina: wat vindt de bezoeker hier?",
    )
    body = StreamField(
        BodyBlock(), blank=True, verbose_name="inhoud",
        help_text="Extra blokken onder de uitgelichte pagina's, bv. tekst, beelden of knoppen.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("featured", label="Uitgelicht", max_num=6),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = SECTION_TYPES
    max_count = 1

    class Meta:
        verbose_name = "startpagina"

    def audience_pages(self):
        return AudiencePage.objects.child_of(self).live().public().select_related("audience")

    def section_pages(self):
        return self.get_children().live().public().in_menu().specific()

    def featured_pages(self):
        """The featured pages in editor order, as specific pages: a fixed number of queries."""
        ids = [item.page_id for item in self.featured.all()]
        pages = Page.objects.filter(id__in=ids).live().public().specific()
        by_id = {page.id: page for page in pages}
        return [by_id[i] for i in ids if i in by_id]

    def latest_news(self, limit=3) -> Linked | list:
        """The newest news items for `{% cards %}`: their ids, the same until the next content
        change; the pages themselves on the request that reads them anew (their cards are then
        made anew too: one query instead of two)."""
        loaded = []

        def load():
            loaded.extend(NewsPage.objects.live().public().order_by("-date", "-pk")[:limit])
            return tuple(page.pk for page in loaded)

        ids = pagecache.fragment(f"home_latest_news:{limit}", load)
        return loaded or Linked(NewsPage, ids)

    def upcoming_events(self, limit=3) -> Linked:
        """The next events that have not started yet (ids, for `{% cards %}`).

        The next UPCOMING_KEPT events are kept until the next content change; an event leaves the
        list once it starts, without a write, so the time is checked on every request. Only when
        too few kept ones are left is the database asked again."""

        def load(now):
            upcoming = EventPage.objects.live().public().filter(start__gte=now).order_by("start", "pk")
            return tuple(upcoming.values_list("start", "pk")[:UPCOMING_KEPT])

        now = timezone.now()
        kept = pagecache.fragment("home_upcoming_events", lambda: load(now))
        ids = [pk for start, pk in kept if start >= now]
        if len(ids) < limit and len(kept) == UPCOMING_KEPT:
            ids = [pk for _, pk in load(now)]
        return Linked(EventPage, tuple(ids[:limit]))


class HomeFeatured(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured")
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name="pagina",
        help_text="Kies een pagina die je extra in de kijker wil zetten op de startpagina.",
    )

    panels = [FieldPanel("page")]


class AudiencePage(QuickExitMixin, BasePage):
    """Landing page of one audience: its toolkits, practices and research in two clicks."""

    card_label = "Doelgroep"

    audience = models.OneToOneField(
        "taxonomy.Audience", on_delete=models.PROTECT, related_name="landing_page",
        verbose_name="doelgroep", help_text="De inhoud van deze doelgroep verschijnt op de pagina.",
    )
    intro = models.TextField("inleiding", blank=True, help_text="Spreek de doelgroep rechtstreeks aan.")
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="afbeelding",
        help_text="Optioneel beeld bovenaan. Vul bij het beeld altijd een alternatieve tekst in.",
    )
    body = StreamField(
        BodyBlock(), blank=True, verbose_name="inhoud",
        help_text="Extra uitleg voor deze doelgroep, boven de lijst met materiaal.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("audience"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    settings_panels = BasePage.settings_panels + QuickExitMixin.quick_exit_panels
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "doelgroeppagina"
        verbose_name_plural = "doelgroeppagina's"

    LISTING_LIMIT = 6

    def get_context(self, request, *args, **kwargs):
        """All material of this audience through the search engine, with its facets; on the
        school page also the whole-school grid (see search.service)."""
        audience = next((a for a in taxonomy_terms()["taxonomy.audience"] if a.pk == self.audience_id), None)
        if audience is not None:
            self.audience = audience  # from the pages cache: no query
        context = super().get_context(request, *args, **kwargs)
        context["search"] = run_search(
            request.GET,
            base_filters={"doelgroep": (self.audience.slug,)},
            base_url=self.url,
            source="listing",
            per_page=10,
        )
        if self.audience.slug == "onderwijs":
            # Empty cells link to the self-assessment's advice (planning, above home: by URL).
            context["school_grid"] = school_grid_html(context["search"].labels, "/zelfscan/school/advies/")
        # Apps above home add their own block at the top (the self-assessment of this audience):
        # each hook takes (page, request) and returns HTML or nothing; home names none of them.
        context["audience_tools"] = [
            html for hook in hooks.get_hooks("audience_page_tools") if (html := hook(self, request))
        ]
        return context

    def audience_content(self):
        """A section per type that asks for one (`on_audience_pages` of its search source:
        toolkits, practices, research): one query each, at most six pages.

        Each entry: heading, search type (for the 'alles bekijken' link) and the pages.
        """
        result = []
        for source in audience_page_sources():
            pages = source.model.objects.live().public().filter(audiences=self.audience_id)
            pages = list(pages.order_by(*source.audience_ordering)[: self.LISTING_LIMIT])
            result.append({"heading": source.plural, "type": source.type, "pages": pages})
        return result
