"""Cards of related pages come from the pages cache (core.cards) and are never stale.

A card is rendered once per content change and then shown on every page that lists it. With the
full-page cache off (as for editors' previews and every uncached page), a change to a page shows
on its card on the very next request of any other page that shows that card.
"""

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from taxonomy.models import Topic
from tests import pages
from tests.pages import page_html as html


def test_a_changed_practice_shows_on_the_toolkit_card_at_once(sections, client):
    practice = pages.practice(sections.practices, "No Blame-aanpak")
    toolkit = pages.toolkit(sections.toolkits, "Toolkit klasgesprek", practices=[practice])
    assert "No Blame-aanpak" in html(client, toolkit)
    assert "No Blame-aanpak" in html(client, toolkit)  # now from the cached card

    practice.title = "Steungroepaanpak"
    practice.summary = "Een steungroep zonder straf."
    practice.save_revision().publish()
    body = html(client, toolkit)
    assert "Steungroepaanpak" in body and "Een steungroep zonder straf." in body
    assert "No Blame-aanpak" not in body


def test_an_unpublished_page_leaves_every_card_section(sections, client):
    study = pages.research(sections.research, "EU Kids Online 2014")
    practice = pages.practice(sections.practices, "KiVa", research_pages=[study])
    toolkit = pages.toolkit(sections.toolkits, "Toolkit KiVa", research_pages=[study], practices=[practice])
    assert "EU Kids Online 2014" in html(client, toolkit)
    assert "EU Kids Online 2014" in html(client, practice)
    assert "Toolkit KiVa" in html(client, study)

    study.unpublish()
    assert "EU Kids Online 2014" not in html(client, toolkit)
    assert "EU Kids Online 2014" not in html(client, practice)


def test_a_changed_study_shows_on_the_practice_card_and_a_toolkit_on_the_study(sections, client):
    study = pages.research(sections.research, "EU Kids Online 2014", year=2014)
    practice = pages.practice(sections.practices, "KiVa", research_pages=[study])
    toolkit = pages.toolkit(sections.toolkits, "Toolkit KiVa", research_pages=[study])
    assert "(2014)" in html(client, practice)
    assert "Toolkit KiVa" in html(client, study)

    study.year = 2015
    study.save_revision().publish()
    toolkit.title = "Toolkit KiVa op school"
    toolkit.save_revision().publish()
    assert "(2015)" in html(client, practice)
    assert "(2015)" in html(client, toolkit)
    assert "Toolkit KiVa op school" in html(client, study)


def test_a_card_looks_the_same_in_every_section(sections, client):
    """The practice's card on a toolkit page is the card a study page shows for it."""
    study = pages.research(sections.research, "EU Kids Online 2014")
    practice = pages.practice(sections.practices, "KiVa", research_pages=[study])
    toolkit = pages.toolkit(sections.toolkits, "Toolkit KiVa", practices=[practice])
    on_study = html(client, study)
    on_toolkit = html(client, toolkit)
    card = on_study[on_study.index('<article class="card card--practicepage">') :]
    card = card[: card.index("</article>") + len("</article>")]
    assert f'<a href="{practice.url}">KiVa</a>' in card
    assert "Samenvatting van KiVa." in card
    assert card in on_toolkit


def test_a_private_page_shows_no_card(sections, client):
    """Only public pages are listed as pages that link here, as before (`.public()`)."""
    study = pages.research(sections.research, "EU Kids Online 2014")
    shown = pages.toolkit(sections.toolkits, "Toolkit voor iedereen", research_pages=[study])
    hidden = pages.toolkit(sections.toolkits, "Toolkit voor het team", research_pages=[study])
    assert "Toolkit voor het team" in html(client, study)
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    body = html(client, study)
    assert shown.title in body and "Toolkit voor het team" not in body


def test_a_renamed_term_shows_in_the_taxonomy_chips_at_once(sections, client):
    """The chips (core_tags.taxonomy_groups) are made once per content change, like the cards."""
    topic = Topic.objects.get(slug="cyberpesten")
    toolkit = pages.toolkit(sections.toolkits, "Toolkit online")
    toolkit.topics.set([topic])
    toolkit.save_revision().publish()
    assert '<a class="chip" href="/zoeken/?thema=cyberpesten">Cyberpesten</a>' in html(client, toolkit)
    topic.name = "Online pesten & haat"
    topic.save()
    assert '<a class="chip" href="/zoeken/?thema=cyberpesten">Online pesten &amp; haat</a>' in html(client, toolkit)


def test_a_changed_image_shows_on_the_toolkit_page_at_once(sections, client):
    """The toolkit's picture markup is made once per content change (a site fragment per image)."""
    image = Image.objects.create(title="Tekstballonnen", description="Twee tekstballonnen", file=get_test_image_file())
    toolkit = pages.toolkit(sections.toolkits, "Toolkit met beeld", image=image)
    assert 'alt="Twee tekstballonnen"' in html(client, toolkit)
    assert 'alt="Twee tekstballonnen"' in html(client, toolkit)  # now from the fragment
    image.description = "Jongeren in gesprek"
    image.save()
    body = html(client, toolkit)
    assert 'alt="Jongeren in gesprek"' in body and "Twee tekstballonnen" not in body
