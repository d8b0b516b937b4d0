"""Could a learned sentence classifier find the reported reversals the rules miss? Leave one set out.

Every sentence of the articles each marked set is scored on (tests/data/reversals/*.json; Reuters on
the articles it marks) is labelled: positive when it overlaps a marked positive, left out of training
when it overlaps only a borderline one, negative otherwise. A logistic regression is trained on four
sets and scored on the fifth with the sets' own scorer (a find is right when it overlaps a positive),
alone and added to the rule finder's finds (a classifier find is added only where no rule find
overlaps its sentence). Features: word unigrams and bigrams ("words", needs the ``learn`` extra), or
all-MiniLM-L6-v2 sentence vectors ("minilm", also the ``embed`` extra; about 7 minutes to embed the
110,000 sentences on two cores). The rule finds take about 12 minutes; ``--finds`` keeps them.

    python bench/reversal_classifier.py --features words --finds /tmp/finds
    python bench/reversal_classifier.py --features minilm --finds /tmp/finds --thresholds 0.5,0.9,0.98
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression

from onrecord.evaluation import reversals

SETS = ("polnear-train", "heldout", "bbc-other", "reuters", "liar2")
FOLDER = Path(__file__).parents[1] / "tests" / "data" / "reversals"
Row = tuple[str, int, int, str]


def sentences(names: Sequence[str]) -> list[Row]:
    """Every sentence of the articles, split by punctuation (no parser: the classifier reads words)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    rows = []
    for d in reversals.documents(reversals.TRAIN, names):
        rows += [
            (d.id, s.start_char, s.end_char, s.text) for s in nlp(d.text).sents if len(s.text.strip()) > 2
        ]
    return rows


def labels(gold: dict[str, Any], rows: Sequence[Row]) -> np.ndarray:
    """1 on a marked positive, -1 on a sentence only a borderline mark overlaps, 0 otherwise."""
    marks = defaultdict(list)
    for kind, value in (("positives", 1), ("borderline", -1)):
        for x in gold.get(kind, []):
            marks[x["file"]].append((value, x["sentence"]))
    out = []
    for name, start, end, _ in rows:
        hits = [v for v, span in marks[name] if reversals.overlap((start, end), span)]
        out.append(max(hits) if hits else 0)
    return np.array(out)


def rule_finds(name: str, names: Sequence[str], cache: Path | None) -> list[reversals.Found]:
    path = cache / f"{name}.json" if cache else None
    if path and path.exists():
        return [
            reversals.Found(f["file"], tuple(f["span"]), f["holder"], f["text"])
            for f in json.loads(path.read_text())
        ]
    found = reversals.predict(reversals.TRAIN, names)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps([f.__dict__ for f in found]))
    return found


def features(kind: str, rows: Sequence[Row]) -> Any:
    texts = [text for *_, text in rows]
    if kind == "minilm":
        from onrecord.contradictions.backends.embed import minilm

        return np.asarray(minilm(batch_size=128)([t[:600] for t in texts]), dtype=np.float32)
    words = HashingVectorizer(
        n_features=2**20,
        ngram_range=(1, 2),
        preprocessor=lambda t: re.sub(r"\s+", " ", t.lower().replace("’", "'")),
        token_pattern=r"[a-z][a-z'-]*",
        alternate_sign=False,
        norm=None,
        binary=True,
    )
    return words.transform(texts)


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--features", choices=["words", "minilm"], default="words")
    parser.add_argument("--finds", type=Path, help="a folder that keeps the rule finds between runs")
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--thresholds", default="0.5,0.7,0.9,0.98")
    args = parser.parse_args()
    data = {}
    for name in SETS:
        gold = json.loads((FOLDER / f"{name}.json").read_text())
        names = reversals.set_names(reversals.TRAIN, gold, annotated=name == "reuters")
        rows = sentences(names)
        data[name] = (gold, names, rows, labels(gold, rows), features(args.features, rows))
        print(f"{name}: {len(names)} articles, {len(rows)} sentences", flush=True)
    stack = sparse.vstack if args.features == "words" else np.vstack
    for test in SETS:
        gold, names, rows, _, x_test = data[test]
        train = [data[n] for n in SETS if n != test]
        x = stack([d[4][d[3] >= 0] for d in train])
        y = np.concatenate([d[3][d[3] >= 0] for d in train])
        model = LogisticRegression(C=args.C, class_weight="balanced", max_iter=2000).fit(x, y)
        p = model.predict_proba(x_test)[:, 1]
        rules = rule_finds(test, names, args.finds)
        print(test, "rules", reversals.score(gold, rules, names)["all"].figures())
        for t in (float(v) for v in args.thresholds.split(",")):
            mine = [
                reversals.Found(f, (a, b), "", text)
                for (f, a, b, text), q in zip(rows, p, strict=True)
                if q >= t
            ]
            new = [
                c
                for c in mine
                if not any(r.file == c.file and reversals.overlap(r.span, c.span) for r in rules)
            ]
            alone = reversals.score(gold, mine, names)["all"].figures()
            both = reversals.score(gold, rules + new, names)["all"].figures()
            print(
                f"  >= {t}: alone P {alone['precision']} R {alone['recall']} ({alone['predicted']} finds)"
                f" | with the rules P {both['precision']} R {both['recall']} ({both['predicted']} finds)"
            )


if __name__ == "__main__":
    main()
