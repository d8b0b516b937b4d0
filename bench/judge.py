"""Score the pair judge on the political-inconsistency benchmark (../shared/data/inconsistency/dev.csv).

Reports macro-F1 over the three labels, accuracy, per-label precision / recall / F1 and a confusion
matrix, with the "always Inconsistent" baseline from the same run. The benchmark has no training
split, so the rules were developed on a fixed half of dev.csv (``--half develop``: within each
five-way label, sorted by id, every other pair starting with the first) and the other half
(``--half held``) was only scored; both halves and the whole file are reported.

    .venv/bin/python bench/judge.py                       # rules, whole file and both halves
    .venv/bin/python bench/judge.py --judge rules+minilm  # rules with the packaged MiniLM similarity
    .venv/bin/python bench/judge.py --judge nli --model-dir DIR
    .venv/bin/python bench/judge.py --build-tiny-nli /tmp/tiny && \
        .venv/bin/python bench/judge.py --judge nli --model-dir /tmp/tiny    # cost of the NLI plumbing
    .venv/bin/python bench/judge.py --json
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ONRECORD_SHARED", REPO.parent / "shared"))
DEV = SHARED / "data" / "inconsistency" / "dev.csv"
LABELS = ("Inconsistent", "Unrelated", "Consistent")


def load(path: Path = DEV) -> list[dict[str, str]]:
    """The benchmark rows, in file order."""
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def halves(rows: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The fixed development / held-out split: alternate pairs within each five-way label, by id."""
    by_label: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: int(r["id"])):
        by_label[row["label_5"]].append(row)
    develop, held = [], []
    for label in sorted(by_label):
        for i, row in enumerate(by_label[label]):
            (develop if i % 2 == 0 else held).append(row)
    return develop, held


def scores(gold: list[str], pred: list[str]) -> dict[str, object]:
    """Macro-F1, accuracy, per-label P/R/F1 and the confusion matrix (rows gold, columns predicted)."""
    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    for g, p in zip(gold, pred, strict=True):
        confusion[g][p] += 1
    per: dict[str, dict[str, float]] = {}
    for label in LABELS:
        tp = confusion[label][label]
        predicted = sum(confusion[g][label] for g in LABELS)
        actual = sum(confusion[label].values())
        p = tp / predicted if predicted else 0.0
        r = tp / actual if actual else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[label] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "support": actual}
    macro = sum(v["f1"] for v in per.values()) / len(LABELS)
    accuracy = sum(confusion[label][label] for label in LABELS) / len(gold) if gold else 0.0
    return {
        "n": len(gold),
        "macro_f1": round(macro, 3),
        "accuracy": round(accuracy, 3),
        "per_label": per,
        "confusion": confusion,
    }


def build_tiny_nli(path: Path) -> Path:
    """A tiny randomly initialised BERT NLI classifier (1 layer, hidden 16): measures the back-end's
    own overhead (tokenising, batching, two directions), not the accuracy of any real model."""
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    for row in load():
        for text in (row["text_1"], row["text_2"]):
            words.extend(w for w in text.lower().split() if w not in words)
    path.mkdir(parents=True, exist_ok=True)
    (path / "vocab.txt").write_text("\n".join(words[:5000]) + "\n", encoding="utf-8")
    labels = {0: "contradiction", 1: "entailment", 2: "neutral"}
    config = BertConfig(
        vocab_size=min(len(words), 5000),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=256,
        num_labels=3,
        id2label=labels,
        label2id={v: k for k, v in labels.items()},
    )
    BertForSequenceClassification(config).save_pretrained(path)
    BertTokenizer(vocab_file=str(path / "vocab.txt")).save_pretrained(path)
    return path


def make_judge(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """A function from a list of (text_1, text_2) to a list of Judgements, for the chosen back-end."""
    from onrecord.contradictions import judge as rules

    if args.judge == "rules":
        return lambda pairs: rules.judge_many(pairs)
    if args.judge == "rules+minilm":
        from onrecord.contradictions.backends.embed import minilm

        embedder = minilm()
        return lambda pairs: rules.judge_many(pairs, embedder=embedder)
    if args.judge == "nli":
        from onrecord.contradictions.backends.nli import NLIJudge

        return NLIJudge(args.model_dir).judge_many
    if args.judge == "llm":
        from onrecord.contradictions.backends.llm import LLMJudge

        return LLMJudge(args.llm_url, model=args.llm_model).judge_many
    raise SystemExit(f"unknown judge {args.judge}")


def run(args: argparse.Namespace) -> dict[str, object]:
    """Judge every pair once and score the whole file, the two halves and the baseline."""
    rows = load(Path(args.data))
    develop, held = halves(rows)
    judge_many = make_judge(args)
    start = time.perf_counter()
    verdicts = judge_many([(r["text_1"], r["text_2"]) for r in rows])
    seconds = time.perf_counter() - start
    pred = {r["id"]: v.label_3 for r, v in zip(rows, verdicts, strict=True)}
    exact_5 = sum(r["label_5"] == v.label_5 for r, v in zip(rows, verdicts, strict=True))
    from onrecord.contradictions.backends.llm import estimate_tokens

    llm_tokens = sum(estimate_tokens(r["text_1"], r["text_2"]) for r in rows) / max(1, len(rows))
    report: dict[str, object] = {
        "judge": args.judge,
        "data": str(args.data),
        "ms_per_pair": round(1000 * seconds / max(1, len(rows)), 2),
        "llm_prompt_tokens_per_pair_estimate": round(llm_tokens, 1),
        "label_5_accuracy_all": round(exact_5 / max(1, len(rows)), 3),
    }
    for name, part in (("all", rows), ("develop", develop), ("held", held)):
        gold = [r["label_3"] for r in part]
        report[name] = scores(gold, [pred[r["id"]] for r in part])
        report[name + "_always_inconsistent"] = scores(gold, ["Inconsistent"] * len(part))
    if args.errors:
        develop_ids = {r["id"] for r in develop}
        report["errors"] = [
            {"id": r["id"], "gold": r["label_5"], "pred": v.label_5, "why": v.explanation}
            for r, v in zip(rows, verdicts, strict=True)
            if r["id"] in develop_ids and v.label_3 != r["label_3"]
        ]
    return report


def _print(report: dict[str, object]) -> None:
    print(f"judge: {report['judge']}   data: {report['data']}   {report['ms_per_pair']} ms/pair")
    print(f"five-way label accuracy (whole file): {report['label_5_accuracy_all']}")
    tokens = report["llm_prompt_tokens_per_pair_estimate"]
    print(f"(an LLM judge would send about {tokens} prompt tokens/pair)")
    for name in ("all", "develop", "held"):
        s = report[name]
        b = report[name + "_always_inconsistent"]
        assert isinstance(s, dict) and isinstance(b, dict)
        print(
            f"\n[{name}] n={s['n']}  macro-F1 {s['macro_f1']:.3f}  accuracy {s['accuracy']:.3f}"
            f"   (always Inconsistent: macro-F1 {b['macro_f1']:.3f}, accuracy {b['accuracy']:.3f})"
        )
        for label, v in s["per_label"].items():
            print(
                f"  {label:13s} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}"
                f"  n={v['support']}"
            )
        print("  confusion (rows gold, columns predicted):")
        print("  " + " " * 13 + "".join(f"{label[:12]:>14s}" for label in LABELS))
        for g in LABELS:
            print(f"  {g:13s}" + "".join(f"{s['confusion'][g][p]:14d}" for p in LABELS))
    for err in report.get("errors", []):  # type: ignore[union-attr]
        print(f"  {err['id']:>4} gold {err['gold']:24s} pred {err['pred']:24s} {err['why']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default=str(DEV))
    parser.add_argument("--judge", default="rules", choices=["rules", "rules+minilm", "nli", "llm"])
    parser.add_argument("--model-dir")
    parser.add_argument("--llm-url")
    parser.add_argument("--llm-model", default="gpt-4o-mini")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--errors", action="store_true", help="list the develop half's errors")
    parser.add_argument("--build-tiny-nli", metavar="DIR", help="write the tiny NLI model to DIR and exit")
    args = parser.parse_args(argv)
    if args.build_tiny_nli:
        print(build_tiny_nli(Path(args.build_tiny_nli)))
        return 0
    if not Path(args.data).exists():
        print(f"{args.data} is absent: this benchmark reads ../shared", file=sys.stderr)
        return 2
    report = run(args)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
