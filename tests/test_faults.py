"""Fault suite: hostile characters in every public input, a dead Redis, a database restart.

Each fault is real: the characters arrive percent-encoded as a browser or script sends them, the
Redis cache points at a port where nothing listens, the database connection is killed on the
server (PostgreSQL's pg_terminate_backend). Visitors must get their page, never a 500, and what
they send (a comment, a search counted for the editors) must still be stored.
"""

import socket
import time
from urllib.parse import quote

import pytest

from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory, TestCase, TransactionTestCase, override_settings

from analytics import counting
from analytics.feedback import SIGNING_NAMESPACE
from analytics.models import DailyDownload, DailyPageView, DailySearch, DailySearchLanding, Feedback
from kenniscentrum.settings import env
from search.facets import FACETS
from tests import pages

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"

# As they arrive over HTTP: a NUL byte, a lone surrogate in UTF-8 form (CESU-8, which Python's
# decoder refuses), and a cut-off UTF-8 sequence.
HOSTILE = {"nul": "a%00b", "surrogate": "a%ED%A0%80b", "broken-utf8": "a%C3b"}

# Every public GET address and the parameters its view reads.
SEARCH_PARAMS = ["q", "sort", "page", "per_page"] + [f.param for f in FACETS]
PUBLIC_GETS = (
    [("/zoeken/", p) for p in SEARCH_PARAMS]
    + [("/api/zoeken/", p) for p in SEARCH_PARAMS]
    + [("/api/zoeken/suggesties/", "q")]
    + [("/hulp/", p) for p in ("wie", "waar", "gevaar", "stap")]
    + [("/hulp/route/", p) for p in ("wie", "waar", "gevaar")]
    + [("/hulp/melden/", "q"), ("/hulp/bewijs-bewaren/", "q")]
    + [("{toolkits}", "page"), ("{toolkits}", "onbekend"), ("{audience}", "q")]
    + [("{audience}", "thema"), ("{about}", "ik"), ("{document}", "ik"), ("/", "q")]
)
FEEDBACK_FIELDS = ["opmerking", "nuttig", "pagina", "t", "website"]


def token(seconds_ago=10):
    return signing.dumps(int(time.time()) - seconds_ago, salt=SIGNING_NAMESPACE)


def closed_port() -> int:
    """A local TCP port where nothing listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@override_settings(ANALYTICS_FLUSH_SECONDS=0)
class HostileTextTests(TestCase):
    """NUL bytes and lone surrogates in every public input: a normal answer, and stored clean."""

    @classmethod
    def setUpTestData(cls):
        cls.site = pages.sections()
        cls.toolkit = pages.toolkit(cls.site.toolkits, "Toolkit sexting secundair")
        cls.audience_page = pages.audience_page(cls.site.home, "onderwijs")
        cls.document = pages.document("Gids sexting")

    def setUp(self):
        counting.buffer.discard()
        cache.clear()
        self.addCleanup(cache.clear)
        self.client.defaults["HTTP_USER_AGENT"] = BROWSER

    def url(self, template):
        return template.format(
            toolkits=self.site.toolkits.url,
            audience=self.audience_page.url,
            about=self.site.about.url,
            document=self.document.url,
        )

    def test_every_public_parameter(self):
        for template, param in PUBLIC_GETS:
            for name, value in HOSTILE.items():
                with self.subTest(url=template, param=param, value=name):
                    url = self.url(template)
                    with self.assertNoLogs("analytics", "WARNING"):  # counted, nothing lost
                        response = self.client.get(url, QUERY_STRING=f"{param}={value}")
                    self.assertLess(response.status_code, 500)

    def test_search_terms_are_counted_without_the_characters(self):
        for name, value in HOSTILE.items():
            with self.subTest(value=name):
                response = self.client.get("/zoeken/", QUERY_STRING=f"q=pesten{value}")
                self.assertEqual(response.status_code, 200)
        stored = list(DailySearch.objects.values_list("query", flat=True))
        self.assertTrue(stored, "the searches were not counted")
        for query in stored:
            self.assertNotIn("\x00", query)
            self.assertFalse(any(0xD800 <= ord(c) <= 0xDFFF for c in query), query)
        self.assertIn("pestenab", stored)

    def test_every_feedback_field(self):
        about = self.site.about
        valid = {"pagina": about.pk, "t": token(), "nuttig": "ja", "opmerking": "", "website": ""}
        for field in FEEDBACK_FIELDS:
            for name, value in HOSTILE.items():
                with self.subTest(field=field, value=name):
                    body = {**valid, field: "__HOSTILE__"}
                    encoded = "&".join(f"{k}={quote(str(v))}" for k, v in body.items())
                    response = self.client.post(
                        "/feedback/",
                        encoded.replace("__HOSTILE__", value),
                        content_type="application/x-www-form-urlencoded",
                        HTTP_ORIGIN="http://testserver",
                    )
                    self.assertLess(response.status_code, 500)
                    if response.status_code >= 400:
                        self.assertIn("lang=", response.content.decode())  # the Dutch form page

    def test_comment_with_a_nul_byte_is_stored_without_it(self):
        body = f"pagina={self.site.about.pk}&t={token()}&nuttig=nee&website=&opmerking=Te%00kort"
        response = self.client.post(
            "/feedback/",
            body,
            content_type="application/x-www-form-urlencoded",
            HTTP_ORIGIN="http://testserver",
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(Feedback.objects.get().comment, "Tekort")

    def test_multipart_feedback_with_a_nul_byte(self):
        response = self.client.post(
            "/feedback/",
            {"pagina": self.site.about.pk, "t": token(), "nuttig": "ja", "opmerking": "x\x00y"},
            HTTP_ORIGIN="http://testserver",
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(Feedback.objects.get().comment, "xy")

    def test_referer_with_a_nul_byte_is_counted(self):
        for _ in range(4):
            self.client.get(self.toolkit.url)
        response = self.client.get(
            self.toolkit.url, HTTP_REFERER="http://testserver/zoeken/?q=sex%00ting"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(DailyPageView.objects.get(path=self.toolkit.url).count, 5)
        self.assertEqual(DailySearchLanding.objects.get().query, "sexting")

    def test_lone_surrogates_inside_python_are_removed_before_the_view(self):
        """Surrogates cannot come through a WSGI server's decoding, but can from any code that
        builds a request (tests, JSON, another layer); the middleware removes them too."""
        from core.middleware import CleanInputMiddleware

        request = RequestFactory().post("/feedback/")
        request.GET = QueryDict(mutable=True)
        request.GET.setlist("q", ["pes\ud800ten\x00"])
        request.POST = QueryDict(mutable=True)
        request.POST["opmerking"] = "goed\udfff"
        seen = {}

        def view(req):
            seen.update(q=req.GET["q"], opmerking=req.POST["opmerking"])

        CleanInputMiddleware(view)(request)
        self.assertEqual(seen, {"q": "pesten", "opmerking": "goed"})


@override_settings(ANALYTICS_FLUSH_SECONDS=60)
class AnalyticsBatchTests(TestCase):
    """One event the database refuses costs that event, never the batch it was written with."""

    @classmethod
    def setUpTestData(cls):
        cls.site = pages.sections()
        cls.toolkit = pages.toolkit(cls.site.toolkits, "Toolkit sexting secundair")

    def setUp(self):
        counting.buffer.discard()
        self.addCleanup(counting.buffer.discard)
        self.client.defaults["HTTP_USER_AGENT"] = BROWSER

    def test_a_bad_event_is_written_off_alone(self):
        for _ in range(4):
            self.client.get(self.toolkit.url)
        # A document id no integer column holds: refused by SQLite and PostgreSQL alike.
        counting.queue(None, DailyDownload, {"date": "2026-01-01", "document": 2**70, "sector": ""})
        with self.assertLogs("analytics", "ERROR"):
            counting.buffer.flush()
        self.assertEqual(DailyPageView.objects.get(path=self.toolkit.url).count, 4)
        self.assertFalse(DailyDownload.objects.exists())

    def test_a_referer_with_a_nul_byte_does_not_cost_the_batch(self):
        for _ in range(4):
            self.client.get(self.toolkit.url)
        self.client.get(self.toolkit.url, HTTP_REFERER="http://testserver/zoeken/?q=a%00b")
        # Even when an event with the byte is queued from code that bypasses the middleware.
        keys = {"date": "2026-01-01", "query": "c\x00d", "facets": ""}
        counting.queue(None, DailySearch, keys, {"result_count": 1, "zero_results": False})
        counting.buffer.flush()
        self.assertEqual(DailyPageView.objects.get(path=self.toolkit.url).count, 5)
        self.assertEqual(DailySearchLanding.objects.get().query, "ab")
        self.assertEqual(DailySearch.objects.get().query, "cd")


class DeadRedisTests(TestCase):
    """REDIS_URL set, Redis not running: the production cache settings (env.cache) on a closed
    port. Pages, search and feedback work; only the feedback rate limit is off meanwhile."""

    @classmethod
    def setUpTestData(cls):
        cls.site = pages.sections()
        cls.toolkit = pages.toolkit(cls.site.toolkits, "Toolkit sexting secundair", show_reach=True)

    def setUp(self):
        self.client.defaults["HTTP_USER_AGENT"] = BROWSER
        self.addCleanup(counting.buffer.discard)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("REDIS_URL", f"redis://127.0.0.1:{closed_port()}/0")
            caches = env.cache("REDIS_URL")
        self.assertEqual(caches["default"]["BACKEND"], "django_redis.cache.RedisCache")
        dead = override_settings(CACHES=caches)
        dead.enable()
        self.addCleanup(dead.disable)

    def test_feedback_is_stored(self):
        for i in range(3):
            response = self.client.post(
                "/feedback/",
                {"pagina": self.site.about.pk, "t": token(), "nuttig": "ja", "opmerking": f"{i}"},
                HTTP_ORIGIN="http://testserver",
            )
            self.assertEqual(response.status_code, 303)
        self.assertEqual(Feedback.objects.count(), 3)

    def test_pages_and_search_work(self):
        for url in ("/", self.toolkit.url, "/zoeken/?q=sexting", "/api/zoeken/suggesties/?q=se"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database server")
class DatabaseRestartTests(TransactionTestCase):
    """The server drops every connection (a restart or failover); the worker kept its connection
    between requests (CONN_MAX_AGE). The next request reconnects instead of failing with a 500."""

    # Like the other transactional tests (the background import): restore the migrated data
    # from the serialized copy. Without it this test's flush re-creates content types with new
    # ids, and the next serialized_rollback test then fails on a duplicate content type.
    serialized_rollback = True

    def request(self, path):
        from django.core.handlers.wsgi import WSGIHandler

        # The real WSGI handler, as gunicorn calls it: request_started/finished signals run, and
        # with them Django's connection management (the test client switches that off).
        environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")
        status = []
        response = WSGIHandler()(environ, lambda s, h, *a: status.append(s))
        response.close()
        return int(status[0].split()[0])

    def test_first_request_after_a_restart(self):
        connection.close()
        connection.settings_dict["CONN_MAX_AGE"] = 60  # production keeps connections
        self.addCleanup(connection.settings_dict.__setitem__, "CONN_MAX_AGE", 0)
        configured = env.database("DATABASE_URL", default="sqlite://")
        connection.settings_dict["CONN_HEALTH_CHECKS"] = configured["CONN_HEALTH_CHECKS"]
        self.assertEqual(self.request("/gezond/"), 200)
        pid = connection.connection.info.backend_pid
        admin = connection.get_new_connection(connection.get_connection_params())
        admin.autocommit = True
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        admin.close()
        self.assertNotEqual(self.request("/"), 500)
        self.assertEqual(self.request("/gezond/"), 200)
