from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage, TaxonomyMixin
from search.listing import ListingMixin


class NewsIndexPage(ListingMixin, BasePage):
    listing_heading = "Al het nieuws"
    section_order = 50
    section_blurb = "Nieuw onderzoek, nieuwe materialen en nieuws uit het veld."

    intro = models.TextField(
        "inleiding", blank=True, help_text="Eén of twee zinnen boven de lijst met nieuwsberichten."
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1
    listing_type = "nieuws"
    listing_facets = ("jaar", "thema", "doelgroep")
    listing_sort = "nieuwste"

    class Meta:
        verbose_name = "overzicht nieuws"


class NewsPage(TaxonomyMixin, BasePage):
    card_label = "Nieuws"

    date = models.DateField(
        "datum", default=timezone.localdate,
        help_text="Datum van het bericht. Nieuwsberichten staan op datum, het nieuwste eerst.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="afbeelding",
        help_text="Optioneel beeld bij het bericht. Vul bij het beeld altijd een alternatieve tekst in.",
    )
    body = StreamField(
        BodyBlock(), blank=True, verbose_name="inhoud", help_text="De tekst van het nieuwsbericht."
    )

    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("date")]
    content_panels = BasePage.content_panels + [FieldPanel("date"), FieldPanel("image"), FieldPanel("body")]
    promote_panels = BasePage.promote_panels + TaxonomyMixin.taxonomy_panels
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "nieuwsbericht"
        verbose_name_plural = "nieuwsberichten"

    def other_news(self, limit=3):
        """The latest other news items: one query."""
        others = NewsPage.objects.live().public().exclude(pk=self.pk)
        return list(others.order_by("-date", "-pk")[:limit])


class EventKind(models.TextChoices):
    TRAINING = "opleiding", "Opleiding of vorming"
    STUDY_DAY = "studiedag", "Studiedag of congres"
    WEBINAR = "webinar", "Webinar"
    CAMPAIGN = "campagne", "Campagne"


class EventIndexPage(ListingMixin, BasePage):
    listing_heading = "Alle vormingen en campagnes"
    section_order = 60
    section_blurb = "Opleidingen, studiedagen, webinars en campagnes."

    intro = models.TextField(
        "inleiding", blank=True, help_text="Eén of twee zinnen boven de lijst met vormingen en campagnes."
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.EventPage"]
    max_count = 1
    listing_type = "vorming"
    listing_facets = ("jaar", "doelgroep", "thema", "omgeving")
    listing_sort = "nieuwste"

    class Meta:
        verbose_name = "overzicht vorming en campagnes"


class EventPage(TaxonomyMixin, BasePage):
    """A training, study day, webinar or campaign, with dates and where it happens."""

    card_label = "Vorming of campagne"

    kind = models.CharField(
        "soort", max_length=20, choices=EventKind.choices, default=EventKind.TRAINING,
        help_text="Wat voor activiteit is het? Bezoekers kunnen hierop filteren.",
    )
    start = models.DateTimeField("begin", help_text="Datum en uur waarop de activiteit begint.")
    end = models.DateTimeField(
        "einde", null=True, blank=True, help_text="Datum en uur waarop ze eindigt. Leeg = geen einduur."
    )
    location = models.CharField(
        "locatie", max_length=255, blank=True, help_text="Adres, of leeg bij een online activiteit."
    )
    online = models.BooleanField(
        "online", default=False, help_text="Aanvinken als je online kan deelnemen, bv. bij een webinar."
    )
    organiser = models.CharField(
        "organisator", max_length=255, blank=True, help_text="Wie organiseert de activiteit? Leeg = wijzelf."
    )
    price = models.CharField("prijs", max_length=100, blank=True, help_text="Bijvoorbeeld: gratis, of € 45.")
    registration_url = models.URLField(
        "inschrijven via", blank=True, max_length=500,
        help_text="Webadres van het inschrijfformulier (https://...). Leeg = inschrijven is niet nodig.",
    )
    body = StreamField(
        BodyBlock(), blank=True, verbose_name="inhoud",
        help_text="Programma, sprekers, voor wie en praktische info over de activiteit.",
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("location"),
        index.FilterField("start"),
    ]
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("online")]),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("location"),
                FieldRowPanel([FieldPanel("organiser"), FieldPanel("price")]),
                FieldPanel("registration_url"),
            ],
            heading="Praktisch",
        ),
        FieldPanel("body"),
    ]
    promote_panels = BasePage.promote_panels + TaxonomyMixin.taxonomy_panels
    parent_page_types = ["news.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "vorming of campagne"
        verbose_name_plural = "vormingen en campagnes"

    @property
    def is_past(self) -> bool:
        return (self.end or self.start) < timezone.now()

    def other_events(self, limit=3):
        """Other upcoming events: one query."""
        others = EventPage.objects.live().public().exclude(pk=self.pk)
        return list(others.filter(start__gte=timezone.now()).order_by("start")[:limit])
