"""Every search document built from the demo content, compared with a committed JSON snapshot.

Written before the search documents moved from `search/` into the content apps (issue #10): the
move must not change one entry. Anything that depends on the database or the day is replaced by
a stable stand-in (primary keys by the page path, document title or term; dates of "today" by
TODAY), so the snapshot is the same on SQLite and PostgreSQL and on any day.

After an intended change to what is indexed, regenerate and review the diff:

    UPDATE_SNAPSHOT=1 .venv/bin/python -m pytest tests/test_search_documents_snapshot.py
"""

import dataclasses
import datetime
import json
import os
import re
from pathlib import Path

import pytest

from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Page

from glossary.models import GlossaryTerm
from search.registry import all_documents, count_all

pytestmark = pytest.mark.django_db

SNAPSHOT = Path(__file__).parent / "snapshots" / "search_documents.json"
DOCUMENT_URL = re.compile(r"/(documents|documenten)/\d+/")


def stable_keys() -> dict[str, str]:
    """Key of each entry with a primary key -> the same key with a stable name instead."""
    keys = {f"page:{pk}": f"page:{path}" for pk, path in Page.objects.values_list("pk", "url_path")}
    keys |= {f"document:{pk}": f"document:{t}" for pk, t in get_document_model().objects.values_list("pk", "title")}
    keys |= {f"term:{pk}": f"term:{t}" for pk, t in GlossaryTerm.objects.values_list("pk", "term")}
    return keys


def stable(entry, keys, toolkit_titles, today) -> dict:
    data = dataclasses.asdict(entry)
    data["key"] = keys.get(data["key"], data["key"])
    data["url"] = DOCUMENT_URL.sub(r"/\1/ID/", data["url"])
    if entry.type == "vorming":  # the loader dates events relative to its (local) day
        start = timezone.localtime(datetime.datetime.fromisoformat(data["extra"]["start"]))
        when = f"TODAY{(start.date() - timezone.localdate()).days:+d}"
        data["date"] = when
        data["facets"]["jaar"] = ["YEAR-OF-DATE"]
        data["extra"]["start"] = f"{when}T{start:%H:%M} local"
    elif entry.date in today:  # an upload or first-publication date: the day the loader ran
        data["date"] = "TODAY"
        data["facets"]["jaar"] = ["TODAY"]
    elif entry.date:
        data["date"] = entry.date.isoformat()
    if "toolkit_ids" in data["extra"]:
        data["extra"]["toolkit_ids"] = sorted(toolkit_titles[pk] for pk in data["extra"]["toolkit_ids"])
    return data


def test_search_documents_of_the_demo_content_are_unchanged(demo_content):
    keys = stable_keys()
    toolkit_titles = dict(Page.objects.values_list("pk", "url_path"))
    # "Today" in UTC (stored datetimes) and in local time (the loader's day): they differ near midnight.
    today = {timezone.now().date(), timezone.localdate()}
    entries = list(all_documents())
    snapshot = sorted((stable(e, keys, toolkit_titles, today) for e in entries), key=lambda d: d["key"])
    assert len(entries) <= count_all()
    text = json.dumps(snapshot, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_SNAPSHOT"):
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert SNAPSHOT.exists(), f"{SNAPSHOT} is missing: run with UPDATE_SNAPSHOT=1 to create it"
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert [d["key"] for d in snapshot] == [d["key"] for d in expected], "other entries than the snapshot"
    for got, want in zip(snapshot, expected, strict=True):
        assert got == want, f"{got['key']} differs from the snapshot; if intended, UPDATE_SNAPSHOT=1"
