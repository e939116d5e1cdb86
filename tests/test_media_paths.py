"""Documents of a private collection are never served straight from /media/documents/, and the
site links neither to that path nor to the original images (the proxy blocks both)."""

import importlib
import io
import re

import pytest

from django.core.files.images import ImageFile
from django.test import override_settings
from django.urls import clear_url_caches

from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests import pages

BLOCKED = ("/media/documents/", "/media/original_images/")


@pytest.fixture
def debug_urls():
    """The URLs as the development server (DEBUG on) builds them."""
    import kenniscentrum.urls

    with override_settings(DEBUG=True):
        importlib.reload(kenniscentrum.urls)
        clear_url_caches()
        yield
    importlib.reload(kenniscentrum.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_dev_server_does_not_serve_a_private_document_from_media(client, debug_urls):
    root = Collection.get_first_root_node()
    intern = root.add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=intern, restriction_type="password", password="geheim-123")
    document = pages.document("Intern verslag")
    document.collection = intern
    document.save()
    secret = document.file.read()
    assert document.file.name.startswith("documents/")

    direct = client.get("/media/" + document.file.name)
    assert direct.status_code == 404
    via_wagtail = client.get(document.url)
    assert via_wagtail.status_code == 200
    body = b"".join(via_wagtail.streaming_content) if via_wagtail.streaming else via_wagtail.content
    assert secret not in body and b"wachtwoord" in body.lower()

    image = get_image_model().objects.create(title="Foto", file=ImageFile(io.BytesIO(_png()), name="foto.png"))
    assert client.get("/media/" + image.file.name).status_code == 404  # the original
    rendition = image.get_rendition("width-10")
    assert client.get(rendition.url).status_code == 200  # renditions work on the dev server


def _png():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, format="PNG")
    return out.getvalue()


@pytest.mark.django_db
def test_no_page_links_to_the_blocked_media_paths(client, demo_content):
    from wagtail.models import Page

    checked = 0
    for page in Page.objects.live().public().filter(depth__gte=2).specific()[:80]:
        response = client.get(page.url)
        if response.status_code != 200:
            continue
        html = response.content.decode()
        found = [p for p in BLOCKED if p in html]
        assert not found, f"{page.url} links to {found}"
        checked += 1
    assert checked > 20
    api = client.get("/api/zoeken/", {"q": "gids"}).content.decode()
    assert not any(p in api for p in BLOCKED)
    assert re.search(r"/documenten/\d+/", api)  # documents go through the counting view


@pytest.mark.django_db
def test_the_password_form_of_a_private_document_is_not_a_download(client, settings):
    from analytics.models import DailyDownload

    settings.ANALYTICS_FLUSH_SECONDS = 0
    client.defaults["HTTP_USER_AGENT"] = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Firefox/140.0"
    intern = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=intern, restriction_type="password", password="geheim-123"
    )
    document = pages.document("Intern verslag")
    document.collection = intern
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200 and b"wachtwoord" in response.content.lower()
    assert not DailyDownload.objects.exists()
