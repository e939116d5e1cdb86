"""What a search entry reads from rich text: every word a visitor sees, as its own word."""

import pytest

from tests import pages

pytestmark = pytest.mark.django_db


def found(client, query) -> list[str]:
    response = client.get("/api/zoeken/", {"q": query})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["results"]]


def test_list_items_and_paragraphs_are_separate_words(client):
    """"<li>leerlingen</li><li>gespreksleidraad</li>" was indexed as "leerlingengespreksleidraad":
    the practice could not be found by its own materials."""
    tree = pages.sections()
    pages.practice(
        tree.practices,
        "Steungroepaanpak",
        materials="<ul><li>Vragenlijst voor leerlingen</li><li>Gespreksleidraad</li></ul><p>Affiche</p><p>Werkblad</p>",
    )
    assert found(client, "gespreksleidraad") == ["Steungroepaanpak"]
    assert found(client, "affiche werkblad") == ["Steungroepaanpak"]
