from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core import cards, pagecache
from core.blocks import BodyBlock, StepsBlock
from core.models import BasePage, ReviewMixin, TaxonomyMixin
from search.listing import ListingMixin


class ToolkitIndexPage(ListingMixin, BasePage):
    listing_heading = "Alle toolkits"
    section_order = 10
    section_blurb = "Stappenplannen en materiaal om meteen mee aan de slag te gaan."

    intro = models.TextField(
        "inleiding",
        blank=True,
        help_text="Eén of twee zinnen bovenaan het overzicht: wat vindt de bezoeker hier?",
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["toolkits.ToolkitPage"]
    max_count = 1
    listing_type = "toolkit"
    listing_facets = (
        "doelgroep", "thema", "aanpak", "leeftijd", "omgeving", "strategie", "niveau", "taal",
    )
    listing_sort = "titel"

    class Meta:
        verbose_name = "overzicht toolkits"


class ToolkitPage(TaxonomyMixin, ReviewMixin, BasePage):
    """A ready-to-use set of steps and downloads for one audience."""

    card_label = "Toolkit"
    route_select_related = ("image",)  # shown on the page: read with it (core.models.BasePage.route)

    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="afbeelding",
        help_text="Optioneel. Een beeld dat de toolkit herkenbaar maakt.",
    )
    intro = models.TextField("inleiding", blank=True, help_text="Voor wie is de toolkit en wat bereik je ermee?")
    modules = StreamField(
        StepsBlock(),
        blank=True,
        verbose_name="stappen of modules",
        help_text="De stappen of modules in volgorde, elk met wat je doet en wat je nodig hebt.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="meer uitleg",
        help_text="Achtergrond en tips die niet in de stappen passen (optioneel).",
    )
    show_reach = models.BooleanField(
        "bereik publiek tonen",
        default=False,
        help_text="Toon bezoekers hoe vaak de materialen van deze toolkit gedownload zijn.",
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("modules"),
        index.SearchField("body"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("image"),
        InlinePanel("downloads", label="Downloads", heading="Downloads"),
        FieldPanel("modules"),
        FieldPanel("body"),
        InlinePanel("related_practices", label="Goede praktijk", heading="Verwante goede praktijken"),
        InlinePanel("related_research", label="Onderzoek", heading="Verwant onderzoek"),
    ]
    promote_panels = BasePage.promote_panels + TaxonomyMixin.taxonomy_panels
    settings_panels = BasePage.settings_panels + ReviewMixin.review_panels + [FieldPanel("show_reach")]
    parent_page_types = ["toolkits.ToolkitIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "toolkit"
        verbose_name_plural = "toolkits"

    def download_documents(self):
        """The documents in editor order, read once per page object (the page and its JSON-LD)."""
        if "_download_documents" not in self.__dict__:

            def load():
                return tuple(link.document for link in self.downloads.select_related("document"))

            if not self.pk or "downloads" in getattr(self, "_cluster_related_objects", {}):
                documents = load()  # a preview or revision: its links in memory
            else:  # the saved links, the same until the next content change (shared: read only)
                documents = pagecache.fragment(f"toolkit_downloads:{self.pk}", load)
            self.__dict__["_download_documents"] = documents
        return self.__dict__["_download_documents"]

    def _related_cards(self):
        """Live related practices and research summaries in editor order, for their cards: ids
        only, one query for both (core.cards)."""
        if "_kc_related_cards" not in self.__dict__:
            self.__dict__["_kc_related_cards"] = cards.forward(
                self, ("related_practices", "page"), ("related_research", "page")
            )
        return self.__dict__["_kc_related_cards"]

    def practice_cards(self):
        return self._related_cards()[0]

    def research_cards(self):
        return self._related_cards()[1]

    def related_practice_pages(self):
        """Live related practices in editor order: one query."""
        links = self.related_practices.select_related("page")
        return [link.page for link in links if link.page.live]

    def related_research_pages(self):
        """Live related research summaries in editor order: one query."""
        links = self.related_research.select_related("page")
        return [link.page for link in links if link.page.live]


class ToolkitDownload(Orderable):
    toolkit = ParentalKey(ToolkitPage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey(
        "core.KennisDocument",
        on_delete=models.CASCADE,
        related_name="toolkit_links",
        verbose_name="document",
        help_text="Een document om te downloaden: gids, lesmateriaal, affiche, checklist of sjabloon.",
    )

    panels = [FieldPanel("document")]


class ToolkitPractice(Orderable):
    toolkit = ParentalKey(ToolkitPage, on_delete=models.CASCADE, related_name="related_practices")
    page = models.ForeignKey(
        "practices.PracticePage",
        on_delete=models.CASCADE,
        related_name="toolkit_links",
        verbose_name="goede praktijk",
        help_text="Een goede praktijk die bij deze toolkit past.",
    )

    panels = [FieldPanel("page")]


class ToolkitResearch(Orderable):
    toolkit = ParentalKey(ToolkitPage, on_delete=models.CASCADE, related_name="related_research")
    page = models.ForeignKey(
        "research.ResearchPage",
        on_delete=models.CASCADE,
        related_name="toolkit_links",
        verbose_name="onderzoek",
        help_text="Een onderzoekssamenvatting die de toolkit onderbouwt.",
    )

    panels = [FieldPanel("page")]
