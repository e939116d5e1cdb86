"""The "Bereik & impact" dashboard and the reach report per toolkit (Wagtail admin)."""

from django.apps import apps
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from analytics import reports


def dashboard(request):
    filters = reports.Filters.from_request(request)
    export = request.GET.get("export")
    if export:
        builder = reports.DASHBOARD_TABLES.get(export)
        if builder is None:
            raise Http404("Onbekende tabel")
        return reports.csv_response(builder(filters), filters)
    metrics, useful_share = reports.summary(filters)
    tables = [builder(filters) for builder in reports.DASHBOARD_TABLES.values()]
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
            "audience_choices": reports.audience_choices(),
            "type_choices": reports.page_type_choices(),
            "querystring": filters.querystring(),
        },
    )


def toolkit_report(request, page_id):
    ToolkitPage = apps.get_model("toolkits", "ToolkitPage")
    toolkit = get_object_or_404(ToolkitPage, pk=page_id)
    filters = reports.Filters.from_request(request)
    totals, tables, charts = reports.toolkit_report(toolkit, filters)
    export = request.GET.get("export")
    if export:
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
