"""Retention of reports: closed reports are deleted MELDPUNT_CLOSED_RETENTION_DAYS after they were
closed; every other report MELDPUNT_OPEN_RETENTION_DAYS after its last message (from the
person or a counsellor). The access log is kept MELDPUNT_ACCESS_LOG_RETENTION_DAYS. Called by
`manage.py apply_retention` (analytics.retention); the monthly counts stay.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from meldpunt.models import AccessLog, Report


@dataclass
class Deleted:
    closed: int = 0
    open: int = 0
    access_log: int = 0


def expired(now=None):
    """(closed, other) querysets of reports past their period at `now` (default: now)."""
    now = now or timezone.now()
    closed = Report.objects.filter(
        status=Report.CLOSED, closed_at__lt=now - datetime.timedelta(days=settings.MELDPUNT_CLOSED_RETENTION_DAYS)
    )
    other = Report.objects.exclude(status=Report.CLOSED).filter(
        last_activity_at__lt=now - datetime.timedelta(days=settings.MELDPUNT_OPEN_RETENTION_DAYS)
    )
    return closed, other


@transaction.atomic
def delete_expired(now=None) -> Deleted:
    now = now or timezone.now()
    closed, other = expired(now)
    result = Deleted(closed=closed.count(), open=other.count())
    Report.objects.filter(
        pk__in=list(closed.values_list("pk", flat=True)) + list(other.values_list("pk", flat=True))
    ).delete()
    log_cutoff = now - datetime.timedelta(days=settings.MELDPUNT_ACCESS_LOG_RETENTION_DAYS)
    result.access_log = AccessLog.objects.filter(at__lt=log_cutoff).delete()[0]
    return result
