"""Daily series, inline SVG bar charts (no script, no external library) and trends."""

import datetime

from django.db.models import Count, Sum


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
