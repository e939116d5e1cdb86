"""The "Bereik & impact" dashboard and the reach report per toolkit (Wagtail admin)."""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from analytics import reports
from analytics.access import require_reach_access


def dashboard(request):
    access = require_reach_access(request.user)
    filters = access.scope(reports.Filters.from_request(request))
    export = request.GET.get("export")
    if export:
        builder = reports.DASHBOARD_TABLES.get(export)
        if builder is None:
            raise Http404("Onbekende tabel")
        if not access.may_see_table(export):
            raise PermissionDenied
        return reports.csv_response(builder(filters), filters)
    metrics, useful_share = reports.summary(filters)
    metrics = [m for m in metrics if access.may_see_metric(m["label"])]
    tables = [builder(filters) for key, builder in reports.DASHBOARD_TABLES.items() if access.may_see_table(key)]
    audience_choices = reports.audience_choices()
    if access.audiences is not None:
        audience_choices = [c for c in audience_choices if c[0] in access.audiences]
    return TemplateResponse(
        request,
        "analytics/admin/dashboard.html",
        {
            "page_title": "Bereik & impact",
            "header_icon": "view",
            "filters": filters,
            "metrics": metrics,
            "useful_share": useful_share,
            "tables": tables,
            "audience_choices": audience_choices,
            "all_audiences": access.audiences is None,
            "type_choices": reports.page_type_choices(),
            "querystring": filters.querystring(),
        },
    )


def toolkit_report(request, page_id):
    access = require_reach_access(request.user)
    ToolkitPage = apps.get_model("toolkits", "ToolkitPage")
    toolkit = get_object_or_404(ToolkitPage, pk=page_id)
    if access.audiences is not None and not toolkit.audiences.filter(slug__in=access.audiences).exists():
        raise PermissionDenied
    filters = reports.Filters.from_request(request)
    totals, tables, charts = reports.toolkit_report(toolkit, filters)
    tables = {key: table for key, table in tables.items() if access.may_see_table(key)}
    export = request.GET.get("export")
    if export:
        if not access.may_see_table(export):
            raise PermissionDenied
        if export not in tables:
            raise Http404("Onbekende tabel")
        return reports.csv_response(tables[export], filters, prefix=f"toolkit-{toolkit.slug}")
    return TemplateResponse(
        request,
        "analytics/admin/toolkit_report.html",
        {
            "page_title": f"Bereik van de toolkit ‘{toolkit.title}’",
            "header_icon": "view",
            "toolkit": toolkit,
            "filters": filters,
            "totals": totals,
            "tables": list(tables.values()),
            "charts": charts,
            "querystring": filters.querystring(),
        },
    )
