"""The dashboard's summary: totals for the period, the trend and a chart per counter."""

from analytics.reports.charts import daily_series, svg_chart, trend
from analytics.reports.filters import downloads, feedback, help_clicks, page_views, searches, total

# The counters at the top of the dashboard: label, the rows it counts, how (sum of `count`, or rows).
COUNTERS = [
    ("Paginabezoeken", page_views, "count"),
    ("Downloads", downloads, "count"),
    ("Zoekopdrachten", searches, "count"),
    ("Feedback", feedback, "rows"),
    ("Kliks op hulproutes", help_clicks, "count"),
]
COLOURS = ["#2e6a8e", "#1f7a4d", "#8a4b9c", "#b3541e", "#a3253a"]


def measure(qs, value) -> int:
    return total(qs) if value == "count" else qs.count()


def summary(filters):
    """Totals for the period, with the trend against the period before."""
    previous = filters.previous()
    result = []
    for (label, rows, value), colour in zip(COUNTERS, COLOURS, strict=True):
        qs = rows(filters)
        now, before = measure(qs, value), measure(rows(previous), value)
        result.append(
            {
                "label": label,
                "total": now,
                "previous": before,
                "trend": trend(now, before),
                "chart": svg_chart(daily_series(qs, filters, value), label, colour),
            }
        )
    fb = feedback(filters)
    ja = fb.filter(useful=True).count()
    share = round(100 * ja / fb.count()) if fb.count() else None
    return result, share
