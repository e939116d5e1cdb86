"""The dashboard shows exactly what was counted; every table exports to safe CSV."""

import csv
import datetime
import io

from django.utils import timezone

from analytics import reports, signals
from analytics.models import DailyDownload, DailyPageView, Feedback
from analytics.templatetags.analytics_tags import toolkit_reach


def count_events(site, visitor):
    for _ in range(4):
        visitor.get(site["about"].url)
    for _ in range(2):
        visitor.get(site["toolkit"].url, HTTP_REFERER="http://testserver/zoeken/?q=sexting")
    for sector in ("leerkracht", "leerkracht", "ouder", ""):
        response = visitor.get(site["gids"].url + (f"?ik={sector}" if sector else ""))
        b"".join(response.streaming_content)
    signals.on_search_performed(None, query="sexting", total=5, facets={"doelgroep": ["onderwijs"]})
    signals.on_search_performed(None, query="vechtscheiding", total=0, facets={})
    signals.on_search_performed(None, query='=HYPERLINK("http://x")', total=0, facets={})
    signals.on_help_route_clicked(None, route="1712")
    today = timezone.localdate()
    Feedback.objects.create(date=today, page=site["about"], useful=True, comment="@SUM(A1)")
    Feedback.objects.create(date=today, page=site["toolkit"], useful=False, comment="")
    Feedback.objects.create(date=today, page=site["toolkit"], useful=True, comment="-2+3")


def metric(response, label):
    return next(m for m in response.context["metrics"] if m["label"] == label)["total"]


def read_csv(response):
    text = b"".join(
        response.streaming_content if response.streaming else [response.content]
    ).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_dashboard_totals_equal_the_counted_events(site, visitor, editor):
    count_events(site, visitor)
    response = editor.get("/admin/bereik/")
    assert response.status_code == 200
    assert metric(response, "Paginabezoeken") == 6
    assert metric(response, "Downloads") == 4
    assert metric(response, "Zoekopdrachten") == 3
    assert metric(response, "Feedback") == 3
    assert metric(response, "Kliks op hulproutes") == 1
    html = response.content.decode()
    assert "Bereik &amp; impact" in html and "<svg" in html
    assert "vechtscheiding" in html  # a content gap, shown to editors
    tables = {t.key: t for t in response.context["tables"]}
    assert dict((row[0], row[1]) for row in tables["sectoren"].rows) == {
        "Leerkracht": 2,
        "Ouder": 1,
        "Niet opgegeven": 1,
    }
    toolkit_row = next(r for r in tables["toolkits"].rows if r[0] == site["toolkit"].title)
    assert toolkit_row[1:5] == [2, 4, 1, 1]
    assert sum(DailyPageView.objects.values_list("count", flat=True)) == 6


def test_filters_by_date_audience_and_type(site, visitor, editor):
    count_events(site, visitor)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    DailyDownload.objects.create(
        date=yesterday - datetime.timedelta(days=40), document=site["gids"], count=7
    )
    assert metric(editor.get("/admin/bereik/"), "Downloads") == 4
    old = editor.get(
        f"/admin/bereik/?van={yesterday - datetime.timedelta(days=60)}&tot={yesterday}"
    )
    assert metric(old, "Downloads") == 7 and metric(old, "Paginabezoeken") == 0
    onderwijs = editor.get("/admin/bereik/?doelgroep=onderwijs")
    assert metric(onderwijs, "Paginabezoeken") == 2  # only the toolkit is tagged 'onderwijs'
    toolkit_type = next(v for v, label in reports.page_type_choices() if label == "Toolkit")
    by_type = editor.get(f"/admin/bereik/?type={toolkit_type}")
    assert metric(by_type, "Paginabezoeken") == 2 and metric(by_type, "Feedback") == 2
    bad = editor.get("/admin/bereik/?van=gisteren&tot=2020-01-01")
    assert bad.status_code == 200 and "geen geldige datum" in bad.content.decode()


def test_toolkit_reach_report(site, visitor, editor):
    count_events(site, visitor)
    response = editor.get(f"/admin/bereik/toolkit/{site['toolkit'].pk}/")
    assert response.status_code == 200
    assert response.context["totals"] == {
        "views": 2,
        "downloads": 4,
        "useful": 1,
        "not_useful": 1,
        "from_search": 2,
    }
    rows = read_csv(editor.get(f"/admin/bereik/toolkit/{site['toolkit'].pk}/?export=zoektermen"))
    assert rows == [["Zoekterm", "Bezoeken vanuit de zoekresultaten"], ["sexting", "2"]]


def test_every_table_exports_csv_and_formulas_are_escaped(site, visitor, editor):
    count_events(site, visitor)
    for key in reports.DASHBOARD_TABLES:
        response = editor.get(f"/admin/bereik/?export={key}")
        assert response.status_code == 200, key
        assert response["Content-Type"].startswith("text/csv")
        assert read_csv(response)[0], key
    cells = [c for r in read_csv(editor.get("/admin/bereik/?export=zoektermen")) for c in r]
    assert '\'=hyperlink("http://x")' in cells
    comments = [c for r in read_csv(editor.get("/admin/bereik/?export=opmerkingen")) for c in r]
    assert "'@SUM(A1)" in comments and "'-2+3" in comments
    for cell in cells + comments:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_csv_safe():
    assert reports.csv_safe("=1+1") == "'=1+1"
    assert reports.csv_safe("+32 2") == "'+32 2"
    assert reports.csv_safe("\tx") == "'\tx"
    assert reports.csv_safe("gewoon") == "gewoon"
    assert reports.csv_safe(-5) == -5  # numbers stay numbers


def test_admin_home_shows_the_summary_panel(site, visitor, editor):
    count_events(site, visitor)
    html = editor.get("/admin/").content.decode()
    assert "Bereik &amp; impact (laatste 30 dagen)" in html
    assert "vechtscheiding" in html


def test_dashboard_needs_a_login(db, client):
    response = client.get("/admin/bereik/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_public_reach_on_a_toolkit(site, visitor):
    toolkit = site["toolkit"]
    DailyDownload.objects.create(date=timezone.localdate(), document=site["gids"], count=1890)
    DailyDownload.objects.create(
        date=timezone.localdate(), document=site["affiche"], sector="ouder", count=2
    )
    assert toolkit_reach(toolkit)["total_label"] == "1.892"
    toolkit.show_reach = False
    assert toolkit_reach(toolkit) == {"total": 0}


def test_toolkit_page_shows_reach_and_the_optional_sector_question(site, visitor):
    toolkit, gids = site["toolkit"], site["gids"]
    DailyDownload.objects.create(date=timezone.localdate(), document=gids, count=892)
    html = visitor.get(toolkit.url).content.decode()
    assert "892 keer gedownload" in html
    assert "Ik ben …" in html and 'name="ik"' in html
    assert f'href="{gids.url}"' in html  # no answer: the plain link, never a wall
    chosen = visitor.get(toolkit.url + "?ik=leerkracht").content.decode()
    assert f'href="{gids.url}?ik=leerkracht"' in chosen  # works without JavaScript
