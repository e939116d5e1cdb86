"""deploy/nginx.conf, the proxy the README's deployment section ships: original uploads blocked,
a body limit that matches the app's upload limits, timeouts and buffering so a slow client never
holds a gunicorn worker, compression. Parsed here; `nginx -t` checks it where nginx is installed
(scripts/services.sh installs Debian's nginx-light for CI), and run in front of a live app for
compression (issue #16)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from django.conf import settings
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "nginx.conf"
TOKEN = re.compile(r"#[^\n]*|\"[^\"]*\"|'[^']*'|[{};]|[^\s{};]+")
MB = 1024 * 1024


def parse(text):
    """nginx syntax -> nested lists of (name, args, children)."""
    stack, current, words = [], [], []
    for token in TOKEN.findall(text):
        if token.startswith("#"):
            continue
        if token == ";":
            current.append((words[0], words[1:], []))
            words = []
        elif token == "{":
            block = (words[0], words[1:], [])
            current.append(block)
            stack.append(current)
            current, words = block[2], []
        elif token == "}":
            current = stack.pop()
        else:
            words.append(token.strip("\"'"))
    assert not stack and not words, "unbalanced configuration"
    return current


def find(directives, name, *args):
    return [d for d in directives if d[0] == name and (not args or tuple(d[1][: len(args)]) == args)]


def value(block, name):
    found = find(block, name)
    assert found, f"{name} is missing"
    return found[-1][1]


def size(text):
    units = {"k": 1024, "m": MB, "g": 1024 * MB}
    return int(text[:-1]) * units[text[-1].lower()] if text[-1].isalpha() else int(text)


def seconds(text):
    return int(text[:-1]) * {"s": 1, "m": 60}[text[-1]] if text[-1].isalpha() else int(text)


@pytest.fixture(scope="module")
def https_server():
    servers = find(parse(CONFIG.read_text()), "server")
    https = [s for s in servers if any("443" in d[1][0] for d in find(s[2], "listen"))]
    assert len(https) == 1
    return https[0][2]


def test_original_uploads_are_blocked(https_server):
    for path in ("/media/original_images/", "/media/documents/"):
        (location,) = find(https_server, "location", "^~", path)
        assert value(location[2], "return") == ["404"], path


def test_body_limit_matches_the_app(https_server):
    limit = size(value(https_server, "client_max_body_size")[0])
    largest = max(settings.DOCUMENT_MAX_UPLOAD_SIZE, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    # Above the app's limits (editors get its Dutch message), and not much more.
    assert largest < limit <= largest + 10 * MB
    assert limit < 60 * MB  # the 60 MB upload of the audit is refused at the proxy


def test_slow_clients_do_not_hold_a_worker(https_server):
    assert value(https_server, "proxy_request_buffering") == ["on"]
    assert value(https_server, "proxy_buffering") == ["on"]
    for name in ("client_header_timeout", "client_body_timeout", "send_timeout"):
        assert seconds(value(https_server, name)[0]) <= 60, name
    gunicorn = int(re.search(r"GUNICORN_TIMEOUT:-(\d+)", (ROOT / "docker-entrypoint.sh").read_text())[1])
    assert gunicorn <= seconds(value(https_server, "proxy_read_timeout")[0]) <= gunicorn + 15


def test_text_is_compressed_but_not_the_admin(https_server):
    assert value(https_server, "gzip") == ["on"]
    types = value(https_server, "gzip_types")
    assert {"text/css", "application/javascript", "application/json"} <= set(types)
    for path in ("/admin/", "/django-admin/"):
        (location,) = find(https_server, "location", path)
        assert value(location[2], "gzip") == ["off"], path  # CSRF tokens: BREACH


def test_the_visitors_address_reaches_the_app_and_cannot_be_forged(https_server):
    # CLIENT_IP_HEADER=X-Real-IP (README): the proxy always overwrites it with the address it saw.
    assert ["X-Real-IP", "$remote_addr"] in [d[1] for d in find(https_server, "proxy_set_header")]
    # nginx drops every inherited proxy_set_header in a block that sets one of its own.
    for location in find(https_server, "location"):
        assert not find(location[2], "proxy_set_header"), location[1]

def test_nginx_accepts_it(tmp_path):
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not nginx:
        pytest.skip("nginx is not installed (scripts/services.sh installs it)")
    openssl = shutil.which("openssl")
    assert openssl, "openssl is needed for a throw-away certificate"
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=pesten.example.be", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    site = CONFIG.read_text()
    site = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {cert};", site)
    site = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", site)
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n    include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_feeds_and_sitemaps_are_compressed_too(https_server):
    # text/html is always on in nginx; JSON (the API), feeds (RSS, Atom) and sitemaps (XML).
    types = set(value(https_server, "gzip_types"))
    assert {"application/json", "application/rss+xml", "application/atom+xml", "application/xml", "text/xml"} <= types


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(ANALYTICS_ENABLED=False)  # nothing left to write after the database is emptied
def test_nginx_compresses_pages_and_json_for_clients_that_ask(live_server):
    """The shipped configuration, run by nginx in front of the app: gzip for HTML and JSON when
    the client accepts it, plain otherwise, never on the admin (CSRF tokens, BREACH)."""
    import gzip

    from tests import pages, proxies

    site = pages.sections()
    for i in range(6):
        pages.toolkit(site.toolkits, f"Toolkit pesten nummer {i}")
    with proxies.nginx(live_server.url.rsplit(":", 1)[1]) as (base, _):

        def fetch(path, accept=""):
            headers = {"Host": "pesten.example.be"}
            if accept:
                headers["Accept-Encoding"] = accept
            return proxies.fetch(base + path, **headers)

        headers, body = fetch("/", accept="gzip, deflate, br")
        assert headers["Content-Encoding"] == "gzip"
        html = gzip.decompress(body).decode()
        assert "<html" in html and "Accept-Encoding" in headers["Vary"]
        headers, body = fetch("/")
        assert "Content-Encoding" not in headers and b"<html" in body
        headers, body = fetch("/api/zoeken/?q=toolkit", accept="gzip")
        assert headers["Content-Type"].startswith("application/json")
        assert headers["Content-Encoding"] == "gzip"
        assert "Toolkit pesten nummer" in gzip.decompress(body).decode()
        headers, _ = fetch("/admin/login/", accept="gzip")
        assert "Content-Encoding" not in headers
