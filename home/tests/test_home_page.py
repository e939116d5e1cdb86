"""The home page's blocks come from the pages cache (audience tiles, featured cards, the newest
news and the next events) and are never stale: a publish, edit or unpublish shows on the very
next request, and an event leaves "Vorming en campagnes" once it starts, without any write.
"""

import datetime

from django.utils import timezone

from wagtail.models import PageViewRestriction

from home import models as home_models
from tests import pages


def home_html(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_audience_tiles_follow_publish_edit_and_unpublish(sections, client):
    def tile(title):
        return f'<span class="tile__title">{title}</span>'

    assert 'id="voor-wie"' not in home_html(client)
    page = pages.audience_page(sections.home, "ouders")
    assert tile(page.title) in home_html(client)
    assert tile(page.title) in home_html(client)  # now from the fragment

    page.title = "Voor ouders en opvoeders"
    page.save_revision().publish()
    assert tile("Voor ouders en opvoeders") in home_html(client)

    page.unpublish()
    assert tile("Voor ouders en opvoeders") not in home_html(client)


def test_featured_cards_follow_the_editor_and_the_featured_pages(sections, client):
    toolkit = pages.toolkit(sections.toolkits, "Toolkit klasgesprek")
    assert 'id="uitgelicht"' not in home_html(client)
    pages.feature(sections.home, [toolkit])
    assert "Toolkit klasgesprek" in home_html(client)
    assert "Toolkit klasgesprek" in home_html(client)

    toolkit.title = "Toolkit groepsgesprek"
    toolkit.save_revision().publish()
    assert "Toolkit groepsgesprek" in home_html(client)

    PageViewRestriction.objects.create(page=toolkit, restriction_type=PageViewRestriction.LOGIN)
    assert "Toolkit groepsgesprek" not in home_html(client)
    PageViewRestriction.objects.filter(page=toolkit).delete()
    assert "Toolkit groepsgesprek" in home_html(client)

    toolkit.unpublish()
    assert "Toolkit groepsgesprek" not in home_html(client)


def test_newest_news_follows_publish_edit_and_unpublish(sections, client):
    pages.news_item(sections.news, "Cijfers 2024", date=datetime.date(2024, 1, 1))
    assert "Cijfers 2024" in home_html(client)
    newer = pages.news_item(sections.news, "Cijfers 2025", date=datetime.date(2025, 1, 1))
    body = home_html(client)
    assert body.index("Cijfers 2025") < body.index("Cijfers 2024")

    newer.title = "Nieuwe cijfers 2025"
    newer.save_revision().publish()
    assert "Nieuwe cijfers 2025" in home_html(client)

    newer.unpublish()
    assert "Nieuwe cijfers 2025" not in home_html(client)
    assert "Cijfers 2024" in home_html(client)


def later(monkeypatch, moment):
    """The clock of this process at `moment` (an event starts without anything being written)."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_an_event_leaves_the_home_page_when_it_starts(sections, client, monkeypatch):
    now = timezone.now()
    pages.event(sections.events, "Vorming sexting", start=now + datetime.timedelta(hours=1))
    pages.event(sections.events, "Campagne week", start=now + datetime.timedelta(hours=2))
    body = home_html(client)
    assert "Vorming sexting" in body and "Campagne week" in body

    later(monkeypatch, now + datetime.timedelta(minutes=90))
    body = home_html(client)
    assert "Vorming sexting" not in body and "Campagne week" in body

    later(monkeypatch, now + datetime.timedelta(hours=3))
    assert 'id="agenda"' not in home_html(client)


def test_later_events_show_when_the_kept_ones_have_started(sections, client, monkeypatch):
    monkeypatch.setattr(home_models, "UPCOMING_KEPT", 2)
    now = timezone.now()
    for hours in (1, 2, 3, 4):
        pages.event(sections.events, f"Vorming {hours}", start=now + datetime.timedelta(hours=hours))
    body = home_html(client)
    assert "Vorming 1" in body and "Vorming 4" not in body

    later(monkeypatch, now + datetime.timedelta(minutes=150))
    body = home_html(client)
    assert "Vorming 2" not in body and "Vorming 3" in body and "Vorming 4" in body


def test_a_new_event_shows_at_once(sections, client):
    now = timezone.now()
    pages.event(sections.events, "Vorming later", start=now + datetime.timedelta(days=30))
    assert "Vorming later" in home_html(client)
    pages.event(sections.events, "Vorming eerst", start=now + datetime.timedelta(days=1))
    body = home_html(client)
    assert body.index("Vorming eerst") < body.index("Vorming later")
