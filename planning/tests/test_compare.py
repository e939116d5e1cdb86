"""The compare page (/vergelijk/) against the demo content, through the real view."""

import pytest
from bs4 import BeautifulSoup

from analytics.models import DailyPlanningEvent
from practices.models import PracticePage
from resources.models import ResourcePage
from toolkits.models import ToolkitPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_demo")]


def table(html: str) -> list[list[str]]:
    """The comparison as a visitor reads it: the header row, then each row's label and cells."""
    soup = BeautifulSoup(html, "html.parser")
    return [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in soup.select(".compare-table tr")]


def test_a_practice_and_external_resources_side_by_side(visitor):
    """Every row and cell of one comparison, so a change in how the rows are made shows here."""
    practice = PracticePage.objects.get(slug="schoolbrede-preventie-ouders-toezicht")
    resource = ResourcePage.objects.get(slug="cyber-scan")
    assessed = ResourcePage.objects.get(slug="kiva-programma")
    assessed.assessment = "goede-aanwijzingen"  # the demo has no assessed resource yet
    assessed.assessment_justification = "<p>Gecontroleerde studies in <b>Finland</b> en daarbuiten.</p>"
    assessed.save()
    response = visitor.get("/vergelijk/", {"id": [practice.pk, resource.pk, assessed.pk]})
    assert response.status_code == 200
    assert table(response.content.decode()) == EXPECTED


EXPECTED = [
    ["", "Intensieve schoolbrede preventie met ouders en toezicht", "Cyber-Scan", "KiVa-programma (website)"],
    [
        "Bewijskracht",
        "Sterke aanwijzingen voor effect (gecontroleerde studies)",
        "Niet beoordeeld door de wetenschappelijke raad",
        "Beoordeeld: goede aanwijzingen voor effect",
    ],
    [
        "Onderbouwing",
        (
            "Twee meta-analyses van gecontroleerde evaluaties (Ttofi en Farrington, 2011; Gaffney e.a., 2019) "
            "vinden dat schoolprogramma's pesten gemiddeld met ongeveer een vijfde verminderen. Intensievere en "
            "langere programma's, ouderbijeenkomsten en toezicht op de speelplaats hangen samen met grotere "
            "effecten. Let op: dit zijn samenhangen tussen programmakenmerken en effecten, niet elk onderdeel "
            "apart getest."
        ),
        "Niet opgegeven",
        "Gecontroleerde studies in Finland en daarbuiten.",
    ],
    ["Doelgroep", "Onderwijs, Ouders", "Onderwijs", "Onderwijs"],
    [
        "Leeftijd",
        "Lager (6–12), Secundair (12–18)",
        "Lager (6–12), Secundair (12–18)",
        "Lager (6–12), Secundair (12–18)",
    ],
    ["Omgeving", "School", "School, Online", "School"],
    [
        "Brede schoolaanpak (cellen)",
        "Educatie – Omgeving, Structurele maatregelen – School, Afspraken – Klas, Afspraken – School",
        "Structurele maatregelen – School, Afspraken – School, Zorg en begeleiding – School",
        "Educatie – Klas, Structurele maatregelen – School, Zorg en begeleiding – Leerling",
    ],
    ["Werkt met", "Hele groep", "Slachtoffers, Hele groep", "Omstanders, Hele groep"],
    ["Kostprijs", "Vooral tijd van het schoolteam", "Gratis, wel registreren", "Betalend"],
    ["Duur", "Minstens één schooljaar, daarna jaarlijks bijsturen", "Niet opgegeven", "Niet opgegeven"],
    [
        "Materiaal",
        "Toolkit brede schoolaanpak (op deze site) Sjabloon pestbeleid en leerlingenbevraging",
        "Downloaden na aanmelden op de website van Mediawijs.",
        "Licentie per school, via de licentiepartner in het eigen land.",
    ],
    ["Taal", "Nederlands", "Nederlands", "Engels"],
    [
        "Aanbieder",
        "Elke school; ondersteuning door het CLB en de pedagogische begeleidingsdiensten",
        "Mediawijs",
        "Universiteit van Turku",
    ],
]


def _events():
    return {(e.event, e.audience): e.count for e in DailyPlanningEvent.objects.all()}


def test_compare_three_practices(visitor):
    practices = list(PracticePage.objects.live().order_by("title")[:3])
    response = visitor.get("/vergelijk/", {"id": [p.pk for p in practices]})
    html = response.content.decode()
    assert response.status_code == 200
    for practice in practices:
        assert f'<th scope="col"><a href="{practice.url}">' in html
    for row in ("Bewijskracht", "Onderbouwing", "Doelgroep", "Leeftijd", "Omgeving", "Kostprijs", "Duur",
                "Materiaal", "Taal", "Aanbieder", "Werkt met", "Brede schoolaanpak"):
        assert f'<th scope="row">{row}' in html
    assert sum(n for (event, _), n in _events().items() if event == "vergelijking") == 1


@pytest.mark.parametrize(
    "ids, text",
    [
        (["999999", "999998"], "bestaan niet"),
        ([str(i) for i in range(10_000)], "twee tot vier"),
        (["abc", "1"], "twee tot vier"),
    ],
)
def test_compare_bad_input(visitor, ids, text):
    response = visitor.get("/vergelijk/", {"id": ids})
    assert response.status_code == 400 and text in response.content.decode()


def test_compare_needs_two(visitor):
    practice = PracticePage.objects.live().first()
    response = visitor.get("/vergelijk/", {"id": [practice.pk, practice.pk]})
    assert response.status_code == 400 and "Kies minstens twee" in response.content.decode()


def test_compare_refuses_pages_that_are_not_practices(visitor):
    toolkits = list(ToolkitPage.objects.live()[:2])
    response = visitor.get("/vergelijk/", {"id": [t.pk for t in toolkits]})
    assert response.status_code == 400


def test_search_results_offer_compare_checkboxes(visitor):
    html = visitor.get("/zoeken/", {"type": "praktijk"}).content.decode()
    assert 'form="vergelijk-form" name="id"' in html and 'id="vergelijk-form"' in html
    assert html.count('id="vergelijk-form"') == 1
