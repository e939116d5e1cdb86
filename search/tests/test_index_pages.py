"""Index pages (/toolkits/, /goede-praktijken/, ...) list their material through the search
engine, pre-filtered on their content type (search.listing.ListingMixin)."""

from html import unescape

import pytest

from practices.models import EvidenceLevel, PracticePage
from tests import pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    tree = pages.sections()
    pages.practice(tree.practices, "Praktijk zwak", evidence_level=EvidenceLevel.FIRST)
    pages.practice(tree.practices, "Praktijk sterk", evidence_level=EvidenceLevel.STRONG)
    draft = PracticePage(
        title="Praktijk concept",
        summary="Nog niet gepubliceerd.",
        description="<p>Concept.</p>",
        provider="Kenniscentrum (voorbeeld)",
        evidence_level=EvidenceLevel.STRONG,
    )
    pages.draft(tree.practices, draft)
    pages.toolkit(tree.toolkits, "Toolkit ernaast")
    pages.research(tree.research, "Studie ernaast", year=2019)
    pages.news_item(tree.news, "Nieuws ernaast")
    pages.event(tree.events, "Vorming ernaast")
    return tree


def get(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    return unescape(response.content.decode())


def result_titles(body):
    """The titles in the results list (not the menu or the footer)."""
    results = body.split('class="results__list"', 1)[1].split("</ol>", 1)[0]
    return {
        t
        for t in (
            "Praktijk zwak",
            "Praktijk sterk",
            "Praktijk concept",
            "Toolkit ernaast",
            "Studie ernaast",
            "Nieuws ernaast",
            "Vorming ernaast",
        )
        if t in results
    }


def test_index_page_lists_exactly_its_own_published_items(client, tree):
    body = get(client, tree.practices.get_url())
    assert result_titles(body) == {"Praktijk zwak", "Praktijk sterk"}
    assert "2 resultaten" in body
    # The facets relevant to practices, not the type facet (it is fixed by the page).
    assert 'data-facet="bewijs"' in body
    assert 'data-facet="type"' not in body
    # The form brings the visitor back to the listing (not the top of the page) after a search.
    assert f'action="{tree.practices.get_url()}#alle-materiaal"' in body

    expected = {
        "toolkits": "Toolkit ernaast",
        "research": "Studie ernaast",
        "news": "Nieuws ernaast",
        "events": "Vorming ernaast",
    }
    for section, title in expected.items():
        assert result_titles(get(client, getattr(tree, section).get_url())) == {title}, section
    assert 'data-facet="jaar"' in get(client, tree.research.get_url())


def test_a_facet_filter_narrows_the_listing(client, tree):
    url = tree.practices.get_url()
    body = get(client, url, {"bewijs": EvidenceLevel.STRONG})
    assert result_titles(body) == {"Praktijk sterk"}
    assert "1 resultaat" in body
    # The filter shows as a chip that removes it, and stays in the form without JavaScript.
    assert f'href="{url}"' in body
    assert f'value="{EvidenceLevel.STRONG}" checked' in body
    # The type stays fixed: a type in the URL does not open the listing to other content.
    body = get(client, url, {"type": "toolkit"})
    assert "Toolkit ernaast" not in result_titles(body)


def test_sorting_is_in_the_url(client, tree):
    url = tree.practices.get_url()
    body = get(client, url, {"sort": "titel"})
    assert body.index("Praktijk sterk") < body.index("Praktijk zwak")
    assert '<option value="titel" selected>' in body


@pytest.mark.parametrize(
    "params,message",
    [
        ({"page": "abc"}, "Dat paginanummer bestaat niet. Je ziet de eerste pagina."),
        ({"page": "0"}, "Dat paginanummer bestaat niet. Je ziet de eerste pagina."),
        ({"page": "-1"}, "Dat paginanummer bestaat niet. Je ziet de eerste pagina."),
        ({"page": "999999"}, "Er is maar één pagina met resultaten. Je ziet die pagina."),
        ({"page": "9" * 40}, "Er is maar één pagina met resultaten. Je ziet die pagina."),
        ({"bewijs": "wondermiddel"}, "Het filter Bewijskracht kent de waarde ‘wondermiddel’ niet."),
        ({"sort": "willekeurig"}, "Die sortering kennen we niet."),
    ],
)
def test_bad_input_gets_the_listing_with_a_dutch_message(client, tree, params, message):
    body = get(client, tree.practices.get_url(), params)
    assert message in body
    assert result_titles(body) == {"Praktijk zwak", "Praktijk sterk"}
