"""Retention: free text that visitors typed is not kept longer than needed.

- Feedback comments older than FEEDBACK_COMMENT_RETENTION_DAYS are emptied; the yes/no answer
  stays (a count, it identifies nobody), so the "nuttig" figures of past periods do not change.
- Search terms used fewer than SEARCH_TERM_MIN_COUNT times in all are, once older than
  SEARCH_TERM_RETENTION_DAYS, merged per day (and filters, or page) into one row with the query
  RARE_QUERY: totals stay right, a name or a one-off sentence is gone. Frequent terms stay.
- Failed admin login attempts (django-axes: IP address, browser) older than
  LOGIN_ATTEMPT_RETENTION_DAYS are deleted.
- Reports to the meldpunt past their period are deleted (meldpunt.retention).

Safe to run any number of times: a second run finds nothing left to do.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from django.conf import settings
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from analytics.models import DailySearch, DailySearchLanding, Feedback
from meldpunt import retention as meldpunt_retention

RARE_QUERY = "(zeldzame zoekterm)"


@dataclass
class RetentionResult:
    comments_emptied: int = 0
    search_rows_merged: int = 0
    landing_rows_merged: int = 0
    login_attempts_deleted: int = 0
    reports_closed_deleted: int = 0
    reports_open_deleted: int = 0
    report_access_log_deleted: int = 0


def _cutoff(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def frequent_queries():
    """The queries (a subquery) used at least SEARCH_TERM_MIN_COUNT times over all days; every
    other term is rare (also one that only a landing row still holds)."""
    return (
        DailySearch.objects.values("query")
        .annotate(total=Sum("count"))
        .filter(total__gte=settings.SEARCH_TERM_MIN_COUNT)
        .values("query")
    )


def _old_rare(model, cutoff):
    return (
        model.objects.filter(date__lt=cutoff).exclude(query__in=["", RARE_QUERY]).exclude(query__in=frequent_queries())
    )


def _merge(model, old, group_fields):
    """Add the counts of `old` to one RARE_QUERY row per group, then delete `old`."""
    for group in old.values(*group_fields).annotate(total=Sum("count")).order_by(*group_fields):
        keys = {field: group[field] for field in group_fields}
        target, _ = model.objects.get_or_create(query=RARE_QUERY, **keys)
        model.objects.filter(pk=target.pk).update(count=F("count") + group["total"])
    return old.delete()[0]


@transaction.atomic
def apply_retention(now=None) -> RetentionResult:
    result = RetentionResult()
    result.comments_emptied = (
        Feedback.objects.filter(date__lt=_cutoff(settings.FEEDBACK_COMMENT_RETENTION_DAYS))
        .exclude(comment="")
        .update(comment="")
    )
    search_cutoff = _cutoff(settings.SEARCH_TERM_RETENTION_DAYS)
    # Landings first: the rarity is judged on the searches before they are merged.
    result.landing_rows_merged = _merge(
        DailySearchLanding, _old_rare(DailySearchLanding, search_cutoff), ("date", "page_id")
    )
    result.search_rows_merged = _merge(DailySearch, _old_rare(DailySearch, search_cutoff), ("date", "facets"))
    result.login_attempts_deleted = _delete_old_login_attempts()
    reports = meldpunt_retention.delete_expired(now)
    result.reports_closed_deleted = reports.closed
    result.reports_open_deleted = reports.open
    result.report_access_log_deleted = reports.access_log
    return result


def _delete_old_login_attempts() -> int:
    before = timezone.now() - datetime.timedelta(days=settings.LOGIN_ATTEMPT_RETENTION_DAYS)
    deleted = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        deleted += model.objects.filter(attempt_time__lt=before).delete()[0]
    return deleted
