"""The open data dump: the whole public catalogue as JSON and CSV, with a Frictionless
`datapackage.json` that describes every field and the licences (CC BY 4.0 for the centre's own
content; an item with its own licence says so in its `licence` column).

Written by `manage.py export_open_data` (nightly, deploy/crontab) to OPENDATA_EXPORT_DIR and
served from /open-data/download/<file>. Files are written beside the old ones and renamed, so a
reader never sees half a dump.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import logging
import os
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from meldpunt.figures import MIN_COUNT, monthly_figures
from opendata import catalogue
from opendata.findability import root_url

logger = logging.getLogger(__name__)

FILES = {
    "catalogus.json": "application/json",
    "catalogus.csv": "text/csv; charset=utf-8",
    "taxonomieen.json": "application/json",
    "meldpunt-maandcijfers.csv": "text/csv; charset=utf-8",
    "datapackage.json": "application/json",
}
#: The meldpunt's monthly figures (issue 17): counts only, small ones suppressed.
MELDPUNT_FIELDS = [
    ("month", "date", "First day of the month."),
    ("dimension", "string", "What is counted: totaal, wie (who reports), omgeving (setting), platform, leeftijd."),
    ("dimension_label", "string", "The dimension in Dutch."),
    ("value", "string", "The choice counted (a key; empty = not given)."),
    ("value_label", "string", "The choice in Dutch."),
    (
        "count",
        "integer",
        f"Reports that month; empty when fewer than {MIN_COUNT} (suppressed: no small group can be singled out).",
    ),
]
CSV_FIELDS = [
    ("id", "string", "Stable id, the same as in the API (/api/v1/items/<id>/)."),
    ("type", "string", "Content type (see taxonomieen.json, param 'type')."),
    ("type_label", "string", "Content type in Dutch."),
    ("title", "string", "Title."),
    ("url", "string", "Address on the site."),
    ("summary", "string", "Summary in plain language."),
    ("language", "string", "Language code (nl, en, fr, de)."),
    ("date", "date", "Date of the item (publication year for research, start for events)."),
    ("first_published", "datetime", "First published on the site."),
    ("last_modified", "datetime", "Last changed on the site."),
    ("licence", "string", "Licence code: cc-by-4.0 for the centre's own content."),
    ("licence_url", "string", "Licence text."),
    *[
        (param, "string", f"Facet '{param}': slugs separated by '|'.")
        for param in catalogue.TAXONOMY_PARAMS
        if param != "bewijs"
    ],
    ("evidence_level", "string", "Evidence level (practices)."),
    ("documents", "array", "Downloads as a JSON array (title, url, format, size_bytes, licence)."),
    ("details", "object", "Fields of the item's own type as a JSON object (citation, event dates, ...)."),
]
DUMP_LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


def export_dir() -> Path:
    return Path(settings.OPENDATA_EXPORT_DIR)


def _csv_row(record: dict) -> dict:
    row = {name: record.get(name) for name, _, _ in CSV_FIELDS}
    row["licence"] = record["licence"]["code"]
    row["licence_url"] = record["licence"]["url"] or ""
    for param, values in record["taxonomy"].items():
        row[param] = "|".join(v["slug"] for v in values)
    row["evidence_level"] = record["evidence"]["level"] if record["evidence"] else ""
    row["documents"] = json.dumps(record["documents"], ensure_ascii=False)
    row["details"] = json.dumps(record["details"], ensure_ascii=False)
    return {k: ("" if v is None else v) for k, v in row.items()}


def datapackage(count: int, created: datetime.datetime, meldpunt_rows: int = 0) -> dict:
    return {
        "profile": "data-package",
        "name": "kenniscentrum-cyberpesten-catalogus",
        "title": "Kenniscentrum (cyber)pesten: catalogus",
        "description": (
            "Alle openbare inhoud van het Kenniscentrum (cyber)pesten: onderzoek, goede praktijken, "
            "toolkits, downloads, begrippen, nieuws, vorming en hulp. Eigen inhoud valt onder CC BY 4.0; "
            "een item met een eigen licentie vermeldt die in de kolom 'licence'."
        ),
        "homepage": root_url() + reverse("opendata:page"),
        "created": created.isoformat(),
        "licenses": [DUMP_LICENCE],
        "resources": [
            {
                "name": "catalogus",
                "path": "catalogus.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "licenses": [DUMP_LICENCE],
                "schema": {
                    "fields": [
                        {"name": name, "type": kind, "description": text} for name, kind, text in CSV_FIELDS
                    ],
                    "primaryKey": ["id"],
                },
                "stats": {"rows": count},
            },
            {
                "name": "catalogus-json",
                "path": "catalogus.json",
                "format": "json",
                "mediatype": "application/json",
                "description": "The same items as the API's /api/v1/items/ records (a JSON array).",
                "licenses": [DUMP_LICENCE],
            },
            {
                "name": "taxonomieen",
                "path": "taxonomieen.json",
                "format": "json",
                "mediatype": "application/json",
                "description": "Every facet with its values (slug, label).",
                "licenses": [DUMP_LICENCE],
            },
            {
                "name": "meldpunt-maandcijfers",
                "path": "meldpunt-maandcijfers.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": (
                    "Meldpunt cyberpesten (hulplijn 1712): meldingen per maand, per wie meldt, omgeving, "
                    f"platform en leeftijd. Aantallen onder {MIN_COUNT} zijn weggelaten."
                ),
                "licenses": [DUMP_LICENCE],
                "schema": {
                    "fields": [
                        {"name": name, "type": kind, "description": text} for name, kind, text in MELDPUNT_FIELDS
                    ],
                    "missingValues": [""],
                },
                "stats": {"rows": meldpunt_rows},
            },
        ],
    }


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def export_open_data(target: Path | None = None, progress=None) -> dict:
    """Write the dump; returns {"items": n, "dir": path}."""
    target = Path(target or export_dir())
    target.mkdir(parents=True, exist_ok=True)
    base = root_url()  # the Wagtail site's address, as pages and the API name it

    def absolute(url):
        return url if url.startswith(("http://", "https://")) else base + url

    labels = catalogue.facet_labels()
    rows = catalogue.entries()
    records: list[dict] = []
    batch = 200
    total = rows.count()
    for start in range(0, total, batch):
        records += catalogue.items(rows[start : start + batch], absolute, labels)
        if progress:
            progress(min(start + batch, total), total)
    created = timezone.now().replace(microsecond=0)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[name for name, _, _ in CSV_FIELDS], lineterminator="\n")
    writer.writeheader()
    writer.writerows(_csv_row(r) for r in records)
    _write(target / "catalogus.csv", buffer.getvalue().encode("utf-8"))
    _write(target / "catalogus.json", json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8"))
    taxonomies = json.dumps(catalogue.taxonomies(labels), ensure_ascii=False, indent=1)
    _write(target / "taxonomieen.json", taxonomies.encode())
    figures = monthly_figures()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[name for name, _, _ in MELDPUNT_FIELDS], lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {**row, "month": row["month"].isoformat(), "count": "" if row["count"] is None else row["count"]}
        for row in figures
    )
    _write(target / "meldpunt-maandcijfers.csv", buffer.getvalue().encode("utf-8"))
    package = json.dumps(datapackage(len(records), created, len(figures)), ensure_ascii=False, indent=1)
    _write(target / "datapackage.json", package.encode())
    return {"items": len(records), "dir": str(target)}


def status() -> dict:
    path = export_dir() / "datapackage.json"
    if not path.exists():
        return {"available": False}
    made = datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC)
    return {
        "available": True,
        "created": made,
        "files": [{"name": name, "url": reverse("opendata:dump", args=[name])} for name in FILES],
    }


def export_if_missing() -> None:
    """On a new server, before the nightly job (deploy/crontab) first ran: queue one export, at
    most once an hour."""
    if status()["available"]:
        return
    if cache.add("opendata-refresh-queued", True, timeout=3600):
        from opendata.tasks import refresh_open_data  # lazy: the task module imports this one

        try:
            refresh_open_data.enqueue()
        except Exception:  # noqa: BLE001 - the old dump (or a 404) is served; the next hour retries
            logger.exception("Could not refresh the open data dump")
