"""Content of the help-finder ("Hulpwijzer"): help services with opening hours, help routes per
situation and step-by-step reporting guides per platform. Everything here is editable in the
Wagtail admin (menu "Hulpwijzer"); the data migration 0002 seeds the real starting content.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from helpfinder.opening import (  # noqa: F401 - BRUSSELS, brussels_now and the holidays are used from here
    BRUSSELS,
    CHANNELS,
    CHAT,
    PHONE,
    WEEKDAYS,
    OpeningTimes,
    belgian_public_holidays,
    brussels_now,
    easter_sunday,
    hour_label,
)

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]

LAST_CHECKED_HELP = (
    "Wanneer heeft de redactie deze gegevens (nummers, adressen, openingsuren) voor het laatst "
    "bij de organisatie zelf gecontroleerd? Leeg = nog niet nagekeken."
)


class HelpService(OpeningTimes, index.Indexed, ClusterableModel):
    """A helpline or emergency number: 1712, Awel, Child Focus, police, 112."""

    name = models.CharField(
        "naam", max_length=80, help_text="De naam van de hulplijn zoals bezoekers ze kennen, bv. Awel."
    )
    slug = models.SlugField(
        "korte naam in de webadressen",
        max_length=60,
        unique=True,
        help_text="Bv. '1712' of 'awel'. Niet meer veranderen na publicatie.",
    )
    description = models.TextField(
        "omschrijving",
        max_length=400,
        help_text="Eén of twee zinnen: waarvoor kan je er terecht? Gratis? Anoniem?",
    )
    audience_hint = models.CharField(
        "voor wie",
        max_length=120,
        blank=True,
        help_text="Bv. 'Voor kinderen en jongeren'. Leeg = voor iedereen.",
    )
    phone = models.CharField(
        "telefoonnummer",
        max_length=20,
        blank=True,
        help_text="Zoals je het intoetst, bv. '1712' of '116000'.",
    )
    phone_display = models.CharField(
        "telefoonnummer zoals getoond",
        max_length=30,
        blank=True,
        help_text="Bv. '116 000'. Leeg = zoals hierboven.",
    )
    chat_url = models.URLField(
        "chat (webadres)", blank=True, help_text="Webadres waar je meteen kan chatten (https://...). Leeg = geen chat."
    )
    email = models.EmailField(
        "e-mailadres", blank=True, help_text="Adres waarnaar bezoekers kunnen mailen. Leeg = geen e-mail."
    )
    contact_url = models.URLField(
        "website of contactformulier",
        blank=True,
        help_text="Pagina waar je kan mailen of een bericht sturen.",
    )
    always_open = models.BooleanField(
        "dag en nacht bereikbaar",
        default=False,
        help_text=(
            "Aanvinken als je de lijn altijd kan bellen, bv. 112 of 1813. "
            "Dan zijn telefoonuren niet nodig; chaturen wel."
        ),
    )
    closed_on_public_holidays = models.BooleanField(
        "gesloten op wettelijke feestdagen",
        default=True,
        help_text="Dan toont de site 'nu gesloten' op Belgische feestdagen (nieuwjaar, paasmaandag...).",
    )
    hours_note = models.CharField(
        "opmerking bij de openingsuren",
        max_length=250,
        blank=True,
        help_text="Bv. 'Niet op feestdagen. Chat en e-mail: zie de website.'",
    )
    last_checked = models.DateField("laatst nagekeken", null=True, blank=True, help_text=LAST_CHECKED_HELP)
    sort_order = models.PositiveSmallIntegerField("volgorde", default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("audience_hint"),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("phone_display"),
                FieldPanel("chat_url"),
                FieldPanel("email"),
                FieldPanel("contact_url"),
            ],
            heading="Contact",
        ),
        MultiFieldPanel(
            [
                FieldPanel("always_open"),
                FieldPanel("closed_on_public_holidays"),
                InlinePanel("opening_hours", label="Openingsuren (telefoon en chat)"),
                FieldPanel("hours_note"),
            ],
            heading="Openingsuren (Belgische tijd)",
        ),
        FieldPanel("last_checked"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "hulplijn"
        verbose_name_plural = "hulplijnen"

    def __str__(self):
        return self.name

    @property
    def phone_label(self) -> str:
        return self.phone_display or self.phone


class OpeningHours(Orderable):
    service = ParentalKey(HelpService, on_delete=models.CASCADE, related_name="opening_hours")
    channel = models.CharField(
        "kanaal",
        max_length=10,
        choices=CHANNELS,
        default=PHONE,
        help_text="Telefoon of chat: elk kanaal heeft zijn eigen uren.",
    )
    weekday = models.PositiveSmallIntegerField(
        "dag", choices=WEEKDAYS, help_text="Voeg per dag een regel toe, of twee bij een middagpauze."
    )
    opens = models.TimeField("van", help_text="Uur waarop de lijn opengaat, bv. 09:00.")
    closes = models.TimeField("tot", help_text="Tot middernacht: vul 00:00 in.")

    panels = [FieldPanel("channel"), FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]

    class Meta(Orderable.Meta):
        verbose_name = "openingsuren"
        verbose_name_plural = "openingsuren"

    def __str__(self):
        return f"{self.get_channel_display()}: {self.get_weekday_display()} {self.label}"

    def clean(self):
        if self.opens is not None and self.closes is not None and self.closes == self.opens:
            raise ValidationError({"closes": "Het einduur moet verschillen van het beginuur."})

    @property
    def label(self) -> str:
        """Dutch notation: '9–17 uur', '16–22 uur', '10–12.30 uur', '18–24 uur'."""
        return f"{hour_label(self.opens)}–{hour_label(self.closes, closing=True)} uur"

    def covers(self, weekday: int, moment: datetime.time) -> bool:
        """Opening hours past midnight (e.g. 20:00–02:00) continue on the next day."""
        if self.closes > self.opens:
            return weekday == self.weekday and self.opens <= moment < self.closes
        # closes at or after midnight
        if weekday == self.weekday and moment >= self.opens:
            return True
        return weekday == (self.weekday + 1) % 7 and moment < self.closes


class HelpRoute(index.Indexed, ClusterableModel):
    """One route to help in one situation: talk to the school, the trusted person at work, the
    police... Which routes appear for which visitor is decided in `helpfinder.routing`; the text,
    the contacts and the link are content."""

    title = models.CharField(
        "titel", max_length=120, help_text="Kort en concreet: wat kan de bezoeker doen? Bv. Praat met de school."
    )
    slug = models.SlugField(
        "vaste sleutel",
        max_length=60,
        unique=True,
        help_text="De hulpwijzer kiest routes op deze sleutel. Niet veranderen.",
    )
    summary = models.TextField(
        "kort",
        max_length=300,
        help_text="Eén of twee zinnen in eenvoudige taal, bovenaan de route.",
    )
    body = RichTextField(
        "uitleg",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Hoe pak je het aan, wat mag je verwachten? Korte zinnen, liefst in stappen.",
    )
    services = ParentalManyToManyField(
        HelpService,
        blank=True,
        related_name="routes",
        verbose_name="hulplijnen bij deze route",
        help_text="Hulplijnen die bij deze route getoond worden, met nummer en openingsuren.",
    )
    link_label = models.CharField(
        "tekst van de link",
        max_length=120,
        blank=True,
        help_text="Zeg waar de link naartoe gaat, bv. Zoek de politiezone. Verplicht als er een link is.",
    )
    link_url = models.CharField(
        "link",
        max_length=300,
        blank=True,
        help_text="Een webadres (https://...) of een pad op deze site (/veilig-surfen/).",
    )
    last_checked = models.DateField("laatst nagekeken", null=True, blank=True, help_text=LAST_CHECKED_HELP)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("services"),
        MultiFieldPanel([FieldPanel("link_label"), FieldPanel("link_url")], heading="Link verder"),
        FieldPanel("last_checked"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("summary"),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = "hulproute"
        verbose_name_plural = "hulproutes"

    def __str__(self):
        return self.title

    def clean(self):
        if self.slug and self.slug.startswith("melden-"):
            raise ValidationError({"slug": "Sleutels die met 'melden-' beginnen zijn voor de meldgidsen."})
        if self.link_url and not self.link_url.startswith(("https://", "http://", "/")):
            raise ValidationError({"link_url": "Begin met https:// of met / voor een pagina op deze site."})
        if self.link_url and not self.link_label:
            raise ValidationError({"link_label": "Geef de link een tekst die zegt waar hij naartoe gaat."})

    @property
    def link_is_external(self) -> bool:
        return self.link_url.startswith(("https://", "http://"))

    @property
    def go_url(self) -> str:
        return reverse("helpfinder:go", args=[self.slug])


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Stap", max_length=150, help_text="Kort en concreet: wat doe je?")
    detail = blocks.RichTextBlock(label="Uitleg", required=False, features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "list-ol"
        label = "Stap"


class PlatformGuide(index.Indexed, models.Model):
    """How to report (and block) on one platform, step by step."""

    name = models.CharField("platform", max_length=60, help_text="Naam van het platform, bv. Instagram of TikTok.")
    slug = models.SlugField(
        "korte naam in de webadressen",
        max_length=60,
        unique=True,
        help_text="Bv. 'instagram'. Niet meer veranderen na publicatie.",
    )
    intro = models.TextField(
        "inleiding", max_length=400, blank=True, help_text="Eén of twee zinnen boven de stappen (optioneel)."
    )
    steps = StreamField(
        [("step", StepBlock())],
        verbose_name="stappen om te melden",
        help_text="Eén blok per stap, in de volgorde waarin de bezoeker ze zet.",
    )
    after = RichTextField(
        "daarna",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Blokkeren, privacy-instellingen, wat als het platform niet reageert...",
    )
    help_url = models.URLField(
        "officieel helpcentrum", blank=True, help_text="Webadres van de hulppagina van het platform zelf (https://...)."
    )
    last_checked = models.DateField("laatst nagekeken", null=True, blank=True, help_text=LAST_CHECKED_HELP)
    sort_order = models.PositiveSmallIntegerField("volgorde", default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("intro"),
        FieldPanel("steps"),
        FieldPanel("after"),
        FieldPanel("help_url"),
        FieldPanel("last_checked"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("slug")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "meldgids per platform"
        verbose_name_plural = "meldgidsen per platform"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("helpfinder:platform", args=[self.slug])

    @property
    def go_url(self) -> str:
        return reverse("helpfinder:go", args=[f"melden-{self.slug}"])


class CrisisPhrase(models.Model):
    """A word or phrase that marks a search as a cry for help (see `helpfinder.crisis`).

    Such a search never gets a spelling correction and always shows the help box first.
    """

    CRISIS = "crisis"
    HELP = "hulp"
    KINDS = [
        (CRISIS, "Crisis: zelfdoding, zelfbeschadiging, in gevaar, misbruik"),
        (HELP, "Hulpvraag: hulp zoeken, melden, een hulplijn"),
    ]

    phrase = models.CharField(
        "woord of zin",
        max_length=100,
        unique=True,
        help_text="Zoals iemand het zou typen, bv. 'ik wil dood'. Hoofdletters en accenten tellen niet mee.",
    )
    kind = models.CharField(
        "soort",
        max_length=10,
        choices=KINDS,
        default=CRISIS,
        help_text="Crisis: de zoekpagina toont de hulplijnen bovenaan en stelt nooit een andere schrijfwijze voor. "
        "Hulpvraag: de hulplijnen staan bovenaan, de rest blijft gewoon.",
    )
    variants = models.TextField(
        "andere vormen en schrijffouten",
        blank=True,
        help_text="Eén per regel: vervoegingen, meervouden, spreektaal en veelgemaakte tikfouten, "
        "bv. 'ik wil dod' of 'zelfmoort'. Lange woorden met één tikfout herkent de site zelf.",
    )

    panels = [FieldPanel("phrase"), FieldPanel("kind"), FieldPanel("variants")]

    class Meta:
        ordering = ["kind", "phrase"]
        verbose_name = "crisiswoord"
        verbose_name_plural = "crisiswoorden"

    def __str__(self):
        return self.phrase

    def forms(self) -> list[str]:
        """The phrase and its variants, one entry each."""
        return [self.phrase, *(line.strip() for line in self.variants.splitlines() if line.strip())]
