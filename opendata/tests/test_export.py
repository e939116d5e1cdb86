"""The open data dump: `manage.py export_open_data` writes JSON, CSV and a Frictionless data
package that reads back, with every public item and nothing else; /open-data/ documents it all."""

import io
import json

import pytest
from frictionless import Package

from django.core.management import call_command

from opendata import catalogue as catalogue_module
from opendata.tests.helpers import parse_head

pytestmark = pytest.mark.django_db


@pytest.fixture
def dump_dir(tmp_path, settings):
    settings.OPENDATA_EXPORT_DIR = str(tmp_path / "open-data")
    return tmp_path / "open-data"


def test_the_dump_round_trips_every_public_item_through_a_frictionless_reader(catalogue, dump_dir):
    out = io.StringIO()
    call_command("export_open_data", stdout=out)
    public = {row.key: row for row in catalogue_module.entries()}
    assert f"{len(public)} items written" in out.getvalue()

    package = Package(str(dump_dir / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert package.licenses[0]["name"] == "CC-BY-4.0"
    rows = package.get_resource("catalogus").read_rows()
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == set(public)
    for key, entry in public.items():
        assert by_id[key]["title"] == entry.title
        assert by_id[key]["url"] == "http://localhost" + entry.url
    research = by_id[f"page:{catalogue.research.pk}"]
    assert research["details"]["doi"] == "10.1000/eukids.2014"  # a JSON object, read back as one
    assert research["doelgroep"] == "onderwijs"
    assert research["licence"] == "cc-by-4.0"
    assert by_id[f"page:{catalogue.practice.pk}"]["evidence_level"] == "eerste-aanwijzingen"
    [document] = by_id[f"page:{catalogue.toolkit.pk}"]["documents"]
    assert document["size_bytes"] == catalogue.document.file_size
    for never in (catalogue.draft, catalogue.private):
        assert f"page:{never.pk}" not in by_id

    records = json.loads((dump_dir / "catalogus.json").read_text())
    assert {r["id"] for r in records} == set(public)
    taxonomies = {t["param"] for t in json.loads((dump_dir / "taxonomieen.json").read_text())}
    assert {"doelgroep", "thema", "aanpak", "bewijs"} <= taxonomies


def test_the_dump_holds_the_meldpunts_monthly_figures_with_small_counts_suppressed(catalogue, dump_dir):
    import datetime

    from meldpunt.models import MonthlyCount

    month = datetime.date(2026, 10, 1)
    MonthlyCount.objects.create(month=month, dimension="totaal", value="", count=12)
    MonthlyCount.objects.create(month=month, dimension="omgeving", value="school", count=9)
    MonthlyCount.objects.create(month=month, dimension="omgeving", value="werk", count=2)
    call_command("export_open_data", stdout=io.StringIO())
    package = Package(str(dump_dir / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = {(r["dimension"], r["value"] or ""): r for r in package.get_resource("meldpunt-maandcijfers").read_rows()}
    assert rows[("totaal", "")]["count"] == 12
    assert rows[("omgeving", "school")]["count"] == 9 and rows[("omgeving", "school")]["month"] == month
    assert rows[("omgeving", "werk")]["count"] is None  # fewer than 5: never published
    assert "2" not in (dump_dir / "meldpunt-maandcijfers.csv").read_text().splitlines()[-1].split(",")[-1]


def test_the_dump_is_served_from_a_stable_address_and_refreshed_when_missing(client, catalogue, dump_dir):
    # No dump yet: the first request queues the export (immediate in tests), then serves it.
    response = client.get("/open-data/download/datapackage.json")
    assert response.status_code == 200
    assert json.loads(b"".join(response.streaming_content))["name"] == "kenniscentrum-cyberpesten-catalogus"
    csv = b"".join(client.get("/open-data/download/catalogus.csv").streaming_content).decode()
    assert catalogue.research.title in csv
    assert client.get("/open-data/download/geheim.txt").status_code == 404
    assert client.get("/open-data/download/..%2Fsettings.py").status_code == 404


def test_open_data_page_explains_api_feeds_and_dump_and_is_linked_from_the_footer(client, catalogue, dump_dir):
    call_command("export_open_data", stdout=io.StringIO())
    html = client.get("/").content.decode()
    assert '<a href="/open-data/">Open data en API</a>' in html
    response = client.get("/open-data/")
    page = response.content.decode()
    assert "<h1>Open data en API</h1>" in page
    for link in ("/api/v1/openapi.json", "/feeds/onderzoek/rss/", "/feeds/vorming.ics",
                 "/open-data/download/datapackage.json", "/feeds/doelgroep/onderwijs/atom/"):
        assert f'href="{link}"' in page, link
    head = parse_head(response)
    assert head.value("description").startswith("Hergebruik de inhoud")
