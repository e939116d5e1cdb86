"""External material in the search, the "Eigen materiaal / Extern" facet, the audience pages and
the school page's whole-school grid (the real database search engine, no stand-ins)."""

import pytest

from taxonomy.models import WholeSchoolCell
from tests import pages

pytestmark = pytest.mark.django_db


def api(client, query):
    response = client.get(f"/api/zoeken/{query}")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def site():
    tree = pages.sections()
    onderwijs = pages.audience("onderwijs")
    school_page = pages.audience_page(tree.home, "onderwijs")
    cell = WholeSchoolCell.objects.get(strategy__slug="structurele-maatregelen", level__slug="school")
    own = pages.toolkit(tree.toolkits, "Toolkit pestbeleid op school", audiences=[onderwijs])
    own.school_cells.set([cell])
    own.save_revision().publish()
    index = pages.resource_index(tree.home)
    common = {"audiences": [onderwijs], "school_cells": [cell]}
    resources = [
        pages.resource(index, "Cyber-Scan", urls=["https://mediawijs.be/cyberscan"], **common),
        pages.resource(
            index, "Wij Pestvrij", owner_name="Ethisch Sporten (ICES)", urls=["https://www.wijpestvrij.be/"],
            description="<p>Toolkit voor sportclubs.</p>",
        ),
        pages.resource(
            index, "Sensoa Vlaggensysteem", owner_name="Sensoa",
            urls=["https://www.sensoa.be/over-het-sensoa-vlaggensysteem"],
            description="<p>Seksueel gedrag inschatten met zes criteria en vier vlaggen.</p>", **common,
        ),
        pages.resource(
            index, "Alles over pesten", owner_name="Vlaams Netwerk Kies Kleur tegen Pesten",
            urls=["https://www.allesoverpesten.be/"], description="<p>Wegwijzers voor begeleiders.</p>",
        ),
    ]
    return {"tree": tree, "school_page": school_page, "own": own, "resources": resources}


@pytest.mark.parametrize(
    "query, title",
    [
        ("Cyber-Scan", "Cyber-Scan"),
        ("cyberscan", "Cyber-Scan"),
        ("wij pestvrij", "Wij Pestvrij"),
        ("vlaggensysteem", "Sensoa Vlaggensysteem"),
        ("allesoverpesten", "Alles over pesten"),
        ("kies kleur tegen pesten", "Alles over pesten"),
    ],
)
def test_the_names_of_the_flemish_tools_find_them(client, site, query, title):
    results = api(client, f"?q={query}")["results"]
    assert results, query
    assert results[0]["title"] == title
    assert results[0]["type"] == "extern" and results[0]["type_label"] == "Extern materiaal"


def test_the_origin_facet_counts_own_and_external_material(client, site):
    everything = api(client, "?per_page=1")
    values = {v["value"]: v for v in everything["facets"]["herkomst"]["values"]}
    assert values["extern"]["count"] == 4 and values["extern"]["label"] == "Extern materiaal"
    assert values["eigen"]["count"] == everything["total"] - 4
    only_external = api(client, "?herkomst=extern")
    assert only_external["total"] == 4
    assert {r["type"] for r in only_external["results"]} == {"extern"}
    html = client.get("/zoeken/?q=pesten").content.decode()
    assert "Eigen materiaal of extern" in html and "Extern materiaal" in html


def test_the_audience_page_and_the_school_grid_list_them_beside_our_own(client, site):
    html = client.get(site["school_page"].url).content.decode()
    assert "Cyber-Scan" in html and "Sensoa Vlaggensysteem" in html  # the audience's listing
    assert "Toolkit pestbeleid op school" in html
    assert "Wij Pestvrij" not in html  # not for this audience
    # The grid: one own toolkit and two external items in that cell, each with its own link.
    assert 'aria-label="Extern materiaal voor Structurele maatregelen op niveau School: 2"' in html
    assert "+2 extern" in html
    assert "cel=structurele-maatregelen.school&amp;type=extern" in html or (
        "type=extern&amp;cel=structurele-maatregelen.school" in html
    )


def test_an_unpublished_resource_leaves_the_search(client, site):
    site["resources"][0].unpublish()
    assert all(r["title"] != "Cyber-Scan" for r in api(client, "?q=Cyber-Scan")["results"])


def test_the_index_page_lists_the_external_material(client, site):
    html = client.get("/extern-materiaal/").content.decode()
    for title in ("Cyber-Scan", "Wij Pestvrij", "Sensoa Vlaggensysteem", "Alles over pesten"):
        assert title in html
    assert "Toolkit pestbeleid op school" not in html
