"""The search page, the JSON API and suggestions on a small real site (tests.tagged_site.TaggedSite), and
the index following publish, unpublish, move and delete."""

import datetime
from html.parser import HTMLParser

import pytest

from django.core.management import call_command

from search.signals import search_performed
from taxonomy.models import Topic
from tests import pages
from tests.tagged_site import TaggedSite as Site

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", pytest.param("cluster", marks=pytest.mark.live)])
def site(request):
    """The site on the database engine, and on the live search cluster (every search, write
    and suggestion of the test then goes through FallbackBackend to the cluster, and the
    `live` fixture fails the test if any of them had to fall back)."""
    if request.param == "cluster":
        request.getfixturevalue("live")
    site = Site()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return site


def api(client, query=""):
    response = client.get("/api/zoeken/" + query)
    assert response.status_code == 200
    return response.json()


def titles(data):
    return [r["title"] for r in data["results"]]


def test_page_renders_results_facets_and_chips(client, site):
    response = client.get("/zoeken/", {"q": "sexting", "doelgroep": "onderwijs"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Toolkit <mark>sexting</mark> voor het secundair" in html
    assert 'name="doelgroep" value="onderwijs" checked' in html
    assert "Doelgroep:</span> Onderwijs" in html  # chip
    assert "Wis alle filters" in html
    assert 'role="status"' in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert response["Cache-Control"] == "no-store"  # never kept: the page has the quick exit


def test_download_is_a_result_with_format_and_size(client, site):
    data = api(client, "?q=lesfiche")
    assert titles(data)[0] == "Lesfiche sexting"  # its toolkit lists it too, lower
    result = data["results"][0]
    assert result["type"] == "document"
    assert result["download"]["format"] == "PDF"
    assert result["download"]["size"].endswith("kB")
    html = client.get("/zoeken/", {"q": "lesfiche"}).content.decode()
    assert "(PDF, 2 kB)" in html
    assert "Toolkit sexting voor het secundair</a>" in html  # where it comes from


def test_api_shape(client, site):
    data = api(client, "?q=pesten&sort=titel")
    assert set(data) >= {"total", "results", "facets", "page", "pages", "messages"}
    assert data["total"] == len(data["results"])
    assert set(data["results"][0]) >= {"title", "url", "type", "summary", "facets"}
    assert set(data["facets"]) == {
        "type",
        "herkomst",
        "doelgroep",
        "thema",
        "aanpak",
        "leeftijd",
        "omgeving",
        "bewijs",
        "strategie",
        "niveau",
        "cel",
        "jaar",
        "taal",
    }
    # Every taxonomy value is listed, also with count 0: nothing is dropped.
    assert len(data["facets"]["aanpak"]["values"]) == 10
    assert titles(data) == sorted(titles(data), key=str.lower)


class _Facets(HTMLParser):
    """The facet checkboxes of a results page as (name, value, checked, label text)."""

    def __init__(self):
        super().__init__()
        self.inputs, self.labels, self._label = {}, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "checkbox" and attrs.get("id", "").startswith("f-"):
            assert attrs["id"] not in self.inputs, attrs["id"]
            self.inputs[attrs["id"]] = (attrs["name"], attrs["value"], "checked" in attrs)
        elif tag == "label" and attrs.get("for") in self.inputs:
            self._label = attrs["for"]
            self.labels[self._label] = ""

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None

    def handle_data(self, data):
        if self._label:
            self.labels[self._label] += data

    def checkboxes(self):
        return {(*self.inputs[i], " ".join(self.labels[i].split())) for i in self.inputs}


def test_facet_checkboxes_show_every_value_with_results_labelled_and_counted(client, site):
    """Each value with results (or ticked) is a labelled checkbox with its count, as the API
    counts it; names are escaped."""
    Topic.objects.filter(slug="sexting").update(name='Sexting & "naaktfoto\'s" <18>')
    query = "?q=sexting&thema=sexting"
    data = api(client, query)
    expected = {
        (param, v["value"], v["selected"], f"{v['label']} {v['count']} resultaten")
        for param, facet in data["facets"].items()
        if param != "cel"  # not in the sidebar: a link of the school grid
        for v in facet["values"]
        if v["count"] or v["selected"]
    }
    page = client.get("/zoeken/" + query).content.decode()
    assert "Sexting &amp; &quot;naaktfoto&#x27;s&quot; &lt;18&gt;" in page
    parser = _Facets()
    parser.feed(page)
    assert parser.checkboxes() == expected
    assert ("thema", "sexting", True, 'Sexting & "naaktfoto\'s" <18> 2 resultaten') in expected
    assert ("doelgroep", "onderwijs", False, "Onderwijs 2 resultaten") in expected


def result_of(html: str, title: str) -> str:
    """The HTML of the result item with this title text."""
    items = html.split('<li class="result ')[1:]
    found = [item.split("</li>")[0] for item in items if f">{title}</a>" in item]
    assert len(found) == 1, title
    return found[0]


def test_each_kind_of_result_shows_its_own_facts(client, site):
    site.practice.title = "No Blame <in> de klas & daarna"
    site.practice.save_revision().publish()
    html = client.get("/zoeken/", {"per_page": 50}).content.decode()
    practice = result_of(html, "No Blame &lt;in&gt; de klas &amp; daarna")
    assert "Bewijskracht: Goede aanwijzingen voor effect" in practice
    assert '<span class="badge badge--audience">Onderwijs</span>' in practice
    assert f'name="id" value="{site.practice.pk}"> Vergelijk' in practice  # the no-JS compare form
    lesson = result_of(html, "Lesfiche sexting")
    assert " download>" in lesson and "(PDF, 2 kB)" in lesson
    assert f'<span>uit <a href="{site.toolkit.url}">Toolkit sexting voor het secundair</a></span>' in lesson
    assert "<span>Peeters, A. (2019)</span>" in result_of(html, "Gezondheid van jongeren die gepest worden")
    assert "<span>1 februari 2025</span>" in result_of(html, "Welzijn op school")
    assert "<span>Opleiding of vorming, 1 oktober 2025</span>" in result_of(html, "Vorming cyberpesten bij kleuters")
    assert "Vergelijk" not in result_of(html, "Welzijn op school") + lesson
    assert "download" not in practice


def test_the_year_facet_follows_the_content(client, site):
    """The facet's values are read once per content change: a new year shows on the next search."""
    assert 'name="jaar" value="1999"' not in client.get("/zoeken/").content.decode()
    old = pages.publish(site.news, pages.NewsPage(title="Een oud bericht", slug="oud", date=datetime.date(1999, 5, 1)))
    assert 'name="jaar" value="1999"' in client.get("/zoeken/").content.decode()
    filtered = api(client, "?jaar=1999")
    assert filtered["total"] == 1 and not filtered["messages"]  # a known value, not set aside
    old.unpublish()
    assert 'name="jaar" value="1999"' not in client.get("/zoeken/").content.decode()


def test_synonyms_and_stemming_on_the_site(client, site):
    assert "Gezondheid van jongeren die gepest worden" in titles(api(client, "?q=pesten"))
    assert "Grensoverschrijdend gedrag op de werkvloer" in titles(api(client, "?q=gepest"))
    assert titles(api(client, "?q=gezond"))[0] == "Gezondheid van jongeren die gepest worden"
    assert "Welzijn op school" not in titles(api(client, "?q=geweld"))
    assert (
        titles(api(client, "?q=cyberpesten+bij+kleuters"))[0] == "Vorming cyberpesten bij kleuters"
    )


def test_facet_count_equals_results_after_selecting(client, site):
    data = api(client)
    for param, facet in data["facets"].items():
        for value in facet["values"]:
            selected = api(client, f"?{param}={value['value']}")
            assert selected["total"] == value["count"], (param, value["value"])


def test_cell_facet_matches_the_cell_not_strategy_and_level_apart(client, site):
    assert set(titles(api(client, "?cel=educatie.klas"))) == {
        "Toolkit sexting voor het secundair",
        "Lesfiche sexting",  # downloads inherit their toolkit's cells
    }
    # educatie (klas) and school level (afspraken.school) on the same toolkit: facets say yes,
    # the cell says no.
    assert api(client, "?strategie=educatie&niveau=school")["total"] == 2  # toolkit + its download
    assert api(client, "?cel=educatie.school")["total"] == 0


BAD_INPUT = [
    "?q=" + "pesten " * 2000,
    "?q=!!!%3F%3F",
    "?q=%22%22%22",
    "?q=AND+OR+NOT+*+(+)+%5E+~",
    "?q=NEAR(pesten)",
    "?thema=bestaat-niet",
    "?strategie=%3Cscript%3E",
    "?thema=pesten&thema=pesten&thema=",
    "?jaar=1850",
    "?page=0",
    "?page=-1",
    "?page=abc",
    "?page=999999",
    "?sort=random",
    "?per_page=100000",
    "?q=%00%01",
    "?doelgroep=" + "x" * 5000,
]
# Not wrong, just odd: searched as typed, without a message.
ACCEPTED = (
    "?thema=pesten&thema=pesten&thema=",
    "?q=NEAR(pesten)",
    "?q=%00%01",
    "?q=AND+OR+NOT+*+(+)+%5E+~",  # "not" is a word like any other
)


def test_bad_input_gets_a_normal_page_with_a_message(client, site):
    for query in BAD_INPUT:
        response = client.get("/zoeken/" + query)
        assert response.status_code == 200, query
        data = api(client, query)
        if query not in ACCEPTED:
            assert data["messages"], query
            html = response.content.decode().replace("&#x27;", "'").replace("&#x2018;", "‘")
            assert data["messages"][0].split("‘")[0] in html, query
        assert len(data["query"]) <= 200
    for query in ("?q=" + "x" * 10000, "?q=%22", "?page=abc"):
        assert client.get("/api/zoeken/suggesties/" + query).status_code == 200


def test_page_beyond_the_last_shows_the_last(client, site):
    data = api(client, "?per_page=2&page=999999")
    assert data["page"] == data["pages"] > 1
    assert len(data["results"]) >= 1
    assert "Je ziet de laatste pagina" in data["messages"][0]


def test_zero_results_page_helps(client, site):
    # A typo is searched as corrected, with a way back to the typed words (issue 9).
    html = client.get("/zoeken/", {"q": "sextign"}).content.decode()
    assert "Je ziet resultaten voor ‘sexting’" in html and "Zoek toch op ‘sextign’" in html
    # The results heading names what was searched, not the typo.
    heading = html.split('id="results-status"')[1].split("</h2>")[0]
    assert "resultaten voor ‘sexting’" in heading and "voor ‘sextign’" not in heading
    html = client.get("/zoeken/", {"q": "sextign", "zoek": "letterlijk"}).content.decode()
    assert "Bedoelde je" in html and "sexting" in html
    assert "/hulp/" in html
    assert "/zoeken/?thema=pesten" in html  # popular topics
    html = client.get("/zoeken/", {"q": "sexting", "leeftijd": "kleuter"}).content.decode()
    assert "wis alle filters (3 resultaten)" in html


def test_suggestions(client, site):
    data = client.get("/api/zoeken/suggesties/", {"q": "gezondh"}).json()
    assert data["suggestions"] == [] or data["suggestions"][0]["title"].startswith("Gezondheid")
    data = client.get("/api/zoeken/suggesties/", {"q": "sext"}).json()
    assert "Toolkit sexting voor het secundair" in [s["title"] for s in data["suggestions"]]
    assert client.get("/api/zoeken/suggesties/", {"q": "x" * 10000}).status_code == 200


def test_search_performed_signal(client, site):
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    search_performed.connect(listener)
    try:
        client.get("/zoeken/", {"q": "Sexting!", "thema": "sexting"})
    finally:
        search_performed.disconnect(listener)
    assert received[0]["query"] == "sexting"
    assert received[0]["facets"] == {"thema": ["sexting"]}
    assert received[0]["total"] >= 1


def test_index_follows_publish_unpublish_and_delete(client, site):
    from toolkits.models import ToolkitPage

    draft = pages.draft(site.toolkits, ToolkitPage(title="Toolkit grooming", slug="grooming", summary="Over grooming."))
    # a draft: never searchable
    # (type=toolkit: the help-finder's helplines mention grooming too)
    assert api(client, "?q=grooming&type=toolkit")["total"] == 0
    draft.get_latest_revision().publish()
    assert titles(api(client, "?q=grooming&type=toolkit")) == ["Toolkit grooming"]
    draft.refresh_from_db()
    draft.unpublish()
    assert api(client, "?q=grooming&type=toolkit")["total"] == 0

    page = pages.publish_tagged(
        site.toolkits, ToolkitPage(title="Toolkit haat", slug="haat"), topics=["online-haat"]
    )
    assert titles(api(client, "?thema=online-haat")) == ["Toolkit haat"]
    page.delete()
    assert api(client, "?thema=online-haat")["total"] == 0


def test_unpublishing_a_toolkit_removes_its_downloads(client, site):
    assert api(client, "?q=lesfiche&type=document")["total"] == 1
    site.toolkit.unpublish()
    assert api(client, "?q=lesfiche")["total"] == 0
    site.toolkit.save_revision().publish()
    assert api(client, "?q=lesfiche&type=document")["total"] == 1


def test_document_and_term_changes(client, site):
    site.lesson.title = "Lesfiche over grensverleggend gedrag"
    site.lesson.save()
    assert titles(api(client, "?q=grensverleggend&type=document")) == [
        "Lesfiche over grensverleggend gedrag"
    ]
    site.lesson.delete()
    assert api(client, "?q=grensverleggend&type=document")["total"] == 0
    site.term.definition = "<p>Beelden doorsturen zonder toestemming.</p>"
    site.term.save()
    assert titles(api(client, "?q=toestemming&type=begrip")) == ["Sexting"]
    site.term.delete()
    assert api(client, "?q=toestemming&type=begrip")["total"] == 0


def test_move_updates_urls(client, site):
    from toolkits.models import ToolkitIndexPage

    url = api(client, "?q=werkvloer")["results"][0]["url"]
    assert url.startswith("/toolkits/")
    site.toolkits.slug = "materiaal"
    site.toolkits.save_revision().publish()
    site.workplace.refresh_from_db()
    site.workplace.move(ToolkitIndexPage.objects.get(pk=site.toolkits.pk), pos="last-child")
    url = api(client, "?q=werkvloer")["results"][0]["url"]
    assert url.startswith("/materiaal/")


def test_rebuild_command_shows_progress(site):
    import io

    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "[##############################]" in out.getvalue()
    from search import registry

    # Beside the site's 8 items: what the migrations seed (help content, self-assessments, the meldpunt).
    seeded = ("hulplijn", "hulproute", "meldgids", "zelfscan", "meldpunt")
    seeded_count = sum(s.count() for s in registry.sources() if s.type in seeded)
    assert f"Klaar: {8 + seeded_count} items" in out.getvalue()
