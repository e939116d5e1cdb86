"""Relevance evaluation: `make bench-relevance` (or `.venv/bin/python bench/relevance/run.py`).

Loads the demo content into a fresh database per engine (SQLite file in /tmp; PostgreSQL database
`kc_relevance` when the server answers), runs every query of `queries.toml` through the public
search exactly as the results page does (`search.service.run_search`, 20 results), and prints
nDCG@10, P@5, R@20 and the zero-result rate per engine, next to a plain BM25 baseline over the
same items (rank-bm25's BM25Okapi over title + summary + body, tokens folded and stemmed with
the stock Dutch Snowball stemmer, PyStemmer `dutch`; no synonyms, stopwords or other help), and
how many queries get the same top 10 on SQLite and PostgreSQL.

The judgments (grades 0-3, keyed by stable identifiers, see `queries.toml`) were made by reading
the content, not by running the search. Gains are 2^grade - 1; P@5 and R@20 count grade >= 1.
Each database runs in a subprocess because Django's settings are fixed once per process.
Results go to bench/results/relevance-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
HERE = Path(__file__).resolve().parent
RESULTS = ROOT / "bench" / "results"
SQLITE_PATH = "/tmp/kc-relevance.sqlite3"  # noqa: S108
POSTGRES_URL = os.environ.get(
    "RELEVANCE_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/kc_relevance"
)
SECTION_PREFIX = {
    "toolkits": "tk",
    "onderzoek": "ond",
    "goede-praktijken": "gp",
    "nieuws": "nw",
    "vorming": "vm",
    "extern-materiaal": "ext",
}
HELP_PREFIX = {"hulplijn": "hulp/dienst", "hulproute": "hulp/route", "meldgids": "hulp/melden"}


def load_queries() -> list[dict]:
    with open(HERE / "queries.toml", "rb") as fh:
        return tomllib.load(fh)["q"]


# Metrics ------------------------------------------------------------------------------------


def dcg(gains: list[float]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at(ranked: list[str], rel: dict[str, int], k: int = 10) -> float:
    gains = [2 ** rel.get(i, 0) - 1 for i in ranked[:k]]
    ideal = sorted((2**g - 1 for g in rel.values()), reverse=True)[:k]
    return dcg(gains) / dcg(ideal) if ideal and dcg(ideal) else 0.0


def precision_at(ranked: list[str], rel: dict[str, int], k: int = 5) -> float:
    return sum(1 for i in ranked[:k] if rel.get(i, 0) >= 1) / k


def recall_at(ranked: list[str], rel: dict[str, int], k: int = 20) -> float:
    relevant = {i for i, g in rel.items() if g >= 1}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def score_runs(queries: list[dict], ranked: dict[str, list[str]], totals: dict[str, int]) -> dict:
    rows = []
    for q in queries:
        r = ranked[q["text"]]
        rows.append(
            {
                "ndcg10": ndcg_at(r, q["rel"]),
                "p5": precision_at(r, q["rel"]),
                "r20": recall_at(r, q["rel"]),
                "zero": totals[q["text"]] == 0,
                "kind": q["kind"],
            }
        )
    n = len(rows)

    def mean(key, subset=rows):
        return sum(float(r[key]) for r in subset) / len(subset) if subset else 0.0

    kinds = sorted({r["kind"] for r in rows})
    return {
        "ndcg10": mean("ndcg10"),
        "p5": mean("p5"),
        "r20": mean("r20"),
        "zero_rate": sum(r["zero"] for r in rows) / n,
        "by_kind": {k: mean("ndcg10", [r for r in rows if r["kind"] == k]) for k in kinds},
    }


# Worker (one database) ----------------------------------------------------------------------


def stable_id(entry) -> str | None:
    """A search-table row -> the identifier the judgments use (see queries.toml)."""
    from wagtail.models import Page

    from core.models import KennisDocument
    from glossary.models import GlossaryTerm

    kind, _, rest = entry.key.partition(":")
    if kind in HELP_PREFIX:
        return f"{HELP_PREFIX[kind]}/{rest}"
    if kind == "term":
        term = GlossaryTerm.objects.filter(pk=rest).first()
        return f"wl/{term.slug}" if term else None
    if kind == "document":
        return f"doc/{DOCUMENT_KEYS.get(KennisDocument.objects.get(pk=rest).title, rest)}"
    if kind == "page":
        page = Page.objects.get(pk=rest)
        parts = [p for p in page.url_path.split("/") if p][1:]  # drop the home page's slug
        if len(parts) == 2 and parts[0] in SECTION_PREFIX:
            return f"{SECTION_PREFIX[parts[0]]}/{parts[1]}"
        return "pag/" + "/".join(parts)
    return entry.key


DOCUMENT_KEYS: dict[str, str] = {}


def bm25_baseline(entries: dict[int, str], queries: list[dict]) -> tuple[dict, dict]:
    """Plain BM25 over the same rows: rank-bm25 + the stock Dutch Snowball stemmer."""
    import Stemmer
    from rank_bm25 import BM25Okapi

    from search.analysis import words

    stemmer = Stemmer.Stemmer("dutch")
    from search.models import SearchEntry

    rows = list(SearchEntry.objects.order_by("pk"))
    ids = [entries[r.pk] for r in rows]
    corpus = [stemmer.stemWords(words(f"{r.title} {r.summary} {r.body}")) for r in rows]
    bm25 = BM25Okapi(corpus)
    vocab = [set(doc) for doc in corpus]
    ranked, totals = {}, {}
    for q in queries:
        tokens = stemmer.stemWords(words(q["text"]))
        scores = bm25.get_scores(tokens)
        hits = [i for i in range(len(rows)) if vocab[i] & set(tokens)]
        hits.sort(key=lambda i: (-scores[i], i))
        ranked[q["text"]] = [ids[i] for i in hits[:20]]
        totals[q["text"]] = len(hits)
    return ranked, totals


def worker(database: str) -> dict:
    os.environ["DATABASE_URL"] = POSTGRES_URL if database == "postgresql" else f"sqlite:///{SQLITE_PATH}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenniscentrum.settings.dev")
    os.environ["DEBUG"] = "false"
    if database == "elasticsearch":
        # The search cluster at ELASTICSEARCH_URL answers; SQLite holds the content beside it.
        os.environ["SEARCH_INDEX_PREFIX"] = "relevance-kenniscentrum"
        os.environ.setdefault("ELASTICSEARCH_TIMEOUT", "10")
    else:
        os.environ.pop("ELASTICSEARCH_URL", None)
    sys.path.insert(0, str(ROOT))
    import io

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.http import QueryDict
    from django.test import override_settings

    from search.models import SearchEntry
    from search.service import run_search

    with override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="kc-relevance-media-")):
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_demo_content", stdout=io.StringIO())
        call_command("rebuild_search_index", stdout=io.StringIO())
    cache.clear()
    with open(ROOT / "fixtures" / "demo" / "documents.json") as fh:
        DOCUMENT_KEYS.update({v["title"]: k for k, v in json.load(fh).items()})
    entries = {e.pk: stable_id(e) or e.key for e in SearchEntry.objects.all()}
    by_key = {e.key: entries[e.pk] for e in SearchEntry.objects.all()}
    queries = load_queries()
    ranked, totals, engines = {}, {}, set()
    for q in queries:
        params = QueryDict(mutable=True)
        params["q"] = q["text"]
        page = run_search(params, source="bench", per_page=20)
        ranked[q["text"]] = [by_key.get(item.hit.key, item.hit.key) for item in page.items]
        totals[q["text"]] = page.total
        engines.add("database (fallback)" if page.results.degraded else page.results.backend)
    out = {"database": database, "items": len(entries), "ranked": ranked, "totals": totals}
    out["engines"] = sorted(engines)  # the cluster run must say ["elasticsearch"] only
    if database == "elasticsearch":
        from search.backends import get_backend

        get_backend().primary.drop()
    if database == "sqlite":
        out["bm25"], out["bm25_totals"] = bm25_baseline(entries, queries)
    return out


# Main ---------------------------------------------------------------------------------------


def fresh_postgres_database() -> bool:
    import psycopg

    base, name = POSTGRES_URL.rsplit("/", 1)
    try:
        with psycopg.connect(base + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL not reachable ({exc}); skipped.", file=sys.stderr)
        return False


def table(scores: dict[str, dict], agreement: float | None, n: int) -> str:
    lines = [
        f"Relevance on the demo content: {n} judged queries",
        "",
        f"{'engine':<22}{'nDCG@10':>9}{'P@5':>8}{'R@20':>8}{'zero results':>14}",
    ]
    for name, s in scores.items():
        lines.append(
            f"{name:<22}{s['ndcg10']:>9.3f}{s['p5']:>8.3f}{s['r20']:>8.3f}{s['zero_rate']:>13.1%}"
        )
    if agreement is not None:
        lines.append(f"\nSame top 10 on SQLite and PostgreSQL: {agreement:.1%} of queries")
    kinds = sorted(next(iter(scores.values()))["by_kind"])
    lines += ["", "nDCG@10 by kind of query:", f"{'':<22}" + "".join(f"{k[:11]:>12}" for k in kinds)]
    for name, s in scores.items():
        lines.append(f"{name:<22}" + "".join(f"{s['by_kind'][k]:>12.3f}" for k in kinds))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--databases",
        default="sqlite,postgresql" + (",elasticsearch" if os.environ.get("ELASTICSEARCH_URL") else ""),
        help="sqlite, postgresql, elasticsearch (the cluster at ELASTICSEARCH_URL)",
    )
    parser.add_argument("--show", action="store_true", help="print each query's nDCG@10 and top 5")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return
    queries = load_queries()
    runs = {}
    for database in args.databases.split(","):
        if database == "postgresql" and not fresh_postgres_database():
            continue
        if database in ("sqlite", "elasticsearch"):
            for suffix in ("", "-wal", "-shm"):
                Path(SQLITE_PATH + suffix).unlink(missing_ok=True)
        proc = subprocess.run(
            [sys.executable, __file__, "--worker", database],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        runs[database] = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{database}: answered by {', '.join(runs[database]['engines'])}", file=sys.stderr)
    scores = {
        f"{db} (ours)": score_runs(queries, run["ranked"], run["totals"]) for db, run in runs.items()
    }
    if "sqlite" in runs:
        scores["BM25 baseline"] = score_runs(queries, runs["sqlite"]["bm25"], runs["sqlite"]["bm25_totals"])
    agreement = None
    if {"sqlite", "postgresql"} <= runs.keys():
        same = [
            runs["sqlite"]["ranked"][q["text"]][:10] == runs["postgresql"]["ranked"][q["text"]][:10]
            for q in queries
        ]
        agreement = sum(same) / len(same)
    print(table(scores, agreement, len(queries)))
    if args.show:
        first = next(iter(runs.values()))
        for q in queries:
            r = first["ranked"][q["text"]]
            print(f"\n{ndcg_at(r, q['rel']):.2f} {q['text']!r} ({first['totals'][q['text']]}): {r[:5]}")
    report = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "queries": len(queries),
        "scores": scores,
        "same_top10": agreement,
        "runs": runs,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"relevance-{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(report, indent=2))
    print(f"\nSaved to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
