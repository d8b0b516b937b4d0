"""Load benchmark: concurrent clients against ``onrecord serve --workers N``, reading while articles are
written, and a check afterwards that no acknowledged write was lost.

One run serves the same ledger twice, first with ``--compare`` worker processes (1: the server as it ran
before ``--workers``), then with ``--workers``, each time on a fresh copy of the ledger, and reports for
each:

- read latency, client side, p50/p95/p99/max, over ``--clients`` minus ``--writers`` threads that each
  send one request after another with no pause (keep-alive, one ``httpx.Client`` each) over a mix of
  the API (timeline, full-text search, statements in date order, the people list, one document) and the
  HTML pages (search, a person, an article);
- write latency: ``--writers`` threads each ``POST /api/documents`` a Reuters article that is not in the
  ledger, at most one every ``--write-interval`` seconds (the analysis runs in the server);
- errors: any answer other than 200 (201 for a new document) and any transport error or timeout;
- lost writes: after the server has stopped, every document a POST was answered for must be in the
  ledger with the number of statements the answer gave, and the ledger must hold exactly as many new
  documents as POSTs answered 201.

Timing starts after ``--warmup`` seconds of the same load (untimed; errors still count) and lasts
``--duration`` seconds; the whole run stops at ``--time-limit`` seconds and reports what it has. The
ledger is built from ``--build`` Reuters articles spread over the corpus (``bench/api.py``'s builder),
or copied from ``--db`` (never changed).

    .venv/bin/python bench/api_load.py                          # 300 articles, 20 clients, workers 1 vs 2
    .venv/bin/python bench/api_load.py --db /tmp/ld/base300.sqlite3 --workers 3 --duration 60
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import multiprocessing
import os
import platform
import random
import resource
import secrets
import sqlite3
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from api import (
    SHARED,
    build_ledger,
    copy_ledger,
    free_port,
    percentiles,
    query_targets,
    start_server,
    stop_server,
    wait_ready,
)
from onrecord.ingest.corpora import CorpusInput, detect

GOAL_P95_MS = 150.0
#: How often each endpoint comes up in a reader's mix (out of the sum): the API a tool pages through,
#: and the three pages a person opens most.
MIX = {
    "timeline": 3,
    "search": 3,
    "statements": 2,
    "people": 1,
    "document": 1,
    "search page (HTML)": 2,
    "person page (HTML)": 2,
    "document page (HTML)": 1,
}


@dataclass
class Phase:
    """What one server configuration answered: timings by endpoint, errors, and the writes it took."""

    workers: int
    reads: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    writes: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    accepted: list[dict[str, Any]] = field(default_factory=list)
    timed_seconds: float = 0.0
    client_cpu: float = 0.0
    server_cpu: float = 0.0
    cache_hits: int = 0
    #: CPU seconds the rest of the machine used meanwhile (other users' processes), and steal time.
    other_cpu: float = 0.0
    steal: float = 0.0

    def all_reads(self) -> list[float]:
        return [t for times in self.reads.values() for t in times]


@dataclass
class ClientPlan:
    """What one client process does: ``readers`` reading threads, and a writing thread per list in
    ``writes`` (the articles it posts, as JSON bodies)."""

    base: str
    token: str
    paths: dict[str, list[str]]
    readers: int
    writes: list[list[dict[str, Any]]]
    write_interval: float
    seed: int


def read_paths(db: Path, rng: random.Random, n: int = 400) -> dict[str, list[str]]:
    """Paths for every endpoint of ``MIX``: the most-quoted people, words from stored statements, and
    documents that carry statements (``bench/api.py``'s picks, plus documents)."""
    people, words = query_targets(db, n, rng)
    if not people or not words:
        sys.exit("the ledger holds no people or no statements to query")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    docs = [
        r[0]
        for r in con.execute(
            "SELECT document_id FROM statements GROUP BY document_id ORDER BY count(*) DESC LIMIT 100"
        )
    ]
    con.close()
    offsets = [0, 50, 100, 150]
    return {
        "timeline": [f"/api/people/{p}/timeline?limit=50" for p in people],
        "search": [f"/api/statements?q={w}&limit=50" for w in words],
        "statements": [f"/api/statements?limit=50&offset={o}" for o in offsets],
        "people": [f"/api/people?limit=50&offset={o}" for o in offsets],
        "document": [f"/api/documents/{d}" for d in docs],
        "search page (HTML)": [f"/?q={w}" for w in words],
        "person page (HTML)": [f"/people/{p}" for p in people],
        "document page (HTML)": [f"/documents/{d}" for d in docs],
    }


def new_articles(db: Path, n: int) -> list[dict[str, Any]]:
    """``n`` Reuters articles the ledger does not hold (by id), spread over the corpus, as the JSON bodies
    of ``POST /api/documents`` (the text is the corpus reader's bytes, so the id is the same)."""
    corpus = detect(SHARED / "data" / "reuters21578")
    if corpus is None:
        sys.exit(f"no Reuters corpus at {SHARED / 'data' / 'reuters21578'}")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    known = {r[0] for r in con.execute("SELECT id FROM documents UNION SELECT id FROM document_copies")}
    con.close()
    items = [i for i in corpus if isinstance(i, CorpusInput) and 400 < len(i.data) < 6000]
    # Offset by half a step from the builder's picks, so these are other articles from the same months.
    step = max(1.0, len(items) / max(n, 1))
    chosen: list[CorpusInput] = []
    seen: set[str] = set()
    for i in range(len(items)):
        item = items[int((i + 0.5) * step) % len(items)]
        doc_id = hashlib.sha256(item.data).hexdigest()
        if doc_id not in known and doc_id not in seen:
            seen.add(doc_id)
            chosen.append(item)
        if len(chosen) >= n:
            break
    return [{"text": a.data.decode("utf-8"), "published": a.published, "source": a.source} for a in chosen]


class _Window:
    """The timed window, shared with the parent: ``times[0]`` is when timing starts (0 until the parent
    knows; ``time.monotonic()``, one clock for every process of the machine) and ``stop`` ends the run."""

    def __init__(self, times: Any, stop: Any) -> None:
        self.times = times
        self.stop = stop

    def timed(self, started: float) -> bool:
        begin = self.times[0]
        return bool(begin) and started >= begin and not self.stop.is_set()


def _reader(plan: ClientPlan, window: _Window, out: Phase, lock: threading.Lock, seed: int) -> None:
    rng = random.Random(seed)
    names, weights = list(MIX), list(MIX.values())
    with httpx.Client(base_url=plan.base, timeout=60) as client:
        while not window.stop.is_set():
            name = rng.choices(names, weights)[0]
            path = rng.choice(plan.paths[name])
            started = time.monotonic()
            try:
                response = client.get(path)
            except httpx.HTTPError as err:
                with lock:
                    out.errors.append(f"GET {path}: {type(err).__name__}")
                continue
            elapsed = time.monotonic() - started
            with lock:
                if response.status_code != 200:
                    out.errors.append(f"GET {path}: {response.status_code}")
                elif window.timed(started):
                    out.reads[name].append(elapsed)
                    out.cache_hits += response.headers.get("x-onrecord-cache") == "hit"


def _writer(plan: ClientPlan, articles: list[dict[str, Any]], window: _Window, out: Phase,
            lock: threading.Lock) -> None:  # fmt: skip
    headers = {"Authorization": f"Bearer {plan.token}"}
    with httpx.Client(base_url=plan.base, timeout=120, headers=headers) as client:
        for body in articles:
            if window.stop.is_set():
                return
            started = time.monotonic()
            try:
                response = client.post("/api/documents", json=body)
            except httpx.HTTPError as err:
                with lock:
                    out.errors.append(f"POST {body['source']}: {type(err).__name__}")
                continue
            elapsed = time.monotonic() - started
            with lock:
                if response.status_code in (200, 201):
                    answer = response.json()
                    out.accepted.append(
                        {
                            "id": answer["document"]["id"],
                            "statements": answer["statements"],
                            "status": response.status_code,
                        }
                    )
                    if window.timed(started):
                        out.writes.append(elapsed)
                else:
                    out.errors.append(f"POST {body['source']}: {response.status_code} {response.text[:200]}")
            window.stop.wait(max(0.0, plan.write_interval - elapsed))


def client_process(plan: ClientPlan, times: Any, stop: Any, results: Any) -> None:
    """One client process: its threads run until ``stop``; what they saw goes back on ``results``.

    Clients run in several processes because one Python process holding 20 busy client threads makes
    each of them wait for its GIL after the server has answered, which would be counted as latency.
    """
    window, out, lock = _Window(times, stop), Phase(0), threading.Lock()
    threads = [
        threading.Thread(target=_reader, args=(plan, window, out, lock, plan.seed + i))
        for i in range(plan.readers)
    ]
    threads += [
        threading.Thread(target=_writer, args=(plan, mine, window, out, lock)) for mine in plan.writes
    ]
    for thread in threads:
        thread.start()
    results.put(("ready", None))
    while not times[0] and not stop.is_set():
        time.sleep(0.02)
    time.sleep(max(0.0, times[0] - time.monotonic()))
    cpu = _cpu()
    stop.wait()
    out.client_cpu = _cpu() - cpu
    for thread in threads:
        thread.join()
    results.put(("done", {**vars(out), "reads": dict(out.reads)}))


def lost_writes(db: Path, before: int, accepted: list[dict[str, Any]]) -> list[str]:
    """What the server acknowledged but the ledger does not hold, read after the server has stopped."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    problems = []
    for a in accepted:
        if con.execute("SELECT 1 FROM documents WHERE id = ?", (a["id"],)).fetchone() is None:
            problems.append(f"document {a['id'][:12]} answered {a['status']} is not in the ledger")
            continue
        held = con.execute("SELECT count(*) FROM statements WHERE document_id = ?", (a["id"],)).fetchone()[0]
        if held != a["statements"]:
            problems.append(f"document {a['id'][:12]}: {held} statements stored, {a['statements']} answered")
    documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    new = sum(1 for a in accepted if a["status"] == 201)
    if documents != before + new:
        problems.append(f"{documents} documents in the ledger, expected {before} + {new} answered 201")
    return problems


def run_phase(
    source: Path,
    tmp: Path,
    workers: int,
    paths: dict[str, list[str]],
    articles: list[dict[str, Any]],
    args: argparse.Namespace,
    deadline: float,
) -> tuple[Phase, list[str]]:
    """Serve a fresh copy of ``source`` with ``workers`` processes under the load; the phase and its lost
    writes."""
    db = tmp / f"ledger-workers-{workers}.sqlite3"
    copy_ledger(source, db)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    before = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    token = secrets.token_hex(16)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start_server(db, port, workers=workers, token=token)
    phase = Phase(workers)
    readers = args.clients - args.writers
    count = max(1, min(args.client_processes, args.clients))
    plans = [
        ClientPlan(base, token, paths, readers // count + (i < readers % count), [], args.write_interval, 0)
        for i in range(count)
    ]
    for w in range(args.writers):
        plans[w % count].writes.append(articles[w :: args.writers])
    context = multiprocessing.get_context("spawn")
    times, stop, results = context.Array("d", [0.0], lock=False), context.Event(), context.Queue()
    clients = []
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            wait_ready(client, process)
        for i, plan in enumerate(plans):
            plan.seed = args.seed + 1000 * i
            clients.append(context.Process(target=client_process, args=(plan, times, stop, results)))
            clients[-1].start()
        for _ in clients:
            results.get(timeout=120)  # "ready": every client process has started its threads
        times[0] = time.monotonic() + min(args.warmup, max(0.0, deadline - time.monotonic()))
        time.sleep(max(0.0, times[0] - time.monotonic()))
        server_cpu, machine = _tree_cpu(process.pid), _machine_cpu()
        stop.wait(min(args.duration, max(0.0, deadline - time.monotonic())))
        phase.timed_seconds = time.monotonic() - times[0]
        phase.server_cpu = _tree_cpu(process.pid) - server_cpu
        busy, steal = (b - a for a, b in zip(machine, _machine_cpu(), strict=True))
        stop.set()
        for _ in clients:
            _, seen = results.get(timeout=300)
            for name, times_seen in seen["reads"].items():
                phase.reads[name].extend(times_seen)
            phase.writes.extend(seen["writes"])
            phase.errors.extend(seen["errors"])
            phase.accepted.extend(seen["accepted"])
            phase.client_cpu += seen["client_cpu"]
            phase.cache_hits += seen["cache_hits"]
        phase.other_cpu = max(0.0, busy - phase.server_cpu - phase.client_cpu)
        phase.steal = steal
    finally:
        stop.set()
        for c in clients:
            c.join(timeout=30)
        stop_server(process)
    return phase, lost_writes(db, before, phase.accepted)


def _cpu() -> float:
    """CPU seconds of this process (the clients), to show what they took from the server's cores."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime


def _machine_cpu() -> tuple[float, float]:
    """CPU seconds the whole machine has been busy, and stolen by its host (Linux /proc/stat; else 0):
    on a shared machine, what others used during a run says how much was left for this one."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0, 0.0
    hz = os.sysconf("SC_CLK_TCK")
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq) / hz, steal / hz


def _tree_cpu(root: int) -> float:
    """CPU seconds of ``root`` and every process under it (Linux /proc; 0 elsewhere): the server's cost."""
    proc = Path("/proc")
    if not proc.is_dir():
        return 0.0
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        ticks[int(entry.name)] = int(fields[11]) + int(fields[12])  # utime, stime
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(ticks.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


def summary(phase: Phase, lost: list[str]) -> dict[str, Any]:
    reads = phase.all_reads()
    return {
        "workers": phase.workers,
        "reads": percentiles(reads),
        "reads_per_second": len(reads) / phase.timed_seconds if phase.timed_seconds else 0.0,
        "by_endpoint": {name: percentiles(times) for name, times in sorted(phase.reads.items())},
        "writes": percentiles(phase.writes),
        "writes_answered": len(phase.accepted),
        "writes_stored": sum(1 for a in phase.accepted if a["status"] == 201),
        "errors": len(phase.errors),
        "error_samples": phase.errors[:10],
        "lost_writes": len(lost),
        "lost_samples": lost[:10],
        "timed_seconds": phase.timed_seconds,
        "client_cpu_share": phase.client_cpu / phase.timed_seconds if phase.timed_seconds else 0.0,
        "server_cpu_share": phase.server_cpu / phase.timed_seconds if phase.timed_seconds else 0.0,
        "other_cpu_share": phase.other_cpu / phase.timed_seconds if phase.timed_seconds else 0.0,
        "steal_share": phase.steal / phase.timed_seconds if phase.timed_seconds else 0.0,
        "cache_hit_rate": phase.cache_hits / len(reads) if reads else 0.0,
    }


def _line(name: str, p: dict[str, Any]) -> str:
    if not p.get("n"):
        return f"  {name:22s} no requests timed"
    return (
        f"  {name:22s} n={p['n']:5d}  p50 {p['p50_ms']:7.1f}  p95 {p['p95_ms']:7.1f}  "
        f"p99 {p['p99_ms']:7.1f}  max {p['max_ms']:7.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="an existing SQLite ledger (copied; never changed)")
    ap.add_argument("--build", type=int, default=300, help="without --db: Reuters articles to ingest (300)")
    ap.add_argument("--ingest-workers", type=int, default=os.cpu_count() or 1, help="processes for --build")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes (CPU count)")
    ap.add_argument("--compare", type=int, default=1, help="server processes of the first run (1; 0: skip)")
    ap.add_argument("--clients", type=int, default=20, help="concurrent clients, writers included (20)")
    ap.add_argument("--writers", type=int, default=1, help="of the clients, how many POST articles (1)")
    ap.add_argument(
        "--client-processes", type=int, default=4, help="processes the clients' threads are spread over (4)"
    )
    ap.add_argument("--write-interval", type=float, default=1.0, help="seconds between a writer's POSTs (1)")
    ap.add_argument("--warmup", type=float, default=10, help="seconds of load before timing (10)")
    ap.add_argument("--duration", type=float, default=60, help="seconds timed per run (60)")
    ap.add_argument("--time-limit", type=float, default=600, help="seconds for the whole run, at most (600)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = ap.parse_args()
    if args.writers > args.clients:
        sys.exit("--writers cannot exceed --clients")
    deadline = time.monotonic() + args.time_limit
    rng = random.Random(args.seed)
    runs = [w for w in (args.compare, args.workers) if w > 0]
    runs = list(dict.fromkeys(runs))

    with tempfile.TemporaryDirectory(prefix="onrecord-load-bench-") as tmp_name:
        tmp = Path(tmp_name)
        source = tmp / "source.sqlite3"
        if args.db:
            copy_ledger(args.db, source)
        else:
            build_ledger(source, args.build, args.ingest_workers)
        paths = read_paths(source, rng)
        per_phase = int((args.warmup + args.duration) / args.write_interval) + 2
        articles = new_articles(source, per_phase * args.writers)
        con = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "statements", "people")
        }
        con.close()
        load_before = os.getloadavg()
        results = []
        for workers in runs:
            if time.monotonic() > deadline:
                print(f"workers={workers}: not run (time limit reached)")
                continue
            phase, lost = run_phase(source, tmp, workers, paths, articles, args, deadline)
            results.append(summary(phase, lost))

    figures: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python", "bench/api_load.py", *sys.argv[1:]]),
        "ledger": {**counts, "source": str(args.db) if args.db else f"{args.build} Reuters articles"},
        "clients": args.clients,
        "writers": args.writers,
        "write_interval_s": args.write_interval,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "runs": results,
    }
    print(
        f"ledger: {counts['documents']} documents, {counts['statements']} statements, "
        f"{counts['people']} people; {args.clients} clients ({args.writers} writing, "
        f"one POST per {args.write_interval:g} s at most)"
    )
    print(
        f"load average (1, 5, 15 min) before {', '.join(f'{x:.1f}' for x in load_before)}; "
        f"after {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs"
    )
    for r in results:
        print(
            f"workers={r['workers']}: {r['reads_per_second']:.0f} reads/s, errors {r['errors']}, "
            f"writes answered {r['writes_answered']} ({r['writes_stored']} new), lost {r['lost_writes']}, "
            f"cached answers {r['cache_hit_rate']:.0%}"
        )
        print(
            f"  CPU in cores: server {r['server_cpu_share']:.2f}, clients {r['client_cpu_share']:.2f}, "
            f"other processes {r['other_cpu_share']:.2f}, stolen by the host {r['steal_share']:.2f}"
        )
        print(_line("reads (all)", r["reads"]))
        for name, p in r["by_endpoint"].items():
            print(_line(name, p))
        print(_line("writes (POST)", r["writes"]))
        for sample in itertools.chain(r["error_samples"], r["lost_samples"]):
            print(f"  ! {sample}")
    if len(results) == 2 and results[0]["reads"].get("n") and results[1]["reads"].get("n"):
        first, last = results
        figures["ratio"] = {
            "p95": first["reads"]["p95_ms"] / last["reads"]["p95_ms"],
            "reads_per_second": last["reads_per_second"] / max(first["reads_per_second"], 1e-9),
        }
        print(
            f"workers={first['workers']} -> workers={last['workers']}: read p95 "
            f"{first['reads']['p95_ms']:.0f} -> {last['reads']['p95_ms']:.0f} ms "
            f"({figures['ratio']['p95']:.2f}x lower), throughput {figures['ratio']['reads_per_second']:.2f}x"
        )
    if results:
        r = results[-1]
        met = (
            r["reads"].get("n")
            and r["reads"]["p95_ms"] < GOAL_P95_MS
            and not r["errors"]
            and not r["lost_writes"]
        )
        print(
            f"goal (workers={r['workers']}, {args.clients} clients): read p95 < {GOAL_P95_MS:.0f} ms, "
            f"0 errors, 0 lost writes: {'met' if met else 'NOT met'}"
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
