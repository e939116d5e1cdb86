"""The dashboard's summary: totals for the period, the trend and a chart per counter."""

from analytics.reports.charts import daily_series, svg_chart, trend
from analytics.reports.filters import downloads, feedback, help_clicks, page_views, searches, total


def summary(filters):
    """Totals for the period, with the trend against the period before."""
    previous = filters.previous()
    metrics = [
        (
            "Paginabezoeken",
            total(page_views(filters)),
            total(page_views(previous)),
            page_views(filters),
            "count",
        ),
        (
            "Downloads",
            total(downloads(filters)),
            total(downloads(previous)),
            downloads(filters),
            "count",
        ),
        (
            "Zoekopdrachten",
            total(searches(filters)),
            total(searches(previous)),
            searches(filters),
            "count",
        ),
        (
            "Feedback",
            feedback(filters).count(),
            feedback(previous).count(),
            feedback(filters),
            "rows",
        ),
        (
            "Kliks op hulproutes",
            total(help_clicks(filters)),
            total(help_clicks(previous)),
            help_clicks(filters),
            "count",
        ),
    ]
    colours = ["#2e6a8e", "#1f7a4d", "#8a4b9c", "#b3541e", "#a3253a"]
    result = []
    for (label, now, before, qs, value), colour in zip(metrics, colours, strict=True):
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
