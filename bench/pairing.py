"""Time pairing for 1k, 10k and 100k statements of one person: does the cost grow close to linearly?

The statements are real sentences from the shared corpora (Reuters-21578 bodies and BBC News texts,
split at sentence ends, 8 to 40 words, questions dropped, each sentence once), all given to one
synthetic person on random days between 2000 and 2020. One person is the worst case for pairing:
every statement could be paired with every other, 5 billion pairs at 100k.

For each size the report gives the seconds for finding candidates (lemma TF-IDF sketch, random-
projection forest, exact re-ranking), the pairs compared exactly inside the forest's leaves, the
candidates kept, and, with ``--judge``, the seconds for judging them (one spaCy parse per statement
plus the rules), with the ratio of each time to the previous size's (10 would be linear, 100
quadratic). ``--recall`` also measures, at one size, how many of each statement's exact top-k
TF-IDF neighbours (brute force, scipy) the pairing finds.

    .venv/bin/python bench/pairing.py                           # 1k, 10k, 100k; candidates only
    .venv/bin/python bench/pairing.py --judge                   # and the judge over the candidates
    .venv/bin/python bench/pairing.py --embed --sizes 1000 10000  # MiniLM + lemma vectors
    .venv/bin/python bench/pairing.py --recall 10000 --json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ONRECORD_SHARED", REPO.parent / "shared"))
sys.path.insert(0, str(REPO / "src"))

from onrecord.contradictions import pairing  # noqa: E402

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def _sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    out = []
    for s in _SPLIT.split(text):
        words = s.split()
        if 8 <= len(words) <= 40 and not s.endswith("?") and s[-1] in ".!\"'":
            out.append(s)
    return out


def corpus_sentences(limit: int) -> list[str]:
    """Up to ``limit`` distinct sentences from Reuters-21578 and BBC News, in a fixed order."""
    seen: set[str] = set()
    out: list[str] = []

    def add(text: str) -> bool:
        for s in _sentences(text):
            if s not in seen:
                seen.add(s)
                out.append(s)
                if len(out) >= limit:
                    return True
        return False

    reuters = SHARED / "data" / "reuters21578"
    for path in sorted(reuters.glob("reut2-*.json")):
        for record in json.loads(path.read_text(encoding="utf-8", errors="replace")):
            if add(record.get("body") or ""):
                return out
    for path in sorted((SHARED / "data" / "bbc").glob("*/*.txt")):
        if add(path.read_text(encoding="utf-8", errors="replace")):
            return out
    return out


def one_person(sentences: list[str], n: int, seed: int = 0) -> list[pairing.Item]:
    """``n`` sentences said by one person on random days in 2000-2020."""
    rng = random.Random(seed)
    chosen = rng.sample(sentences, n) if n < len(sentences) else sentences[:n]
    first = dt.date(2000, 1, 1)
    items = []
    for i, text in enumerate(chosen):
        day = first + dt.timedelta(days=rng.randrange(7305))
        items.append(pairing.Item(i, "bench", text, day, day))
    return items


def run(items: list[pairing.Item], embedder: Any, judge: bool) -> dict[str, Any]:
    stats = pairing.PairingStats()
    began = time.perf_counter()
    cands = pairing.candidates(items, embedder=embedder, stats=stats)
    cand_s = time.perf_counter() - began
    row: dict[str, Any] = {
        "statements": len(items),
        "eligible": stats.eligible,
        "candidates_s": round(cand_s, 2),
        "compared": stats.compared,
        "candidates": len(cands),
    }
    if judge:
        began = time.perf_counter()
        found = pairing.judge(cands, embedded=embedder is not None)
        row["judge_s"] = round(time.perf_counter() - began, 2)
        row["inconsistent"] = len(found)
        row["named_clash"] = sum(f.score >= 0.6 for f in found)
    return row


def recall(items: list[pairing.Item], k: int = pairing.NEIGHBOURS) -> dict[str, float]:
    """How many of each statement's exact k best TF-IDF neighbours (said on another day, sharing a
    word; brute force with scipy, in row blocks) pairing finds: all of them, and those with a cosine
    of at least 0.3 (plainly the same topic)."""
    import numpy as np
    from scipy import sparse

    kept = [i for i in items if pairing.excluded(i) is None]
    tf = pairing._tfidf([pairing.terms(i.text) for i in kept])
    m = sparse.csr_matrix((tf.weights, (tf.rows, tf.cols)), shape=(len(kept), len(tf.names)))
    mt = m.T.tocsr()
    days = np.asarray([i.start.toordinal() for i in kept])
    texts = [i.text for i in kept]
    truth: set[frozenset[int]] = set()
    strong: set[frozenset[int]] = set()
    block = 250
    for lo in range(0, len(kept), block):
        sims = (m[lo : lo + block] @ mt).astype(np.float32).toarray()
        sims[np.arange(sims.shape[0]), lo + np.arange(sims.shape[0])] = -1
        sims[days[lo : lo + block, None] == days[None, :]] = -1
        top = np.argpartition(-sims, k, axis=1)[:, :k]
        for r, cols in enumerate(top):
            for c in cols.tolist():
                if sims[r, c] > 0 and texts[lo + r] != texts[c]:
                    truth.add(frozenset((lo + r, c)))
                    if sims[r, c] >= 0.3:
                        strong.add(frozenset((lo + r, c)))
    index = {i.key: n for n, i in enumerate(kept)}
    found = {
        frozenset((index[c.a.key], index[c.b.key]))
        for c in pairing.candidates(kept, k=k, min_similarity=-1.0)
    }
    return {
        "recall": round(len(truth & found) / max(1, len(truth)), 3),
        "recall_strong": round(len(strong & found) / max(1, len(strong)), 3),
        "exact_pairs": len(truth),
        "strong_pairs": len(strong),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--judge", action="store_true", help="also judge the candidates")
    parser.add_argument("--embed", action="store_true", help="MiniLM + lemma vectors (embed extra)")
    parser.add_argument("--recall", type=int, metavar="N", help="forest recall against brute force at N")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (SHARED / "data" / "reuters21578").exists():
        print(f"{SHARED}/data is absent: this benchmark reads the shared corpora", file=sys.stderr)
        return 2
    began = time.perf_counter()
    sentences = corpus_sentences(max([*args.sizes, args.recall or 0]))
    print(f"{len(sentences)} distinct sentences read in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    embedder = None
    if args.embed:
        from onrecord.contradictions.backends.embed import minilm

        embedder = minilm()
    report: dict[str, Any] = {"vectors": "MiniLM + lemma" if embedder else "lemma", "rows": []}
    previous: dict[str, Any] | None = None
    for n in args.sizes:
        row = run(one_person(sentences, n), embedder, args.judge)
        if previous:
            for key in ("candidates_s", "compared", "judge_s"):
                if key in row and previous.get(key):
                    row[f"{key}_ratio"] = round(row[key] / previous[key], 1)
        report["rows"].append(row)
        previous = row
        print(json.dumps(row), file=sys.stderr)
    if args.recall:
        report["recall_at"] = args.recall
        report.update(recall(one_person(sentences, args.recall)))
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"pairing one person's statements ({report['vectors']} vectors)")
    print("| statements | candidates s | x per 10x | compared pairs | x | candidates | judge s | x |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in report["rows"]:
        print(
            f"| {r['statements']:,} | {r['candidates_s']} | {r.get('candidates_s_ratio', '')} | "
            f"{r['compared']:,} | {r.get('compared_ratio', '')} | {r['candidates']:,} | "
            f"{r.get('judge_s', '')} | {r.get('judge_s_ratio', '')} |"
        )
    if "recall" in report:
        print(
            f"recall of the exact top-{pairing.NEIGHBOURS} TF-IDF neighbours at {args.recall:,}: "
            f"{report['recall']} ({report['exact_pairs']:,} pairs); cosine >= 0.3: "
            f"{report['recall_strong']} ({report['strong_pairs']:,} pairs)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
