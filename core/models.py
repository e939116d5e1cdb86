"""Shared building blocks of the content model: documents, taxonomy and review mixins,
plain content pages and site-wide settings."""

import datetime

from django import forms
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core import cards, treecache
from core.blocks import BodyBlock
from core.cards import Linked

LANGUAGE_CHOICES = [("nl", "Nederlands"), ("en", "Engels"), ("fr", "Frans"), ("de", "Duits")]

LICENCE_CHOICES = [
    ("cc-by-4.0", "CC BY 4.0 (vrij te gebruiken met bronvermelding)"),
    ("cc-by-sa-4.0", "CC BY-SA 4.0 (delen onder dezelfde voorwaarden)"),
    ("cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0 (niet-commercieel)"),
    ("alle-rechten", "Alle rechten voorbehouden"),
]

DOCUMENT_KIND_CHOICES = [
    ("gids", "Gids of handleiding"),
    ("lesmateriaal", "Lesmateriaal"),
    ("affiche", "Affiche"),
    ("checklist", "Checklist"),
    ("sjabloon", "Sjabloon"),
    ("rapport", "Rapport"),
    ("folder", "Folder"),
]

REVIEW_INTERVAL_YEARS = 3


class KennisDocument(AbstractDocument):
    """A downloadable file with the facts a visitor needs before downloading it."""

    description = models.TextField(
        "omschrijving", blank=True, help_text="Eén of twee zinnen: wat staat erin en voor wie is het?"
    )
    kind = models.CharField(
        "soort document", max_length=20, choices=DOCUMENT_KIND_CHOICES, default="gids",
        help_text="Wat voor materiaal dit is; verschijnt als label bij de download.",
    )
    audiences = models.ManyToManyField(
        "taxonomy.Audience", blank=True, related_name="documents", verbose_name="doelgroepen",
        help_text="Voor wie is dit document bedoeld?",
    )
    language = models.CharField(
        "taal", max_length=2, choices=LANGUAGE_CHOICES, default="nl",
        help_text="De taal van het document zelf.",
    )
    licence = models.CharField(
        "licentie", max_length=20, choices=LICENCE_CHOICES, default="cc-by-4.0",
        help_text="Onder welke voorwaarden mogen anderen het document gebruiken?",
    )

    admin_form_fields = Document.admin_form_fields + (
        "description",
        "kind",
        "audiences",
        "language",
        "licence",
    )

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documenten"

    @property
    def format_label(self) -> str:
        return (self.file_extension or "").upper()

    @property
    def size_label(self) -> str:
        """File size in Dutch notation, e.g. '1,2 MB' or '85 kB'."""
        size = self.file_size or 0
        if size >= 1024 * 1024:
            return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
        return f"{max(1, round(size / 1024))} kB"


class TaxonomyMixin(models.Model):
    """The facets a piece of content can be found by."""

    audiences = ParentalManyToManyField(
        "taxonomy.Audience", blank=True, related_name="%(class)s_pages", verbose_name="doelgroepen",
        help_text="Voor wie is deze inhoud bedoeld? Kies alle passende doelgroepen.",
    )
    topics = ParentalManyToManyField(
        "taxonomy.Topic", blank=True, related_name="%(class)s_pages", verbose_name="thema's",
        help_text="Over welke vormen van pesten gaat het?",
    )
    approaches = ParentalManyToManyField(
        "taxonomy.Approach", blank=True, related_name="%(class)s_pages", verbose_name="aanpak",
        help_text="Welke aanpak beschrijft of ondersteunt deze inhoud?",
    )
    age_groups = ParentalManyToManyField(
        "taxonomy.AgeGroup", blank=True, related_name="%(class)s_pages", verbose_name="leeftijdsgroepen",
        help_text="Voor welke leeftijden is dit bruikbaar?",
    )
    settings = ParentalManyToManyField(
        "taxonomy.Setting", blank=True, related_name="%(class)s_pages", verbose_name="omgevingen",
        help_text="Waar speelt het pesten zich af?",
    )
    school_cells = ParentalManyToManyField(
        "taxonomy.WholeSchoolCell", blank=True, related_name="%(class)s_pages",
        verbose_name="brede schoolaanpak",
        help_text="Alleen voor scholen: welke strategie op welk niveau ondersteunt dit?",
    )

    taxonomy_panels = [
        MultiFieldPanel(
            [
                FieldPanel(name, widget=forms.CheckboxSelectMultiple)
                for name in ("audiences", "topics", "approaches", "age_groups", "settings", "school_cells")
            ],
            heading="Indeling (zoekfilters)",
        )
    ]

    class Meta:
        abstract = True


def default_next_review():
    today = datetime.date.today()
    try:
        return today.replace(year=today.year + REVIEW_INTERVAL_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + REVIEW_INTERVAL_YEARS, day=28)


class ReviewMixin(models.Model):
    """Content that must stay current carries when it was checked and when it is due again."""

    last_reviewed = models.DateField(
        "laatst nagekeken", null=True, blank=True,
        help_text="Wanneer is de inhoud voor het laatst inhoudelijk nagekeken?",
    )
    next_review = models.DateField(
        "volgende herziening", null=True, blank=True, default=default_next_review,
        help_text="Standaard drie jaar na vandaag. Verschijnt in het overzicht 'Te herzien'.",
    )

    review_panels = [
        MultiFieldPanel([FieldPanel("last_reviewed"), FieldPanel("next_review")], heading="Herziening")
    ]

    class Meta:
        abstract = True


class BasePage(Page):
    """Every public page has a short summary, used in listings, search results and meta tags."""

    #: Short label above a card title (featured pages, related content).
    card_label = "Overzicht"
    #: Section overview pages (home, header and footer list them): their place and one line on
    #: what they hold. None: the page type is not a section.
    section_order: int | None = None
    section_blurb = ""
    #: What base.html and the header ask of every page; page types with the field or the mixin
    #: (QuickExitMixin, an audience) override these. A name a template asks of a page that lacks
    #: it costs Django a dir() of the whole page class (about 0.1 ms each time).
    show_quick_exit = False
    audience_id = None

    summary = models.TextField(
        "samenvatting", blank=True, max_length=400,
        help_text="Eén tot drie zinnen in eenvoudige taal. Verschijnt in overzichten en zoekresultaten.",
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]
    content_panels = Page.content_panels + [FieldPanel("summary")]

    class Meta:
        abstract = True

    @cached_property
    def breadcrumbs(self):
        known = self.__dict__.get("_route_ancestors")  # read already by route(): no query
        if known is not None:
            return [page for page in known if page.live]
        return self.get_ancestors().filter(depth__gt=1).specific(defer=True).live()

    def get_view_restrictions(self):
        """Wagtail's answer, without its two queries when no private section is above the page
        (core.treecache: the restrictions come from the pages cache)."""
        none = treecache.view_restrictions(self)
        return super().get_view_restrictions() if none is None else none

    def route(self, request, path_components):
        """Wagtail's routing, in one query for the whole path instead of two per level.

        Wagtail asks each level for its child by slug and then for the child's specific page.
        Here every page on the path is read at once by `url_path`; a page on the way that routes
        by itself (RoutablePageMixin: the glossary's /woordenlijst/<term>/) takes over from there,
        as it would in Wagtail's walk. The result is the same; tests/test_page_tree.py and
        tests/test_queries.py hold it to that. A top-level page costs the same two queries as in
        Wagtail, but its breadcrumbs (the site root) are then known.
        """
        if not path_components:  # this page itself
            return super().route(request, path_components)
        prefixes = [self.url_path + "/".join(path_components[: i + 1]) + "/" for i in range(len(path_components))]
        # Only what routing and the breadcrumbs read: the target page is read whole below (.specific).
        columns = ("id", "path", "depth", "title", "url_path", "live", "content_type_id", "locale_id")
        found = {page.url_path: page for page in Page.objects.filter(url_path__in=prefixes).only(*columns)}
        parent = self
        for depth, prefix in enumerate(prefixes):
            page = found.get(prefix)
            if page is None or page.depth != self.depth + depth + 1:
                raise Http404
            remaining = path_components[depth + 1 :]
            if not remaining or _routes_itself(page.specific_class):
                page._cached_parent_obj = parent
                target = _specific(page)
                if self.depth == 2:  # the site root: these are all the ancestors (breadcrumbs)
                    target._route_ancestors = [self, *(found[p] for p in prefixes[:depth])]
                return target.route(request, remaining)
            parent = page
        raise Http404  # not reached: the last prefix always returns


def _specific(page):
    """`page.specific`, with what its template shows read in the same query: a page type lists
    those foreign keys in `route_select_related` (e.g. the toolkit's image)."""
    cls = page.specific_class
    related = getattr(cls, "route_select_related", ())
    if cls is None or not related:
        return page.specific
    target = cls._default_manager.select_related(*related).get(pk=page.pk)
    target._cached_parent_obj = page._cached_parent_obj
    return target


def _routes_itself(cls) -> bool:
    """A page class with routing of its own (sub-URLs), not Wagtail's walk over children."""
    return cls is None or cls.route not in (Page.route, BasePage.route)


class _SensitiveServeMixin:
    """With the quick exit on, the response is marked sensitive, so `PrivacyHeadersMiddleware`
    sends `Cache-Control: no-store` (not kept in the browser cache or history snapshots) and
    `Referrer-Policy: no-referrer`."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.show_quick_exit:
            response.sensitive = True
        return response


class AlwaysQuickExitMixin(_SensitiveServeMixin):
    """Pages where a young person or a victim may land first (home, glossary): always "Snel weg".
    Put it before RoutablePageMixin and BasePage in the bases."""

    show_quick_exit = True


class QuickExitMixin(_SensitiveServeMixin, models.Model):
    """Pages for young people and victims: a "Snel weg" button, and nothing kept about the visit.
    Editors switch it on per page (settings tab)."""

    show_quick_exit = models.BooleanField(
        "knop 'Snel weg' tonen", default=False,
        help_text="Aanzetten op pagina's voor jongeren en slachtoffers.",
    )

    quick_exit_panels = [FieldPanel("show_quick_exit")]

    class Meta:
        abstract = True


class ContentPage(QuickExitMixin, BasePage):  # noqa: DJ008 - Page.__str__ gives the title
    """A plain page: about, privacy, accessibility statement, safe browsing."""

    card_label = "Pagina"

    body = StreamField(
        BodyBlock(), blank=True, verbose_name="inhoud",
        help_text="Tekst, tussenkoppen, afbeeldingen en links. Houd zinnen kort en eenvoudig.",
    )

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("body")]
    settings_panels = BasePage.settings_panels + QuickExitMixin.quick_exit_panels
    parent_page_types = ["home.HomePage", "core.ContentPage"]
    subpage_types = ["core.ContentPage"]

    class Meta:
        verbose_name = "inhoudspagina"
        verbose_name_plural = "inhoudspagina's"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Links every page needs: footer and help contacts."""

    privacy_page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="privacyverklaring", help_text="De pagina met de privacyverklaring, gelinkt in de voettekst.",
    )
    accessibility_page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="toegankelijkheidsverklaring",
        help_text="De pagina met de toegankelijkheidsverklaring, gelinkt in de voettekst.",
    )
    about_page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="over het kenniscentrum", help_text="De pagina die het kenniscentrum voorstelt.",
    )
    evidence_page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="uitleg bewijskracht",
        help_text="De pagina die uitlegt hoe de bewijskracht beoordeeld wordt, gelinkt bij elke score.",
    )
    contact_email = models.EmailField(
        "e-mailadres redactie", blank=True, help_text="Waar bezoekers en partners de redactie bereiken."
    )

    panels = [
        FieldPanel("about_page"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("evidence_page"),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = "site-instellingen"


def pages_linking_here(page, relation: str) -> Linked:
    """Live, public pages whose inline links point to `page`, by title: their ids in one light
    query (their cards come from the pages cache, core.cards).

    `relation` is the reverse name of the link model's foreign key to `page` (e.g.
    "toolkit_links"); the linking page is the link model's ParentalKey. The page's own app needs
    no import of the linking app, which sits higher or beside it.
    """
    return cards.backward(page, relation)[0]
