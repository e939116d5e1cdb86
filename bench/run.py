"""Search benchmark: `make bench` (or `.venv/bin/python bench/run.py --sizes 1000,10000`).

For each database (SQLite file in /tmp, PostgreSQL database `kc_bench`) and each size, it
generates N synthetic published items with Dutch text and taxonomy values, and measures
p50/p95 of
  (a) a text query (top 20),
  (b) a text query with two facet filters and all facet counts,
  (c) suggestions for a prefix,
both for a selective query (about 2% of the items) and for the worst case, a query that
matches every item.
Beside it runs Wagtail's own database search on the same text (a) and autocomplete (c).

Honest shortcuts, printed with the results:
- items go straight into the search table with `DatabaseBackend.bulk_insert` (the same rows
  the index would hold for published pages), not through page publishing;
- Wagtail's index is built for the same texts as `GlossaryTerm` rows (Wagtail indexes any
  `index.Indexed` model the same way), only up to --wagtail-max items (default 10,000):
  beyond that it is too slow here (SQLite: 1,000 by default, see --wagtail-max-sqlite).

Each database runs in a subprocess because Django's settings are fixed once per process.
Results go to bench/results/<timestamp>.json and a table is printed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SQLITE_PATH = "/tmp/kc-bench.sqlite3"  # noqa: S108
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/kc_bench")

# Run as a script (`python bench/run.py`): the project's packages are importable from its root.
sys.path.insert(0, str(ROOT))
from bench.corpus import FILTERS, QUERIES, synthetic  # noqa: E402


def percentiles(samples: list[float]) -> dict:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"p50": statistics.median(samples) * 1000, "p95": p95 * 1000}


def timed(fn, repeat: int) -> dict:
    fn()  # warm-up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return percentiles(samples)


# Worker (one database) ---------------------------------------------------------------------


def hung_server() -> int:
    """A local socket that accepts connections and never answers (a hung search cluster);
    returns its port. Lives as long as the worker process."""
    import socket
    import threading

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(100)
    held = []

    def run():
        while True:
            held.append(sock.accept()[0])

    threading.Thread(target=run, daemon=True).start()
    return sock.getsockname()[1]


def start_django(database_url: str) -> None:
    """Set up Django on `database_url` and migrate it. Settings are fixed once per process, so
    each database is measured in a worker process that calls this first."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenniscentrum.settings.dev")
    os.environ["DEBUG"] = "false"
    sys.path.insert(0, str(ROOT))
    import django  # lazy: the settings depend on DATABASE_URL, set just above

    django.setup()
    from django.core.management import call_command  # lazy: needs django.setup()

    call_command("migrate", verbosity=0, interactive=False)


def worker(database: str, sizes: list[int], repeat: int, wagtail_max: int) -> dict:
    """`database`: sqlite, postgresql, elasticsearch (the cluster at ELASTICSEARCH_URL, with
    SQLite beside it) or hung (FallbackBackend over a cluster that never answers, SQLite)."""
    start_django(POSTGRES_URL if database == "postgresql" else f"sqlite:///{SQLITE_PATH}-{database}")
    from django.db import connection

    from wagtail.search.backends import get_search_backend

    from glossary.models import GlossaryTerm
    from search.analysis import parse_query, parse_suggest_input
    from search.backends.base import SearchQuery
    from search.backends.database import database_backend
    from search.service import COUNTED_FACETS, synonyms

    backend = database_backend()
    wagtail = get_search_backend("default")
    syn = synonyms()
    version = connection.cursor()
    version.execute("show server_version" if database == "postgresql" else "select sqlite_version()")
    out = {"database": database, "version": version.fetchone()[0], "sizes": {}}
    indexer = backend
    if database == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchBackend

        backend = indexer = ElasticsearchBackend(
            url=os.environ["ELASTICSEARCH_URL"], prefix="bench-kenniscentrum", timeout=30
        )
        out["version"] = backend.cluster.replace(" ", "-")
        wagtail_max = 0
    elif database == "hung":
        from search.backends import FallbackBackend
        from search.backends.elasticsearch import ElasticsearchBackend

        # The production timeout (settings.ELASTICSEARCH_TIMEOUT) and circuit breaker.
        backend = FallbackBackend(
            ElasticsearchBackend(url=f"http://127.0.0.1:{hung_server()}"), database_backend()
        )
        indexer = backend.fallback
        out["version"] = f"timeout-{backend.primary.timeout}s"
        wagtail_max = 0

    for size in sizes:
        print(f"[{database}] {size} items: generating and indexing…", file=sys.stderr, flush=True)
        start = time.perf_counter()
        indexer.rebuild(synthetic(size))
        if database == "hung":
            # The first search after the cluster hangs waits for the timeout, then opens the
            # breaker; the ones after it go straight to the database (timed below).
            first_query = SearchQuery(query=parse_query("pesten"), per_page=20)
            backend.fallback.search(first_query)  # the database's caches warm, as in production
            # A cluster that hangs while the worker runs (one that hangs at start-up opens the
            # breaker during the start-up check already): the breaker is closed until now.
            backend.breaker.succeeded()
            first = time.perf_counter()
            backend.search(first_query)
            out["first_search_ms"] = round((time.perf_counter() - first) * 1000, 1)
        if database == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE search_searchentry")
                cursor.execute("VACUUM ANALYZE search_searchfacetvalue")
        elif database in ("sqlite", "hung"):
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES('optimize')")
        row = {"index_seconds": round(time.perf_counter() - start, 1)}
        for case, text in QUERIES.items():
            parsed = parse_query(text, syn)
            matched = backend.search(SearchQuery(query=parsed, per_page=1)).total

            def a(parsed=parsed):
                return backend.search(SearchQuery(query=parsed, per_page=20))

            def b(parsed=parsed):
                return backend.search(
                    SearchQuery(query=parsed, filters=FILTERS, per_page=20, facets=COUNTED_FACETS)
                )

            row[case] = {"matched": matched, "a": timed(a, repeat), "b": timed(b, repeat)}
        suggest_input = parse_suggest_input("pes", syn)
        row["c"] = timed(
            lambda suggest_input=suggest_input: backend.suggest(*suggest_input), repeat
        )

        if size <= wagtail_max:
            print(f"[{database}] {size} items: Wagtail index…", file=sys.stderr, flush=True)
            GlossaryTerm.objects.all().delete()
            terms = [
                GlossaryTerm(
                    term=d.title[:120], slug=f"bench-{i}", definition=f"{d.summary} {d.body}"
                )
                for i, d in enumerate(synthetic(size))
            ]
            GlossaryTerm.objects.bulk_create(terms, batch_size=1000)
            index = wagtail.get_index_for_model(GlossaryTerm)
            index.add_model(GlossaryTerm)
            objects = list(GlossaryTerm.objects.all())
            for i in range(0, len(objects), 1000):
                index.add_items(GlossaryTerm, objects[i : i + 1000])
            wagtail.refresh_indexes()
            row["wagtail"] = {}
            for case, text in QUERIES.items():

                def wa(text=text):
                    return list(wagtail.search(text, GlossaryTerm)[:20])

                def wb(text=text):
                    # Wagtail has no multi-select facets: the closest is one .facet() per facet
                    # on the full-text results; we time the text query + its count, a lower bound.
                    results = wagtail.search(text, GlossaryTerm)
                    list(results[:20])
                    return results.count()

                row["wagtail"][case] = {
                    "a": timed(wa, max(3, repeat // 3)),
                    "b": timed(wb, max(3, repeat // 3)),
                }
            row["wagtail"]["c"] = timed(
                lambda: list(wagtail.autocomplete("pes", GlossaryTerm)[:8]), max(3, repeat // 3)
            )
            GlossaryTerm.objects.all().delete()
        out["sizes"][size] = row
    indexer.rebuild([])
    if database == "elasticsearch":
        backend.drop()
    return out


# Driver -----------------------------------------------------------------------------------


def machine() -> dict:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def ensure_postgres_database() -> bool:
    import psycopg

    base = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"
    name = POSTGRES_URL.rsplit("/", 1)[1]
    try:
        with psycopg.connect(base, autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL not reachable ({exc}); skipped.", file=sys.stderr)
        return False


def fmt(cell: dict | None) -> str:
    return f"{cell['p50']:7.1f} / {cell['p95']:7.1f}" if cell else "          —      "


def ratio(ours: dict, theirs: dict | None) -> str:
    return f"{theirs['p95'] / ours['p95']:6.1f}×" if theirs and ours["p95"] else "     —"


def table(report: dict) -> str:
    lines = [
        f"Machine: {report['machine']['cpu']}, {report['machine']['cores']} cores, "
        f"Python {report['machine']['python']}",
        "Times in ms, p50 / p95. (a) text query, top 20; (b) text + 2 facet filters + all "
        "facet counts; (c) suggestions. 'ratio' = Wagtail p95 / ours p95 for (a).",
        "",
        f"{'db':<11}{'items':>8}  {'query':<10}{'matched':>8}  {'(a) ours':>17}  {'(b) ours':>17}"
        f"  {'(a) Wagtail':>17}  {'(b) Wagtail¹':>17}  {'ratio':>6}",
    ]
    for run in report["runs"]:
        for size, row in run["sizes"].items():
            for case in QUERIES:
                ours = row[case]
                theirs = row.get("wagtail", {}).get(case, {})
                lines.append(
                    f"{run['database'][:6] + ' ' + run['version'].split()[0]:<11}{int(size):>8}  "
                    f"{case:<10}{ours['matched']:>8}  {fmt(ours['a'])}  {fmt(ours['b'])}  "
                    f"{fmt(theirs.get('a'))}  {fmt(theirs.get('b'))}  "
                    f"{ratio(ours['a'], theirs.get('a'))}"
                )
            lines.append(
                f"{'':<11}{'':>8}  {'suggest':<10}{'':>8}  {fmt(row['c'])}  {'':>17}  "
                f"{fmt(row.get('wagtail', {}).get('c'))}   "
                f"(index built in {row['index_seconds']} s)"
            )
    lines.append("")
    lines.append("¹ Wagtail (b): its text query + count only; it has no multi-select facet counts,")
    lines.append("  so this is a lower bound. Wagtail measured up to --wagtail-max items.")
    lines.append("Target (b): p95 ≤ 50 ms at 10k, ≤ 150 ms at 100k items.")
    for run in report["runs"]:
        if "first_search_ms" in run:
            lines.append(
                f"Hung cluster ({run['version']}): first search {run['first_search_ms']} ms "
                "(timeout, then the breaker opens); the rows above are the searches after it."
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument(
        "--databases",
        default="sqlite,postgresql,hung" + (",elasticsearch" if os.environ.get("ELASTICSEARCH_URL") else ""),
        help="sqlite, postgresql, elasticsearch (needs ELASTICSEARCH_URL), hung (a cluster that never answers)",
    )
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--wagtail-max", type=int, default=10000)
    parser.add_argument(
        "--wagtail-max-sqlite",
        type=int,
        default=1000,
        help="Wagtail's SQLite search takes many seconds per query at 10k items; cap it lower",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.worker:
        print(json.dumps(worker(args.worker, sizes, args.repeat, args.wagtail_max)))
        return
    runs = []
    for database in args.databases.split(","):
        if database == "postgresql" and not ensure_postgres_database():
            continue
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}-{database}{suffix}").unlink(missing_ok=True)
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                database,
                "--sizes",
                args.sizes,
                "--repeat",
                str(args.repeat),
                "--wagtail-max",
                str(args.wagtail_max_sqlite if database == "sqlite" else args.wagtail_max),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    report = {
        "machine": machine(),
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "runs": runs,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(report, indent=2))
    print(table(report))
    print(f"\nSaved to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
