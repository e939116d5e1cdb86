"""`manage.py check_links` against a real local HTTP server: 200, a 301 chain, 404, 500, a slow
answer, a server that accepts and never answers, robots.txt, HEAD refused; the editors' report
and the visitors' notice on a resource whose link has been dead too long."""

import datetime
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core.models import ContentPage
from editorial.setup import REDACTIE, setup_all
from linkcheck.models import CheckedLink, LinkState, PageLink
from tests import pages

pytestmark = pytest.mark.django_db

SEEN: list[tuple[str, str, str]] = []  # (method, path, user agent)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, body: bool):
        SEEN.append((self.command, self.path, self.headers.get("User-Agent", "")))
        path = self.path
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /verboden\n", body)
        if path == "/ok":
            return self._send(200, b"ok", body)
        if path.startswith("/keten/"):
            step = int(path.rsplit("/", 1)[1])
            target = "/ok" if step >= 3 else f"/keten/{step + 1}"
            return self._send(301, b"", body, location=target)
        if path == "/lus":
            return self._send(301, b"", body, location="/lus")
        if path == "/weg":
            return self._send(404, b"niet gevonden", body)
        if path == "/stuk":
            return self._send(500, b"fout", body)
        if path == "/traag":
            time.sleep(3)
            return self._send(200, b"eindelijk", body)
        if path == "/geen-head":
            if self.command == "HEAD":
                return self._send(405, b"", body)
            return self._send(200, b"ok via GET", body)
        return self._send(404, b"", body)

    def _send(self, status, content, body, location=None):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if body:
            self.wfile.write(content)

    def do_HEAD(self):  # noqa: N802
        self._answer(body=False)

    def do_GET(self):  # noqa: N802
        self._answer(body=True)


@pytest.fixture
def web():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    SEEN.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def hanging():
    """Accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    held = []
    stop = threading.Event()

    def accept():
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    sock.close()


@pytest.fixture
def site(settings, web, hanging):
    settings.LINKCHECK_IGNORE_HOSTS = ["testserver"]
    settings.LINKCHECK_ALLOW_PRIVATE = True  # the local test servers live on 127.0.0.1
    settings.LINKCHECK_DEAD_AFTER_DAYS = 14
    home = pages.home_page()
    index = pages.resource_index(home)
    urls = {
        "ok": f"{web}/ok",
        "keten": f"{web}/keten/1",
        "weg": f"{web}/weg",
        "stuk": f"{web}/stuk",
        "traag": f"{web}/traag",
        "hangt": f"{hanging}/hangt",
        "verboden": f"{web}/verboden",
        "geen-head": f"{web}/geen-head",
        "lus": f"{web}/lus",
    }
    resource = pages.resource(index, "Cyber-Scan", urls=[urls["weg"], urls["ok"]])
    healthy = pages.resource(index, "WijPestvrij", urls=[urls["keten"]], owner_name="Vlaamse overheid")
    others = [urls[k] for k in ("stuk", "traag", "hangt", "verboden", "geen-head", "lus")]
    body = [("paragraph", "".join(f'<p><a href="{u}">link {n}</a></p>' for n, u in enumerate(others)))]
    about = ContentPage(title="Over ons", slug="over-ons", body=body)
    pages.publish(home, about)
    draft_body = [("paragraph", f'<p><a href="{web}/ontwerp">x</a></p>')]
    pages.draft(home, ContentPage(title="Ontwerp", slug="ontwerp", body=draft_body))
    return {"urls": urls, "resource": resource, "healthy": healthy, "about": about}


def states():
    return {link.url: link for link in CheckedLink.objects.all()}


def test_every_state_of_the_local_server_is_recorded(site):
    call_command("check_links", timeout=1, delay=0, concurrency=4)
    urls, found = site["urls"], states()
    assert found[urls["ok"]].state == LinkState.OK
    assert found[urls["ok"]].status_code == 200
    chain = found[urls["keten"]]
    assert (chain.state, chain.status_code, chain.redirects) == (LinkState.REDIRECT, 200, 3)
    assert chain.final_url.endswith("/ok")
    assert (found[urls["weg"]].state, found[urls["weg"]].status_code) == (LinkState.BROKEN, 404)
    assert (found[urls["stuk"]].state, found[urls["stuk"]].status_code) == (LinkState.ERROR, 500)
    assert found[urls["traag"]].state == LinkState.TIMEOUT
    assert found[urls["hangt"]].state == LinkState.TIMEOUT
    assert found[urls["verboden"]].state == LinkState.ROBOTS
    assert (found[urls["geen-head"]].state, found[urls["geen-head"]].status_code) == (LinkState.OK, 200)
    assert found[urls["lus"]].state == LinkState.ERROR
    assert "doorverwijzingen" in found[urls["lus"]].error
    # Links in page bodies are checked too; a draft's links are not.
    assert PageLink.objects.filter(page=site["about"], link=found[urls["stuk"]]).exists()
    assert not any(url.endswith("/ontwerp") for url in found)
    # Polite: robots.txt honoured (never requested), a User-Agent naming the site, HEAD first.
    assert not any(path == "/verboden" for _, path, _ in SEEN)
    assert all("KenniscentrumPesten" in agent for _, _, agent in SEEN)
    asked = [(method, path) for method, path, _ in SEEN if path == "/geen-head"]
    assert asked == [("HEAD", "/geen-head"), ("GET", "/geen-head")]
    assert ("GET", "/ok") not in [(m, p) for m, p, _ in SEEN]  # HEAD sufficed


def test_failing_since_is_kept_across_runs_and_cleared_on_recovery(site):
    call_command("check_links", timeout=1, delay=0)
    first = states()[site["urls"]["weg"]].failing_since
    assert first is not None
    call_command("check_links", timeout=1, delay=0)
    assert states()[site["urls"]["weg"]].failing_since == first
    assert states()[site["urls"]["ok"]].failing_since is None


def editor():
    setup_all(apps)
    user, _ = get_user_model().objects.get_or_create(username="redacteur")
    user.groups.add(Group.objects.get(name=REDACTIE))
    client = Client()
    client.force_login(user)
    return client


def test_editors_report_lists_page_link_status_and_since_when(site):
    call_command("check_links", timeout=1, delay=0)
    response = editor().get("/admin/gebroken-links/")
    assert response.status_code == 200
    html = response.content.decode()
    urls = site["urls"]
    for key in ("weg", "stuk", "traag", "hangt"):
        assert f'data-url="{urls[key]}"' in html
    for key in ("ok", "keten", "verboden", "geen-head"):
        assert f'data-url="{urls[key]}"' not in html  # only broken links by default
    assert "Cyber-Scan" in html and "Over ons" in html
    assert "Gebroken" in html and "404" in html and "500" in html and "Geen antwoord (time-out)" in html
    today = timezone.localdate()
    assert f"{today.day} " in html  # "gebroken sinds" is shown as a date
    everything = editor().get("/admin/gebroken-links/?toon=alle").content.decode()
    assert f'data-url="{urls["keten"]}"' in everything and "Werkt, via doorverwijzing" in everything


def test_a_link_dead_longer_than_the_threshold_is_flagged_to_visitors(site, client):
    call_command("check_links", timeout=1, delay=0)
    page_url = site["resource"].url
    # Dead since today: no notice yet (a site may be down for a day).
    assert "Deze link werkt niet meer" not in client.get(page_url).content.decode()
    # The same link has failed on every run for 15 days.
    CheckedLink.objects.filter(url=site["urls"]["weg"]).update(
        failing_since=timezone.now() - datetime.timedelta(days=15)
    )
    html = client.get(page_url).content.decode()
    assert "Deze link werkt niet meer" in html
    assert site["urls"]["weg"] in html
    # The healthy resource shows nothing.
    assert "Deze link werkt niet meer" not in client.get(site["healthy"].url).content.decode()


def test_body_text_is_not_swallowed_by_stream_escaping():
    from linkcheck.extract import urls_in

    text = '{"value": "<p><a href=\\"https://example.org/a?b=1&amp;c=2\\">x</a> en https://example.org/b.</p>"}'
    assert urls_in(text) == ["https://example.org/a?b=1&c=2", "https://example.org/b"]


def test_internal_addresses_are_never_requested(site, settings):
    """By default a link into the private network (here: the local test server) is not requested."""
    settings.LINKCHECK_ALLOW_PRIVATE = False
    call_command("check_links", timeout=1, delay=0)
    link = states()[site["urls"]["ok"]]
    assert link.state == LinkState.UNREACHABLE and "Intern adres" in link.error
    assert SEEN == []
