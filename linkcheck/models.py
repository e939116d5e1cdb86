"""Link health: one row per external address, and which live pages point to it.

This app knows no content type: it reads links out of any live page (see `linkcheck.extract`),
so content apps may ask it about their own links (e.g. resources show a notice when their link
has been dead too long) without the checker knowing them.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class LinkState(models.TextChoices):
    UNCHECKED = "nieuw", "Nog niet gecontroleerd"
    OK = "ok", "Werkt"
    REDIRECT = "doorverwijzing", "Werkt, via doorverwijzing"
    BROKEN = "gebroken", "Gebroken"
    ERROR = "fout", "Serverfout"
    TIMEOUT = "time-out", "Geen antwoord (time-out)"
    UNREACHABLE = "onbereikbaar", "Onbereikbaar"
    REFUSED = "geweigerd", "Bereikbaar, weigert robots (401, 403 of 429)"
    ROBOTS = "robots", "Niet gecontroleerd (robots.txt verbiedt het)"


#: States that count as "dead" for visitors and in the report.
FAILING = (LinkState.BROKEN, LinkState.ERROR, LinkState.TIMEOUT, LinkState.UNREACHABLE)


class CheckedLink(models.Model):
    url = models.URLField("link", max_length=2000, unique=True)
    state = models.CharField("toestand", max_length=20, choices=LinkState.choices, default=LinkState.UNCHECKED)
    status_code = models.PositiveSmallIntegerField("HTTP-status", null=True, blank=True)
    final_url = models.URLField("eindadres", max_length=2000, blank=True)
    redirects = models.PositiveSmallIntegerField("aantal doorverwijzingen", default=0)
    error = models.CharField("foutmelding", max_length=300, blank=True)
    last_checked_at = models.DateTimeField("laatst gecontroleerd", null=True, blank=True)
    last_ok_at = models.DateTimeField("laatst werkend", null=True, blank=True)
    failing_since = models.DateTimeField("gebroken sinds", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "gecontroleerde link"
        verbose_name_plural = "gecontroleerde links"
        ordering = ["url"]

    def __str__(self):
        return self.url

    @property
    def is_failing(self) -> bool:
        return self.state in FAILING

    def record(self, state: str, *, status_code=None, final_url="", redirects=0, error="", now=None):
        """Store one check; `failing_since` keeps the first failure of an unbroken series."""
        now = now or timezone.now()
        self.state = state
        self.status_code = status_code
        self.final_url = final_url[:2000]
        self.redirects = min(redirects, 30000)
        self.error = error[:300]
        self.last_checked_at = now
        if state in FAILING:
            self.failing_since = self.failing_since or now
        else:
            self.failing_since = None
            if state in (LinkState.OK, LinkState.REDIRECT):
                self.last_ok_at = now


class PageLink(models.Model):
    """A live page that points to a checked link (rebuilt on every run)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    link = models.ForeignKey(CheckedLink, on_delete=models.CASCADE, related_name="pages")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "link"], name="unique_page_link")]

    def __str__(self):
        return f"{self.page_id} -> {self.link_id}"


def dead_after() -> datetime.timedelta:
    return datetime.timedelta(days=settings.LINKCHECK_DEAD_AFTER_DAYS)


def long_dead(urls, now=None) -> list[CheckedLink]:
    """Which of `urls` have failed without a break for longer than the threshold (one query)."""
    urls = [u for u in urls if u]
    if not urls:
        return []
    cutoff = (now or timezone.now()) - dead_after()
    links = CheckedLink.objects.filter(url__in=urls, state__in=FAILING, failing_since__lte=cutoff)
    return list(links.order_by("url"))
