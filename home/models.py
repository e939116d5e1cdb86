from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from core.blocks import BodyBlock
from core.models import BasePage

SECTION_TYPES = [
    "home.AudiencePage",
    "toolkits.ToolkitIndexPage",
    "research.ResearchIndexPage",
    "practices.PracticeIndexPage",
    "glossary.GlossaryPage",
    "news.NewsIndexPage",
    "news.EventIndexPage",
    "core.ContentPage",
]


class HomePage(BasePage):
    intro = models.CharField(
        "kernboodschap", max_length=250, blank=True,
        help_text="Eén zin bovenaan de startpagina: wat vindt de bezoeker hier?",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="inhoud")

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
        return [item.page.specific for item in self.featured.select_related("page") if item.page.live]


class HomeFeatured(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured")
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+", verbose_name="pagina")

    panels = [FieldPanel("page")]


class AudiencePage(BasePage):
    """Landing page of one audience: its toolkits, practices and research in two clicks."""

    audience = models.OneToOneField(
        "taxonomy.Audience", on_delete=models.PROTECT, related_name="landing_page",
        verbose_name="doelgroep", help_text="De inhoud van deze doelgroep verschijnt op de pagina.",
    )
    intro = models.TextField("inleiding", blank=True, help_text="Spreek de doelgroep rechtstreeks aan.")
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="afbeelding",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="inhoud")

    content_panels = BasePage.content_panels + [
        FieldPanel("audience"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "doelgroeppagina"
        verbose_name_plural = "doelgroeppagina's"
