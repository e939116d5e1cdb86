"""Monthly aggregate figures of the meldpunt, safe to publish: counts per month by who reports,
setting, platform and age group; every count below MIN_COUNT is suppressed (None), so no small
group (one school, one club) can be singled out. Used by the reach dashboard and the open data."""

from __future__ import annotations

import datetime

from meldpunt import choices
from meldpunt.models import MonthlyCount
from meldpunt.service import platform_choices

MIN_COUNT = 5
DIMENSION_LABELS = {
    "totaal": "Alle meldingen",
    "wie": "Wie meldt",
    "omgeving": "Waar",
    "platform": "Platform",
    "leeftijd": "Leeftijd",
}


def _value_label(dimension: str, value: str) -> str:
    if dimension == "totaal":
        return "Totaal"
    if dimension == "wie":
        return choices.label(choices.WHO, value)
    if dimension == "omgeving":
        return choices.label(choices.SETTING, value)
    if dimension == "leeftijd":
        return choices.label(choices.AGE_GROUP, value) if value else "Niet opgegeven"

    return dict(platform_choices()).get(value, value or "Niet opgegeven")


def monthly_figures(start: datetime.date | None = None, end: datetime.date | None = None) -> list[dict]:
    """One dict per month, dimension and value, oldest month first:
    {"month": date (first day), "dimension": key, "dimension_label", "value": key, "value_label",
     "count": int, or None when below MIN_COUNT (suppressed)}.
    `start`/`end` (any day of the month) limit the months, both included."""
    rows = MonthlyCount.objects.all()
    if start:
        rows = rows.filter(month__gte=start.replace(day=1))
    if end:
        rows = rows.filter(month__lte=end.replace(day=1))
    order = list(DIMENSION_LABELS)
    result = [
        {
            "month": row.month,
            "dimension": row.dimension,
            "dimension_label": DIMENSION_LABELS.get(row.dimension, row.dimension),
            "value": row.value,
            "value_label": _value_label(row.dimension, row.value),
            "count": row.count if row.count >= MIN_COUNT else None,
        }
        for row in rows
    ]
    result.sort(key=lambda r: (r["month"], order.index(r["dimension"]) if r["dimension"] in order else 99, r["value"]))
    return result
