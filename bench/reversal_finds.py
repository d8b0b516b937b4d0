"""The reported reversals the finder makes in the articles of a corpus that a marked set leaves out.

A set's precision counts only finds in the articles it marks, which its maker chose by a broad word
filter; a find in any other article of the corpus is counted neither way. This lists those finds,
each with the sentence before it, for judging by hand against tests/data/reversals/GUIDE.md: a blind
sample of the finder's precision over the whole corpus. Run it in parts to use both cores.

    python bench/reversal_finds.py --set tests/data/reversals/reuters.json --corpus reuters21578 \\
        --part 0 --parts 2 > part0.txt
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from onrecord.evaluation import reversals

TRAIN = reversals.TRAIN


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--set", type=Path, required=True, help="a marked set (its articles are left out)")
    parser.add_argument("--corpus", required=True, help="a corpus folder under ../shared/data")
    parser.add_argument("--part", type=int, default=0)
    parser.add_argument("--parts", type=int, default=1)
    args = parser.parse_args()
    marked = json.loads(args.set.read_text())
    seen = set(reversals.set_names(TRAIN, marked, annotated=True))
    names = [n for n in reversals.all_names(TRAIN, True, [args.corpus]) if n not in seen]
    mine = names[args.part :: args.parts]
    found = sorted(reversals.predict(TRAIN, mine), key=lambda f: (f.file, f.span))
    texts = {d.id: d.text for d in reversals.documents(TRAIN, sorted({f.file for f in found}))}
    print(f"{len(mine)} of {len(names)} unmarked articles ({len(seen)} marked left out): {len(found)} finds")
    for f in found:
        text = texts[f.file]
        before = " ".join(text[max(0, f.span[0] - 250) : f.span[0]].split())
        print(f"\n{f.file} holder={f.holder!r}\n   ...{before[-250:]}\n   >>> {' '.join(f.text.split())}")


if __name__ == "__main__":
    main()
