"""Words per second of `onrecord read` against bare spaCy parsing of the same texts, in one run.

    .venv/bin/python bench/read_throughput.py [--data ../shared/data/bbc] [--n 200] [--rounds 3] [--no-model]

The goal is a ratio of at least 0.8: attribution, dating and contradictions together may cost no more
than a quarter of what parsing costs. Rounds alternate between the two so that a noisy neighbour on a
shared machine slows both alike; the best round of each is reported. Both wall-clock and CPU time
(``time.process_time``: this process only, so other sessions' load moves it much less) are measured;
the ratio is taken from CPU time. The pipeline is the default one, with the shipped learned attribution
model; ``--no-model`` times the hand rules alone.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from onrecord import nlp as nlp_module
from onrecord.ingest import RawInput, load_document
from onrecord.reader import analyse

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "bbc")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--no-model", action="store_true", help="without the learned attribution model")
    args = parser.parse_args()

    paths = sorted(args.data.glob("*/*.txt"))
    step = max(1, len(paths) // args.n)
    paths = paths[::step][: args.n]
    raws = [RawInput(source=str(p), data=p.read_bytes()) for p in paths]
    texts = [load_document(r).text for r in raws]
    words = sum(len(t.split()) for t in texts)

    full = nlp_module.load(None, None) if args.no_model else nlp_module.load()
    bare = nlp_module.load_base()
    for _ in bare.pipe(texts[:5]):  # warm both before timing
        pass
    list(analyse((load_document(r, published="2005-01-01") for r in raws[:5]), full))

    best_bare = best_full = wall_bare = wall_full = float("inf")
    for _ in range(args.rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in bare.pipe(texts, batch_size=16):
            pass
        wall_bare = min(wall_bare, time.perf_counter() - t0)
        best_bare = min(best_bare, time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        statements = sum(
            len(r.statements) for r in analyse((load_document(r, published="2005-01-01") for r in raws), full)
        )
        wall_full = min(wall_full, time.perf_counter() - t0)
        best_full = min(best_full, time.process_time() - c0)

    result = {
        "articles": len(texts),
        "words": words,
        "statements": statements,
        "model": not args.no_model,
        "bare_spacy_words_per_s": round(words / best_bare),
        "onrecord_words_per_s": round(words / best_full),
        "ratio": round(best_bare / best_full, 3),
        "wall_ratio": round(wall_bare / wall_full, 3),
    }
    print(f"{len(texts)} BBC articles, {words} words, {statements} statements found")
    print(f"bare spaCy nlp.pipe : {result['bare_spacy_words_per_s']:>8} words per CPU second")
    print(
        f"onrecord read       : {result['onrecord_words_per_s']:>8} words per CPU second (ingest + pipeline)"
    )
    print(f"ratio onrecord/bare : {result['ratio']:.3f}  (goal >= 0.8)")
    print(f"wall-clock ratio    : {result['wall_ratio']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
