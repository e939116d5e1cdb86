"""Reports to the meldpunt, their messages, the counsellors' access log and monthly counts.

Only choices (who, where, platform, age group...) are stored in the clear, for the monthly
figures. Every free text (the report, additions, replies, internal notes) and contact details
are encrypted (`meldpunt.crypto`). Nothing links a report to a person but the code, of which
only a slow hash is kept.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from meldpunt import choices
from meldpunt.crypto import sealed


class Report(models.Model):
    NEW, IN_PROGRESS, ANSWERED, CLOSED = "nieuw", "in-behandeling", "beantwoord", "afgesloten"
    STATUSES = [
        (NEW, "Nieuw"),
        (IN_PROGRESS, "In behandeling"),
        (ANSWERED, "Beantwoord"),
        (CLOSED, "Afgesloten"),
    ]

    created_at = models.DateTimeField("ontvangen", default=timezone.now)
    last_activity_at = models.DateTimeField("laatste bericht", default=timezone.now)
    answered_at = models.DateTimeField("beantwoord op", null=True, blank=True)
    closed_at = models.DateTimeField("afgesloten op", null=True, blank=True)
    status = models.CharField("status", max_length=20, choices=STATUSES, default=NEW, db_index=True)
    code_hash = models.CharField(max_length=64, unique=True)
    danger_now = models.BooleanField("nu in gevaar", default=False)
    who = models.CharField("wie meldt", max_length=20, choices=choices.WHO)
    what = models.CharField("wat gebeurt er", max_length=200, blank=True)  # comma-separated keys
    setting = models.CharField("waar", max_length=20, choices=choices.SETTING)
    platform = models.CharField("platform", max_length=60, blank=True)
    since = models.CharField("sinds", max_length=20, choices=choices.SINCE, blank=True)
    how_often = models.CharField("hoe vaak", max_length=20, choices=choices.HOW_OFTEN, blank=True)
    age_group = models.CharField("leeftijd", max_length=20, choices=choices.AGE_GROUP, blank=True)
    province = models.CharField("provincie", max_length=20, choices=choices.PROVINCE, blank=True)
    answer_by = models.CharField("antwoord via", max_length=20, choices=choices.ANSWER, default=choices.CODE)
    contact_sealed = models.TextField(blank=True)
    contact = sealed("contact_sealed")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        permissions = [("handle_report", "Kan meldingen van het meldpunt lezen en beantwoorden")]

    def __str__(self):
        return f"Melding {self.pk}"

    @property
    def what_labels(self) -> list[str]:
        return [choices.label(choices.WHAT, key) for key in self.what.split(",") if key]


class Message(models.Model):
    REPORTER, COUNSELLOR, NOTE = "melder", "consulent", "notitie"
    KINDS = [(REPORTER, "Melder"), (COUNSELLOR, "Antwoord van 1712"), (NOTE, "Interne notitie")]

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=20, choices=KINDS)
    created_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    body_sealed = models.TextField()
    body = sealed("body_sealed")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} bij melding {self.report_id}"


class AccessLog(models.Model):
    """Who opened or changed which report, and when. Never any content; kept after the report
    is deleted (the number stays, it says nothing)."""

    OPENED, REPLIED, NOTED, STATUS = "geopend", "beantwoord", "notitie", "status"
    ACTIONS = [(OPENED, "Geopend"), (REPLIED, "Antwoord gestuurd"), (NOTED, "Notitie"), (STATUS, "Status gewijzigd")]

    report_number = models.PositiveBigIntegerField("melding")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=20, choices=ACTIONS)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"Melding {self.report_number}: {self.get_action_display()}"


class MonthlyCount(models.Model):
    """Reports per month by one dimension (who, setting, platform, age group, or 'totaal').

    Counted when a report arrives, so the figures outlive the reports (which are deleted after
    their retention period). Holds no single report: only a number per month and choice."""

    month = models.DateField()  # the first day of the month
    dimension = models.CharField(max_length=20)
    value = models.CharField(max_length=60, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "dimension", "value"], name="meldpunt_month_unique")]
        ordering = ["month", "dimension", "value"]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.dimension}={self.value}: {self.count}"
