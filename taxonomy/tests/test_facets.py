"""The facet vocabulary (`taxonomy.facets`): which taxonomy field is which filter, under which
Dutch heading, with the terms in the editors' order."""

import pytest

from taxonomy import seed
from taxonomy.facets import TAXONOMY_FACETS, TAXONOMY_FACETS_BY_FIELD, cell_value
from tests import pages
from toolkits.models import ToolkitPage

pytestmark = pytest.mark.django_db

TERMS = {
    "doelgroep": seed.AUDIENCES,
    "thema": seed.TOPICS,
    "aanpak": seed.APPROACHES,
    "leeftijd": seed.AGE_GROUPS,
    "omgeving": seed.SETTINGS,
}


def test_each_taxonomy_field_is_one_filter_with_a_dutch_heading():
    assert [(f.field, f.param, f.label) for f in TAXONOMY_FACETS] == [
        ("audiences", "doelgroep", "Doelgroep"),
        ("topics", "thema", "Thema"),
        ("approaches", "aanpak", "Aanpak"),
        ("age_groups", "leeftijd", "Leeftijd"),
        ("settings", "omgeving", "Omgeving"),
    ]
    assert TAXONOMY_FACETS_BY_FIELD["topics"].model._meta.verbose_name == "thema"


def test_the_search_offers_every_term_under_its_heading_in_the_editors_order(client):
    facets = client.get("/api/zoeken/").json()["facets"]
    for facet in TAXONOMY_FACETS:
        shown = facets[facet.param]
        assert shown["label"] == facet.label
        assert [(v["value"], v["label"]) for v in shown["values"]] == TERMS[facet.param], facet.param


def test_a_page_is_found_by_its_terms_and_by_its_whole_school_cell(client):
    tree = pages.sections()
    pages.publish_tagged(
        tree.toolkits,
        ToolkitPage(title="Klasafspraken over sexting", slug="klasafspraken", summary="Afspraken."),
        topics=["sexting"], audiences=["onderwijs"], school_cells=[("afspraken", "klas")],
    )
    assert cell_value("afspraken", "klas") == "afspraken.klas"
    for params in ({"thema": "sexting"}, {"doelgroep": "onderwijs"}, {"cel": "afspraken.klas"}):
        titles = [r["title"] for r in client.get("/api/zoeken/", params).json()["results"]]
        assert titles == ["Klasafspraken over sexting"], params
    assert client.get("/api/zoeken/", {"cel": "afspraken.school"}).json()["results"] == []
