"""A new content type as a content app would add it: an index page and a page with taxonomy."""

from django.db import models

from core.models import BasePage, TaxonomyMixin
from search.listing import ListingMixin
from taxonomy.evidence import EvidenceLevel


class ToolIndexPage(ListingMixin, BasePage):
    section_order = 35
    section_blurb = "Proefmateriaal dat alleen in de tests bestaat."
    listing_type = "proefmiddel"


class ToolPage(TaxonomyMixin, BasePage):
    card_label = "Proefmiddel"
    maker = models.CharField("maker", max_length=100, blank=True)
    evidence = models.CharField("bewijskracht", max_length=30, choices=EvidenceLevel.choices, blank=True)
