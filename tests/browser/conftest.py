"""Browser tests: Playwright (sync API) driving Debian's chromium against a real server.

Once per test session a gunicorn server starts on a free port, with its own SQLite database in a
temporary folder, migrated and loaded with the demo content. Every browser context records every
network request: a request to any other host fails the test, and so does a cookie in an
anonymous visitor's browser.

- Without chromium (or Playwright) the tests skip with a message; with the environment variable
  CI set, they fail instead.
- They run once: in the SQLite run of `make test`. When DATABASE_URL points at PostgreSQL they
  skip, because the server always uses its own SQLite database anyway.
- Screenshots (390 px and 1280 px) land in test-artifacts/screenshots/, the server log in
  test-artifacts/browser-server.log.
"""

import hashlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SERVER_START_TIMEOUT = 60
# Migrating and loading the demo content takes a minute or more. The result is kept here, keyed
# by a hash of the migrations, the demo loader and its fixtures, so a second run starts sooner. Set
# BROWSER_TEST_FRESH_DB=1 (or CI) to always build from scratch.
CACHE_DIR = Path(tempfile.gettempdir()) / "kc-browser-test-db"
CACHE_SKIP_DIRS = {
    "tests",
    "test-artifacts",
    "media",
    "staticfiles",
    "bench",
    "__pycache__",
    "node_modules",
}


def _unavailable(reason: str):
    """Skip with a clear message; in CI a missing browser fails the run."""
    if os.environ.get("CI"):
        pytest.fail(f"Browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"Browser tests skipped: {reason}")


def _check_environment():
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip(
            "Browser tests run once, in the SQLite test run (their server has its own SQLite "
            "database); skipped in the PostgreSQL run."
        )
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _unavailable(
            f"no chromium at {CHROMIUM}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH."
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the Python package playwright is not installed (pip install -r requirements-dev.lock).")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(args, env, log):
    log.write(f"$ manage.py {' '.join(args)}\n")
    log.flush()
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        timeout=600,
    )
    if result.returncode:
        pytest.fail(f"manage.py {' '.join(args)} failed; see {log.name}", pytrace=False)


def _wait_until_up(url: str, process: subprocess.Popen, log_path: Path):
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The test server stopped; see {log_path}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    pytest.fail(
        f"The test server did not answer within {SERVER_START_TIMEOUT} s; see {log_path}",
        pytrace=False,
    )


def _source_hash() -> str:
    """Hash of what shapes the demo database: migrations, the demo loader and its fixtures."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(ROOT):
        # The top-level tests/ stays: the test settings (and so the server) install tests.throwaway,
        # whose migrations shape the database too.
        dirs[:] = sorted(
            d for d in dirs
            if (d not in CACHE_SKIP_DIRS or (folder == str(ROOT) and d == "tests")) and not d.startswith(".")
        )
        relative = Path(folder).relative_to(ROOT)
        if not (
            "migrations" in relative.parts
            or relative.parts[:1] == ("demo",)
            or relative.parts[:2] in {("fixtures", "demo"), ("core", "management")}
        ):
            continue
        for name in sorted(files):
            digest.update(str(relative / name).encode())
            digest.update((Path(folder) / name).read_bytes())
    return digest.hexdigest()[:16]


def _prepare_database(workdir: Path, env: dict, log):
    """Migrate and load the demo content into workdir (or copy a cached copy of both)."""
    use_cache = not (os.environ.get("CI") or os.environ.get("BROWSER_TEST_FRESH_DB"))
    cached = CACHE_DIR / _source_hash() if use_cache else None
    if cached and (cached / "ready").exists():
        log.write(f"Database and media from the cache {cached}\n")
        shutil.copy2(cached / "db.sqlite3", workdir / "db.sqlite3")
        shutil.copytree(cached / "media", workdir / "media")
    else:
        _run(["migrate", "--noinput", "-v0"], env, log)
        _run(["load_demo_content", "-v0"], env, log)
    # The search index depends on the search code too: always rebuilt (a few seconds).
    if (ROOT / "search" / "management" / "commands" / "rebuild_search_index.py").exists():
        _run(["rebuild_search_index"], env, log)
    # The demo accounts (redacteur, raad, partner) as `make run` creates them: idempotent, fast.
    _run(["setup_editorial_workflow", "--demo-users"], env, log)
    if cached and not (cached / "ready").exists():
        _store_in_cache(workdir, cached)


def _store_in_cache(workdir: Path, cached: Path):
    """Copy the database and media to the cache; atomic, so parallel runs never see half."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    for old in CACHE_DIR.iterdir():
        if not old.name.startswith(cached.name):
            shutil.rmtree(old, ignore_errors=True)
    building = CACHE_DIR / f"{cached.name}.building-{os.getpid()}"
    building.mkdir()
    source = sqlite3.connect(workdir / "db.sqlite3")
    copy = sqlite3.connect(building / "db.sqlite3")
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    shutil.copytree(workdir / "media", building / "media")
    (building / "ready").touch()
    try:
        building.rename(cached)
    except OSError:  # another run stored it first
        shutil.rmtree(building, ignore_errors=True)


#: The environment of the live server (its database): for `manage`.
SERVER_ENV: dict = {}


@pytest.fixture(scope="session")
def live_url():
    """Base URL of a gunicorn server with the demo content, for the whole session.

    BROWSER_TEST_URL=http://127.0.0.1:8000 uses a running server instead (for quick local work;
    its quick exit must point at <that server>/neutraal/ for the quick-exit tests)."""
    _check_environment()
    if os.environ.get("BROWSER_TEST_URL"):
        yield os.environ["BROWSER_TEST_URL"].rstrip("/")
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="kc-browser-"))
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.browser.server_settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "BROWSER_TEST_BASE_URL": base_url,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("ELASTICSEARCH_URL", None)
    env.pop("REDIS_URL", None)
    SERVER_ENV.update(env)
    log_path = ARTIFACTS / "browser-server.log"
    with open(log_path, "w") as log:
        _prepare_database(workdir, env, log)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "kenniscentrum.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--timeout",
                "60",
                "--access-logfile",
                "-",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_up(base_url + "/hulp/", process, log_path)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
            shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def manage(live_url):
    """Run `manage.py <args>` against the live server's own database (e.g. to add a user)."""
    if not SERVER_ENV:
        pytest.skip("manage: only with the test server the tests start themselves (not BROWSER_TEST_URL)")

    def run(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=SERVER_ENV,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    return run


@pytest.fixture(scope="package")
def browser(live_url):
    """One chromium for the browser tests. Package scope: Playwright's event loop is stopped
    before the rest of the test suite (Django refuses database work while a loop runs)."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        try:
            instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as error:  # noqa: BLE001 - any launch problem means: no usable browser
            _unavailable(f"chromium at {CHROMIUM} does not start: {error}")
        yield instance
        instance.close()
    finally:
        playwright.stop()


class NetworkLog:
    """Every request a browser context makes; requests to other hosts are blocked and kept."""

    def __init__(self, live_url: str):
        self.origin = urlsplit(live_url).netloc
        self.requests: list[str] = []
        self.foreign: list[str] = []

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        # chrome:// and chrome-extension:// are the browser's own pages (e.g. its PDF viewer).
        internal = {"data", "blob", "about", "chrome", "chrome-extension"}
        return parts.scheme in internal or parts.netloc == self.origin

    def route(self, route):
        url = route.request.url
        if self.is_local(url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def on_request(self, request):
        self.requests.append(request.url)
        if not self.is_local(request.url):
            self.foreign.append(request.url)


@pytest.fixture
def new_context(browser, live_url):
    """Factory for anonymous browser contexts. At the end of the test every context must have
    made no request to another host and hold no cookie."""
    made = []

    def make(viewport=DESKTOP, **options):
        context = browser.new_context(
            base_url=live_url,
            viewport=viewport,
            locale="nl-BE",
            timezone_id="Europe/Brussels",
            accept_downloads=True,
            service_workers="block",
            **options,
        )
        context.set_default_timeout(30_000)
        log = NetworkLog(live_url)
        context.route("**/*", log.route)
        context.on("request", log.on_request)
        made.append((context, log))
        return context

    yield make

    problems = []
    for context, log in made:
        if log.foreign:
            problems.append("requests to other hosts: " + ", ".join(sorted(set(log.foreign))))
        cookies = context.cookies()
        if cookies:
            problems.append("cookies set for an anonymous visitor: " + ", ".join(c["name"] for c in cookies))
        context.close()
    if problems:
        pytest.fail("Privacy: " + "; ".join(problems), pytrace=False)


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def phone_page(new_context):
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()


@pytest.fixture(scope="session")
def site(live_url):
    from tests.browser.site import Site

    return Site(live_url)
