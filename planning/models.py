"""Planning tools: the self-assessment (zelfscan) with its editable questions, answers a school
chose to save, and shareable lists ("Mijn lijst").

Nothing here identifies a visitor: a saved self-assessment holds only the answers, a list only
the pages and documents on it; both under a random token and with an expiry date.
"""

import datetime
import secrets

from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

TOKEN_BYTES = 24  # 32 URL-safe characters: not guessable


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class Scan(ClusterableModel):
    """One variant of the self-assessment: for schools, clubs or employers."""

    slug = models.SlugField(
        "slug", max_length=50, unique=True,
        help_text="Deel van het webadres: /zelfscan/<slug>/. Verander die niet na publicatie.",
    )
    title = models.CharField("titel", max_length=150, help_text="Bv. ‘Zelfscan voor scholen’.")
    intro = models.TextField(
        "inleiding", blank=True, help_text="Twee of drie zinnen: voor wie is de scan en wat krijg je?"
    )
    audience = models.ForeignKey(
        "taxonomy.Audience", on_delete=models.PROTECT, related_name="+", verbose_name="doelgroep",
        help_text="De aanbevelingen komen uit het materiaal voor deze doelgroep.",
    )
    sort_order = models.PositiveSmallIntegerField("volgorde", default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("intro"),
        FieldPanel("audience"),
        FieldPanel("sort_order"),
        InlinePanel("questions", label="Vraag", heading="Vragen"),
    ]

    class Meta:
        verbose_name = "zelfscan"
        verbose_name_plural = "zelfscans"
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title


class ScanQuestion(Orderable):
    """A question; a gap ("nee", "deels", "weet niet") gets the material that fits its cell,
    approach or topic, within the scan's audience."""

    scan = ParentalKey(Scan, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(
        "vraag", max_length=300,
        help_text="Kort en concreet, te beantwoorden met ja, deels of nee.",
    )
    explanation = models.TextField(
        "toelichting", blank=True, help_text="Optioneel: wat bedoelen we, met een voorbeeld."
    )
    advice = models.TextField(
        "advies bij een leemte", help_text="Wat kan je doen als het antwoord nee of deels is?"
    )
    cell = models.ForeignKey(
        "taxonomy.WholeSchoolCell", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name="cel brede schoolaanpak",
        help_text="Voor de scholenscan: de cel van de 4×4-matrix waarover de vraag gaat.",
    )
    approach = models.ForeignKey(
        "taxonomy.Approach", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name="aanpak",
        help_text="Optioneel: aanbevelingen met deze aanpak komen eerst.",
    )
    topic = models.ForeignKey(
        "taxonomy.Topic", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name="thema",
        help_text="Optioneel: aanbevelingen over dit thema komen eerst.",
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("explanation"),
        FieldPanel("advice"),
        FieldPanel("cell"),
        FieldPanel("approach"),
        FieldPanel("topic"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "vraag"
        verbose_name_plural = "vragen"

    def __str__(self):
        return self.text


def default_saved_expiry():
    return timezone.localdate() + datetime.timedelta(days=365)


class SavedScan(models.Model):
    """Answers a visitor chose to keep under an unguessable link; nothing else."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="+")
    answers = models.CharField(max_length=1000)
    created = models.DateField(default=timezone.localdate)
    expires = models.DateField(default=default_saved_expiry, db_index=True)

    class Meta:
        verbose_name = "bewaarde zelfscan"
        verbose_name_plural = "bewaarde zelfscans"

    def __str__(self):
        return f"{self.scan_id} tot {self.expires}"


def default_list_expiry():
    return timezone.localdate() + datetime.timedelta(days=180)


class SharedList(models.Model):
    """A visitor's list of pages and documents, shared through its token."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created = models.DateField(default=timezone.localdate)
    expires = models.DateField(default=default_list_expiry, db_index=True)

    class Meta:
        verbose_name = "gedeelde lijst"
        verbose_name_plural = "gedeelde lijsten"

    def __str__(self):
        return f"lijst tot {self.expires}"

    @property
    def expired(self) -> bool:
        return self.expires < timezone.localdate()


class ListItem(models.Model):
    def __str__(self):
        return f"pagina {self.page_id}" if self.page_id else f"document {self.document_id}"

    shared_list = models.ForeignKey(SharedList, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    document = models.ForeignKey(
        "core.KennisDocument", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "item op een lijst"
        constraints = [
            models.UniqueConstraint(fields=["shared_list", "page"], name="planning_list_unique_page"),
            models.UniqueConstraint(
                fields=["shared_list", "document"], name="planning_list_unique_document"
            ),
            models.CheckConstraint(
                condition=models.Q(page__isnull=False, document__isnull=True)
                | models.Q(page__isnull=True, document__isnull=False),
                name="planning_list_item_one_target",
            ),
        ]
