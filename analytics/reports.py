"""The numbers behind the "Bereik & impact" dashboard, computed from the daily counters only."""

import csv
import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.utils import timezone

from wagtail.models import Page

from analytics.models import (
    SECTOR_LABELS,
    UNSPECIFIED_LABEL,
    DailyDownload,
    DailyHelpClick,
    DailyPageView,
    DailyPlanningEvent,
    DailySearch,
    DailySearchLanding,
    Feedback,
)
from meldpunt.figures import MIN_COUNT, monthly_figures
from planning.signals import EVENTS

DEFAULT_DAYS = 30
# No counts exist before the site existed; also keeps every report period in the calendar.
FIRST_DAY = datetime.date(2020, 1, 1)
TOP = 25


# --- filters -------------------------------------------------------------------------------


def parse_date(value, default):
    try:
        return datetime.date.fromisoformat((value or "").strip())
    except ValueError:
        return default


def page_type_choices():
    """Public page types that exist in the project, as (content type id, Dutch name)."""
    choices = []
    for model in apps.get_models():
        if issubclass(model, Page) and model is not Page:
            ct = ContentType.objects.get_for_model(model)
            choices.append((str(ct.pk), str(model._meta.verbose_name).capitalize()))
    return sorted(choices, key=lambda c: c[1])


def audience_choices():
    Audience = apps.get_model("taxonomy", "Audience")
    return [(a.slug, a.name) for a in Audience.objects.all()]


@dataclass
class Filters:
    start: datetime.date
    end: datetime.date
    audience: str = ""
    content_type: str = ""
    errors: list = field(default_factory=list)

    @classmethod
    def from_request(cls, request):
        today = timezone.localdate()
        default_start = today - datetime.timedelta(days=DEFAULT_DAYS - 1)
        get = request.GET
        errors = []
        start = parse_date(get.get("van"), None)
        if start is None:
            start = default_start
            if get.get("van"):
                errors.append(
                    "De begindatum is geen geldige datum (jjjj-mm-dd); "
                    "we tonen de laatste 30 dagen."
                )
        end = parse_date(get.get("tot"), None)
        if end is None:
            end = today
            if get.get("tot"):
                errors.append(
                    "De einddatum is geen geldige datum (jjjj-mm-dd); we tonen tot vandaag."
                )
        if end < start:
            errors.append("De einddatum ligt voor de begindatum; we hebben ze omgewisseld.")
            start, end = end, start
        # Bounded on both sides: the trend compares with the period before, and a date such
        # as 0001-01-01 would leave the calendar (and a 700,000-day period tells nothing).
        if end > today:
            errors.append("De einddatum ligt in de toekomst; we tonen tot vandaag.")
            end, start = today, min(start, today)
        if start < FIRST_DAY:
            errors.append(
                f"De begindatum ligt voor {FIRST_DAY.day} januari {FIRST_DAY.year}, toen het "
                "tellen begon; we tonen vanaf die dag."
            )
            start, end = FIRST_DAY, max(end, FIRST_DAY)
        audience = get.get("doelgroep", "")
        if audience and audience not in dict(audience_choices()):
            audience = ""
        content_type = get.get("type", "")
        if content_type and content_type not in dict(page_type_choices()):
            content_type = ""
        return cls(
            start=start, end=end, audience=audience, content_type=content_type, errors=errors
        )

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def previous(self):
        """The period of the same length right before this one (for trends)."""
        length = datetime.timedelta(days=self.days)
        return Filters(
            self.start - length,
            self.start - datetime.timedelta(days=1),
            self.audience,
            self.content_type,
        )

    def querystring(self):
        parts = [f"van={self.start.isoformat()}", f"tot={self.end.isoformat()}"]
        if self.audience:
            parts.append(f"doelgroep={self.audience}")
        if self.content_type:
            parts.append(f"type={self.content_type}")
        return "&".join(parts)

    def page_ids(self):
        """Ids of the pages that match audience and content type; None means no restriction."""
        ids = None
        if self.content_type:
            ids = set(
                Page.objects.filter(content_type_id=int(self.content_type)).values_list(
                    "pk", flat=True
                )
            )
        if self.audience:
            audience_ids = set()
            for model in apps.get_models():
                if not issubclass(model, Page):
                    continue
                names = {f.name for f in model._meta.get_fields()}
                if "audiences" in names:
                    audience_ids |= set(
                        model.objects.filter(audiences__slug=self.audience).values_list(
                            "pk", flat=True
                        )
                    )
                elif "audience" in names:
                    audience_ids |= set(
                        model.objects.filter(audience__slug=self.audience).values_list(
                            "pk", flat=True
                        )
                    )
            ids = audience_ids if ids is None else ids & audience_ids
        return ids

    def document_filter(self):
        q = Q()
        if self.audience:
            q &= Q(document__audiences__slug=self.audience)
        if self.content_type:
            q &= Q(document__toolkit_links__toolkit__content_type_id=int(self.content_type))
        return q


def in_range(qs, filters):
    return qs.filter(date__gte=filters.start, date__lte=filters.end)


def page_views(filters):
    qs = in_range(DailyPageView.objects.all(), filters)
    ids = filters.page_ids()
    if ids is not None:
        qs = qs.filter(page_id__in=ids)
    return qs


def downloads(filters):
    qs = in_range(DailyDownload.objects.all(), filters)
    q = filters.document_filter()
    if q:
        ids = set(DailyDownload.objects.filter(q).values_list("document_id", flat=True))
        qs = qs.filter(document_id__in=ids)
    return qs


def searches(filters):
    qs = in_range(DailySearch.objects.all(), filters)
    if filters.audience:
        qs = qs.filter(facets__contains=filters.audience)
    return qs


def feedback(filters):
    qs = in_range(Feedback.objects.all(), filters)
    ids = filters.page_ids()
    if ids is not None:
        qs = qs.filter(page_id__in=ids)
    return qs


def help_clicks(filters):
    return in_range(DailyHelpClick.objects.all(), filters)


def total(qs):
    return qs.aggregate(n=Sum("count"))["n"] or 0


# --- series and charts ---------------------------------------------------------------------


def daily_series(qs, filters, value="count"):
    by_day = dict(
        qs.values("date")
        .annotate(n=Sum(value) if value == "count" else Count("id"))
        .values_list("date", "n")
    )
    return [
        (
            filters.start + datetime.timedelta(days=i),
            by_day.get(filters.start + datetime.timedelta(days=i), 0),
        )
        for i in range(filters.days)
    ]


def svg_chart(series, label, colour="#2e6a8e", width=640, height=150):
    """A bar chart as inline SVG markup: no script, no external library."""
    peak = max((n for _, n in series), default=0) or 1
    count = max(len(series), 1)
    left, bottom, top = 36, 20, 8
    plot_w, plot_h = width - left - 4, height - bottom - top
    step = plot_w / count
    bar_w = max(step * 0.8, 1)
    bars = []
    for i, (day, n) in enumerate(series):
        h = plot_h * n / peak
        x = left + i * step
        y = top + plot_h - h
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}">'
            f"<title>{day.strftime('%d-%m-%Y')}: {n}</title></rect>"
        )
    first = series[0][0].strftime("%d-%m") if series else ""
    last = series[-1][0].strftime("%d-%m") if series else ""
    totaal = sum(n for _, n in series)
    peak_label = peak if totaal else 0
    text = 'font-size="11" fill="#444"'
    return (
        f'<svg class="analytics-chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{label}: {totaal} in totaal, hoogste dag {peak_label}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 4}" y2="{top + plot_h}" '
        f'stroke="#888"/>'
        f'<text x="{left - 4}" y="{top + 10}" {text} text-anchor="end">{peak_label}</text>'
        f'<text x="{left - 4}" y="{top + plot_h}" {text} text-anchor="end">0</text>'
        f'<text x="{left}" y="{height - 4}" {text}>{first}</text>'
        f'<text x="{width - 4}" y="{height - 4}" {text} text-anchor="end">{last}</text>'
        + "".join(bars)
        + "</svg>"
    )


def trend(current, previous):
    if not previous:
        return "nieuw" if current else "–"
    change = round((current - previous) * 100 / previous)
    return f"{change:+d}%"


# --- tables --------------------------------------------------------------------------------


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


# --- toolkit reach report ------------------------------------------------------------------


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


# --- CSV -----------------------------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """Spreadsheets run cells that start with = + - @ tab or CR as formulas: prefix a quote."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def csv_response(table, filters, prefix="bereik"):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{prefix}-{table.key}-{filters.start.isoformat()}-{filters.end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 correctly with a BOM
    writer = csv.writer(response, delimiter=";")
    writer.writerow([csv_safe(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([csv_safe(cell) for cell in row[: len(table.headers)]])
    return response
