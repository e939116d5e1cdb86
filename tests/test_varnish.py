"""deploy/varnish.vcl in front of the app (a live server), as the README's deployment shows.

Varnish (Debian's `varnish`, installed by `scripts/services.sh varnish`) keeps anonymous pages;
a publish purges it through Wagtail's frontend cache, so the next visitor sees the new version.
Without varnishd the test is skipped on a laptop and fails in CI.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from django.test import override_settings

from core.models import SiteSettings
from tests import pages

VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish.vcl"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server):
    """varnishd with the shipped VCL, its backend pointed at the live server; yields its URL."""
    binary = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    if not binary:
        message = "varnishd is not installed (bash scripts/services.sh varnish)"
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the Varnish test: {message}", pytrace=False)
        pytest.skip(message)
    app_port = live_server.url.rsplit(":", 1)[1]
    vcl = VCL.read_text().replace('.port = "8000";', f'.port = "{app_port}";')
    assert f'.port = "{app_port}";' in vcl
    # varnishd reads the VCL as its own unprivileged user: a directory it may enter.
    tmp_path = Path(tempfile.mkdtemp(prefix="kc-varnish-"))
    tmp_path.chmod(0o755)
    (tmp_path / "test.vcl").write_text(vcl)
    port = free_port()
    workdir = tmp_path / "varnish"
    process = subprocess.Popen(  # noqa: S603
        [binary, "-F", "-n", str(workdir), "-a", f"127.0.0.1:{port}", "-f", str(tmp_path / "test.vcl"),
         "-s", "malloc,32m", "-T", "127.0.0.1:0"],  # fmt: skip
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"varnishd did not start: {process.stdout.read().decode()}")
                time.sleep(0.1)
        else:
            pytest.fail("varnishd did not answer within 10 s")
        with override_settings(
            WAGTAILFRONTENDCACHE={
                "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": url}
            },
            PAGE_CACHE_ENABLED=True,
            ANALYTICS_ENABLED=False,  # nothing left to write after the database is emptied
        ):
            yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(tmp_path, ignore_errors=True)


def fetch(url, cookie=""):
    headers = {"User-Agent": BROWSER}
    if cookie:
        headers["Cookie"] = cookie
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:  # noqa: S310
        return response.headers, response.read().decode()


def fresh_within_a_second(url, text):
    """Poll: the first answer that has `text`, or the last answer after a second."""
    deadline = time.monotonic() + 1
    while True:
        headers, body = fetch(url)
        if text in body or time.monotonic() > deadline:
            return headers, body
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_reaches_visitors_through_varnish(varnish):
    site = pages.sections()
    SiteSettings.for_site(site.home.get_site())
    toolkit = pages.toolkit(site.toolkits, "Toolkit sexting secundair")
    url = varnish + toolkit.url
    fetch(url)
    headers, body = fetch(url)
    assert headers["X-Varnish-Cache"] == "hit"  # without a purge, this copy would stay
    assert "Toolkit sexting secundair" in body

    toolkit.title = "Toolkit sexting en naaktbeelden"
    toolkit.save_revision().publish()
    headers, body = fresh_within_a_second(url, "Toolkit sexting en naaktbeelden")
    assert "Toolkit sexting en naaktbeelden" in body

    # The listing on another page is dropped too (any purge empties the cache).
    fetch(varnish + site.toolkits.url)
    assert "Toolkit sexting en naaktbeelden" in fetch(varnish + site.toolkits.url)[1]
    SiteSettings.objects.update(contact_email="")  # not through save(): no purge
    settings = SiteSettings.objects.get()
    settings.contact_email = "redactie@pesten.example.be"
    settings.save()  # a snippet or setting: core.pagecache purges
    assert "redactie@pesten.example.be" in fresh_within_a_second(varnish + site.toolkits.url, "redactie@")[1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_help_pages_editors_and_posts_pass_varnish(varnish):
    site = pages.sections()
    SiteSettings.for_site(site.home.get_site())
    fetch(varnish + "/hulp/hulplijnen/")
    headers, _ = fetch(varnish + "/hulp/hulplijnen/")
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Varnish-Cache"] == "miss"  # never kept in a shared cache
    fetch(varnish + site.about.url)
    headers, _ = fetch(varnish + site.about.url, cookie="sessionid=abc")
    assert headers["X-Varnish-Cache"] == "miss"  # a session passes
    headers, _ = fetch(varnish + site.about.url, cookie="iets=anders")
    assert headers["X-Varnish-Cache"] == "hit"  # other cookies do not split the cache
