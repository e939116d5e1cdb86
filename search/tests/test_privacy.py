"""A page or collection made private leaves search, the JSON API and the listings at once,
through the editor's own privacy dialog, and comes back when it is made public again.
No `rebuild_search_index` in between."""

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from wagtail.models import Collection

from tests.tagged_site import TaggedSite as Site

pytestmark = pytest.mark.django_db

SECRET = "Toolkit sexting voor het secundair"


@pytest.fixture
def site():
    site = Site()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return site


@pytest.fixture
def editor():
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("beheer", "b@example.org", "wachtwoord-123"))
    return client


def api_titles(client, query):
    response = client.get("/api/zoeken/", {"q": query})
    assert response.status_code == 200
    return [r["title"] for r in response.json()["results"]]


def page_titles(client, query):
    return client.get("/zoeken/", {"q": query}).content.decode()


def set_privacy(editor, url, **data):
    response = editor.post(url, data)
    assert response.status_code == 200, response.content[:500]
    assert b"form_valid" not in response.content or b'"form_valid"' in response.content


@pytest.mark.parametrize("kind", ["password", "login"])
def test_private_page_leaves_search_api_and_listing_at_once(client, site, editor, kind):
    visitor = client
    assert SECRET in api_titles(visitor, "sexting")
    assert SECRET in visitor.get(site.toolkits.url).content.decode()
    url = f"/admin/pages/{site.toolkit.pk}/privacy/"
    data = {"restriction_type": kind}
    if kind == "password":
        data["password"] = "geheim-123"
    set_privacy(editor, url, **data)

    assert SECRET not in api_titles(visitor, "sexting")
    assert SECRET not in page_titles(visitor, "sexting")
    assert SECRET not in visitor.get(site.toolkits.url).content.decode()
    # Its download goes with it: only that toolkit offered it.
    assert "Lesfiche sexting" not in api_titles(visitor, "lesfiche")

    set_privacy(editor, url, restriction_type="none")
    assert SECRET in api_titles(visitor, "sexting")
    assert SECRET in visitor.get(site.toolkits.url).content.decode()
    assert "Lesfiche sexting" in api_titles(visitor, "lesfiche")


def test_private_parent_hides_the_pages_below_it(client, site, editor):
    set_privacy(editor, f"/admin/pages/{site.toolkits.pk}/privacy/", restriction_type="login")
    assert SECRET not in api_titles(client, "sexting")
    assert "Grensoverschrijdend gedrag op de werkvloer" not in api_titles(client, "werkvloer")
    set_privacy(editor, f"/admin/pages/{site.toolkits.pk}/privacy/", restriction_type="none")
    assert SECRET in api_titles(client, "sexting")


def test_private_collection_takes_its_documents_out_of_search(client, site, editor):
    root = Collection.get_first_root_node()
    intern = root.add_child(name="Intern")
    site.lesson.collection = intern
    site.lesson.save()
    assert "Lesfiche sexting" in api_titles(client, "lesfiche")

    url = f"/admin/collections/{intern.pk}/privacy/"
    set_privacy(editor, url, restriction_type="password", password="geheim-123")
    assert "Lesfiche sexting" not in api_titles(client, "lesfiche")
    assert "Lesfiche sexting" not in page_titles(client, "lesfiche")

    set_privacy(editor, url, restriction_type="none")
    assert "Lesfiche sexting" in api_titles(client, "lesfiche")
