from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.models import BasePage, ReviewMixin, TaxonomyMixin, pages_linking_here
from search.listing import ListingMixin
from taxonomy.evidence import EvidenceLevel

RICH = ["bold", "italic", "link", "ul", "ol"]


class PracticeIndexPage(ListingMixin, BasePage):
    listing_heading = "Alle goede praktijken"
    section_order = 30
    section_blurb = "Aanpakken uit de praktijk, en hoe sterk bewezen is dat ze werken."

    intro = models.TextField(
        "inleiding",
        blank=True,
        help_text="Eén of twee zinnen bovenaan het overzicht: wat vindt de bezoeker hier?",
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count = 1
    listing_type = "praktijk"
    listing_facets = (
        "bewijs", "aanpak", "doelgroep", "thema", "leeftijd", "omgeving", "strategie", "niveau",
        "taal",
    )
    listing_sort = "titel"

    class Meta:
        verbose_name = "overzicht goede praktijken"


class PracticePage(TaxonomyMixin, ReviewMixin, BasePage):
    """A practice or intervention with its evidence level and the research behind it."""

    card_label = "Goede praktijk"

    description = RichTextField("beschrijving", features=RICH, help_text="Wat houdt de aanpak in, stap voor stap?")
    strategy = RichTextField(
        "werkwijze", features=RICH, blank=True, help_text="Hoe werkt de aanpak en waarom zou ze werken?"
    )
    provider = models.CharField(
        "aanbieder", max_length=255, blank=True, help_text="Wie biedt de aanpak aan of heeft ze ontwikkeld?"
    )
    contact = models.CharField(
        "contact", max_length=255, blank=True, help_text="E-mailadres, telefoon of contactpagina."
    )
    website = models.URLField(
        "website", blank=True, max_length=500, help_text="Webadres met meer informatie over de aanpak."
    )
    cost = models.CharField(
        "kostprijs", max_length=255, blank=True, help_text="Bijvoorbeeld: gratis, of € 250 per school."
    )
    duration = models.CharField("duur", max_length=255, blank=True, help_text="Bijvoorbeeld: 6 lessen van 50 minuten.")
    materials = RichTextField(
        "materiaal",
        features=RICH,
        blank=True,
        help_text="Welke handleidingen, lesmappen of tools horen erbij, en waar vind je ze?",
    )
    evidence_level = models.CharField(
        "bewijskracht",
        max_length=30,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.NOT_EVALUATED,
        help_text="Hoe sterk is aangetoond dat de aanpak werkt? Zie de uitleg bij de schaal.",
    )
    evidence_justification = RichTextField(
        "onderbouwing van de bewijskracht",
        features=RICH,
        blank=True,
        help_text="Waarom deze score? Verwijs naar de studies hieronder.",
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("strategy"),
        index.SearchField("provider"),
        index.FilterField("evidence_level"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("description"),
        FieldPanel("strategy"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("provider"), FieldPanel("contact")]),
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("cost"), FieldPanel("duration")]),
                FieldPanel("materials"),
            ],
            heading="Praktisch",
        ),
        MultiFieldPanel(
            [
                FieldPanel("evidence_level"),
                FieldPanel("evidence_justification"),
                InlinePanel("research_links", label="Onderzoek"),
            ],
            heading="Bewijskracht",
        ),
    ]
    promote_panels = BasePage.promote_panels + TaxonomyMixin.taxonomy_panels
    settings_panels = BasePage.settings_panels + ReviewMixin.review_panels
    # base_form_class: editorial's form (the evidence rule), set by editorial.apps
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "goede praktijk"
        verbose_name_plural = "goede praktijken"

    @property
    def evidence_rank(self) -> int:
        return EvidenceLevel.rank(self.evidence_level)

    def linked_research(self):
        """Live research behind the evidence level, in editor order: one query."""
        if "_linked_research" not in self.__dict__:  # the page and its JSON-LD both show it
            links = self.research_links.select_related("research")
            self.__dict__["_linked_research"] = [link.research for link in links if link.research.live]
        return self.__dict__["_linked_research"]

    def related_toolkits(self):
        """Live toolkits that point to this practice: one query."""
        return pages_linking_here(self, "toolkit_links")


class PracticeResearch(Orderable):
    practice = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="research_links")
    research = models.ForeignKey(
        "research.ResearchPage",
        on_delete=models.CASCADE,
        related_name="practice_links",
        verbose_name="onderzoek",
        help_text="Een onderzoekssamenvatting die de bewijskracht onderbouwt.",
    )

    panels = [FieldPanel("research")]
