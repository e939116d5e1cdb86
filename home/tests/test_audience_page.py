"""Audience pages keep parts that are the same for every visitor between content changes
(core.pagecache.fragment): the next request after any change shows it, page cache on or off."""

import re

import pytest

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction

from taxonomy.models import SchoolStrategy
from tests import pages
from toolkits.models import ToolkitPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(db):
    sections = pages.sections()
    page = pages.audience_page(sections.home, "onderwijs")
    return sections, page


def grid_cell(html: str, strategy: str, level: str) -> str:
    """What the whole-school grid says for one cell: a count link or the advice link."""
    said = r"\d+ toolkits en goede praktijken|Nog geen materiaal"
    match = re.search(rf'aria-label="({said}) voor {strategy} op niveau {level}', html)
    assert match, (strategy, level)
    return match.group(1)


def test_the_school_grid_follows_publish_unpublish_and_a_renamed_strategy(client, school):
    sections, page = school
    html = client.get(page.url).content.decode()
    assert grid_cell(html, "Educatie", "Klas") == "Nog geen materiaal"
    client.get(page.url)  # the grid is kept now

    toolkit = pages.publish_tagged(
        sections.toolkits, ToolkitPage(title="Lessen over pesten", slug="lessen"),
        audiences=["onderwijs"], school_cells=[("educatie", "klas")],
    )
    assert grid_cell(client.get(page.url).content.decode(), "Educatie", "Klas") == "1 toolkits en goede praktijken"

    SchoolStrategy.objects.filter(slug="educatie").update(name="Vorming")  # no signal: not shown yet
    strategy = SchoolStrategy.objects.get(slug="educatie")
    strategy.save()
    assert grid_cell(client.get(page.url).content.decode(), "Vorming", "Klas") == "1 toolkits en goede praktijken"

    Page.objects.get(pk=toolkit.pk).unpublish()
    assert grid_cell(client.get(page.url).content.decode(), "Vorming", "Klas") == "Nog geen materiaal"


def section(html: str, type_: str) -> str:
    """The highlights of one type (its section), not the listing below them."""
    return html.split(f'id="sectie-{type_}"')[1].split("</section>")[0]


def test_the_highlights_follow_publish_edit_unpublish_and_privacy(client, school):
    sections, page = school
    assert "Er zijn nog geen toolkits" in section(client.get(page.url).content.decode(), "toolkit")
    client.get(page.url)  # the highlights are kept now

    toolkit = pages.toolkit(sections.toolkits, "Toolkit pestbeleid", audiences=[page.audience])
    assert "Toolkit pestbeleid" in section(client.get(page.url).content.decode(), "toolkit")

    toolkit.title = "Toolkit anti-pestbeleid"
    toolkit.save_revision().publish()
    assert "Toolkit anti-pestbeleid" in section(client.get(page.url).content.decode(), "toolkit")

    restriction = PageViewRestriction.objects.create(page=toolkit, restriction_type="password", password="geheim")
    assert "Toolkit anti-pestbeleid" not in section(client.get(page.url).content.decode(), "toolkit")
    restriction.delete()
    assert "Toolkit anti-pestbeleid" in section(client.get(page.url).content.decode(), "toolkit")

    research = pages.research(sections.research, "Pesten in Vlaanderen", audiences=[page.audience])
    assert "Pesten in Vlaanderen" in section(client.get(page.url).content.decode(), "onderzoek")
    Page.objects.get(pk=research.pk).unpublish()
    Page.objects.get(pk=toolkit.pk).delete()
    html = client.get(page.url).content.decode()
    assert "Pesten in Vlaanderen" not in section(html, "onderzoek")
    assert "Er zijn nog geen toolkits" in section(html, "toolkit")


def test_each_audience_page_keeps_its_own_highlights(client, school):
    sections, page = school
    parents = pages.audience_page(sections.home, "ouders")
    pages.toolkit(sections.toolkits, "Toolkit voor ouders", audiences=[parents.audience])
    assert "Toolkit voor ouders" in section(client.get(parents.url).content.decode(), "toolkit")
    assert "Toolkit voor ouders" not in section(client.get(page.url).content.decode(), "toolkit")


def test_the_page_image_follows_a_new_description_and_its_removal(client, school):
    _, page = school
    image = Image.objects.create(title="Klas", description="Leerlingen in een kring", file=get_test_image_file())
    page.image = image
    page.save_revision().publish()
    assert 'alt="Leerlingen in een kring"' in client.get(page.url).content.decode()
    client.get(page.url)  # kept now

    image.description = "Een leerkracht praat met de klas"
    image.save()
    html = client.get(page.url).content.decode()
    assert 'alt="Een leerkracht praat met de klas"' in html and "Leerlingen in een kring" not in html

    page.image = None
    page.save_revision().publish()
    assert 'class="page-image"' not in client.get(page.url).content.decode()
