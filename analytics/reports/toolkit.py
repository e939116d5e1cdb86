"""The reach report of one toolkit: visits, downloads, feedback and the searches that led there."""

from django.db.models import Sum

from analytics.models import DailyDownload, DailyPageView, DailySearchLanding, Feedback
from analytics.reports.charts import daily_series, svg_chart
from analytics.reports.filters import in_range, total
from analytics.reports.tables import TOP, Table, table_comments, table_downloads, table_feedback, table_sectors


def toolkit_report(toolkit, filters):
    document_ids = list(toolkit.downloads.values_list("document_id", flat=True))
    views_qs = in_range(DailyPageView.objects.filter(page_id=toolkit.pk), filters)
    downloads_qs = in_range(DailyDownload.objects.filter(document_id__in=document_ids), filters)
    feedback_qs = in_range(Feedback.objects.filter(page_id=toolkit.pk), filters)
    landing_rows = list(
        in_range(DailySearchLanding.objects.filter(page_id=toolkit.pk), filters)
        .values("query")
        .annotate(n=Sum("count"))
        .order_by("-n", "query")[:TOP]
    )
    tables = {
        "downloads": table_downloads(filters, downloads_qs),
        "sectoren": table_sectors(filters, downloads_qs),
        "feedback": table_feedback(filters, feedback_qs),
        "opmerkingen": table_comments(filters, feedback_qs),
        "zoektermen": Table(
            "zoektermen",
            "Zoekopdrachten die hierheen leidden",
            ["Zoekterm", "Bezoeken vanuit de zoekresultaten"],
            [[r["query"] or "(alleen filters)", r["n"]] for r in landing_rows],
            note="Geteld wanneer iemand de toolkit opent vanuit de zoekresultaten "
            "van deze website.",
        ),
    }
    totals = {
        "views": total(views_qs),
        "downloads": total(downloads_qs),
        "useful": feedback_qs.filter(useful=True).count(),
        "not_useful": feedback_qs.filter(useful=False).count(),
        "from_search": sum(r["n"] for r in landing_rows),
    }
    charts = [
        svg_chart(daily_series(views_qs, filters), "Bezoeken"),
        svg_chart(daily_series(downloads_qs, filters), "Downloads", "#1f7a4d"),
    ]
    return totals, tables, charts
