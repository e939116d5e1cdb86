"""Page-serving throughput with analytics counting on versus off, side by side in one run.

    .venv/bin/python bench/analytics_throughput.py [--rounds 6] [--per-url 20] [--threads 1]

The site runs in this process behind Django's real WSGI handler (all middleware, the real
templates, the SQLite file database with its production settings: WAL, a new connection per
request), without a network in between, so the difference measured is the cost of counting
itself. The modes alternate in small blocks (one pass over the pages each, ABBA order), so
drift and the load of other processes on the machine hit both modes alike; besides wall-clock
throughput, CPU time per request (of the serving thread) is reported, which other processes
hardly disturb. Every "on" request is counted (a browser user agent, no
cookies), i.e. one UPSERT per page view, written after the response, as in production.

The database is a scratch copy (default /tmp/kc-bench-analytics.sqlite3) with the demo content;
it is created on the first run (migrate + load_demo_content, a few minutes). Results go to
stdout as a table and to bench/results/analytics_throughput.json.
"""

import argparse
import io
import json
import os
import platform
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/kc-bench-analytics.sqlite3")  # noqa: S108
    parser.add_argument("--blocks", type=int, default=120, help="blocks per mode")
    parser.add_argument("--threads", type=int, default=1, help="concurrent request threads")
    parser.add_argument("--pages", type=int, default=8, help="number of distinct pages")
    return parser.parse_args()


def setup_django(db_path):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenniscentrum.settings.dev")
    os.environ["DEBUG"] = "false"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("MEDIA_ROOT", "/tmp/kc-bench-analytics-media")  # noqa: S108
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from wagtail.models import Page

    call_command("migrate", verbosity=0, interactive=False)
    if Page.objects.filter(depth__gte=3).count() < 5:
        print("Loading the demo content into the benchmark database (once)...", flush=True)
        call_command("load_demo_content", verbosity=0)
        try:
            call_command("rebuild_search_index", verbosity=0)
        except Exception as error:  # the search page is then simply absent from the mix
            print(f"(search index not built: {error})")
    connection.close()


def pick_urls(count):
    from wagtail.models import Page

    urls = ["/"]
    seen_types = set()
    for page in Page.objects.live().public().filter(depth__gte=3).specific().order_by("path"):
        kind = type(page).__name__
        url = page.url
        if url and (kind not in seen_types or len(urls) < count // 2):
            seen_types.add(kind)
            urls.append(url)
        if len(urls) >= count - 1:
            break
    urls.append("/zoeken/?q=pesten")
    return urls


def environ_for(url):
    path, _, query = url.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "localhost",
        "HTTP_USER_AGENT": BROWSER,
        "HTTP_ACCEPT": "text/html",
        "HTTP_ACCEPT_LANGUAGE": "nl-BE,nl;q=0.9",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }


def request(app, url):
    """One request as a WSGI server makes it: call, read the body, close (counting runs)."""
    status = []

    def start_response(code, headers, exc_info=None):
        status.append(code)

    started = time.perf_counter()
    cpu_started = time.thread_time()
    result = app(environ_for(url), start_response)
    try:
        for _chunk in result:
            pass
    finally:
        if hasattr(result, "close"):
            result.close()
    elapsed = time.perf_counter() - started
    cpu = time.thread_time() - cpu_started
    if not status or not status[0].startswith("200"):
        raise RuntimeError(f"{url}: {status}")
    return elapsed, cpu


def run_block(app, urls, threads, pool=None):
    started = time.perf_counter()
    if pool is not None:
        measured = list(pool.map(lambda u: request(app, u), urls * threads))
    else:
        measured = [request(app, u) for u in urls]
    return measured, time.perf_counter() - started


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    args = parse_args()
    setup_django(args.db)
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.db.models import Sum

    from analytics.models import DailyPageView

    app = get_wsgi_application()
    urls = pick_urls(args.pages)
    counted_before = DailyPageView.objects.aggregate(n=Sum("count"))["n"] or 0
    connection.close()

    results = {mode: {"latencies": [], "cpu": [], "seconds": 0.0} for mode in ("off", "on")}
    pool = ThreadPoolExecutor(max_workers=args.threads) if args.threads > 1 else None
    warmup_blocks = 3
    for mode in ("off", "on"):  # warm up both: templates, caches, connections
        settings.ANALYTICS_ENABLED = mode == "on"
        for _ in range(warmup_blocks):
            run_block(app, urls, args.threads, pool)
    warmup_counted = len(urls) * args.threads * warmup_blocks
    for block in range(args.blocks):
        order = ("off", "on") if block % 2 == 0 else ("on", "off")
        for mode in order:
            settings.ANALYTICS_ENABLED = mode == "on"
            measured, seconds = run_block(app, urls, args.threads, pool)
            results[mode]["latencies"] += [m[0] for m in measured]
            results[mode]["cpu"] += [m[1] for m in measured]
            results[mode]["seconds"] += seconds
    settings.ANALYTICS_ENABLED = True
    if pool is not None:
        pool.shutdown()
    from analytics.counting import buffer

    buffer.flush()  # what the process would write at its next interval or at exit

    counted = (DailyPageView.objects.aggregate(n=Sum("count"))["n"] or 0) - counted_before
    summary = {}
    for mode, data in results.items():
        lat = data["latencies"]
        summary[mode] = {
            "requests": len(lat),
            "requests_per_second": round(len(lat) / data["seconds"], 1),
            "p50_ms": round(statistics.median(lat) * 1000, 2),
            "p95_ms": round(percentile(lat, 0.95) * 1000, 2),
            "cpu_ms_per_request": round(statistics.mean(data["cpu"]) * 1000, 2),
        }
    ratio = summary["on"]["requests_per_second"] / summary["off"]["requests_per_second"]
    cpu_ratio = summary["off"]["cpu_ms_per_request"] / summary["on"]["cpu_ms_per_request"]
    report = {
        "ratio_on_over_off": round(ratio, 3),
        "cpu_ratio_on_over_off": round(cpu_ratio, 3),
        "target": 0.95,
        "modes": summary,
        "page_views_counted_during_on": counted,
        "expected_counted": summary["on"]["requests"] + warmup_counted,
        "urls": urls,
        "threads": args.threads,
        "machine": {
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "database": f"SQLite {connection.Database.sqlite_version} (WAL)",
        },
    }
    try:
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    report["machine"]["load_average_at_end"] = load
    print(f"Pages: {len(urls)} ({', '.join(urls)}); {args.blocks} blocks per mode")
    print(f"Machine: {report['machine']}")
    print()
    print("| counting | requests | req/s | p50 ms | p95 ms | CPU ms/request |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for mode in ("off", "on"):
        m = summary[mode]
        print(
            f"| {mode} | {m['requests']} | {m['requests_per_second']} | {m['p50_ms']} "
            f"| {m['p95_ms']} | {m['cpu_ms_per_request']} |"
        )
    print()
    verdict = "meets" if ratio >= 0.95 else "BELOW"
    print(f"Throughput ratio on/off: {ratio:.3f} ({verdict} the target 0.95)")
    print(f"CPU-time ratio on/off: {cpu_ratio:.3f} (less sensitive to other load on the machine)")
    print(f"Page views counted while on: {counted} (expected {report['expected_counted']})")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "analytics_throughput.json").write_text(json.dumps(report, indent=2))
    return 0 if counted == report["expected_counted"] else 1


if __name__ == "__main__":
    sys.exit(main())
