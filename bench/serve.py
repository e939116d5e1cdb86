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
PAGE_CACHE_DIR = "/tmp/kc-bench-serve-pagecache"  # noqa: S108


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/kc-bench-serve.sqlite3")  # noqa: S108
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--setup-only", action="store_true", help="build the database and stop")
    return parser.parse_args()


def base_env(db):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        SECRET_KEY="bench-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        MEDIA_ROOT="/tmp/kc-bench-serve-media",  # noqa: S108
        PAGE_CACHE_DIR=PAGE_CACHE_DIR,
        LOG_LEVEL="ERROR",
    )
    env.pop("REDIS_URL", None)
    return env


def build_database(db):
    if Path(db).exists():
        return
    print(f"== building {db} (migrate, demo content, search index)", flush=True)
    env = base_env(db)
    env["DJANGO_SETTINGS_MODULE"] = "kenniscentrum.settings.dev"
    for command in (["migrate", "--noinput"], ["load_demo_content"], ["rebuild_search_index"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def collect_static(db):
    """The production settings serve hashed static files (WhiteNoise's manifest)."""
    if (ROOT / "staticfiles" / "staticfiles.json").exists():
        return
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
    shutil.rmtree(PAGE_CACHE_DIR, ignore_errors=True)
    process = subprocess.Popen(  # noqa: S603
        [GUNICORN, "kenniscentrum.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning",
         # gunicorn 27's shared default control socket lets another gunicorn on the machine stop this one
         "--no-control-socket"],  # fmt: skip
        cwd=ROOT,
        env=env,
        stderr=open(Path(PAGE_CACHE_DIR + ".log"), "a"),  # noqa: SIM115 - the server's life
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


def load(url, args):
    out = subprocess.run(  # noqa: S603
        ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s", "--latency",
         "-H", f"User-Agent: {BROWSER}", url],  # fmt: skip
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {p: float(v) * UNIT_MS[u] for p, v, u in LATENCY.findall(out)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": latency["50"], "p99": latency["99"], "errors": int(errors.group(1)) if errors else 0}


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
                results.setdefault(name, {})[mode] = load(url, args)
                r = results[name][mode]
                line = f"{r['rps']:>9.0f} req/s  p50 {r['p50']:>7.1f} ms  p99 {r['p99']:>7.1f} ms"
                print(f"   {name:<26}{line}", flush=True)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

    bare = results["bare Django view (14 KB)"]["cached"]["rps"]
    print()
    heads = f"{'uncached req/s':>15}{'p50':>8}{'p99':>8}{'cached req/s':>14}{'p50':>8}{'p99':>8}{'x bare':>8}"
    print(f"{'page':<26}{heads}")
    for name, modes in results.items():
        u, c = modes["uncached"], modes["cached"]
        print(
            f"{name:<26}{u['rps']:>15.0f}{u['p50']:>8.1f}{u['p99']:>8.1f}"
            f"{c['rps']:>14.0f}{c['p50']:>8.1f}{c['p99']:>8.1f}{c['rps'] / bare:>8.2f}"
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
