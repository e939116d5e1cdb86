from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core import cards
from core.models import LANGUAGE_CHOICES, BasePage, ReviewMixin, TaxonomyMixin
from search.listing import ListingMixin

RICH = ["bold", "italic", "link", "ul", "ol"]


class PublicationType(models.TextChoices):
    ARTICLE = "artikel", "Wetenschappelijk artikel"
    REPORT = "rapport", "Onderzoeksrapport"
    BOOK = "boek", "Boek"
    CHAPTER = "hoofdstuk", "Hoofdstuk in boek"
    THESIS = "proefschrift", "Proefschrift of masterproef"
    POLICY = "beleid", "Beleidsdocument"


class Region(models.TextChoices):
    FLANDERS = "vlaanderen", "Vlaanderen"
    BELGIUM = "belgie", "België"
    EUROPE = "europa", "Europa"
    INTERNATIONAL = "internationaal", "Internationaal"


class Method(models.TextChoices):
    SURVEY = "survey", "Survey (vragenlijst)"
    LONGITUDINAL = "longitudinaal", "Longitudinaal onderzoek"
    EXPERIMENT = "experiment", "Experiment of interventiestudie"
    QUALITATIVE = "kwalitatief", "Kwalitatief onderzoek"
    REVIEW = "review", "Literatuurstudie of meta-analyse"


class ResearchIndexPage(ListingMixin, BasePage):
    listing_heading = "Al het onderzoek"
    section_order = 20
    section_blurb = "Wat weten we over pesten? Onderzoek kort en helder samengevat."

    intro = models.TextField(
        "inleiding",
        blank=True,
        help_text="Eén of twee zinnen bovenaan het overzicht: wat vindt de bezoeker hier?",
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["research.ResearchPage"]
    max_count = 1
    listing_type = "onderzoek"
    listing_facets = ("jaar", "aanpak", "thema", "doelgroep", "leeftijd", "omgeving", "taal")
    listing_sort = "nieuwste"

    class Meta:
        verbose_name = "overzicht onderzoek"


class ResearchPage(TaxonomyMixin, ReviewMixin, BasePage):
    """A research summary with a structured citation, key figures and implications."""

    card_label = "Onderzoek"

    # Citation
    authors = models.CharField(
        "auteurs",
        max_length=500,
        help_text=(
            "Achternaam, voorletters; gescheiden door puntkomma's. "
            "Bijvoorbeeld: Vandebosch, H.; Van Cleemput, K."
        ),
    )
    year = models.PositiveSmallIntegerField(
        "jaar van publicatie", help_text="Het jaar waarin de publicatie verscheen, bijvoorbeeld 2019."
    )
    original_title = models.CharField(
        "oorspronkelijke titel",
        max_length=500,
        blank=True,
        help_text="De titel van de publicatie zelf, als die verschilt van de titel van deze pagina.",
    )
    publisher = models.CharField(
        "uitgever of organisatie",
        max_length=255,
        blank=True,
        help_text="Uitgeverij, universiteit of organisatie die de publicatie uitbracht.",
    )
    journal = models.CharField(
        "tijdschrift of reeks",
        max_length=255,
        blank=True,
        help_text="Naam van het tijdschrift; bij een hoofdstuk de titel van het boek.",
    )
    volume = models.CharField("jaargang", max_length=20, blank=True, help_text="Jaargang (volume) van het tijdschrift.")
    issue = models.CharField("nummer", max_length=20, blank=True, help_text="Nummer (issue) binnen de jaargang.")
    pages = models.CharField("pagina's", max_length=30, blank=True, help_text="Bijvoorbeeld: 112–130.")
    publication_type = models.CharField(
        "soort publicatie",
        max_length=20,
        choices=PublicationType.choices,
        default=PublicationType.REPORT,
        help_text="Bepaalt hoe de bronvermelding (APA) wordt opgemaakt.",
    )
    doi = models.CharField(
        "DOI", max_length=255, blank=True, help_text="Alleen de code, bijvoorbeeld 10.1016/j.chb.2015.01.001."
    )
    publication_url = models.URLField(
        "webadres",
        blank=True,
        max_length=500,
        help_text="Waar de publicatie online staat. Niet nodig als er een DOI is.",
    )
    open_access = models.BooleanField(
        "vrij toegankelijk", default=False, help_text="Kan iedereen de publicatie gratis lezen?"
    )
    language = models.CharField(
        "taal van de publicatie",
        max_length=2,
        choices=LANGUAGE_CHOICES,
        default="nl",
        help_text="In welke taal is de publicatie zelf geschreven?",
    )

    # Study
    region = models.CharField(
        "regio",
        max_length=20,
        choices=Region.choices,
        blank=True,
        default="",
        help_text="Waar werd het onderzoek uitgevoerd? Leeg zolang het niet bekend is.",
    )
    method = models.CharField(
        "methode",
        max_length=20,
        choices=Method.choices,
        blank=True,
        default="",
        help_text="Hoe werd het onderzoek opgezet? Leeg zolang het niet bekend is.",
    )
    sample_size = models.PositiveIntegerField(
        "steekproefgrootte", null=True, blank=True, help_text="Aantal deelnemers."
    )
    population = models.CharField(
        "onderzochte groep",
        max_length=255,
        blank=True,
        help_text="Wie werd onderzocht? Bijvoorbeeld: leerlingen van 9 tot 16 jaar in Vlaanderen.",
    )
    key_findings = RichTextField(
        "belangrijkste bevindingen",
        features=RICH,
        blank=True,
        help_text="Drie tot vijf bevindingen in eenvoudige taal, met cijfers waar het kan.",
    )
    implications = RichTextField(
        "wat betekent dit voor de praktijk?",
        features=RICH,
        blank=True,
        help_text="Wat kunnen scholen, verenigingen, werkgevers of ouders hiermee doen?",
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("authors"),
        index.SearchField("key_findings"),
        index.SearchField("implications"),
        index.FilterField("year"),
    ]
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("publication_type")]),
                FieldPanel("original_title"),
                FieldPanel("publisher"),
                FieldRowPanel([FieldPanel("journal"), FieldPanel("volume"), FieldPanel("issue"), FieldPanel("pages")]),
                FieldRowPanel([FieldPanel("doi"), FieldPanel("publication_url")]),
                FieldRowPanel([FieldPanel("open_access"), FieldPanel("language")]),
            ],
            heading="Bronvermelding",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("region"), FieldPanel("method"), FieldPanel("sample_size")]),
                FieldPanel("population"),
            ],
            heading="Opzet van het onderzoek",
        ),
        FieldPanel("key_findings"),
        InlinePanel("key_figures", label="Kerncijfer", heading="Kerncijfers"),
        FieldPanel("implications"),
    ]
    promote_panels = BasePage.promote_panels + TaxonomyMixin.taxonomy_panels
    settings_panels = BasePage.settings_panels + ReviewMixin.review_panels
    # base_form_class: editorial's form (the citation rules), set by editorial.apps
    parent_page_types = ["research.ResearchIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "onderzoekssamenvatting"
        verbose_name_plural = "onderzoekssamenvattingen"

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    def _linking_here(self):
        """Live practices that cite this research and toolkits that list it, for their cards:
        ids only, one query for both (core.cards)."""
        if "_kc_linking_here" not in self.__dict__:
            self.__dict__["_kc_linking_here"] = cards.backward(self, "practice_links", "toolkit_links")
        return self.__dict__["_kc_linking_here"]

    def related_practices(self):
        return self._linking_here()[0]

    def related_toolkits(self):
        return self._linking_here()[1]

    def citation_download_url(self, extension: str, request=None) -> str:
        """The citation at `<page url>citatie.bib` and `citatie.ris`, served by `editorial.urls`
        (Wagtail's own page routes cannot contain a dot)."""
        url = self.get_url(request=request) or ""
        return f"{url}citatie.{extension}" if url else ""


class KeyFigure(Orderable):
    """A headline number, e.g. 11.1% of 9–16 year olds were cyberbullied (2012)."""

    research = ParentalKey(ResearchPage, on_delete=models.CASCADE, related_name="key_figures")
    label = models.CharField(
        "omschrijving", max_length=255, help_text="Wat werd gemeten, bij wie en over welke periode?"
    )
    value = models.DecimalField(
        "waarde", max_digits=12, decimal_places=2, help_text="Het getal zelf, bijvoorbeeld 11,1."
    )
    unit = models.CharField("eenheid", max_length=30, blank=True, help_text="Bijvoorbeeld: %, personen, jaar.")
    year = models.PositiveSmallIntegerField(
        "jaar van meting", null=True, blank=True, help_text="In welk jaar werd dit gemeten?"
    )

    panels = [FieldPanel("label"), FieldRowPanel([FieldPanel("value"), FieldPanel("unit"), FieldPanel("year")])]

    @property
    def display_value(self) -> str:
        text = f"{self.value.normalize():f}".replace(".", ",")
        if self.unit == "%":
            return f"{text}%"
        return f"{text} {self.unit}".strip()
