"""The database engine's own search table, and the editors' synonym list.

One `SearchEntry` row per searchable item (published page, toolkit download, glossary term),
holding display fields, the pre-analysed text of each weighted field and its facet values
(`SearchFacetValue`, one row per facet value; the engine counts them from per-process
bitmasks, versioned by `SearchIndexState`). The full-text
index over the `*_terms` columns is database specific and created by migration 0002:
an FTS5 table with triggers on SQLite, a generated, weighted `tsvector` with a GIN index on
PostgreSQL.
"""

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from search.analysis import words


class SearchEntry(models.Model):
    key = models.CharField(max_length=60, unique=True)
    type = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=5, default="nl")
    sort_title = models.CharField(max_length=255, db_index=True)
    facets = models.JSONField(default=dict)
    extra = models.JSONField(default=dict)
    # Pre-analysed (folded, stemmed) text: what the full-text index is built from.
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "zoekindexregel"
        verbose_name_plural = "zoekindex"

    def __str__(self):
        return f"{self.key}: {self.title}"


class SearchFacetValue(models.Model):
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=120)

    class Meta:
        indexes = [
            models.Index(fields=["facet", "value", "entry"], name="search_fv_facet_value"),
            models.Index(fields=["entry", "facet", "value"], name="search_fv_entry"),
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"


class SynonymGroup(index.Indexed, models.Model):
    """Words that should find each other, e.g. "pesten, gepest, pesterijen, pesters".

    Used for query expansion by every engine: a search for one word also finds the others.
    """

    words = models.TextField(
        "woorden",
        help_text="Woorden die elkaar moeten vinden, gescheiden door komma's. "
        "Bijvoorbeeld: pesten, gepest, pesterijen, pesters, pestkop.",
    )
    note = models.CharField("toelichting", max_length=255, blank=True)

    panels = [FieldPanel("words"), FieldPanel("note")]
    search_fields = [index.SearchField("words"), index.AutocompleteField("words")]

    class Meta:
        verbose_name = "synoniemen"
        verbose_name_plural = "synoniemen"
        ordering = ["words"]

    def __str__(self):
        return self.words[:80]

    @property
    def word_list(self) -> list[str]:
        return [w.strip() for w in self.words.split(",") if w.strip()]


class SearchIndexState(models.Model):
    """One row (id 1) whose `token` changes, to a fresh random value, in the same transaction
    as every write to the search table. Processes cache facet bitmasks per token
    (`search.backends.facet_cache`): one primary-key read per search tells whether the cache
    still describes the table, also after a write in another process or a rollback."""

    token = models.CharField(max_length=32)
    #: Counts the writes; `SearchIndexChange` says which entries each one touched.
    version = models.BigIntegerField(default=0)
    #: Since when the search cluster misses writes (it was down); None = up to date.
    engine_behind_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "zoekindexversie"

    def __str__(self):
        return self.token


class SearchIndexChange(models.Model):
    """Which entries one index version changed (written with the version, in the same
    transaction): a process whose caches describe an older version updates them from these
    entries instead of reading the whole index again (`search.backends.facet_cache`). `token`
    is the version's token, so a cache built inside a rolled-back transaction is never taken
    for the committed version with the same number. `entries` None: everything changed
    (the index was cleared or rebuilt)."""

    version = models.BigIntegerField(primary_key=True)
    token = models.CharField(max_length=32)
    entries = models.TextField(null=True)  # the entries' ids, comma-separated

    class Meta:
        verbose_name = "zoekindexwijziging"

    def __str__(self):
        return f"{self.version}: {self.token}"


class PromotedResult(models.Model):
    """An editor's "aanbevolen resultaat": for a search query, this item comes first, or the
    visitor goes straight to it. Often made from the list of searches without results."""

    query = models.CharField(
        "zoekopdracht",
        max_length=200,
        help_text="Zoals bezoekers typen, bv. ‘pestprotocol’. Hoofdletters en accenten tellen niet mee.",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="pagina",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="De pagina die bovenaan moet staan. Of vul hieronder een adres op deze site in.",
    )
    url = models.CharField(
        "adres op deze site",
        max_length=300,
        blank=True,
        help_text="Bv. /hulp/hulplijnen/ als het geen pagina is. Laat leeg als je een pagina koos.",
    )
    go_straight = models.BooleanField(
        "meteen doorsturen",
        default=False,
        help_text="Aan: wie precies deze zoekopdracht typt, komt meteen op de pagina (doorverwijzing).",
    )

    panels = [FieldPanel("query"), FieldPanel("page"), FieldPanel("url"), FieldPanel("go_straight")]

    class Meta:
        verbose_name = "aanbevolen resultaat"
        verbose_name_plural = "aanbevolen resultaten"
        ordering = ["query"]

    def __str__(self):
        return f"{self.query} → {self.target_url}"

    @property
    def target_url(self) -> str:
        if self.page_id:
            return self.page.url or ""
        return self.url

    @property
    def normalised_query(self) -> str:
        return " ".join(words(self.query))

    def clean(self):
        if not self.page_id and not self.url:
            raise ValidationError("Kies een pagina of vul een adres op deze site in.")
        if self.url and not self.url.startswith("/"):
            raise ValidationError({"url": "Een adres op deze site begint met /, bv. /hulp/hulplijnen/."})
