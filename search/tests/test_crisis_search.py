"""Crisis-safe search (issue 9, item 6): crisis and help queries get the help box with the lines
open now above any results, never a "Bedoelde je", on the page and in the JSON API."""

import pytest

from django.core.management import call_command

from helpfinder.crisis import classify
from helpfinder.models import CrisisPhrase
from tests.tagged_site import TaggedSite as Site

pytestmark = pytest.mark.django_db

CRISIS_QUERIES = [
    "ik wil dood",
    "ik wil niet meer leven",
    "zelfmoord",
    "mezelf pijn doen",
    "zelfmoort",
    "ik wil dod",
    "Ik wil echt niet meer leven!",
    "zelfmoordgedachten",
    "mezelf pijn doe",
    "zelfbeschadiging",
    "ik word misbruikt",
]
HELP_QUERIES = ["hulp", "melden", "1712", "awel", "politie", "anoniem praten", "snapchat melden"]
# A victim's (or parent's) own words, as typed: the help lines come first, the material stays.
VICTIM_QUERIES = [
    "ik word gepest",
    "Ik wordt al maanden gepest",
    "ik word online gepest op insta",
    "ze pesten mij",
    "mijn kind wordt op school gepest",
    "ik word gepest op het werk",
]
ORDINARY_QUERIES = [
    "ik wil door",
    "pesten op school",
    "sexting",
    "politiek",
    "gevaren van sociale media",
    "hoeveel jongeren worden gepest",
    "gepest worden op het werk cijfers",
]


@pytest.fixture
def site():
    site = Site()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return site


def page(client, query) -> str:
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def api(client, query) -> dict:
    response = client.get("/api/zoeken/", {"q": query})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("query", CRISIS_QUERIES)
def test_crisis_words_and_their_misspellings_are_recognised(query):
    assert classify(query) == "crisis"


@pytest.mark.parametrize("query", ORDINARY_QUERIES)
def test_ordinary_words_are_not(query):
    assert classify(query) is None


@pytest.mark.parametrize("query", CRISIS_QUERIES[:6])
def test_crisis_query_shows_the_help_box_first_and_no_spelling_suggestion(client, site, query):
    html = page(client, query)
    assert 'data-help-box="crisis"' in html
    box = html[html.index('data-help-box="crisis"') :]
    assert 'href="tel:1813"' in box and 'href="tel:106"' in box
    assert 'href="tel:102"' in box and 'href="tel:1712"' in box and 'href="tel:112"' in box
    assert html.index('data-help-box="crisis"') < html.index('class="search__body"')  # above results
    assert "Bedoelde je" not in html
    assert 'id="snel-weg"' in html


@pytest.mark.parametrize("query", CRISIS_QUERIES[:6])
def test_crisis_query_in_the_api(client, site, query):
    data = api(client, query)
    assert data["spelling_suggestion"] is None
    assert data["help"]["kind"] == "crisis"
    numbers = [service["phone"] for service in data["help"]["services"]]
    assert numbers[:2] == ["1813", "106"]
    assert {"102", "1712", "112"} <= set(numbers)
    line = data["help"]["services"][0]
    assert line["always_open"] is True and line["phone_open_now"] is True
    assert line["chat_url"].startswith("https://www.zelfmoord1813.be")


def test_help_queries_show_the_help_box(client, site):
    for query in HELP_QUERIES:
        assert 'data-help-box="hulp"' in page(client, query), query
        assert api(client, query)["help"]["kind"] == "hulp", query


def test_a_victims_own_words_bring_the_help_lines_first_and_keep_the_material(client, site):
    for query in VICTIM_QUERIES:
        assert classify(query) == "hulp", query
    html = page(client, "ik word gepest")
    box = html.index('data-help-box="hulp"')
    assert 'href="tel:102"' in html[box:] and 'href="tel:1712"' in html[box:]
    assert box < html.index('class="search__body"')
    assert "Grensoverschrijdend gedrag op de werkvloer" in html[html.index('class="search__body"') :]


def test_ordinary_queries_have_no_help_box(client, site):
    for query in ORDINARY_QUERIES:
        assert "data-help-box" not in page(client, query), query
        assert api(client, query)["help"] is None, query


def test_an_ordinary_typo_still_gets_its_suggestion(client, site):
    # Since issue 9 a typo is searched as corrected, with a link back to the typed words.
    html = page(client, "sextign")
    assert "Je ziet resultaten voor ‘sexting’" in html and "data-help-box" not in html
    assert api(client, "sextign")["corrected_from"] == "sextign"


def test_search_pages_carry_the_quick_exit_and_are_not_stored(client, site):
    for params in ({}, {"q": "pesten"}):
        response = client.get("/zoeken/", params)
        assert 'id="snel-weg"' in response.content.decode()
        assert response["Cache-Control"] == "no-store"
        assert response["Referrer-Policy"] == "no-referrer"


def test_editors_add_a_phrase_and_the_next_search_knows_it(client, site):
    assert classify("ik zie het niet meer zitten") is None
    CrisisPhrase.objects.create(
        phrase="ik zie het niet meer zitten", kind=CrisisPhrase.CRISIS, variants="zie het niet meer zitten"
    )
    assert 'data-help-box="crisis"' in page(client, "ik zie het niet meer zitten")
    CrisisPhrase.objects.filter(phrase="ik zie het niet meer zitten").delete()
    assert classify("ik zie het niet meer zitten") is None


def test_crisis_words_are_a_snippet_with_dutch_labels(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("redactie", "r@example.org", "x"))
    listing = client.get("/admin/snippets/helpfinder/crisisphrase/").content.decode()
    assert "Crisiswoorden" in listing and "zelfmoord" in listing
    item = CrisisPhrase.objects.get(phrase="ik wil dood")
    form = client.get(f"/admin/snippets/helpfinder/crisisphrase/edit/{item.pk}/").content.decode()
    assert "Andere vormen en schrijffouten" in form
    assert "ik wil dod" in form
