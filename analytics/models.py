"""Aggregate counts only: one row per day and key, never one row per visitor.

No model here has a field for an IP address, a user agent, a cookie, a session, a user or a
time of day. Feedback rows carry the day, the page, yes/no and an optional short comment (with
e-mail addresses and phone numbers masked before it is stored).
"""

from django.db import models

SECTOR_CHOICES = [
    ("leerkracht", "Leerkracht"),
    ("directie-clb", "Directie of CLB"),
    ("trainer-jeugdwerker", "Trainer of jeugdwerker"),
    ("werkgever-hr", "Werkgever of HR"),
    ("zorgverlener", "Zorgverlener"),
    ("ouder", "Ouder"),
    ("jongere", "Jongere"),
    ("andere", "Andere"),
]
SECTOR_LABELS = dict(SECTOR_CHOICES)
UNSPECIFIED_LABEL = "Niet opgegeven"

QUERY_MAX_LENGTH = 100
FACETS_MAX_LENGTH = 255
PATH_MAX_LENGTH = 255
ROUTE_MAX_LENGTH = 50
COMMENT_MAX_LENGTH = 500


class DailyCount(models.Model):
    """One row per day and key (the subclass's other fields, unique together with the day):
    how many, never who. `analytics.counting.increment` adds to `count`."""

    date = models.DateField("dag", db_index=True)
    count = models.PositiveIntegerField("aantal", default=0)

    class Meta:
        abstract = True


class DailyPageView(DailyCount):
    path = models.CharField("pad", max_length=PATH_MAX_LENGTH)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="pagina",
    )

    class Meta:
        verbose_name = "paginabezoeken per dag"
        verbose_name_plural = "paginabezoeken per dag"
        # Who may open the "Bereik & impact" dashboard (see analytics.access).
        permissions = [
            ("view_reach", "Kan alle bereikcijfers zien (zonder vrije tekst van bezoekers)"),
            ("view_audience_reach", "Kan de bereikcijfers van de eigen doelgroep zien"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["date", "path"], name="analytics_pageview_day_path")
        ]

    def __str__(self):
        return f"{self.date} {self.path}: {self.count}"


class DailyDownload(DailyCount):
    document = models.ForeignKey(
        "core.KennisDocument", on_delete=models.CASCADE, related_name="+", verbose_name="document"
    )
    sector = models.CharField(
        "ik ben", max_length=30, choices=SECTOR_CHOICES, blank=True, default=""
    )

    class Meta:
        verbose_name = "downloads per dag"
        verbose_name_plural = "downloads per dag"
        constraints = [
            models.UniqueConstraint(
                fields=["date", "document", "sector"], name="analytics_download_day_doc_sector"
            )
        ]

    def __str__(self):
        return f"{self.date} document {self.document_id} ({self.sector or '-'}): {self.count}"


class DailySearch(DailyCount):
    query = models.CharField("zoekterm (genormaliseerd)", max_length=QUERY_MAX_LENGTH, blank=True)
    facets = models.CharField("gebruikte filters", max_length=FACETS_MAX_LENGTH, blank=True)
    result_count = models.PositiveIntegerField("aantal resultaten (laatste keer)", default=0)
    zero_results = models.BooleanField("geen resultaten", default=False)

    class Meta:
        verbose_name = "zoekopdrachten per dag"
        verbose_name_plural = "zoekopdrachten per dag"
        constraints = [
            models.UniqueConstraint(
                fields=["date", "query", "facets"], name="analytics_search_day_query_facets"
            )
        ]

    def __str__(self):
        return f"{self.date} ‘{self.query}’: {self.count}"


class DailySearchLanding(DailyCount):
    """A page opened from our own search results page: which (normalised) query led there."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name="pagina"
    )
    query = models.CharField("zoekterm (genormaliseerd)", max_length=QUERY_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = "zoekopdrachten die naar een pagina leidden"
        verbose_name_plural = "zoekopdrachten die naar een pagina leidden"
        constraints = [
            models.UniqueConstraint(
                fields=["date", "page", "query"], name="analytics_landing_day_page_query"
            )
        ]

    def __str__(self):
        return f"{self.date} ‘{self.query}’ -> pagina {self.page_id}: {self.count}"


class DailyHelpClick(DailyCount):
    route = models.CharField("hulproute", max_length=ROUTE_MAX_LENGTH)

    class Meta:
        verbose_name = "kliks op hulproutes per dag"
        verbose_name_plural = "kliks op hulproutes per dag"
        constraints = [
            models.UniqueConstraint(fields=["date", "route"], name="analytics_helpclick_day_route")
        ]

    def __str__(self):
        return f"{self.date} {self.route}: {self.count}"


class DailyPlanningEvent(DailyCount):
    """Use of the planning tools (self-assessment, comparison, lists) per day, event and
    audience slug: how many, never by whom."""

    event = models.CharField("gebeurtenis", max_length=ROUTE_MAX_LENGTH)
    audience = models.CharField("doelgroep", max_length=ROUTE_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = "gebruik van de planningstools per dag"
        verbose_name_plural = "gebruik van de planningstools per dag"
        constraints = [
            models.UniqueConstraint(
                fields=["date", "event", "audience"], name="analytics_planning_day_event_audience"
            )
        ]

    def __str__(self):
        return f"{self.date} {self.event} ({self.audience or '-'}): {self.count}"


class Feedback(models.Model):
    date = models.DateField("dag", db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="pagina",
    )
    useful = models.BooleanField("nuttig")
    comment = models.TextField("opmerking", max_length=COMMENT_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = "feedback"
        verbose_name_plural = "feedback"
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date} pagina {self.page_id}: {'ja' if self.useful else 'nee'}"


class CacheLogPosition(models.Model):
    """How far `import_cache_log` has read the proxy's log of cached views (analytics.cachelog).

    The file is known by its inode and a hash of its first line, so a rotation is noticed."""

    log = models.CharField("logbestand", max_length=500, unique=True)
    inode = models.BigIntegerField(default=0)
    head = models.CharField("eerste regel (hash)", max_length=64, blank=True, default="")
    offset = models.BigIntegerField("gelezen tot byte", default=0)
    updated_at = models.DateTimeField("laatst bijgewerkt", auto_now=True)

    class Meta:
        verbose_name = "leespositie in het cachelog"
        verbose_name_plural = "leesposities in het cachelog"

    def __str__(self):
        return f"{self.log}: byte {self.offset}"
