"""The numbers behind the "Bereik & impact" dashboard, computed from the daily counters only.

One module per concern: `filters` (the period, audience and page type, and the counters they
select), `tables` (one function per dashboard table), `charts`, `summary` (the totals at the top),
`toolkit` (one toolkit's reach report) and `export` (CSV). Their names are available here:
`from analytics import reports; reports.summary(filters)`.
"""

from analytics.reports.charts import daily_series, svg_chart, trend
from analytics.reports.export import FORMULA_PREFIXES, csv_response, csv_safe
from analytics.reports.filters import (
    DEFAULT_DAYS,
    FIRST_DAY,
    Filters,
    audience_choices,
    downloads,
    feedback,
    help_clicks,
    in_range,
    page_type_choices,
    page_views,
    parse_date,
    searches,
    total,
)
from analytics.reports.summary import summary
from analytics.reports.tables import (
    DASHBOARD_TABLES,
    TOP,
    Table,
    document_titles,
    page_titles,
    planning_event_labels,
    sector_label,
    table_comments,
    table_downloads,
    table_facets,
    table_feedback,
    table_help_clicks,
    table_planning,
    table_reports,
    table_sectors,
    table_toolkits,
    table_top_pages,
    table_top_searches,
    table_zero_results,
)
from analytics.reports.toolkit import toolkit_report

__all__ = [
    "DASHBOARD_TABLES",
    "DEFAULT_DAYS",
    "FIRST_DAY",
    "FORMULA_PREFIXES",
    "Filters",
    "TOP",
    "Table",
    "audience_choices",
    "csv_response",
    "csv_safe",
    "daily_series",
    "document_titles",
    "downloads",
    "feedback",
    "help_clicks",
    "in_range",
    "page_titles",
    "page_type_choices",
    "page_views",
    "parse_date",
    "planning_event_labels",
    "searches",
    "sector_label",
    "summary",
    "svg_chart",
    "table_comments",
    "table_downloads",
    "table_facets",
    "table_feedback",
    "table_help_clicks",
    "table_planning",
    "table_reports",
    "table_sectors",
    "table_toolkits",
    "table_top_pages",
    "table_top_searches",
    "table_zero_results",
    "toolkit_report",
    "total",
    "trend",
]
