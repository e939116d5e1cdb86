"""Check external links politely.

- One worker per host at a time (hosts in parallel, up to `concurrency`), with a pause between
  two requests to the same host.
- A User-Agent that names the site and where to read about the check.
- robots.txt honoured for our User-Agent (a robots.txt that cannot be fetched, or answers 4xx,
  allows the check; a disallowed link is recorded as "robots", never requested).
- HEAD first; GET (headers only, the body is never read) when HEAD fails or is refused.
- Redirects followed by hand (to count them and stop loops), at most `MAX_REDIRECTS`.
- Every request has a connect and read timeout, so a hanging server costs at most that.

The network work runs in threads and returns plain results; the database is written by the
caller in the main thread.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from django.conf import settings

from linkcheck.models import LinkState

MAX_REDIRECTS = 10
ROBOTS_MAX_BYTES = 500 * 1024
REDIRECT_CODES = {301, 302, 303, 307, 308}
# The server is there but does not let robots in: not a dead link.
REFUSED_CODES = {401, 403, 429}


@dataclass
class Result:
    url: str
    state: str
    status_code: int | None = None
    final_url: str = ""
    redirects: int = 0
    error: str = ""


def user_agent() -> str:
    return settings.LINKCHECK_USER_AGENT or (
        f"KenniscentrumPesten-Linkcontrole/1.0 (+{settings.WAGTAILADMIN_BASE_URL})"
    )


class InternalAddress(Exception):
    """The link points into a private network: never requested (server-side request forgery)."""


def check_public(url: str) -> None:
    """Refuse hosts that resolve to a loopback, private, link-local or reserved address, unless
    LINKCHECK_ALLOW_PRIVATE (tests, an intranet)."""
    if settings.LINKCHECK_ALLOW_PRIVATE:
        return
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return  # not resolvable: the request itself will say "onbereikbaar"
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise InternalAddress(f"Intern adres ({address}): niet gecontroleerd")


class LinkChecker:
    def __init__(self, *, timeout: float = 10.0, concurrency: int = 4, delay: float = 1.0):
        self.timeout = timeout
        self.concurrency = max(1, concurrency)
        self.delay = max(0.0, delay)
        self.agent = user_agent()
        self._local = threading.local()

    # -- plumbing ------------------------------------------------------------------------

    def session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers.update({"User-Agent": self.agent, "Accept": "*/*"})
            session.trust_env = False  # never route link checks through a configured proxy
            self._local.session = session
        return session

    def _timeouts(self):
        return (min(self.timeout, 5.0), self.timeout)

    def robots(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            check_public(robots_url)
        except InternalAddress:
            return None
        try:
            get = self.session().get
            with get(robots_url, timeout=self._timeouts(), allow_redirects=True, stream=True) as response:
                if response.status_code >= 400:
                    return None
                # Google reads the first 500 KiB of a robots.txt; so do we.
                content = response.raw.read(ROBOTS_MAX_BYTES, decode_content=True)
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError):
            return None
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(content.decode("utf-8", errors="replace").splitlines())
        return parser

    # -- one link ------------------------------------------------------------------------

    def _follow(self, method: str, url: str) -> Result:
        current, hops = url, 0
        while True:
            check_public(current)  # every hop: a redirect may point inside too
            kwargs = {"timeout": self._timeouts(), "allow_redirects": False}
            if method == "GET":
                kwargs["stream"] = True  # headers only; the body is never downloaded
            response = self.session().request(method, current, **kwargs)
            status = response.status_code
            location = response.headers.get("Location")
            response.close()
            if status in REDIRECT_CODES and location:
                hops += 1
                if hops > MAX_REDIRECTS:
                    return Result(url, LinkState.ERROR, status, current, hops, "Te veel doorverwijzingen")
                current = urljoin(current, location)
                if urlsplit(current).scheme not in ("http", "https"):
                    return Result(url, LinkState.BROKEN, status, current, hops, "Doorverwijzing naar geen webadres")
                continue
            return Result(url, self.state_for(status, hops), status, current if hops else "", hops)

    @staticmethod
    def state_for(status: int, hops: int) -> str:
        if 200 <= status < 300:
            return LinkState.REDIRECT if hops else LinkState.OK
        if status in REFUSED_CODES:
            return LinkState.REFUSED
        if status >= 500:
            return LinkState.ERROR
        return LinkState.BROKEN

    def check(self, url: str) -> Result:
        """HEAD, then GET when HEAD did not give a working answer. A time-out is not retried
        with GET: a hanging server would cost twice the time for the same answer."""
        try:
            result = self._follow("HEAD", url)
            if result.state in (LinkState.OK, LinkState.REDIRECT):
                return result
        except InternalAddress as exc:
            return Result(url, LinkState.UNREACHABLE, error=str(exc))
        except requests.Timeout:
            return Result(url, LinkState.TIMEOUT, error=f"Geen antwoord binnen {self.timeout:g} s")
        except requests.RequestException:
            pass
        try:
            return self._follow("GET", url)
        except InternalAddress as exc:
            return Result(url, LinkState.UNREACHABLE, error=str(exc))
        except requests.Timeout:
            return Result(url, LinkState.TIMEOUT, error=f"Geen antwoord binnen {self.timeout:g} s")
        except requests.RequestException as exc:
            return Result(url, LinkState.UNREACHABLE, error=type(exc).__name__)

    # -- many links ----------------------------------------------------------------------

    def _check_host(self, urls: list[str]) -> list[Result]:
        parser = self.robots(urls[0])
        results = []
        for position, url in enumerate(urls):
            if parser is not None and not parser.can_fetch(self.agent, url):
                results.append(Result(url, LinkState.ROBOTS, error="robots.txt verbiedt de controle"))
                continue
            if position:
                time.sleep(self.delay)
            results.append(self.check(url))
        return results

    def check_all(self, urls) -> list[Result]:
        by_host: dict[str, list[str]] = defaultdict(list)
        for url in dict.fromkeys(urls):
            by_host[urlsplit(url).netloc.lower()].append(url)
        results: list[Result] = []
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            for host_results in pool.map(self._check_host, by_host.values()):
                results.extend(host_results)
        return results
