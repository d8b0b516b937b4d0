"""API latency benchmark: ``onrecord serve`` in a second process on 127.0.0.1, timed from this one.

Reports p50/p95/max latency (client side, over loopback, keep-alive, one request at a time) of:

- ``GET /api/people/{id}/timeline?limit=50`` for the most-quoted people (a long record is the worst case:
  the page is sorted out of all their statements, and counted);
- ``GET /api/statements?q=WORD&limit=50`` for words drawn from stored statements (full-text search,
  ranked, counted);
- and, for comparison, the person page and the search page as HTML.

The goal is p95 under 100 ms for the two API endpoints. The run is bounded: ``--requests`` per endpoint
(after ``--warmup``), and ``--time-limit`` seconds in all, after which it reports what it has.

The ledger is copied first (SQLite's backup API, safe while another process uses it), because opening
a ledger applies pending migrations and this benchmark must change nothing it is pointed at.

    .venv/bin/python bench/api.py --db /tmp/bench/full.sqlite3          # an existing Reuters ledger
    .venv/bin/python bench/api.py --build 2000                          # ingest 2,000 Reuters articles first
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ONRECORD_SHARED", REPO.parent / "shared"))
_WORD = re.compile(r"[A-Za-z]{5,}")
_STOP = set(
    "about after again their there these those which would could should where while being said".split()
)


def percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    if not ordered:
        return {"n": 0}

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000

    return {
        "n": len(ordered),
        "p50_ms": at(0.5),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
        "max_ms": ordered[-1] * 1000,
    }


def copy_ledger(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite ledger even while another process reads or writes it."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()


def build_ledger(target: Path, n: int, workers: int) -> None:
    """A ledger of ``n`` Reuters-21578 articles spread over the corpus, through the ledger's own ingest."""
    from onrecord.ingest.corpora import detect
    from onrecord.ledger import Ledger
    from onrecord.ledger.ingest import ingest_inputs

    corpus = detect(SHARED / "data" / "reuters21578")
    if corpus is None:
        sys.exit(f"no Reuters corpus at {SHARED / 'data' / 'reuters21578'}")
    items = list(corpus)
    step = max(1.0, len(items) / n)
    chosen = [items[int(i * step)] for i in range(min(n, len(items)))]
    started = time.perf_counter()
    with Ledger(str(target)) as ledger:
        report = ingest_inputs(ledger, chosen, workers=workers)
    print(
        f"built: {report.stored} documents, {report.statements} statements, "
        f"{time.perf_counter() - started:.0f} s"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, *, workers: int = 1, token: str = "") -> subprocess.Popen[bytes]:
    """``onrecord serve`` on 127.0.0.1 in a child process (read-only unless ``token``), quiet per request."""
    env = {**os.environ, "ONRECORD_LOG_LEVEL": "warning", "ONRECORD_TOKEN": token}
    command = [sys.executable, "-c", "from onrecord.cli import app; app()", "serve", "--db", str(db)]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    if workers != 1:  # the default; left out, so the benchmarks also run against a serve without --workers
        command += ["--workers", str(workers)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(client: httpx.Client, process: subprocess.Popen[bytes], limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while True:
        try:
            if client.get("/api/stats").status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            err = process.stderr.read().decode(errors="replace") if process.stderr else ""
            sys.exit(f"onrecord serve exited: {err}")
        if time.monotonic() > deadline:
            sys.exit("onrecord serve did not answer in time")
        time.sleep(0.2)


def stop_server(process: subprocess.Popen[bytes], grace: float = 20) -> None:
    """SIGTERM (uvicorn stops its workers and finishes what they answer), SIGKILL after ``grace`` s."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def query_targets(db: Path, n: int, rng: random.Random) -> tuple[list[int], list[str]]:
    """The most-quoted people and words drawn from stored statements (read straight from the copy)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    people = [
        r[0]
        for r in con.execute(
            "SELECT person_id FROM statements WHERE person_id IS NOT NULL "
            "GROUP BY person_id ORDER BY count(*) DESC LIMIT 50"
        )
    ]
    total = con.execute("SELECT max(id) FROM statements").fetchone()[0] or 0
    words: list[str] = []
    tries = 0
    while len(words) < n and tries < n * 20 and total:
        tries += 1
        row = con.execute(
            "SELECT content_text FROM statements WHERE id = ?", (rng.randint(1, total),)
        ).fetchone()
        if not row:
            continue
        candidates = [w.lower() for w in _WORD.findall(row[0]) if w.lower() not in _STOP]
        if candidates:
            words.append(rng.choice(candidates))
    con.close()
    return people, words


def _time(client: httpx.Client, paths: list[str], deadline: float, warmup: int) -> tuple[list[float], int]:
    times: list[float] = []
    errors = 0
    for i, path in enumerate(paths):
        if time.monotonic() > deadline:
            break
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            errors += 1
        elif i >= warmup:
            times.append(elapsed)
    return times, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="an existing SQLite ledger (copied; never changed)")
    ap.add_argument("--build", type=int, default=2000, help="without --db: Reuters articles to ingest (2000)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="ingest processes for --build")
    ap.add_argument("--requests", type=int, default=300, help="timed requests per endpoint (300)")
    ap.add_argument("--warmup", type=int, default=20, help="untimed requests first, per endpoint (20)")
    ap.add_argument("--time-limit", type=float, default=240, help="seconds for all timing, at most (240)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="onrecord-api-bench-") as tmp:
        db = Path(tmp) / "ledger.sqlite3"
        if args.db:
            copy_ledger(args.db, db)
        else:
            build_ledger(db, args.build, args.workers)
        people, words = query_targets(db, args.requests + args.warmup, rng)
        if not people or not words:
            sys.exit("the ledger holds no people or no statements to query")
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "statements", "people", "contradictions")
        }
        top = con.execute("SELECT count(*) FROM statements WHERE person_id = ?", (people[0],)).fetchone()[0]
        con.close()
        n = args.requests + args.warmup
        endpoints = {
            "timeline": [f"/api/people/{people[i % len(people)]}/timeline?limit=50" for i in range(n)],
            "search": [f"/api/statements?q={words[i % len(words)]}&limit=50" for i in range(n)],
            "person page (HTML)": [f"/people/{people[i % len(people)]}" for i in range(n)],
            "search page (HTML)": [f"/?q={words[i % len(words)]}" for i in range(n)],
        }
        port = free_port()
        process = start_server(db, port)
        results: dict[str, Any] = {}
        load_before = os.getloadavg()
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                wait_ready(client, process)
                load_before = os.getloadavg()
                deadline = time.monotonic() + args.time_limit
                for name, paths in endpoints.items():
                    times, errors = _time(client, paths, deadline, args.warmup)
                    results[name] = {**percentiles(times), "errors": errors}
        finally:
            stop_server(process)

    figures = {
        "date": dt.date.today().isoformat(),
        "command": " ".join(["python", "bench/api.py", *sys.argv[1:]]),
        "ledger": {**counts, "source": str(args.db) if args.db else f"{args.build} Reuters articles"},
        "most_quoted_statements": top,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "results": results,
    }
    print(
        f"ledger: {counts['documents']} documents, {counts['statements']} statements, "
        f"{counts['people']} people"
    )
    print(
        f"most-quoted person: {top} statements; {len(people)} people and {len(set(words))} "
        "distinct words queried"
    )
    print(
        f"load average (1, 5, 15 min) before {', '.join(f'{x:.1f}' for x in load_before)}; "
        f"after {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs"
    )
    for name, r in results.items():
        if r.get("n"):
            goal = " (goal p95 < 100 ms)" if not name.endswith("(HTML)") else ""
            print(
                f"{name:20s} n={r['n']:4d}  p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  "
                f"max {r['max_ms']:6.1f} ms  errors {r['errors']}{goal}"
            )
        else:
            print(f"{name:20s} not timed (time limit reached)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
