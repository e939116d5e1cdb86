"""A toolkit's downloads are kept in the process until the next content change (the page and its
JSON-LD read them on every request): a changed document, or a download added or removed by a
publish, shows on the very next request; a draft's downloads show only in its preview."""

import pytest

from django.core.cache import caches

from wagtail.models import Site

from core.models import SiteSettings
from tests import pages
from toolkits.models import ToolkitDownload


@pytest.fixture
def site(db):
    caches["pages"].clear()
    sections = pages.sections()
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    yield sections
    caches["pages"].clear()


def html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_downloads_follow_document_edits_and_publishes(site, client):
    guide = pages.document("Gids klasgesprek")
    toolkit = pages.toolkit(site.toolkits, "Toolkit klasgesprek", documents=[guide])
    assert "Gids klasgesprek" in html(client, toolkit)
    assert "Gids klasgesprek" in html(client, toolkit)  # now kept

    guide.title = "Gids voor het klasgesprek"
    guide.save()
    assert "Gids voor het klasgesprek" in html(client, toolkit)

    poster = pages.document("Affiche klasgesprek")
    toolkit.downloads.add(ToolkitDownload(document=poster))
    toolkit.save_revision().publish()
    body = html(client, toolkit)
    assert "Gids voor het klasgesprek" in body and "Affiche klasgesprek" in body

    toolkit.downloads.set([ToolkitDownload(document=poster)])
    toolkit.save_revision().publish()
    body = html(client, toolkit)
    assert "Gids voor het klasgesprek" not in body and "Affiche klasgesprek" in body


def test_a_drafts_downloads_show_in_its_preview_only(site, client):
    guide = pages.document("Gids klasgesprek")
    toolkit = pages.toolkit(site.toolkits, "Toolkit klasgesprek", documents=[guide])
    assert "Gids klasgesprek" in html(client, toolkit)

    toolkit.downloads.add(ToolkitDownload(document=pages.document("Affiche in ontwerp")))
    toolkit.save_revision()  # a draft, not published
    assert "Affiche in ontwerp" not in html(client, toolkit)
    draft = toolkit.get_latest_revision_as_object()
    assert [d.title for d in draft.download_documents()] == ["Gids klasgesprek", "Affiche in ontwerp"]
