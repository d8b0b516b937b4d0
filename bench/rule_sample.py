"""Every statement some rules make on a random sample of articles, with its sentence, for a hand check.

A rule's precision off the corpus it was written on is what a reader meets; this lists what the named
rules find on articles nobody here has read (every cue class, shipped model on), one line each:
file, rule, speaker, the sentence up to the content's end, and the content.

    .venv/bin/python bench/rule_sample.py frame,hearsay,as --data ../shared/data/bbc --n 400 --seed 17
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from onrecord import ALL_CUE_CLASSES
from onrecord import nlp as nlp_module
from onrecord.ingest import RawInput, load_document
from onrecord.reader import analyse

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("rules", help="comma-separated rule names, as statements carry them")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "bbc")
    parser.add_argument("--n", type=int, default=400, help="articles to sample (.txt files under --data)")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rules = set(args.rules.split(","))
    files = sorted(args.data.rglob("*.txt"))
    files = random.Random(args.seed).sample(files, min(args.n, len(files)))
    documents = [load_document(RawInput(f.name, f.read_bytes())) for f in files]
    found = 0
    for path, record in zip(files, analyse(documents, nlp_module.load(ALL_CUE_CLASSES)), strict=True):
        text = record.document.text
        for s in record.statements:
            if s.rule not in rules:
                continue
            found += 1
            start, end = s.content_spans[0][0], s.content_spans[-1][1]
            sentence = text[text.rfind(".", 0, start) + 1 : end].strip()
            speaker = s.speaker.text if s.speaker else None
            print(f"{path.parent.name}/{path.name} {s.rule} [{speaker}] {sentence!r} => {s.content_text!r}")
    print(f"{found} statements by {', '.join(sorted(rules))} in {len(files)} articles")


if __name__ == "__main__":
    main()
