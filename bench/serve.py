"""`make bench-serve`: requests per second and latency of real pages, cached and uncached.

    .venv/bin/python bench/serve.py [--duration 5] [--connections 10] [--setup-only]

Starts gunicorn (2 sync workers, the production settings, DEBUG off, SQLite with the demo
content in a scratch file) twice: once with the page cache off, once on. Each time it loads a
bare Django view (14 KB of HTML, same server and middleware) and the real pages with the same
load generator, wrk (Debian's `wrk`), one URL after the other, with a browser user agent (so
every view is counted by analytics, as in production). Prints req/s, p50 and p99 per page and
writes bench/results/serve.json. The first run builds the database (a few minutes).
"""

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/kc-bench-serve.sqlite3")  # noqa: S108
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--setup-only", action="store_true", help="build the database and stop")
    return parser.parse_args()


def page_cache_dir(db):
    """Beside the database: two runs with their own databases never empty each other's cache."""
    return f"{db}.pagecache"


def base_env(db):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        SECRET_KEY="bench-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        MEDIA_ROOT="/tmp/kc-bench-serve-media",  # noqa: S108
        PAGE_CACHE_DIR=page_cache_dir(db),
        LOG_LEVEL="ERROR",
    )
    env.pop("REDIS_URL", None)
    return env


def build_database(db):
    env = base_env(db)
    env["DJANGO_SETTINGS_MODULE"] = "kenniscentrum.settings.dev"
    if Path(db).exists():
        # Made by an older checkout perhaps: bring its tables up to this code's migrations.
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
        return
    print(f"== building {db} (migrate, demo content, search index)", flush=True)
    for command in (["migrate", "--noinput"], ["load_demo_content"], ["rebuild_search_index"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def collect_static(db):
    """The production settings serve hashed static files (WhiteNoise's manifest): collected on
    every run, so a stylesheet added since the last run does not fail the pages."""
    env = base_env(db)
    env["DJANGO_SETTINGS_MODULE"] = "bench.serve_settings"
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )


def page_urls(db):
    """Demo pages: the first toolkit and research summary in the tree."""
    env = base_env(db)
    env["DJANGO_SETTINGS_MODULE"] = "kenniscentrum.settings.dev"
    code = (
        "from toolkits.models import ToolkitPage; from research.models import ResearchPage; "
        "print(ToolkitPage.objects.live().order_by('path').first().url); "
        "print(ResearchPage.objects.live().order_by('path').first().url)"
    )
    out = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "shell", "-v0", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.split()[-2:]  # Django 5.2's shell may first say how many objects it imported
    return [
        ("bare Django view (14 KB)", "/bench/kaal/"),
        ("home", "/"),
        ("toolkit", out[0]),
        ("research summary", out[1]),
        ("/onderwijs/", "/onderwijs/"),
        ("search with a query", "/zoeken/?q=pesten"),
    ]


def start_server(db, port, cached):
    env = base_env(db)
    env.update(DJANGO_SETTINGS_MODULE="bench.serve_settings", PAGE_CACHE_ENABLED="1" if cached else "0")
    shutil.rmtree(page_cache_dir(db), ignore_errors=True)
    process = subprocess.Popen(  # noqa: S603
        [GUNICORN, "kenniscentrum.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning",
         # gunicorn 27's shared default control socket lets another gunicorn on the machine stop this one
         "--no-control-socket"],  # fmt: skip
        cwd=ROOT,
        env=env,
        stderr=open(Path(page_cache_dir(db) + ".log"), "a"),  # noqa: SIM115 - the server's life
    )
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/gezond/", timeout=2):  # noqa: S310
                return process
        except OSError:
            if process.poll() is not None:
                sys.exit("gunicorn did not start")
            time.sleep(0.2)
    process.kill()
    sys.exit("gunicorn did not answer within 60 s")


def warm(url):
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER})  # noqa: S310
    for _ in range(4):  # both workers: renditions, site root paths, the page cache
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            assert response.status == 200, url
            response.read()


LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNIT_MS = {"us": 0.001, "ms": 1, "s": 1000}


def workers_cpu_seconds(server) -> float:
    """CPU time (user + system) the server's worker processes have used so far."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == server.pid:  # a worker: its parent is the gunicorn master
                total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def load(url, args, server):
    before = workers_cpu_seconds(server)
    out = subprocess.run(  # noqa: S603
        ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s", "--latency",
         "-H", f"User-Agent: {BROWSER}", url],  # fmt: skip
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    cpu = workers_cpu_seconds(server) - before
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {p: float(v) * UNIT_MS[u] for p, v, u in LATENCY.findall(out)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps, "p50": latency["50"], "p99": latency["99"], "errors": int(errors.group(1)) if errors else 0,
        # The server's own CPU per request: what other processes on the machine do not change.
        "cpu_ms": 1000 * cpu / max(requests, 1),
    }  # fmt: skip


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `apt-get install wrk` (Debian), or `bash scripts/services.sh bench`.")
    build_database(args.db)
    collect_static(args.db)
    if args.setup_only:
        return
    urls = page_urls(args.db)
    if not args.port:  # a fixed port may be another server's: /gezond/ would answer for it
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            args.port = sock.getsockname()[1]
    results = {}
    for cached in (False, True):
        mode = "cached" if cached else "uncached"
        print(f"== {mode}: gunicorn, 2 workers, {args.connections} connections, {args.duration} s per page", flush=True)
        server = start_server(args.db, args.port, cached)
        try:
            for name, path in urls:
                url = f"http://127.0.0.1:{args.port}{path}"
                warm(url)
                results.setdefault(name, {})[mode] = load(url, args, server)
                r = results[name][mode]
                line = f"{r['rps']:>9.0f} req/s  p50 {r['p50']:>7.1f} ms  p99 {r['p99']:>7.1f} ms"
                line += f"  CPU {r['cpu_ms']:.2f} ms"
                print(f"   {name:<26}{line}", flush=True)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

    bare = results["bare Django view (14 KB)"]["cached"]
    print()
    # "x bare": cached req/s against the bare view's; "x bare CPU": the bare view's server CPU per
    # request against the page's (the same ratio, but not moved by other load on the machine).
    heads = (
        f"{'uncached req/s':>15}{'p50':>8}{'p99':>8}{'cached req/s':>14}{'p50':>8}{'p99':>8}"
        f"{'CPU ms':>8}{'x bare':>8}{'x bare CPU':>11}"
    )
    print(f"{'page':<26}{heads}")
    for name, modes in results.items():
        u, c = modes["uncached"], modes["cached"]
        print(
            f"{name:<26}{u['rps']:>15.0f}{u['p50']:>8.1f}{u['p99']:>8.1f}"
            f"{c['rps']:>14.0f}{c['p50']:>8.1f}{c['p99']:>8.1f}{c['cpu_ms']:>8.2f}"
            f"{c['rps'] / bare['rps']:>8.2f}{bare['cpu_ms'] / c['cpu_ms']:>11.2f}"
        )
    machine = {
        "cpus": os.cpu_count(),
        "cpu": next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name")), platform.processor()),  # fmt: skip
        "load_average_at_end": os.getloadavg(),
        "python": platform.python_version(),
    }
    print(f"\nmachine: {machine['cpus']} CPUs, {machine['cpu']}, load average {machine['load_average_at_end']}")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "serve.json").write_text(json.dumps({"machine": machine, "args": vars(args), "results": results}, indent=2))


if __name__ == "__main__":
    main()
