"""The public form "Materiaal voorstellen" and the board's moderation queue."""

import time

import pytest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.test import Client

from editorial.setup import BOARD, setup_all
from resources.models import Proposal, ResourcePage
from resources.views import TOKEN_NAMESPACE
from tests import pages

pytestmark = pytest.mark.django_db
URL = "/materiaal-voorstellen/"
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def aged_token(seconds=10):
    """A token as the form hands it out, issued `seconds` ago (a person reading the form)."""
    return signing.dumps(int(time.time()) - seconds, salt=TOKEN_NAMESPACE)


def data(**overrides):
    values = {
        "title": "Cyber-Scan",
        "url": "https://www.mediawijs.be/nl/cyber-scan",
        "owner_name": "Mediawijs",
        "audience": "Scholen in het secundair onderwijs",
        "why": "Een scan die scholen helpt hun aanpak van cyberpesten na te kijken.",
        "email": "partner@example.org",
        "t": aged_token(),
    }
    values.update(overrides)
    return values


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


def test_the_form_needs_no_account_and_sets_no_cookie(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="t"' in response.content.decode()
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]  # its timestamp must be fresh for every visitor


def test_a_proposal_reaches_the_queue(client):
    response = client.post(URL, data(), **SAME_ORIGIN)
    assert response.status_code == 302
    assert "Bedankt, je voorstel is goed aangekomen" in client.get(response["Location"]).content.decode()
    proposal = Proposal.objects.get()
    assert (proposal.title, proposal.status, proposal.email) == ("Cyber-Scan", "nieuw", "partner@example.org")
    assert not response.cookies


def test_a_megabyte_of_text_gets_a_dutch_answer_and_comes_back(client):
    long_text = "pesten " * 150_000  # about 1 MB
    response = client.post(URL, data(why=long_text), **SAME_ORIGIN)
    html = response.content.decode()
    assert response.status_code == 400
    assert "te lang: maximaal 3000 tekens" in html
    assert long_text.strip() in html  # nothing lost: the text is still in the form
    assert "Cyber-Scan" in html
    assert not Proposal.objects.exists()


def test_a_javascript_link_is_refused_in_dutch(client):
    response = client.post(URL, data(url="javascript:alert(1)"), **SAME_ORIGIN)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Geef een gewoon webadres dat begint met https://" in html
    assert 'href="javascript:' not in html
    assert "Een scan die scholen helpt" in html
    assert not Proposal.objects.exists()


def test_nul_bytes_are_dropped_and_the_rest_of_the_text_is_kept(client):
    response = client.post(URL, data(why="Goed\x00 materiaal", title="Cyber\x00-Scan"), **SAME_ORIGIN)
    assert response.status_code == 302
    assert "Bedankt, je voorstel is goed aangekomen" in client.get(response["Location"]).content.decode()
    proposal = Proposal.objects.get()
    assert (proposal.title, proposal.why) == ("Cyber-Scan", "Goed materiaal")


def test_a_hundred_posts_a_minute_are_capped_with_a_dutch_answer(client, settings):
    settings.PROPOSALS_PER_MINUTE = 10
    first_minute = int(time.time() // 60)
    answers = [client.post(URL, data(title=f"Voorstel {n}"), **SAME_ORIGIN) for n in range(100)]
    minutes = int(time.time() // 60) - first_minute + 1  # the cap is per calendar minute
    stored = Proposal.objects.count()
    assert 10 <= stored <= 10 * minutes
    refused = [r for r in answers if r.status_code == 429]
    assert len(refused) == 100 - stored
    html = refused[-1].content.decode()
    assert "erg veel voorstellen" in html
    assert "Voorstel 99" in html  # the refused text is handed back, not lost


def test_robots_are_stopped_without_third_parties(client):
    trap = client.post(URL, data(website="http://spam.example"), **SAME_ORIGIN)
    assert trap.status_code == 400 and "automatisch ingevuld" in trap.content.decode()
    fast = client.post(URL, data(t=aged_token(0)), **SAME_ORIGIN)
    assert "Dat ging erg snel" in fast.content.decode()
    other_site = client.post(URL, data(), HTTP_SEC_FETCH_SITE="cross-site")
    assert other_site.status_code == 403 and "gebruik het formulier op deze website" in other_site.content.decode()
    assert not Proposal.objects.exists()


def board_client():
    setup_all(apps)
    user = get_user_model().objects.create_user("raad", "raad@example.org", "wachtwoord-123")
    user.groups.add(Group.objects.get(name=BOARD))
    client = Client()
    client.force_login(user)
    return client, user


def test_the_board_accepts_into_a_draft_and_the_address_is_deleted(client):
    index = pages.resource_index()
    client.post(URL, data(), **SAME_ORIGIN)
    proposal = Proposal.objects.get()
    board, user = board_client()
    assert "Cyber-Scan" in board.get("/admin/voorstellen/").content.decode()
    response = board.post(f"/admin/voorstellen/{proposal.pk}/", {"action": "aanvaarden"})
    page = ResourcePage.objects.child_of(index).get()
    assert response.status_code == 302 and response["Location"].endswith(f"/admin/pages/{page.pk}/edit/")
    assert not page.live and page.owner_name == "Mediawijs"
    assert [link.url for link in page.links.all()] == ["https://www.mediawijs.be/nl/cyber-scan"]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.email, proposal.resource_id) == ("aanvaard", "", page.pk)
    assert mail.outbox[0].to == ["partner@example.org"]
    # Twice is refused with a message, not a second draft.
    again = board.post(f"/admin/voorstellen/{proposal.pk}/", {"action": "aanvaarden"})
    assert again.status_code == 400 and "al behandeld" in again.content.decode()
    assert ResourcePage.objects.count() == 1


def test_the_board_declines_with_a_reason(client):
    client.post(URL, data(), **SAME_ORIGIN)
    proposal = Proposal.objects.get()
    board, _ = board_client()
    empty = board.post(f"/admin/voorstellen/{proposal.pk}/", {"action": "afwijzen", "reden": "  "})
    assert empty.status_code == 400 and "Geef een reden" in empty.content.decode()
    board.post(f"/admin/voorstellen/{proposal.pk}/", {"action": "afwijzen", "reden": "Commercieel aanbod."})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision_reason, proposal.email) == ("afgewezen", "Commercieel aanbod.", "")
    assert "Commercieel aanbod." in mail.outbox[0].body
    queue = board.get("/admin/voorstellen/").content.decode()
    assert f"/admin/voorstellen/{proposal.pk}/" not in queue  # handled: out of the queue
    assert f"/admin/voorstellen/{proposal.pk}/" in board.get("/admin/voorstellen/?toon=alle").content.decode()
