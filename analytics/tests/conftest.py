import pytest

from django.core.cache import cache

from analytics import counting
from tests import pages

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


@pytest.fixture(autouse=True)
def _clean_state(settings):
    """Counts are written at once in these tests, and nothing buffered by others leaks in."""
    settings.ANALYTICS_FLUSH_SECONDS = 0
    counting.buffer.discard()
    cache.clear()
    yield
    counting.buffer.discard()
    cache.clear()


@pytest.fixture
def site(db):
    """Home, sections, a content page and a toolkit with two documents."""
    sections = pages.sections()
    gids = pages.document("Gids sexting")
    affiche = pages.document("Affiche omstaanders", size=20 * 1024)
    toolkit = pages.toolkit(
        sections.toolkits,
        "Toolkit sexting secundair",
        documents=[gids, affiche],
        audiences=[pages.audience("onderwijs")],
        show_reach=True,
    )
    return {
        "sections": sections,
        "about": sections.about,
        "toolkit": toolkit,
        "gids": gids,
        "affiche": affiche,
    }


@pytest.fixture
def visitor(client):
    """A browser without cookies."""
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client


@pytest.fixture
def editor(db):
    """A logged-in editor in a browser of their own (visitors stay anonymous)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    user = get_user_model().objects.create_superuser(
        "redactie", "redactie@example.org", "wachtwoord-123"
    )
    client.force_login(user)
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client
