from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from core.models import AlwaysQuickExitMixin, BasePage


class GlossaryTerm(index.Indexed, models.Model):
    """A term with its definition; each has its own address on the glossary page."""

    term = models.CharField(
        "begrip", max_length=120, unique=True,
        help_text="Het woord zoals het in teksten staat, bv. sexting. Elk begrip maar één keer.",
    )
    slug = models.SlugField(
        "slug", max_length=120, unique=True, help_text="Vaste sleutel in het webadres van het begrip."
    )
    definition = RichTextField(
        "definitie",
        features=["bold", "italic", "link"],
        help_text="Leg het begrip uit in twee tot vier eenvoudige zinnen.",
    )
    also_known_as = models.CharField(
        "ook gekend als",
        max_length=255,
        blank=True,
        help_text="Andere woorden voor hetzelfde, gescheiden door komma's.",
    )
    related_terms = models.ManyToManyField(
        "self", blank=True, verbose_name="verwante begrippen",
        help_text="Begrippen die bezoekers ook kunnen helpen. De link werkt in twee richtingen.",
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("definition"),
        FieldPanel("also_known_as"),
        FieldPanel("related_terms"),
    ]
    search_fields = [index.SearchField("term"), index.SearchField("definition"), index.AutocompleteField("term")]

    class Meta:
        ordering = ["term"]
        verbose_name = "begrip"
        verbose_name_plural = "begrippen"

    def __str__(self):
        return self.term

    def get_url(self):
        glossary = GlossaryPage.objects.live().first()
        return glossary.url + glossary.reverse_subpage("term", args=[self.slug]) if glossary else ""

    @property
    def letter(self) -> str:
        return self.term[:1].upper()


class GlossaryPage(AlwaysQuickExitMixin, RoutablePageMixin, BasePage):
    card_label = "Woordenlijst"
    section_order = 40
    section_blurb = "Begrippen als sexting, no-blame en omstander in gewone taal."

    intro = models.TextField(
        "inleiding", blank=True, help_text="Eén of twee zinnen boven de lijst: waarvoor dient de woordenlijst?"
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "woordenlijst"

    @path("")
    def index_route(self, request):
        terms = list(GlossaryTerm.objects.all())
        letters = sorted({t.letter for t in terms})
        return self.render(request, context_overrides={"terms": terms, "letters": letters})

    @path("<slug:slug>/", name="term")
    def term_route(self, request, slug):
        term = get_object_or_404(GlossaryTerm.objects.prefetch_related("related_terms"), slug=slug)
        if term is None:
            raise Http404
        return self.render(request, template="glossary/glossary_term.html", context_overrides={"term": term})
