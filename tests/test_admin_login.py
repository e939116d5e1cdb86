"""The admin logins resist guessing, and the admin asks no third party for anything."""

import re
from urllib.parse import urlparse

import pytest

from django.contrib.auth import get_user_model
from django.test import Client

PASSWORD = "juist-wachtwoord-123"
LOGINS = {
    "/admin/login/": "/admin/",
    "/django-admin/login/": "/django-admin/",
}


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redacteur", "r@example.org", PASSWORD)


def logged_in(client, home):
    """Whether the browser is logged in: the admin home opens instead of sending to login."""
    return client.get(home).status_code == 200


@pytest.mark.parametrize("login_url", LOGINS)
def test_fifteen_wrong_passwords_then_the_right_one_does_not_log_in(editor, login_url):
    client = Client()
    for attempt in range(15):
        response = client.post(login_url, {"username": "redacteur", "password": f"fout-{attempt}"})
        assert response.status_code in (200, 429)
    response = client.post(login_url, {"username": "redacteur", "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Aanmelden tijdelijk geblokkeerd" in html
    assert "15 minuten" in html
    assert not logged_in(client, LOGINS[login_url])


def test_a_few_typos_do_not_lock_out(editor):
    client = Client()
    for attempt in range(3):
        client.post("/admin/login/", {"username": "redacteur", "password": f"fout-{attempt}"})
    client.post("/admin/login/", {"username": "redacteur", "password": PASSWORD})
    assert logged_in(client, "/admin/")


def test_a_locked_username_does_not_lock_another_one(editor):
    get_user_model().objects.create_superuser("collega", "c@example.org", PASSWORD)
    attacker = Client()
    for attempt in range(10):
        attacker.post("/admin/login/", {"username": "redacteur", "password": f"fout-{attempt}"})
    colleague = Client()
    colleague.post("/admin/login/", {"username": "collega", "password": PASSWORD})
    assert logged_in(colleague, "/admin/")



def test_behind_the_proxy_an_attacker_elsewhere_does_not_lock_the_editor_out(editor, settings):
    # Behind deploy/nginx.conf every request comes from 127.0.0.1; the proxy sends the
    # visitor's address in X-Real-IP, which the site trusts when told it runs behind it.
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    for attempt in range(10):
        attacker.post("/admin/login/", {"username": "redacteur", "password": f"fout-{attempt}"})
    assert attacker.post("/admin/login/", {"username": "redacteur", "password": PASSWORD}).status_code == 429
    editor_browser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.20")
    editor_browser.post("/admin/login/", {"username": "redacteur", "password": PASSWORD})
    assert logged_in(editor_browser, "/admin/")


def test_without_a_proxy_a_forged_address_header_changes_nothing(editor, settings):
    settings.CLIENT_IP_HEADER = ""  # the app faces clients directly: the header is theirs to forge
    for attempt in range(10):
        forged = Client(REMOTE_ADDR="192.0.2.5", HTTP_X_REAL_IP=f"10.0.0.{attempt}")
        forged.post("/admin/login/", {"username": "redacteur", "password": f"fout-{attempt}"})
    forged = Client(REMOTE_ADDR="192.0.2.5", HTTP_X_REAL_IP="10.0.0.99")
    assert forged.post("/admin/login/", {"username": "redacteur", "password": PASSWORD}).status_code == 429

RESOURCE = re.compile(
    r"""<(?:img|script|iframe|source|video|audio)\b[^>]*\s(?:src|srcset)=["']([^"']+)"""
    r"""|<link\b[^>]*\shref=["']([^"']+)"""
    r"""|url\(\s*["']?([^"')]+)""",
    re.IGNORECASE,
)


def third_party_resources(html):
    found = []
    for match in RESOURCE.finditer(html):
        for url in filter(None, match.groups()):
            for part in url.split(","):  # srcset lists several
                host = urlparse(part.strip().split(" ")[0]).netloc
                if host and host != "testserver":
                    found.append(part.strip())
    return found


def test_the_admin_loads_nothing_from_a_third_party(editor):
    """No avatar from gravatar.com (or any other host) on the pages an editor opens."""
    client = Client()
    client.force_login(editor)
    for url in ("/admin/", "/admin/account/", "/admin/users/", "/admin/pages/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "gravatar" not in html.lower(), url
        assert third_party_resources(html) == [], url
