"""What a rule change does to the statements of PolNeAR articles, one statement at a time.

The scorer's figures (``onrecord eval attribution``) move by a thousandth when a rule fixes a dozen
statements; this lists them. ``dump`` runs the code on ``PYTHONPATH`` over a spread sample of a split
(every cue class, the shipped model) and writes each prediction with whether it matches a gold
attribution at 0.3 and has its speaker, plus every gold it misses. ``compare`` prints the lines two
dumps do not share and their totals, so two codes are compared on the same articles (run ``dump``
once from each tree). ``swallowed`` counts the gold contents that a prediction covers whole but
that the one-to-one matching gives to another gold, because the prediction runs over both ("says A
and says B" read as one content), by how the two golds lie.

    PYTHONPATH=/path/to/old/src python bench/statement_changes.py dump train 200 old.json
    PYTHONPATH=src python bench/statement_changes.py dump train 200 new.json
    python bench/statement_changes.py compare old.json new.json
    PYTHONPATH=src python bench/statement_changes.py swallowed train 120 [--show N]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from onrecord import nlp as nlp_module
from onrecord.evaluation import polnear
from onrecord.model import ALL_CUE_CLASSES

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"


def _scored(split: str, limit: int) -> Iterator[tuple[polnear.PolnearArticle, list[polnear.Prediction], Any]]:
    """Each article with onrecord's predictions and the gold -> coverage -> matching of the scorer."""
    articles = polnear.read_split(DATA / split, limit=limit)
    nlp = nlp_module.load(ALL_CUE_CLASSES)
    for article, record in zip(articles, polnear._records(articles, nlp), strict=True):
        preds = [] if isinstance(record, Exception) else polnear.predictions_from_record(record)
        text = article.text
        gold_chars = [polnear._chars(text, g.content) for g in article.attributions]
        pred_chars = [polnear._chars(text, p.content) for p in preds]
        coverage = {
            (gi, pi): len(g & p) / len(g)
            for gi, g in enumerate(gold_chars)
            if g
            for pi, p in enumerate(pred_chars)
            if g & p
        }
        yield article, preds, (gold_chars, coverage, polnear.match(coverage, 0.3))


def _text(text: str, spans: Sequence[tuple[int, int]]) -> str:
    return " | ".join(" ".join(text[s:e].split()) for s, e in spans)


def dump(split: str, limit: int, out: Path) -> None:
    rows: list[dict[str, Any]] = []
    for article, preds, (_, _, matched) in _scored(split, limit):
        text, gold = article.text, article.attributions
        by_pred = {p: g for g, p in matched.items()}
        for pi, p in enumerate(preds):
            g = by_pred.get(pi)
            rows.append(
                {
                    "article": article.name,
                    "rule": p.rule,
                    "cue": _text(text, p.cue),
                    "speaker": _text(text, [p.speaker]) if p.speaker else None,
                    "content": _text(text, p.content),
                    "matched": g is not None,
                    "speaker_right": g is not None and polnear.speaker_right(gold[g], p, resolved=False),
                }
            )
        rows += [
            {"article": article.name, "missed": g.cue_text, "content": _text(text, g.content)}
            for gi, g in enumerate(gold)
            if gi not in matched
        ]
    out.write_text(json.dumps(rows, indent=0))
    print(f"{len(rows)} lines written to {out}")


def _totals(rows: list[dict[str, Any]]) -> str:
    preds = [r for r in rows if "missed" not in r]
    return (
        f"predicted {len(preds)}, matched {sum(r['matched'] for r in preds)}, "
        f"speaker right {sum(r['speaker_right'] for r in preds)}, gold missed {len(rows) - len(preds)}"
    )


def compare(old: Path, new: Path) -> None:
    a, b = json.loads(old.read_text()), json.loads(new.read_text())
    ka = Counter(json.dumps(r, sort_keys=True) for r in a)
    kb = Counter(json.dumps(r, sort_keys=True) for r in b)
    for line in sorted((ka - kb).elements()):
        print("-", line)
    for line in sorted((kb - ka).elements()):
        print("+", line)
    print("old:", _totals(a))
    print("new:", _totals(b))


def swallowed(split: str, limit: int, show: int) -> None:
    kinds: Counter[str] = Counter()
    for article, preds, (gold_chars, coverage, matched) in _scored(split, limit):
        text, gold = article.text, article.attributions
        by_pred = {p: g for g, p in matched.items()}
        for gi, g in enumerate(gold):
            if gi in matched or not gold_chars[gi]:
                continue
            best, pi = max(((c, p) for (g2, p), c in coverage.items() if g2 == gi), default=(0.0, -1))
            other = by_pred.get(pi)
            if best < 0.95 or other is None:
                continue
            mine, theirs = gold_chars[gi], gold_chars[other]
            kind = (
                "inside the other gold"
                if mine <= theirs
                else "holding the other gold"
                if theirs <= mine
                else "overlapping the other gold"
                if mine & theirs
                else "apart from the other gold"
            )
            kinds[kind] += 1
            if show > 0:
                show -= 1
                print(f"[{kind}] {article.name} ({preds[pi].rule}, {_text(text, preds[pi].cue)!r})")
                print("   predicted:", _text(text, preds[pi].content)[:300])
                print("   missed:   ", g.cue_text, "|", _text(text, g.content)[:200])
                print("   matched:  ", gold[other].cue_text, "|", _text(text, gold[other].content)[:200])
    print("gold covered whole by a prediction matched to another gold:", dict(kinds))


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("split")
    d.add_argument("limit", type=int)
    d.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    s = sub.add_parser("swallowed")
    s.add_argument("split")
    s.add_argument("limit", type=int)
    s.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.split, args.limit, args.out)
    elif args.command == "compare":
        compare(args.old, args.new)
    else:
        swallowed(args.split, args.limit, args.show)


if __name__ == "__main__":
    main()
