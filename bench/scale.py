"""Scale benchmark: the local single-process path, the local multi-process path and the Ray path on the
same Reuters-21578 articles, in one run, plus a cost model for 1 million CC-News-sized articles.

All three paths do the same work per article, ``onrecord.ledger.ingest.parse_chunk`` (``load_document``
then ``reader.analyse``), and no ledger writes, so the ratios compare the engines and not the databases:

- **local, 1 process**: one loaded model, articles in chunks of 8 (as ``onrecord ingest --workers 0``);
- **local, N processes**: a ``spawn`` pool of ``--workers`` processes, each loading the model once, fed
  chunks of 8 (what ``onrecord ingest --workers N`` runs, minus the ledger);
- **Ray, N CPUs**: ``run_ray_ingest`` on a local ``ray.init(num_cpus=N)``, writing Parquet.

The sample is written once as JSONL shards (text exactly as the Reuters reader builds it, with the
record's date), so every path reads the same bytes. Also measured: model load time and memory, Ray
start-up, the Ray path's fixed cost per run (one one-article run on the warm cluster), the rate at
which one process stores records in a SQLite ledger (the ceiling of driver-side ledger writes), and
words per second on longer articles (200 BBC articles, ~400 words each).

    .venv/bin/python bench/scale.py                  # 2000 Reuters articles, 2 workers
    .venv/bin/python bench/scale.py --n 500          # a quicker look
    .venv/bin/python bench/scale.py --full           # every Reuters article with a body (~19,000)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ONRECORD_SHARED", REPO.parent / "shared"))
CHUNK = 8

#: Cost model assumptions, stated where they are used.
CCNEWS_WORDS = 550  # CC-News averages roughly 500-600 words an article (main text, after extraction)
DOLLARS_PER_CORE_HOUR = 0.0425  # on-demand compute-optimised vCPU (e.g. AWS c6i: $0.085/h for 2 vCPU)
CORES = (16, 64, 256, 1024)


def _sample(n: int | None) -> list[Any]:
    from onrecord.ingest.corpora import detect

    corpus = detect(SHARED / "data" / "reuters21578")
    if corpus is None:
        sys.exit(f"Reuters-21578 not found under {SHARED / 'data'}")
    items = [i for i in corpus if not hasattr(i, "reason")]
    if n is None or n >= len(items):
        return items
    step = len(items) / n  # spread over the whole corpus (its files run Feb..Oct 1987)
    return [items[int(i * step)] for i in range(n)]


def _write_shards(items: list[Any], folder: Path, shards: int) -> list[str]:
    """The sample as JSONL dumps (text and date), so every path reads the very same bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    per = -(-len(items) // shards)
    for s in range(shards):
        path = folder / f"reuters-{s:02d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for item in items[s * per : (s + 1) * per]:
                line = {"text": item.data.decode("utf-8"), "url": item.source, "published": item.published}
                fh.write(json.dumps(line) + "\n")
        paths.append(str(path))
    return paths


def _inputs(paths: list[str]) -> list[Any]:
    from onrecord.ledger.ingest import iter_all

    return [i for i in iter_all(paths) if not hasattr(i, "reason")]


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _init() -> None:
    from onrecord.ledger import ingest

    ingest._init_worker()  # the local ingest's own worker start: one model per process


def _parse(chunk: list[Any]) -> list[Any]:
    from onrecord.ledger.ingest import parse_chunk

    return parse_chunk(chunk, None)


def local_single(items: list[Any]) -> dict[str, Any]:
    from onrecord import nlp
    from onrecord.ledger.ingest import parse_chunk

    t0 = time.perf_counter()
    model = nlp.load()
    load = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t1 = time.perf_counter()
    records = [r for chunk in _chunks(items) for r in parse_chunk(chunk, None, model)]
    seconds = time.perf_counter() - t1
    ok = [r for r in records if not hasattr(r, "reason")]
    import pickle

    from onrecord.scale.rows import statement_rows

    # What one parsed article weighs in Ray's object store: its pickled record (driver ledger writes
    # only) and its statement rows as JSON (always).
    pickled = sum(len(pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL)) for r in ok)
    rows_json = sum(len(json.dumps(statement_rows(r))) for r in ok)
    return {
        "docs": len(ok),
        "errors": len(records) - len(ok),
        "words": sum(len(r.document.text.split()) for r in ok),
        "statements": sum(len(r.statements) for r in ok),
        "seconds": seconds,
        "model_load_seconds": load,
        "model_rss_mb": rss,
        "record_bytes_per_word": pickled / max(1, sum(len(r.document.text.split()) for r in ok)),
        "statement_json_bytes_per_word": rows_json / max(1, sum(len(r.document.text.split()) for r in ok)),
        "records": ok,
    }


def long_articles(n: int) -> dict[str, Any] | None:
    """Words per second on longer articles (BBC, ~400 words), closer to CC-News than Reuters' ~130.

    Per-word cost grows with article length (more people and statements to resolve), so the cost model
    uses the slower of the two rates.
    """
    from onrecord import nlp
    from onrecord.ingest.corpora import BBC_TOPICS
    from onrecord.ledger.ingest import iter_all, parse_chunk

    bbc = SHARED / "data" / "bbc"
    if not bbc.is_dir():
        return None
    per = max(1, n // len(BBC_TOPICS))
    paths = [str(p) for t in BBC_TOPICS for p in sorted((bbc / t).glob("*.txt"))[:per]]
    items = [i for i in iter_all(paths) if not hasattr(i, "reason")]
    model = nlp.load()
    t0 = time.perf_counter()
    records = [r for chunk in _chunks(items) for r in parse_chunk(chunk, None, model)]
    seconds = time.perf_counter() - t0
    words = sum(len(r.document.text.split()) for r in records if not hasattr(r, "reason"))
    return {
        "docs": len(records),
        "words": words,
        "words_per_doc": words / max(len(records), 1),
        "seconds": seconds,
        "words_per_second": words / seconds,
    }


def local_multi(items: list[Any], workers: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    docs = 0
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init) as pool:
        # Start-up: every worker spawned and its model loaded (one empty task each).
        list(pool.map(_parse, [[] for _ in range(workers)]))
        startup = time.perf_counter() - t0
        for results in pool.map(_parse, _chunks(items)):
            docs += sum(1 for r in results if not hasattr(r, "reason"))
    return {"docs": docs, "seconds": time.perf_counter() - t0, "startup_seconds": startup}


def ray_path(paths: list[str], workers: int, out: Path) -> dict[str, Any]:
    import ray

    from onrecord.scale.ray_job import run_ray_ingest

    t0 = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    startup = time.perf_counter() - t0
    try:
        t1 = time.perf_counter()
        report = run_ray_ingest(paths, parquet_dir=out / "parquet", num_cpus=workers)
        seconds = time.perf_counter() - t1
        # The fixed cost of a run (actors started, model loaded, Parquet written) on the warm cluster.
        one = out / "one.jsonl"
        one.write_text(
            json.dumps({"text": "Mayor Ana Ruiz said on Monday that the bridge will reopen."}) + "\n"
        )
        t2 = time.perf_counter()
        fixed_report = run_ray_ingest([str(one)], parquet_dir=out / "parquet-one", num_cpus=workers)
        fixed = time.perf_counter() - t2
    finally:
        ray.shutdown()
    return {
        "docs": report.parsed,
        "errors": len(report.failures),
        "seconds": seconds,
        "startup_seconds": startup,
        "parse_seconds": report.parse_seconds,
        "write_seconds": report.write_seconds,
        "fixed_run_seconds": fixed,
        "fixed_parse_seconds": fixed_report.parse_seconds,
        "batches": -(-report.parsed // 16),
    }


def ledger_writes(records: list[Any], folder: Path) -> dict[str, Any]:
    from onrecord.ledger import Ledger

    with Ledger(folder / "ledger.sqlite3") as ledger:
        t0 = time.perf_counter()
        for record in records:
            ledger.add(record)
        seconds = time.perf_counter() - t0
    return {
        "docs": len(records),
        "statements": sum(len(r.statements) for r in records),
        "seconds": seconds,
        "docs_per_second": len(records) / seconds,
    }


def cost_model(
    single: dict[str, Any],
    multi: dict[str, Any],
    ray: dict[str, Any],
    workers: int,
    ledger: dict | None,
    long: dict | None,
) -> dict:
    """Hours and dollars for 1M CC-News-sized articles, from the measured rates (see the doc)."""
    rates = [single["words"] / single["seconds"]] + ([long["words_per_second"]] if long else [])
    words_per_core = min(rates)
    single_rate = single["docs"] / single["seconds"]
    # How much of a core each CPU gives: the Ray path's steady state (its fixed run cost taken out),
    # and the local multi-process path's; the lower one is used.
    ray_rate = ray["docs"] / max(ray["parse_seconds"] - ray["fixed_parse_seconds"], 1e-9)
    ray_efficiency = ray_rate / workers / single_rate
    multi_rate = multi["docs"] / max(multi["seconds"] - multi["startup_seconds"], 1e-9)
    multi_efficiency = multi_rate / workers / single_rate
    efficiency = min(1.0, ray_efficiency, multi_efficiency)
    core_seconds = 1_000_000 * CCNEWS_WORDS / (words_per_core * efficiency)
    rows = []
    for cores in CORES:
        hours = (core_seconds / cores + ray["startup_seconds"] + ray["fixed_run_seconds"]) / 3600
        rows.append(
            {
                "cores": cores,
                "hours": hours,
                "dollars": hours * cores * DOLLARS_PER_CORE_HOUR,
            }
        )
    out = {
        "assumed_words_per_article": CCNEWS_WORDS,
        "dollars_per_core_hour": DOLLARS_PER_CORE_HOUR,
        "words_per_second_per_core": words_per_core,
        "words_per_second_per_core_reuters": rates[0],
        "ray_steady_efficiency_per_cpu": ray_efficiency,
        "multi_process_efficiency_per_cpu": multi_efficiency,
        "efficiency_used": efficiency,
        "core_hours": core_seconds / 3600,
        "by_cores": rows,
    }
    statements_per_word = single["statements"] / single["words"]
    out["statements_per_article"] = statements_per_word * CCNEWS_WORDS
    words = 1_000_000 * CCNEWS_WORDS
    out["object_store_gb"] = {
        "parquet_only": words * single["statement_json_bytes_per_word"] / 1e9,
        "driver_ledger_writes": words
        * (single["statement_json_bytes_per_word"] + single["record_bytes_per_word"])
        / 1e9,
    }
    if ledger:
        # The driver's single writer, scaled by statements (the ledger's cost grows with them).
        per_statement = ledger["seconds"] / max(ledger["statements"], 1)
        out["driver_ledger_hours"] = 1_000_000 * out["statements_per_article"] * per_statement / 3600
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="Reuters articles, spread over the corpus (2000)")
    ap.add_argument("--full", action="store_true", help="every Reuters article with a body (~19,000)")
    ap.add_argument("--workers", type=int, default=2, help="processes / Ray CPUs (default 2)")
    ap.add_argument("--skip-ledger", action="store_true", help="do not time ledger writes")
    ap.add_argument("--long", type=int, default=200, help="BBC articles for the long-article rate (200)")
    ap.add_argument("--skip-long", action="store_true", help="do not time long (BBC) articles")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args()

    load_before = os.getloadavg()[0]
    items = _sample(None if args.full else args.n)
    tmp = Path(tempfile.mkdtemp(prefix="onrecord-scale-"))
    paths = _write_shards(items, tmp / "in", shards=max(args.workers * 4, 8))
    inputs = _inputs(paths)
    print(f"inputs: {len(inputs)} Reuters articles in {len(paths)} JSONL shards ({tmp})", flush=True)

    single = local_single(inputs)
    print(f"local 1 process: {single['docs']} docs in {single['seconds']:.1f} s", flush=True)
    multi = local_multi(inputs, args.workers)
    print(f"local {args.workers} processes: {multi['docs']} docs in {multi['seconds']:.1f} s", flush=True)
    ray = ray_path(paths, args.workers, tmp)
    print(f"ray {args.workers} CPUs: {ray['docs']} docs in {ray['seconds']:.1f} s", flush=True)
    ledger = None if args.skip_ledger else ledger_writes(single["records"], tmp)
    single.pop("records")
    long = None if args.skip_long else long_articles(args.long)
    if long:
        print(f"long articles: {long['words_per_second']:.0f} words/s on {long['docs']} BBC", flush=True)

    def rate(r: dict[str, Any]) -> float:
        return r["docs"] / r["seconds"]

    figures = {
        "date": dt.date.today().isoformat(),
        "command": "bench/scale.py " + " ".join(sys.argv[1:]),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "docs": len(inputs),
        "workers": args.workers,
        # Other work on the machine skews every figure; the 1-minute load average says how much.
        "load_average": {"before": load_before, "after": os.getloadavg()[0]},
        "local_single": {**single, "docs_per_second": rate(single)},
        "local_multi": {**multi, "docs_per_second": rate(multi), "ratio": rate(multi) / rate(single)},
        "ray": {**ray, "docs_per_second": rate(ray), "ratio": rate(ray) / rate(single)},
        "ledger_writes": ledger,
        "long_articles": long,
        "cost_model": cost_model(single, multi, ray, args.workers, ledger, long),
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
