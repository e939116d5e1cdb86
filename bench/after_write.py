"""The first search after one index write (issue 16): `.venv/bin/python bench/after_write.py`.

Every write to the search table (one editor publishing one page) gives the index a new
version; the database engine's per-process caches (facet bitmasks, each stem's matches, the
title index) must then follow it. This measures what a visitor waits for the first search
after such a write, at `--size` items made by `bench/run.py`'s generator: one single-item
write (in turn: a new item published, an existing one republished, the new one unpublished),
then one timed search: (a) the worst-case query "pesten", (b) the same with two facet filters
and all facet counts, (c) suggestions for "pes". Then the steady state, as `bench/run.py`
times it. The index is built once per database and kept (SQLite `/tmp/kc-bench-writes-N.sqlite3`,
PostgreSQL `BENCH_WRITES_POSTGRES_URL`, default database `kc_bench_writes`): building 100k
items takes minutes; `--rebuild` builds it again.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from run import FILTERS, machine, percentiles, start_django, synthetic, timed  # noqa: E402

POSTGRES_URL = os.environ.get(
    "BENCH_WRITES_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/kc_bench_writes"
)


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def worker(database: str, size: int, repeat: int, rebuild: bool) -> dict:
    start_django(POSTGRES_URL if database == "postgresql" else f"sqlite:////tmp/kc-bench-writes-{size}.sqlite3")
    from django.db import connection

    from search.analysis import parse_query, parse_suggest_input
    from search.backends.base import IndexDocument, SearchQuery
    from search.backends.database import database_backend
    from search.service import COUNTED_FACETS, synonyms

    backend = database_backend()
    if rebuild or backend.count() != size:
        print(f"[{database}] building {size} items…", file=sys.stderr, flush=True)
        backend.rebuild(synthetic(size))
        with connection.cursor() as cursor:
            if database == "postgresql":
                cursor.execute("VACUUM ANALYZE search_searchentry")
                cursor.execute("VACUUM ANALYZE search_searchfacetvalue")
            else:
                cursor.execute("ANALYZE")
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES('optimize')")
    with connection.cursor() as cursor:
        cursor.execute("show server_version" if database == "postgresql" else "select sqlite_version()")
        version = cursor.fetchone()[0]
    syn = synonyms()
    parsed = parse_query("pesten", syn)
    suggest_input = parse_suggest_input("pes", syn)
    cases = {
        "a": lambda: backend.search(SearchQuery(query=parsed, per_page=20)),
        "b": lambda: backend.search(
            SearchQuery(query=parsed, filters=FILTERS, per_page=20, facets=COUNTED_FACETS)
        ),
        "c": lambda: backend.suggest(*suggest_input),
    }
    existing = next(synthetic(1, seed=7))  # republished: a real item's content, key bench:0
    existing = IndexDocument(**{**existing.__dict__, "key": "bench:0"})
    fresh = IndexDocument(**{**existing.__dict__, "key": "bench-write:1", "url": "/bench-write/1/"})
    writes = [
        ("publish", lambda: backend.index([fresh])),
        ("republish", lambda: backend.index([existing])),
        ("unpublish", lambda: backend.delete([fresh.key])),
    ]
    writes[1][1]()  # the change log starts with the first write after migrating
    for fn in cases.values():  # warm every cache at the current version
        fn()
    out = {"database": database, "version": version, "size": size, "load_start": load()}
    samples: dict[str, list[float]] = {case: [] for case in cases}
    step = 0
    for _ in range(repeat):
        for case, fn in cases.items():
            writes[step % len(writes)][1]()
            step += 1
            start = time.perf_counter()
            fn()
            samples[case].append(time.perf_counter() - start)
    if step % len(writes):  # leave the index as it was: the fresh item unpublished
        backend.delete([fresh.key])
    out["after_write"] = {case: percentiles(s) for case, s in samples.items()}
    out["load_middle"] = load()
    out["steady"] = {case: timed(fn, repeat) for case, fn in cases.items()}
    out["load_end"] = load()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.size, args.repeat, args.rebuild)))
        return
    if "postgresql" in args.databases:
        os.environ["BENCH_POSTGRES_URL"] = POSTGRES_URL
        subprocess.run(  # creates the database when missing (bench/run.py's helper)
            [sys.executable, "-c", "import sys; sys.path.insert(0, 'bench'); "
             "import run; sys.exit(0 if run.ensure_postgres_database() else 1)"],
            cwd=ROOT, check=True,
        )
    m = machine()
    print(f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}; {args.size} items, "
          f"{args.repeat} runs; p50 / p95 ms; load = 1-minute load average (start/middle/end)")
    print(f"{'db':<18}{'case':<22}{'first search after a write':>28}{'steady state':>20}   load")
    labels = {"a": "(a) pesten", "b": "(b) pesten + facets", "c": "(c) suggest pes"}
    for database in args.databases.split(","):
        command = [sys.executable, __file__, "--worker", database, "--size", str(args.size),
                   "--repeat", str(args.repeat)] + (["--rebuild"] if args.rebuild else [])
        proc = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
        run = json.loads(proc.stdout.strip().splitlines()[-1])
        for case, label in labels.items():
            first, steady = run["after_write"][case], run["steady"][case]
            print(
                f"{database[:8] + ' ' + run['version'].split()[0]:<18}{label:<22}"
                f"{first['p50']:12.1f} / {first['p95']:8.1f}{steady['p50']:10.1f} / {steady['p95']:7.1f}"
                f"   {run['load_start']}/{run['load_middle']}/{run['load_end']}"
            )


if __name__ == "__main__":
    main()
