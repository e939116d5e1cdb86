"""A toolkit's downloads are kept in the process until the next content change (the page and its
JSON-LD read them on every request): a changed document, or a download added or removed by a
publish, shows on the very next request; a draft's downloads show only in its preview."""

from tests import pages
from tests.pages import page_html as html
from toolkits.models import ToolkitDownload


def test_downloads_follow_document_edits_and_publishes(sections, client):
    guide = pages.document("Gids klasgesprek")
    toolkit = pages.toolkit(sections.toolkits, "Toolkit klasgesprek", documents=[guide])
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


def test_a_drafts_downloads_show_in_its_preview_only(sections, client):
    guide = pages.document("Gids klasgesprek")
    toolkit = pages.toolkit(sections.toolkits, "Toolkit klasgesprek", documents=[guide])
    assert "Gids klasgesprek" in html(client, toolkit)

    toolkit.downloads.add(ToolkitDownload(document=pages.document("Affiche in ontwerp")))
    toolkit.save_revision()  # a draft, not published
    assert "Affiche in ontwerp" not in html(client, toolkit)
    draft = toolkit.get_latest_revision_as_object()
    assert [d.title for d in draft.download_documents()] == ["Gids klasgesprek", "Affiche in ontwerp"]
