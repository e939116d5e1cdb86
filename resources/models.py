"""External material ("Extern materiaal"): tools, lessons, campaigns, services and official
guidance made by others, described in our own words, with link health; and the partners'
proposals of such material, moderated by the board."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import LANGUAGE_CHOICES, BasePage, ReviewMixin, TaxonomyMixin
from linkcheck.models import long_dead
from resources.forms import ResourcePageForm
from search.listing import ListingMixin

RICH = ["bold", "italic", "link", "ul", "ol"]


class ResourceKind(models.TextChoices):
    TOOLKIT = "toolkit", "Toolkit of pakket"
    LESSON = "les", "Lesmateriaal"
    CAMPAIGN = "campagne", "Campagne"
    ELEARNING = "e-learning", "E-learning of online cursus"
    SERVICE = "dienst", "Dienst of hulplijn"
    ORGANISATION = "organisatie", "Organisatie"
    OFFICIAL = "officieel", "Wet of officiële richtlijn"
    DATASET = "dataset", "Cijfers of dataset"


class Cost(models.TextChoices):
    FREE = "gratis", "Gratis"
    REGISTRATION = "gratis-registratie", "Gratis, wel registreren"
    PAID = "betalend", "Betalend"
    UNKNOWN = "onbekend", "Nog niet nagekeken"


class Licence(models.TextChoices):
    UNKNOWN = "niet-vermeld", "Niet vermeld door de eigenaar"
    ALL_RIGHTS = "alle-rechten", "Alle rechten voorbehouden"
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    CC_BY_NC_SA = "cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"
    CC_BY_NC_ND = "cc-by-nc-nd-4.0", "CC BY-NC-ND 4.0"
    PUBLIC = "publiek", "Officiële tekst (vrij te raadplegen)"


class Assessment(models.TextChoices):
    """Only the scientific board fills this in. "Niet beoordeeld" (the board has not looked)
    is a different thing from "beoordeeld, geen effect" (the board looked, found no effect)."""

    NOT_ASSESSED = "niet-beoordeeld", "Niet beoordeeld door de wetenschappelijke raad"
    NOT_EVALUATED = "niet-geevalueerd", "Beoordeeld: (nog) niet geëvalueerd"
    NO_EFFECT = "geen-effect", "Beoordeeld: geen effect gevonden"
    THEORY = "theoretisch-onderbouwd", "Beoordeeld: theoretisch onderbouwd"
    FIRST = "eerste-aanwijzingen", "Beoordeeld: eerste aanwijzingen voor effect"
    GOOD = "goede-aanwijzingen", "Beoordeeld: goede aanwijzingen voor effect"
    STRONG = "sterke-aanwijzingen", "Beoordeeld: sterke aanwijzingen voor effect"


def validate_web_address(value: str):
    if not value.lower().startswith(("http://", "https://")):
        raise ValidationError("Geef een webadres dat begint met https:// of http://.")


class ResourceIndexPage(ListingMixin, BasePage):
    intro = models.TextField(
        "inleiding", blank=True,
        help_text="Eén of twee zinnen bovenaan het overzicht: wat vindt de bezoeker hier?",
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count = 1
    listing_type = "extern"
    listing_facets = ("doelgroep", "thema", "aanpak", "leeftijd", "omgeving", "strategie", "niveau", "taal")
    listing_sort = "titel"

    class Meta:
        verbose_name = "overzicht extern materiaal"


class ResourcePage(TaxonomyMixin, ReviewMixin, BasePage):
    """Material someone else made: we describe it and link out; we never copy or frame it."""

    owner_name = models.CharField(
        "eigenaar", max_length=255,
        help_text="De organisatie of persoon die het materiaal maakte en beheert.",
    )
    kind = models.CharField(
        "soort", max_length=20, choices=ResourceKind.choices, default=ResourceKind.TOOLKIT,
        help_text="Wat is het?",
    )
    description = RichTextField(
        "beschrijving", features=RICH,
        help_text="In onze eigen woorden: wat is het, voor wie, hoe gebruik je het? Geen tekst overnemen.",
    )
    cost = models.CharField("kostprijs", max_length=20, choices=Cost.choices, default=Cost.UNKNOWN)
    conditions = models.CharField(
        "voorwaarden", max_length=255, blank=True,
        help_text="Bv. 'registratie met een schoolaccount', 'licentie per school'. Zeg het eenvoudig.",
    )
    languages = models.JSONField("talen", default=list, blank=True)
    licence = models.CharField("licentie", max_length=20, choices=Licence.choices, default=Licence.UNKNOWN)
    assessment = models.CharField(
        "beoordeling wetenschappelijke raad", max_length=30, choices=Assessment.choices,
        default=Assessment.NOT_ASSESSED,
        help_text="Alleen de wetenschappelijke raad past dit aan, met een onderbouwing.",
    )
    assessment_justification = RichTextField(
        "onderbouwing van de beoordeling", features=RICH, blank=True,
        help_text="Waarom deze beoordeling? Verwijs naar het onderzoek.",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="nagekeken door", help_text="Wie keek de gegevens laatst na bij de eigenaar?",
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("owner_name"),
        index.SearchField("description"),
        index.FilterField("kind"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("owner_name"),
        FieldPanel("kind"),
        InlinePanel("links", label="Link", heading="Links naar het materiaal", min_num=1),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cost"), FieldPanel("licence")]),
                FieldPanel("conditions"),
                FieldPanel("languages"),
            ],
            heading="Praktisch",
        ),
        MultiFieldPanel(
            [FieldPanel("assessment"), FieldPanel("assessment_justification")],
            heading="Beoordeling door de wetenschappelijke raad",
        ),
        InlinePanel("related", label="Verwante inhoud", heading="Verwant onderzoek, praktijken en toolkits"),
    ]
    promote_panels = BasePage.promote_panels + TaxonomyMixin.taxonomy_panels
    settings_panels = BasePage.settings_panels + [
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("reviewed_by"), FieldPanel("next_review")],
            heading="Herziening",
        )
    ]
    base_form_class = ResourcePageForm
    card_label = "Extern materiaal"
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "extern materiaal"
        verbose_name_plural = "extern materiaal"

    @property
    def is_assessed(self) -> bool:
        return self.assessment != Assessment.NOT_ASSESSED

    def language_labels(self) -> list[str]:
        labels = dict(LANGUAGE_CHOICES)
        return [labels.get(code, code) for code in self.languages or []]

    def link_list(self):
        return list(self.links.all())

    def dead_links(self):
        """Links that failed without a break for longer than LINKCHECK_DEAD_AFTER_DAYS."""
        return long_dead([link.url for link in self.links.all()])

    def related_pages(self):
        """Live related research, practices and toolkits in editor order: one query."""
        items = self.related.select_related("page")
        pages = [item.page for item in items if item.page.live]
        specific = {p.pk: p for p in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()}
        return [specific[p.pk] for p in pages if p.pk in specific]


class ResourceLink(Orderable):
    resource = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(
        "webadres", max_length=1000, validators=[validate_web_address],
        help_text="Het adres bij de eigenaar, bv. https://www.mediawijs.be/… De eerste link is de hoofdlink.",
    )
    label = models.CharField(
        "omschrijving", max_length=120, blank=True,
        help_text="Bv. 'Website', 'Lespakket (pdf)'. Leeg: de naam van de website.",
    )

    panels = [FieldPanel("url"), FieldPanel("label")]

    def __str__(self):
        return self.label or self.url

    @property
    def host(self) -> str:
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")


class ResourceRelated(Orderable):
    resource = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="related")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name="pagina",
        help_text="Een onderzoekssamenvatting, goede praktijk of toolkit van het kenniscentrum.",
    )

    panels = [PageChooserPanel("page", ["research.ResearchPage", "practices.PracticePage", "toolkits.ToolkitPage"])]


class Proposal(models.Model):
    """Material proposed through the public form "Materiaal voorstellen", waiting for the board."""

    class Status(models.TextChoices):
        NEW = "nieuw", "Te beoordelen"
        ACCEPTED = "aanvaard", "Aanvaard (ontwerp gemaakt)"
        DECLINED = "afgewezen", "Afgewezen"

    title = models.CharField("titel", max_length=200)
    url = models.URLField("link", max_length=1000, validators=[validate_web_address])
    owner_name = models.CharField("eigenaar", max_length=200)
    audience = models.CharField("voor wie", max_length=200)
    why = models.TextField("waarom het helpt", max_length=3000)
    email = models.EmailField("e-mailadres voor een antwoord", blank=True)
    created_at = models.DateTimeField("ontvangen", default=timezone.now, db_index=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.NEW)
    decision_reason = models.TextField("reden", blank=True)
    handled_at = models.DateTimeField("behandeld", null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="behandeld door",
    )
    resource = models.ForeignKey(
        ResourcePage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="extern materiaal",
    )

    class Meta:
        verbose_name = "voorstel van materiaal"
        verbose_name_plural = "voorstellen van materiaal"
        ordering = ["-created_at"]
        permissions = [("moderate_proposal", "Voorstellen van materiaal behandelen")]

    def __str__(self):
        return self.title
