"""Three-node failover: does search keep working from the cluster when a node dies?

    NODES=3 SEARCHNODE_PORT=9210 bash scripts/searchnode.sh start
    .venv/bin/python bench/failover.py --url http://127.0.0.1:9210,http://127.0.0.1:9211,http://127.0.0.1:9212 \
        --kill "NODES=3 SEARCHNODE_PORT=9210 bash scripts/searchnode.sh kill 1"
    NODES=3 SEARCHNODE_PORT=9210 bash scripts/searchnode.sh stop

Indexes 2,000 synthetic items (one shard, one replica: `auto_expand_replicas` 0-1), runs
searches in a loop, kills a node after the first third, and counts per phase how many were
answered by the cluster, by the database (breaker open) or failed. Bounded: --searches.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--kill", required=True, help="shell command that kills one node")
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--items", type=int, default=2000)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = "sqlite:////tmp/kc-failover.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenniscentrum.settings.dev")
    os.environ["DEBUG"] = "false"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from bench.run import synthetic
    from search.analysis import parse_query
    from search.backends import FallbackBackend
    from search.backends.base import SearchQuery
    from search.backends.database import database_backend
    from search.backends.elasticsearch import ElasticsearchBackend

    call_command("migrate", verbosity=0, interactive=False)
    backend = FallbackBackend(
        ElasticsearchBackend(url=args.url, prefix="failover-kenniscentrum"), database_backend()
    )
    backend.rebuild(list(synthetic(args.items)))
    queries = ["pesten", "spijbelen", "school ouders", "cyberpesten sexting"]
    phases = {"before": [0, 0, 0], "after": [0, 0, 0]}
    times = {"before": [], "after": []}
    killed_at = args.searches // 3
    for n in range(args.searches):
        phase = "before" if n < killed_at else "after"
        if n == killed_at:
            subprocess.run(args.kill, shell=True, check=True, cwd=ROOT)  # noqa: S602
        start = time.perf_counter()
        try:
            results = backend.search(SearchQuery(query=parse_query(queries[n % len(queries)])))
            phases[phase][0 if not results.degraded else 1] += 1
        except Exception as exc:  # noqa: BLE001 - counted and printed
            phases[phase][2] += 1
            print(f"search {n} failed: {exc!r}", file=sys.stderr)
        times[phase].append((time.perf_counter() - start) * 1000)
    for phase, (cluster, database, failed) in phases.items():
        ordered = sorted(times[phase])
        p50 = ordered[len(ordered) // 2]
        p95 = ordered[int(len(ordered) * 0.95) - 1]
        print(
            f"{phase} kill: {cluster} from the cluster, {database} from the database, "
            f"{failed} failed; p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms"
        )
    backend.primary.drop()


if __name__ == "__main__":
    main()
