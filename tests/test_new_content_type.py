"""A new content type needs no edit in search/, core/, home/ or planning/ (issue #10).

`tests/throwaway` is a content app as a new one would be written: a page type with the taxonomy
fields, an index page, and its own `search_documents.py`. It is installed only in the test
settings. Its pages become searchable, faceted, listed, a section of the site and a card, and
(when its source says so) part of the planning tools.
"""

import pytest

from django.core.cache import cache

from planning.tests.test_compare import table
from search import registry
from tests import pages
from tests.throwaway.models import ToolIndexPage, ToolPage
from tests.throwaway.search_documents import ToolSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def tool(db):
    cache.clear()
    tree = pages.sections()
    index = pages.publish(
        tree.home,
        ToolIndexPage(title="Proefmiddelen", slug="proefmiddelen", show_in_menus=True, summary="Alle proefmiddelen."),
    )
    page = ToolPage(title="Zonnewijzer tegen pesten", slug="zonnewijzer", summary="Een middel om te proberen.")
    page.maker = "Atelier Ringelorum"  # a word only the type's own `body` puts in the index
    page = pages.publish_tagged(index, page, topics=["sexting"], audiences=["onderwijs"])
    yield tree, index, page
    cache.clear()


def test_the_app_registers_its_type_itself():
    assert isinstance(registry.source_for_page(ToolPage()), ToolSource)
    assert ("proefmiddel", "Proefmiddel", "Proefmiddelen") in registry.content_types()


def test_a_published_page_is_found_with_its_type_label(client, tool):
    html = client.get("/zoeken/", {"q": "ringelorum"}).content.decode()
    assert "Zonnewijzer tegen pesten" in html
    assert '<span class="badge badge--type">Proefmiddel</span>' in html


def test_its_taxonomy_and_type_are_facets(client, tool):
    data = client.get("/api/zoeken/", {"type": "proefmiddel", "thema": "sexting"}).json()
    assert [r["title"] for r in data["results"]] == ["Zonnewijzer tegen pesten"]
    types = {o["value"]: o for o in data["facets"]["type"]["values"]}
    assert types["proefmiddel"]["label"] == "Proefmiddelen" and types["proefmiddel"]["count"] == 1
    other_topic = client.get("/api/zoeken/", {"type": "proefmiddel", "thema": "pesten-op-het-werk"}).json()
    assert other_topic["results"] == []
    html = client.get("/zoeken/", {"doelgroep": "onderwijs"}).content.decode()
    assert 'name="type" value="proefmiddel"' in html  # the filter is offered in the sidebar


def test_its_index_page_lists_it_through_the_search(client, tool):
    _, index, _ = tool
    html = client.get(index.url).content.decode()
    assert "Zonnewijzer tegen pesten" in html
    assert "Alle resultaten" in html  # the one listing template


def test_it_is_a_section_and_a_card_on_the_home_page(client, tool):
    tree, index, page = tool
    pages.feature(tree.home, [page])
    html = client.get("/").content.decode()
    assert "Proefmateriaal dat alleen in de tests bestaat." in html  # the section's blurb
    assert '<p class="card__type">Proefmiddel</p>' in html


def test_it_has_a_section_on_the_audience_pages_of_its_audience(client, tool, monkeypatch):
    """AudiencePage.audience_content follows the registry: a type that asks for a section
    (`on_audience_pages` on its source) gets one under its plural label, with a link to all."""
    tree, _, _ = tool
    monkeypatch.setattr(ToolSource, "on_audience_pages", True)
    onderwijs = pages.audience_page(tree.home, "onderwijs")
    ouders = pages.audience_page(tree.home, "ouders")
    html = client.get(onderwijs.url).content.decode()
    assert '<h2 id="sectie-proefmiddel">Proefmiddelen</h2>' in html
    assert "Zonnewijzer tegen pesten" in html
    assert "doelgroep=onderwijs&amp;type=proefmiddel" in html
    assert "Er zijn nog geen proefmiddelen voor deze doelgroep." in client.get(ouders.url).content.decode()


def test_unpublishing_takes_it_out_of_the_search(client, tool):
    _, _, page = tool
    page.unpublish()
    assert client.get("/api/zoeken/", {"q": "ringelorum"}).json()["results"] == []


def test_it_is_planned_compared_and_listed_once_its_source_says_so(client, tool, monkeypatch):
    """The planning tools follow the registry (`plan_heading`, `plan_comparable`, `plan_listable`
    on the type's source): a new type is recommended in action plans, compared and put on a
    visitor's list with no edit in planning/."""
    tree, index, _ = tool
    tools = [
        pages.publish_tagged(
            index,
            ToolPage(title=title, slug=slug, summary="Een middel voor de les.", maker=maker, evidence=evidence),
            audiences=["onderwijs"], school_cells=[("educatie", "leerling")],
        )
        for title, slug, maker, evidence in (
            ("Pestbarometer voor de klas", "pestbarometer", "Atelier Ringelorum", "sterke-aanwijzingen"),
            ("Klasthermometer", "klasthermometer", "", "theoretisch-onderbouwd"),
        )
    ]
    ids = {"id": [t.pk for t in tools]}
    browser = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
               "HTTP_SEC_FETCH_SITE": "same-origin"}
    add = {"pagina": tools[0].pk, "akkoord": "ja"}
    assert client.get("/vergelijk/", ids).status_code == 400  # not declared: planning ignores it
    checkbox = f'<input type="checkbox" form="vergelijk-form" name="id" value="{tools[0].pk}">'
    assert checkbox not in client.get("/zoeken/", {"type": "proefmiddel"}).content.decode()
    assert client.post("/mijn-lijst/toevoegen/", add, **browser).status_code == 404

    monkeypatch.setattr(ToolSource, "plan_heading", "Proefmiddelen")
    monkeypatch.setattr(ToolSource, "plan_comparable", True)
    monkeypatch.setattr(ToolSource, "plan_listable", True)
    cache.clear()
    advice = client.get("/zelfscan/school/advies/educatie/leerling/").content.decode()
    assert "<h2>Proefmiddelen</h2>" in advice
    # Strongest evidence first, by the evidence the type declares (`plan_evidence`), with its label.
    assert advice.index("Pestbarometer voor de klas") < advice.index("Klasthermometer")
    assert "(bewijskracht: sterke aanwijzingen voor effect (gecontroleerde studies))" in advice
    results = client.get("/zoeken/", {"type": "proefmiddel"}).content.decode()
    assert checkbox in results and 'id="vergelijk-form"' in results  # chosen in the results, no JS
    compared = client.get("/vergelijk/", ids)
    assert compared.status_code == 200
    # The rows the type declares (`plan_rows`), in its order; an empty value is "Niet opgegeven".
    assert table(compared.content.decode())[:4] == [
        ["", "Pestbarometer voor de klas", "Klasthermometer"],
        ["Bewijskracht", "Sterke aanwijzingen voor effect (gecontroleerde studies)", "Theoretisch onderbouwd"],
        ["Maker", "Atelier Ringelorum", "Niet opgegeven"],
        ["Doelgroep", "Onderwijs", "Onderwijs"],
    ]
    # Beside a practice: the rows of both types, each where its own type puts it.
    practice = pages.practice(tree.practices, audiences=[pages.audience("onderwijs")])
    rows = table(client.get("/vergelijk/", {"id": [tools[0].pk, practice.pk]}).content.decode())
    assert [row[0] for row in rows][:5] == ["", "Bewijskracht", "Onderbouwing", "Maker", "Doelgroep"]
    assert ["Maker", "Atelier Ringelorum", "Niet opgegeven"] in rows
    assert ["Aanbieder", "Niet opgegeven", "Kenniscentrum (voorbeeld)"] in rows
    assert client.post("/mijn-lijst/toevoegen/", add, **browser).status_code == 302
    assert "Pestbarometer voor de klas" in client.get("/mijn-lijst/").content.decode()
