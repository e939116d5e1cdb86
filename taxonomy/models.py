"""Facets of the knowledge centre. Slugs are the stable keys used in URLs and search facets."""

from django.db import models

from wagtail.admin.panels import FieldPanel


class TaxonomyTerm(models.Model):
    name = models.CharField(
        "naam", max_length=100, help_text="De naam zoals bezoekers hem zien in filters en labels."
    )
    slug = models.SlugField(
        "slug",
        max_length=100,
        unique=True,
        help_text="Vaste sleutel in webadressen en zoekfilters. Verander die niet na publicatie.",
    )
    description = models.TextField(
        "omschrijving", blank=True, help_text="Korte uitleg voor bezoekers (optioneel)."
    )
    sort_order = models.PositiveSmallIntegerField(
        "volgorde", default=0, help_text="Lagere getallen komen eerst in lijsten en filters."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Audience(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "doelgroep"
        verbose_name_plural = "doelgroepen"


class Topic(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "thema"
        verbose_name_plural = "thema's"


class Approach(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "aanpak"
        verbose_name_plural = "aanpakken"


class AgeGroup(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "leeftijdsgroep"
        verbose_name_plural = "leeftijdsgroepen"


class Setting(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "omgeving"
        verbose_name_plural = "omgevingen"


class SchoolStrategy(TaxonomyTerm):
    """A strategy of the whole-school approach (educatie, structurele maatregelen, ...)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "strategie brede schoolaanpak"
        verbose_name_plural = "strategieën brede schoolaanpak"


class SchoolLevel(TaxonomyTerm):
    """A level of the whole-school approach (leerling, klas, school, omgeving)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "niveau brede schoolaanpak"
        verbose_name_plural = "niveaus brede schoolaanpak"


class WholeSchoolCell(models.Model):
    """One cell of the 4×4 whole-school matrix: a strategy at a level."""

    strategy = models.ForeignKey(
        SchoolStrategy, on_delete=models.CASCADE, related_name="cells", verbose_name="strategie",
        help_text="Kies de strategie (kolom van de matrix) waartoe deze cel hoort.",
    )
    level = models.ForeignKey(
        SchoolLevel, on_delete=models.CASCADE, related_name="cells", verbose_name="niveau",
        help_text="Kies het niveau (rij van de matrix): leerling, klas, school of omgeving.",
    )

    class Meta:
        verbose_name = "cel brede schoolaanpak"
        verbose_name_plural = "cellen brede schoolaanpak"
        ordering = ["strategy__sort_order", "level__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "level"], name="unique_whole_school_cell")
        ]

    def __str__(self):
        return f"{self.strategy.name} – {self.level.name}"


FACET_MODELS = {
    "audience": Audience,
    "topic": Topic,
    "approach": Approach,
    "age_group": AgeGroup,
    "setting": Setting,
    "school_strategy": SchoolStrategy,
    "school_level": SchoolLevel,
}
