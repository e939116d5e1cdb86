"""The self-assessments and the meldpunt are found by the words people use for them."""

import io

import pytest

from django.core.management import call_command

from planning.models import Scan

pytestmark = pytest.mark.django_db


def results(client, query):
    response = client.get("/api/zoeken/", {"q": query})
    assert response.status_code == 200
    return [(r["title"], r["url"]) for r in response.json()["results"]]


@pytest.fixture
def index():
    call_command("rebuild_search_index", stdout=io.StringIO())


def test_zelfscan_finds_the_self_assessments(client, index):
    found = results(client, "zelfscan")
    scans = list(Scan.objects.all())
    assert scans, "the seed migration creates the scans"
    for scan in scans:
        assert (scan.title, f"/zelfscan/{scan.slug}/") in found


def test_a_changed_scan_is_found_at_once(client, index):
    scan = Scan.objects.get(slug="school")
    assert not results(client, "schoolreis")
    scan.intro = "Ook voor de schoolreis."
    scan.save()
    assert (scan.title, "/zelfscan/school/") in results(client, "schoolreis")
    scan.delete()
    assert not results(client, "schoolreis")


def test_anonymous_reporting_leads_to_the_meldpunt(client, index):
    urls = [url for _, url in results(client, "anoniem melden")]
    assert "/melden/" in urls[:3]
