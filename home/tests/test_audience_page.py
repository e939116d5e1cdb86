"""Audience pages keep parts that are the same for every visitor between content changes
(core.pagecache.fragment): the next request after any change shows it, page cache on or off."""

import re

import pytest

from wagtail.models import Page

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

