"""Site-wide settings for how search engines and social media see the site."""

from django.db import models

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page


@register_setting(icon="globe")
class FindabilitySettings(ClusterableModel, BaseSiteSetting):
    """Share image and the pages search engines must not index (also left out of sitemap.xml)."""

    share_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="deelafbeelding",
        help_text=(
            "Verschijnt bij een gedeelde link op sociale media (liefst 1200 × 630 pixels). "
            "Leeg: het logo van het kenniscentrum."
        ),
    )
    default_description = models.CharField(
        "standaardomschrijving", max_length=300, blank=True,
        help_text=(
            "Voor zoekmachines, op pagina's zonder eigen omschrijving of samenvatting. "
            "Leeg: een vaste zin over het kenniscentrum."
        ),
    )

    panels = [FieldPanel("share_image"), FieldPanel("default_description"), InlinePanel("hidden_pages", label="Pagina")]

    class Meta:
        verbose_name = "vindbaarheid"


class HiddenPage(Orderable):
    """A public page that search engines should not index (noindex, not in the sitemap)."""

    settings = ParentalKey(FindabilitySettings, on_delete=models.CASCADE, related_name="hidden_pages")
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name="pagina",
        help_text="Deze pagina krijgt 'noindex' en staat niet in sitemap.xml.",
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "verborgen pagina voor zoekmachines"
        verbose_name_plural = "verborgen pagina's voor zoekmachines"
