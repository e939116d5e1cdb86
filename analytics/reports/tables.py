"""The dashboard's tables, one function per table (`DASHBOARD_TABLES`: its key -> builder)."""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Q, Sum

from wagtail.models import Page

from analytics.models import (
    SECTOR_LABELS,
    UNSPECIFIED_LABEL,
    DailyDownload,
    DailyPageView,
    DailyPlanningEvent,
    Feedback,
)
from analytics.reports.filters import audience_choices, downloads, feedback, help_clicks, in_range, page_views, searches
from meldpunt.figures import MIN_COUNT, monthly_figures
from planning.signals import EVENTS

TOP = 25


@dataclass
class Table:
    key: str
    title: str
    headers: list
    rows: list
    note: str = ""


def page_titles(ids):
    return dict(Page.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "title"))


def sector_label(value):
    return SECTOR_LABELS.get(value, UNSPECIFIED_LABEL)


def document_titles(ids):
    Document = apps.get_model("core", "KennisDocument")
    return dict(Document.objects.filter(pk__in=ids).values_list("pk", "title"))


def table_top_pages(filters):
    rows = list(
        page_views(filters)
        .values("path", "page_id")
        .annotate(n=Sum("count"))
        .order_by("-n", "path")[:TOP]
    )
    titles = page_titles([r["page_id"] for r in rows])
    return Table(
        "paginas",
        "Meest bekeken pagina's",
        ["Pagina", "Pad", "Bezoeken"],
        [[titles.get(r["page_id"], "(zoekpagina of verwijderd)"), r["path"], r["n"]] for r in rows],
    )


def table_downloads(filters, qs=None):
    qs = downloads(filters) if qs is None else qs
    rows = list(
        qs.values("document_id").annotate(n=Sum("count")).order_by("-n", "document_id")[:TOP]
    )
    titles = document_titles([r["document_id"] for r in rows])
    return Table(
        "downloads",
        "Downloads per document",
        ["Document", "Downloads"],
        [[titles.get(r["document_id"], f"document {r['document_id']}"), r["n"]] for r in rows],
    )


def table_sectors(filters, qs=None):
    qs = downloads(filters) if qs is None else qs
    rows = list(qs.values("sector").annotate(n=Sum("count")).order_by("-n", "sector"))
    return Table(
        "sectoren",
        "Downloads per sector (‘Ik ben …’)",
        ["Sector", "Downloads"],
        [[sector_label(r["sector"]), r["n"]] for r in rows],
        note="Het antwoord is vrijblijvend: ‘Niet opgegeven’ zijn downloads zonder antwoord.",
    )


def table_top_searches(filters):
    rows = list(
        searches(filters).values("query").annotate(n=Sum("count")).order_by("-n", "query")[:TOP]
    )
    last = {}
    for query, result_count in (
        searches(filters).order_by("date").values_list("query", "result_count")
    ):
        last[query] = result_count
    return Table(
        "zoektermen",
        "Meest gezochte termen",
        ["Zoekterm", "Zoekopdrachten", "Resultaten (laatst)"],
        [[r["query"] or "(alleen filters)", r["n"], last.get(r["query"], 0)] for r in rows],
    )


def table_zero_results(filters):
    rows = list(
        searches(filters)
        .filter(zero_results=True)
        .values("query", "facets")
        .annotate(n=Sum("count"))
        .order_by("-n", "query")[:TOP]
    )
    return Table(
        "zonder-resultaat",
        "Zoekopdrachten zonder resultaat (inhoud die ontbreekt)",
        ["Zoekterm", "Filters", "Zoekopdrachten"],
        [[r["query"] or "(alleen filters)", r["facets"] or "–", r["n"]] for r in rows],
    )


def table_facets(filters):
    rows = list(
        searches(filters)
        .exclude(facets="")
        .values("facets")
        .annotate(n=Sum("count"))
        .order_by("-n", "facets")[:TOP]
    )
    return Table(
        "filters",
        "Gebruikte zoekfilters",
        ["Filters", "Zoekopdrachten"],
        [[r["facets"], r["n"]] for r in rows],
    )


def table_help_clicks(filters):
    rows = list(
        help_clicks(filters).values("route").annotate(n=Sum("count")).order_by("-n", "route")
    )
    return Table(
        "hulproutes",
        "Kliks op hulproutes",
        ["Hulproute", "Kliks"],
        [[r["route"], r["n"]] for r in rows],
        note="De doelgroep- en inhoudstypefilter gelden niet voor hulproutes.",
    )


def planning_event_labels():
    """{event: label} as the planning app announces them."""
    return EVENTS


def table_planning(filters):
    """Self-assessments, comparisons and lists per audience: counts only."""
    labels = planning_event_labels()
    qs = in_range(DailyPlanningEvent.objects.all(), filters)
    if filters.audience:
        qs = qs.filter(audience=filters.audience)
    counts = {}
    for r in qs.values("audience", "event").annotate(n=Sum("count")):
        counts.setdefault(r["audience"], {})[r["event"]] = r["n"]
    names = dict(audience_choices())
    rows = [
        [names.get(audience, UNSPECIFIED_LABEL if not audience else audience)]
        + [per_event.get(event, 0) for event in labels]
        for audience, per_event in sorted(counts.items(), key=lambda item: -sum(item[1].values()))
    ]
    return Table(
        "planning",
        "Zelfscan, vergelijken en lijsten",
        ["Doelgroep", *labels.values()],
        rows,
        note="Per doelgroep van de zelfscan of van het materiaal; nooit per persoon. "
        "De inhoudstypefilter geldt hier niet.",
    )


def table_feedback(filters, qs=None):
    qs = feedback(filters) if qs is None else qs
    rows = list(
        qs.values("page_id")
        .annotate(ja=Count("id", filter=Q(useful=True)), nee=Count("id", filter=Q(useful=False)))
        .order_by("-ja", "page_id")[:TOP]
    )
    titles = page_titles([r["page_id"] for r in rows])
    return Table(
        "feedback",
        "Feedback per pagina",
        ["Pagina", "Ja, nuttig", "Nee", "Aandeel nuttig"],
        [
            [
                titles.get(r["page_id"], "(verwijderde pagina)"),
                r["ja"],
                r["nee"],
                f"{round(100 * r['ja'] / (r['ja'] + r['nee']))}%",
            ]
            for r in rows
        ],
    )


def table_comments(filters, qs=None):
    qs = feedback(filters) if qs is None else qs
    rows = list(qs.exclude(comment="").values_list("date", "page_id", "useful", "comment")[:100])
    titles = page_titles([r[1] for r in rows])
    return Table(
        "opmerkingen",
        "Recente opmerkingen",
        ["Dag", "Pagina", "Nuttig", "Opmerking"],
        [
            [d.isoformat(), titles.get(p, "(verwijderde pagina)"), "ja" if u else "nee", c]
            for d, p, u, c in rows
        ],
    )


def table_toolkits(filters):
    ToolkitPage = apps.get_model("toolkits", "ToolkitPage")
    toolkits = list(ToolkitPage.objects.all().order_by("title").values_list("pk", "title"))
    ids = [pk for pk, _ in toolkits]
    views = dict(
        in_range(DailyPageView.objects.filter(page_id__in=ids), filters)
        .values("page_id")
        .annotate(n=Sum("count"))
        .values_list("page_id", "n")
    )
    Link = apps.get_model("toolkits", "ToolkitDownload")
    docs_by_toolkit = {}
    for toolkit_id, document_id in Link.objects.filter(toolkit_id__in=ids).values_list(
        "toolkit_id", "document_id"
    ):
        docs_by_toolkit.setdefault(toolkit_id, set()).add(document_id)
    per_doc = dict(
        in_range(DailyDownload.objects.all(), filters)
        .values("document_id")
        .annotate(n=Sum("count"))
        .values_list("document_id", "n")
    )
    useful = {
        r["page_id"]: r
        for r in in_range(Feedback.objects.filter(page_id__in=ids), filters)
        .values("page_id")
        .annotate(ja=Count("id", filter=Q(useful=True)), nee=Count("id", filter=Q(useful=False)))
    }
    rows = []
    for pk, title in toolkits:
        fb = useful.get(pk, {"ja": 0, "nee": 0})
        rows.append(
            [
                title,
                views.get(pk, 0),
                sum(per_doc.get(d, 0) for d in docs_by_toolkit.get(pk, ())),
                fb["ja"],
                fb["nee"],
                pk,
            ]
        )
    rows.sort(key=lambda r: (-r[1] - r[2], r[0]))
    return Table(
        "toolkits",
        "Bereik per toolkit",
        ["Toolkit", "Bezoeken", "Downloads", "Nuttig: ja", "Nuttig: nee"],
        rows,
    )


def table_reports(filters):
    """Reports to the meldpunt per month (meldpunt.figures): counts below 5 are suppressed."""
    rows = monthly_figures(filters.start, filters.end)
    suppressed = f"minder dan {MIN_COUNT}"
    return Table(
        "meldpunt",
        "Meldpunt 1712: meldingen per maand",
        ["Maand", "Indeling", "Waarde", "Meldingen"],
        [
            [r["month"].strftime("%Y-%m"), r["dimension_label"], r["value_label"], r["count"] or suppressed]
            for r in rows
        ],
        note=f"Per volledige maand, ook maanden die maar deels in de periode vallen. Aantallen onder {MIN_COUNT} "
        "tonen we niet. De doelgroep- en inhoudstypefilter gelden niet voor meldingen.",
    )


DASHBOARD_TABLES = {
    "paginas": table_top_pages,
    "toolkits": table_toolkits,
    "downloads": table_downloads,
    "sectoren": table_sectors,
    "zoektermen": table_top_searches,
    "zonder-resultaat": table_zero_results,
    "filters": table_facets,
    "hulproutes": table_help_clicks,
    "planning": table_planning,
    "feedback": table_feedback,
    "opmerkingen": table_comments,
    "meldpunt": table_reports,
}
