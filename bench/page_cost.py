"""In-process cost of an uncached page: median milliseconds and database queries per page type.

    .venv/bin/python bench/page_cost.py [--db /tmp/kc-bench-serve.sqlite3] [--rounds 30] [--sql]

Django's test client with every middleware and the real templates, the page cache off, as an
anonymous browser, on the demo content (the scratch database `bench/serve.py` makes). One
warm-up request per page first (site root paths, settings, renditions), then the median of
--rounds requests. Targets (issue #16): toolkit and research page under 8 ms and 12 queries,
/onderwijs/ under 15 ms and 15 queries.

Two figures per page: "warm", the fragments that are the same on many pages (navigation,
footer, cards, taxonomy terms) already in the pages cache; and "cold", each request right after
a content write (the pages cache's generation bumped as a publish does, so every fragment is
built again). An editor's publish makes the next request of every page cold.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
MEDIA_ROOT = "/tmp/kc-bench-serve-media"  # noqa: S108 - as bench/serve.py
TARGETS = {"toolkit": (8, 12), "research summary": (8, 12), "/onderwijs/": (15, 15)}


def setup(db):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "kenniscentrum.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["PAGE_CACHE_ENABLED"] = "0"
    # The demo's images, where bench/serve.py put them: without them every request would try to
    # make the missing renditions again (a cost no real page has).
    os.environ["MEDIA_ROOT"] = MEDIA_ROOT
    os.environ["ANALYTICS_FLUSH_SECONDS"] = "5"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]


def page_urls():
    from practices.models import PracticePage
    from research.models import ResearchPage
    from toolkits.models import ToolkitIndexPage, ToolkitPage

    return {
        "home": "/",
        "toolkit": ToolkitPage.objects.live().order_by("path").first().url,
        "research summary": ResearchPage.objects.live().order_by("path").first().url,
        "practice": PracticePage.objects.live().order_by("path").first().url,
        "/onderwijs/": "/onderwijs/",
        "/ouders/": "/ouders/",
        "index (toolkits)": ToolkitIndexPage.objects.live().first().url,
        "search with a query": "/zoeken/?q=pesten",
    }


def measure(client, url, rounds, show_sql=False, cold=False):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core import pagecache

    client.get(url)
    times, cpu = [], []
    for _ in range(rounds):
        if cold:
            pagecache.invalidate()  # what every content write does (core.pagecache.content_changed)
        start, start_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    if show_sql:
        print(f"-- {url}{' (cold)' if cold else ''}")
        for query in ctx.captured_queries:
            print("   ", query["sql"][:200])
    return statistics.median(times), statistics.median(cpu), len(ctx)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/kc-bench-serve.sqlite3")  # noqa: S108
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--sql", action="store_true", help="print the statements of each page")
    args = parser.parse_args()
    if not Path(args.db).exists():
        sys.exit(f"{args.db} does not exist: run `make bench-serve` (or bench/serve.py --setup-only) first.")
    setup(args.db)
    from django.test import Client

    client = Client(HTTP_USER_AGENT=BROWSER)
    # CPU time of this process (SQLite runs in it too) is hardly disturbed by other processes on
    # the machine; wall-clock time is.
    print(f"{'':<22}{'warm':>29}{'cold (after a write)':>29}")
    header = f"{'ms (median)':>12}{'CPU ms':>8}{'queries':>9}"
    print(f"{'page':<22}{header}{header}   target")
    for name, url in page_urls().items():
        warm = measure(client, url, args.rounds, args.sql)
        cold = measure(client, url, args.rounds, args.sql, cold=True)
        target = TARGETS.get(name)
        mark = f"< {target[0]} ms, <= {target[1]} queries" if target else ""
        figures = "".join(f"{ms:>12.1f}{cpu_ms:>8.1f}{queries:>9}" for ms, cpu_ms, queries in (warm, cold))
        print(f"{name:<22}{figures}   {mark}")


if __name__ == "__main__":
    main()
