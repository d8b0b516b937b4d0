"""Ledger benchmark: ingest Reuters-21578 and PolNeAR train+dev into a fresh SQLite ledger and time it.

Reports, from one run:

- documents per second of ``Ledger.ingest`` (read, parse in worker processes, resolve people, write),
  and its ratio to bare spaCy ``nlp.pipe`` (``onrecord.nlp.load_base()``, the same model without
  onrecord's components) over the same texts (the stored ``documents.text``), with the same number of
  processes (``n_process=workers``); and the same ratio in CPU seconds (this process and its
  finished worker processes), which does not move with whatever else runs on a shared machine;
- database size per 1,000 articles (after a WAL checkpoint);
- p50/p95/max latency of ``Ledger.timeline`` over the most-quoted people and ``Ledger.search`` over
  words drawn from stored statements (``--queries`` each; goal p95 < 50 ms on SQLite).

    .venv/bin/python bench/ingest.py --n 300            # 300 Reuters articles + 300 PolNeAR articles
    .venv/bin/python bench/ingest.py --full             # all of Reuters (~19,000) and PolNeAR train+dev
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

import sqlalchemy as sa

from onrecord import nlp as nlp_module
from onrecord.ingest.corpora import detect
from onrecord.ledger import Ledger
from onrecord.ledger.ingest import ingest_inputs

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ONRECORD_SHARED", REPO.parent / "shared"))
_WORD = re.compile(r"[A-Za-z]{5,}")
_STOP = set("about after again their there these those which would could should where while being".split())


def _sample(corpus_path: Path, n: int | None) -> list:
    corpus = detect(corpus_path)
    if corpus is None:
        sys.exit(f"not a known corpus: {corpus_path}")
    items = list(corpus)
    if n is None or n >= len(items):
        return items
    step = len(items) / n  # spread over the whole corpus (Reuters files run Feb..Oct 1987)
    return [items[int(i * step)] for i in range(n)]


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (worker processes)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000

    return {"p50_ms": at(0.5), "p95_ms": at(0.95), "max_ms": ordered[-1] * 1000, "n": len(ordered)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="articles from each corpus (default 200)")
    ap.add_argument("--full", action="store_true", help="every Reuters article and all of PolNeAR train+dev")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--db", help="ledger file (default: a fresh temporary file); must not exist")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    ap.add_argument("--skip-bare", action="store_true", help="do not time bare spaCy")
    args = ap.parse_args()
    n = None if args.full else args.n

    reuters = SHARED / "data" / "reuters21578"
    polnear = SHARED / "data" / "polnear"
    items = _sample(reuters, n)
    pol = []
    for split in ("train", "dev"):
        pol.extend(_sample(polnear / split, None))
    if n is not None:
        pol = pol[:: max(1, len(pol) // n)][:n]
    items.extend(pol)
    print(f"inputs: {len(items)} ({len(items) - len(pol)} Reuters, {len(pol)} PolNeAR)", flush=True)

    db = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="onrecord-bench-")) / "ledger.sqlite3"
    if db.exists():
        sys.exit(f"{db} exists: the benchmark needs a fresh ledger")
    ledger = Ledger(db)
    last = [time.perf_counter()]

    def progress(report, error) -> None:  # type: ignore[no-untyped-def]
        now = time.perf_counter()
        if now - last[0] > 30:
            last[0] = now
            print(
                f"  {report.stored} stored, {report.statements} statements, {len(report.errors)} errors, "
                f"{report.docs_per_second:.1f} docs/s",
                flush=True,
            )

    cpu0 = _cpu()
    report = ingest_inputs(ledger, items, workers=args.workers, progress=progress)
    ingest_cpu = _cpu() - cpu0
    print(
        f"ingest: {report.stored} documents, {report.statements} statements, {len(report.errors)} errors, "
        f"{report.seconds:.1f} s, {report.docs_per_second:.2f} docs/s",
        flush=True,
    )

    with ledger.engine.connect() as conn:
        texts = list(conn.execute(sa.text("SELECT text FROM documents ORDER BY rowid")).scalars())
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    size = db.stat().st_size + sum(p.stat().st_size for p in db.parent.glob(db.name + "-*"))
    per_1000 = size / max(report.stored, 1) * 1000

    bare = None
    if not args.skip_bare:
        nlp = nlp_module.load_base()
        t0, cpu0 = time.perf_counter(), _cpu()
        for _ in nlp.pipe(texts, batch_size=16, n_process=max(1, args.workers)):
            pass
        bare_s = time.perf_counter() - t0
        bare = {"seconds": bare_s, "docs_per_second": len(texts) / bare_s, "cpu_seconds": _cpu() - cpu0}
        print(
            f"bare spaCy nlp.pipe (n_process={max(1, args.workers)}): {bare_s:.1f} s, "
            f"{len(texts) / bare_s:.2f} docs/s"
        )

    rng = random.Random(7)
    names = [p.name for p in ledger.people(limit=args.queries) if p.statements > 0]
    timeline_times = []
    for name in names:
        t0 = time.perf_counter()
        ledger.timeline(name)
        timeline_times.append(time.perf_counter() - t0)
    with ledger.engine.connect() as conn:
        contents = list(
            conn.execute(
                sa.text("SELECT content_text FROM statements ORDER BY random() LIMIT 2000")
            ).scalars()
        )
    words = [w for c in contents for w in _WORD.findall(c) if w.lower() not in _STOP]
    queries = rng.sample(words, min(args.queries, len(words)))
    search_times, hits = [], 0
    for word in queries:
        t0 = time.perf_counter()
        hits += len(ledger.search(word))
        search_times.append(time.perf_counter() - t0)
    heaviest = max(names[:5], key=lambda nm: len(ledger.timeline(nm))) if names else None
    heavy_rows = len(ledger.timeline(heaviest)) if heaviest else 0

    figures = {
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "workers": args.workers,
        "full": args.full,
        "inputs": len(items),
        "stored": report.stored,
        "statements": report.statements,
        "errors": len(report.errors),
        "ingest_seconds": report.seconds,
        "ingest_docs_per_second": report.docs_per_second,
        "bare": bare,
        "ratio_to_bare": report.docs_per_second / bare["docs_per_second"] if bare else None,
        "ingest_cpu_seconds": ingest_cpu,
        # The machine is shared: CPU seconds per document do not depend on what else runs.
        "cpu_ratio_to_bare": bare["cpu_seconds"] / ingest_cpu if bare and ingest_cpu else None,
        "loadavg_at_end": os.getloadavg(),
        "db_bytes": size,
        "db_mb_per_1000_articles": per_1000 / 1e6,
        "counts": ledger.counts(),
        "timeline": _percentiles(timeline_times) if timeline_times else None,
        "timeline_heaviest": {"name": heaviest, "rows": heavy_rows},
        "search": _percentiles(search_times) | {"mean_hits": hits / max(len(queries), 1)},
        "db": str(db),
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    for err in islice(report.errors, 10):
        print("error:", err)


if __name__ == "__main__":
    main()
