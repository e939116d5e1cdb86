"""Retention with a frozen clock, and the monthly figures that outlive the reports."""

import datetime
from io import StringIO

import pytest

from django.core.management import call_command
from django.utils import timezone

from analytics.retention import apply_retention
from meldpunt import figures, retention
from meldpunt.models import AccessLog, Message, MonthlyCount, Report
from meldpunt.tests.helpers import send

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 30, 3, 0, tzinfo=datetime.UTC)


def _report(client, status, days_since_activity, days_since_closed=None):
    send(client, text=f"{status} {days_since_activity}")
    report = Report.objects.order_by("-pk").first()
    report.status = status
    report.last_activity_at = NOW - datetime.timedelta(days=days_since_activity)
    report.closed_at = NOW - datetime.timedelta(days=days_since_closed) if days_since_closed is not None else None
    report.save()
    return report.pk


def test_retention_deletes_exactly_the_reports_past_their_period(client):
    keep = [
        _report(client, Report.CLOSED, 200, days_since_closed=89),  # closed 89 days ago
        _report(client, Report.NEW, 179),
        _report(client, Report.ANSWERED, 100),
        _report(client, Report.IN_PROGRESS, 179),
    ]
    delete = [
        _report(client, Report.CLOSED, 91, days_since_closed=91),
        _report(client, Report.NEW, 181),  # never answered, 181 days old
        _report(client, Report.ANSWERED, 181),
    ]
    AccessLog.objects.create(report_number=delete[0], action=AccessLog.OPENED, at=NOW - datetime.timedelta(days=400))
    AccessLog.objects.create(report_number=keep[0], action=AccessLog.OPENED, at=NOW - datetime.timedelta(days=10))
    months_before = list(MonthlyCount.objects.values_list("dimension", "value", "count"))
    result = apply_retention(now=NOW)
    assert sorted(Report.objects.values_list("pk", flat=True)) == sorted(keep)
    assert (result.reports_closed_deleted, result.reports_open_deleted, result.report_access_log_deleted) == (1, 2, 1)
    assert Message.objects.count() == len(keep)  # their messages went with them
    assert list(MonthlyCount.objects.values_list("dimension", "value", "count")) == months_before
    # A second run finds nothing left.
    again = retention.delete_expired(NOW)
    assert (again.closed, again.open, again.access_log) == (0, 0, 0)


def test_the_command_logs_counts_only(client):
    _report(client, Report.CLOSED, 400, days_since_closed=400)
    out = StringIO()
    call_command("apply_retention", stdout=out)
    text = out.getvalue()
    assert "Meldpunt reports deleted: 1 closed" in text
    assert "groepschat" not in text and Report.objects.count() == 0


def test_monthly_figures_suppress_small_counts(client):
    for n in range(6):
        send(client, text=f"melding {n}", setting="online", platform="tiktok", who="slachtoffer")
    send(client, text="op school", setting="school", platform="", who="ouder")
    month = timezone.localdate().replace(day=1)
    rows = {(r["dimension"], r["value"]): r for r in figures.monthly_figures(month, month)}
    assert rows[("totaal", "")]["count"] == 7
    assert rows[("omgeving", "online")]["count"] == 6
    assert rows[("omgeving", "school")]["count"] is None  # 1 report: suppressed
    assert rows[("wie", "ouder")]["count"] is None
    assert rows[("platform", "tiktok")]["count"] == 6 and rows[("platform", "tiktok")]["value_label"] == "TikTok"
    assert rows[("wie", "slachtoffer")]["value_label"] == "Het overkomt mij"


def test_the_reach_dashboard_shows_the_figures_without_small_counts(client, admin_client):
    for n in range(5):
        send(client, text=f"melding {n}")
    send(client, text="op het werk", setting="werk", platform="")
    html = admin_client.get("/admin/bereik/").content.decode()
    assert "Meldpunt 1712: meldingen per maand" in html
    assert "minder dan 5" in html
    csv = admin_client.get("/admin/bereik/?export=meldpunt").content.decode("utf-8-sig")
    assert "Op het werk" in csv and "minder dan 5" in csv and "op het werk" not in csv
