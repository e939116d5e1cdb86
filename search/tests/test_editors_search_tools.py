"""Issue 9: the editors' tools around search: the to-do list of searches without results,
promoted results ("aanbevolen resultaat") and redirects, and corrections while typing. Runs
on SQLite and PostgreSQL (the help-finder's own content, seeded by its migration, is the
searchable content here)."""

import datetime
import io

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed():
    call_command("rebuild_search_index", stdout=io.StringIO())


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.create_superuser("redactie", "r@example.org", "wachtwoord-123"))
    return client


def test_zero_result_searches_are_a_to_do_list(editor):
    from django.utils import timezone

    from analytics.models import DailySearch
    from search.models import PromotedResult

    today = timezone.localdate()
    DailySearch.objects.create(date=today, query="pestprotocol kleuterschool", zero_results=True, count=7)
    DailySearch.objects.create(date=today, query="sexting", zero_results=False, count=50)
    old = today - datetime.timedelta(days=200)
    DailySearch.objects.create(date=old, query="heel oud", zero_results=True, count=9)
    html = editor.get("/admin/zoeken-zonder-resultaat/").content.decode()
    assert "pestprotocol kleuterschool" in html and "<td>7</td>" in html
    assert "sexting" not in html and "heel oud" not in html
    assert "query=pestprotocol+kleuterschool&amp;go_straight=1" in html
    form = editor.get("/admin/snippets/search/promotedresult/add/?query=pestprotocol+kleuterschool").content.decode()
    assert 'value="pestprotocol kleuterschool"' in form
    PromotedResult.objects.create(query="Pestprotocol kleuterschool", url="/hulp/hulplijnen/")
    assert "Ja: synoniem of aanbevolen resultaat" in editor.get("/admin/zoeken-zonder-resultaat/").content.decode()


def test_to_do_list_is_for_editors_only(client):
    assert client.get("/admin/zoeken-zonder-resultaat/").status_code == 302  # to the login


def test_promoted_result_comes_first_and_can_redirect(client, indexed):
    from search.models import PromotedResult

    before = client.get("/api/zoeken/", {"q": "politie"}).json()["results"]
    assert before and before[0]["url"] != "/hulp/melden/tiktok/"
    PromotedResult.objects.create(query="Politie", url="/hulp/melden/tiktok/")
    after = client.get("/api/zoeken/", {"q": "politie"}).json()["results"]
    assert after[0]["url"] == "/hulp/melden/tiktok/" and after[0]["promoted"] is True
    assert [r["url"] for r in after].count("/hulp/melden/tiktok/") == 1
    PromotedResult.objects.create(query="awel nummer", url="/hulp/hulplijnen/#dienst-awel", go_straight=True)
    response = client.get("/zoeken/", {"q": "Awel  nummer"})
    assert response.status_code == 302 and response["Location"] == "/hulp/hulplijnen/#dienst-awel"
    assert client.get("/zoeken/", {"q": "awel"}).status_code == 200


def test_promoted_results_follow_edits_and_deletes_at_once(client, indexed):
    """The promoted results are read once per content change: an edit shows on the next search."""
    from search.models import PromotedResult

    def first(query="politie"):
        return client.get("/api/zoeken/", {"q": query}).json()["results"][0]

    promoted = PromotedResult.objects.create(query="Politie", url="/hulp/melden/tiktok/", go_straight=True)
    assert client.get("/zoeken/", {"q": "politie"})["Location"] == "/hulp/melden/tiktok/"
    promoted.go_straight = False
    promoted.url = "/hulp/hulplijnen/#dienst-awel"
    promoted.save()
    assert client.get("/zoeken/", {"q": "politie"}).status_code == 200
    assert first()["url"] == "/hulp/hulplijnen/#dienst-awel" and first()["promoted"] is True
    promoted.query = "agent"
    promoted.save()
    assert first()["promoted"] is False and first("agent")["url"] == "/hulp/hulplijnen/#dienst-awel"
    promoted.delete()
    assert not any(r["promoted"] for r in client.get("/api/zoeken/", {"q": "agent"}).json()["results"])


def test_suggestions_correct_a_typo_while_typing(client, indexed):
    data = client.get("/api/zoeken/suggesties/", {"q": "snapchet"}).json()
    assert data["corrected"] == "snapchat"
    assert any(s["url"] == "/hulp/melden/snapchat/" for s in data["suggestions"])


def test_help_items_follow_the_editors(client, indexed):
    from helpfinder.models import HelpService

    assert client.get("/api/zoeken/", {"q": "awel"}).json()["results"][0]["type"] == "hulplijn"
    awel = HelpService.objects.get(slug="awel")
    awel.description = "Praat met iemand over wat je dwarszit: zeepbellenblazer."
    awel.save()
    assert [r["url"] for r in client.get("/api/zoeken/", {"q": "zeepbellenblazer"}).json()["results"]] == [
        "/hulp/hulplijnen/#dienst-awel"
    ]
    awel.delete()
    assert client.get("/api/zoeken/", {"q": "zeepbellenblazer"}).json()["total"] == 0


def test_searches_count_the_words_as_typed(client, indexed):
    from search.signals import search_performed

    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    search_performed.connect(listener)
    try:
        client.get("/api/zoeken/", {"q": "snapchet"})
    finally:
        search_performed.disconnect(listener)
    assert received[0]["query"] == "snapchet"
    assert received[0]["typed_total"] == 0 and received[0]["total"] >= 1


def test_crisis_queries_are_never_corrected(client, indexed):
    for query in ("ik wil dood", "ik wil doood", "zelfmoord"):
        data = client.get("/api/zoeken/", {"q": query}).json()
        assert data["corrected_from"] is None and data["spelling_suggestion"] is None, query
        assert client.get("/api/zoeken/suggesties/", {"q": query}).json()["corrected"] is None
