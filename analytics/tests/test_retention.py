"""Visitors' free text is not kept forever: old comments are emptied, old rare search terms
merged into one count; the figures stay right and a second run changes nothing."""

import datetime
import io
import json
from pathlib import Path

import pytest

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from analytics.models import DailySearch, DailySearchLanding, Feedback
from analytics.retention import RARE_QUERY
from kenniscentrum.settings import env

NAME = "jana peeters 3b school de linde"


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


def run():
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    return out.getvalue()


@pytest.fixture
def counted(site):
    page = site["toolkit"]
    old = days_ago(settings.SEARCH_TERM_RETENTION_DAYS + 10)
    recent = days_ago(3)
    Feedback.objects.create(date=days_ago(200), page=page, useful=False, comment="Ik ben Jana")
    Feedback.objects.create(date=days_ago(200), page=page, useful=True, comment="")
    Feedback.objects.create(date=recent, page=page, useful=True, comment="Heel handig!")
    # A frequent term, old and recent; a rare one (a name), old; a rare one, recent.
    DailySearch.objects.create(date=old, query="sexting", facets="", count=40)
    DailySearch.objects.create(date=recent, query="sexting", facets="", count=12)
    DailySearch.objects.create(date=old, query=NAME, facets="", count=2, zero_results=True)
    DailySearch.objects.create(date=old, query="mijn zus wordt gepest", facets="", count=1)
    DailySearch.objects.create(date=old, query=NAME, facets="doelgroep=ouders", count=1)
    DailySearch.objects.create(date=recent, query="juf an", facets="", count=1)
    DailySearchLanding.objects.create(date=old, page=page, query=NAME, count=2)
    DailySearchLanding.objects.create(date=old, page=page, query="sexting", count=9)
    return {"old": old, "page": page}


def totals():
    return (
        DailySearch.objects.aggregate(n=Sum("count"))["n"],
        DailySearchLanding.objects.aggregate(n=Sum("count"))["n"],
        Feedback.objects.filter(useful=True).count(),
        Feedback.objects.filter(useful=False).count(),
    )


def test_old_comments_and_rare_terms_go_figures_stay(counted):
    before = totals()
    output = run()
    assert "Comments emptied (older than 180 days): 1" in output

    assert list(Feedback.objects.exclude(comment="").values_list("comment", flat=True)) == ["Heel handig!"]
    queries = set(DailySearch.objects.values_list("query", flat=True))
    assert NAME not in queries and "mijn zus wordt gepest" not in queries
    assert {"sexting", "juf an", RARE_QUERY} <= queries  # frequent and recent terms stay
    rare = DailySearch.objects.filter(query=RARE_QUERY, date=counted["old"])
    assert {(r.facets, r.count) for r in rare} == {("", 3), ("doelgroep=ouders", 1)}
    assert set(DailySearchLanding.objects.values_list("query", "count")) == {
        (RARE_QUERY, 2),
        ("sexting", 9),
    }
    assert totals() == before  # every count is still there

    again = run()
    assert "Comments emptied (older than 180 days): 0" in again
    assert "0 search rows, 0 landing rows" in again
    assert totals() == before


def test_the_dashboard_shows_no_old_free_text(counted, editor):
    run()
    html = editor.get(
        f"/admin/bereik/?van={days_ago(400).isoformat()}&tot={timezone.localdate().isoformat()}"
    ).content.decode()
    assert "jana" not in html.lower()
    assert "Ik ben Jana" not in html
    assert RARE_QUERY in html


def test_periods_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("FEEDBACK_COMMENT_RETENTION_DAYS", "30")
    assert env.get_int("FEEDBACK_COMMENT_RETENTION_DAYS", 180, minimum=1) == 30
    monkeypatch.setenv("FEEDBACK_COMMENT_RETENTION_DAYS", "dertig")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env.get_int("FEEDBACK_COMMENT_RETENTION_DAYS", 180, minimum=1)
    monkeypatch.setenv("FEEDBACK_COMMENT_RETENTION_DAYS", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env.get_int("FEEDBACK_COMMENT_RETENTION_DAYS", 180, minimum=1)


def test_a_shorter_period_set_by_the_operator_is_applied(counted, settings):
    settings.FEEDBACK_COMMENT_RETENTION_DAYS = 1
    run()
    assert not Feedback.objects.exclude(comment="").exists()


def test_old_failed_login_attempts_are_deleted(db, client):
    from axes.models import AccessAttempt

    for attempt in range(2):
        client.post("/admin/login/", {"username": "iemand", "password": f"fout-{attempt}"})
    assert AccessAttempt.objects.count() == 1
    run()
    assert AccessAttempt.objects.count() == 1  # recent: kept, the lockout needs it
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - datetime.timedelta(days=settings.LOGIN_ATTEMPT_RETENTION_DAYS + 1)
    )
    assert "Failed login attempts deleted (older than 30 days): 1" in run()
    assert AccessAttempt.objects.count() == 0


def test_the_privacy_page_states_the_periods():
    pages = json.loads((Path(settings.BASE_DIR) / "fixtures/demo/pages.json").read_text())
    privacy = next(p for p in pages if p["slug"] == "privacy")
    text = json.dumps(privacy, ensure_ascii=False)
    assert f"{settings.FEEDBACK_COMMENT_RETENTION_DAYS} dagen" in text
    assert f"{settings.SEARCH_TERM_RETENTION_DAYS} dagen" in text
    assert f"minder dan {settings.SEARCH_TERM_MIN_COUNT} keer" in text
    assert f"{settings.LOGIN_ATTEMPT_RETENTION_DAYS} dagen" in text
