"""Who each third-person pronoun was resolved to, for a random sample of articles; and the pronouns two
codes resolve differently, with their sentence, for a person to judge.

    # one dump per code, each run from its own tree
    PYTHONPATH=src .venv/bin/python bench/pronoun_changes.py dump ../shared/data/bbc --seed 71 old.json
    PYTHONPATH=src .venv/bin/python bench/pronoun_changes.py dump ../shared/data/bbc --seed 71 new.json
    .venv/bin/python bench/pronoun_changes.py compare old.json new.json

Every he, she, him, her, his and hers is counted, those inside quotations too (which are never
resolved, so they never change). No gold exists for pronouns in these sets, so the figure is a judged
one: of the pronouns the two codes resolve differently, how many each got right. Only the changed
ones need reading, which keeps a sample of a thousand pronouns checkable by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from onrecord.ingest import RawInput, load_document
from onrecord.reader import analyse

_THIRD_PERSON = {"he", "him", "his", "she", "her", "hers"}


def dump(data: Path, n: int, seed: int, out: Path) -> None:
    files = sorted(data.rglob("*.txt"))
    random.Random(seed).shuffle(files)
    found: dict[str, dict[str, list[str | None]]] = {}
    for path in files[:n]:
        document = load_document(RawInput(source=str(path), data=path.read_bytes()))
        record = next(analyse([document]))
        text = record.document.text
        owner = {m.span[0]: p.name for p in record.people for m in p.mentions}
        pronouns: dict[str, list[str | None]] = {}
        for word in _words(text):
            start, end = word
            if text[start:end].lower() in _THIRD_PERSON:
                context = (
                    text[max(0, start - 300) : start] + "[[" + text[start:end] + "]]" + text[end : end + 120]
                )
                pronouns[str(start)] = [owner.get(start), " ".join(context.split())]
        found[str(path.relative_to(data))] = pronouns  # the same key from any tree or path
    out.write_text(json.dumps(found), encoding="utf-8")


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\b[A-Za-z]+\b", text)]


def compare(old: Path, new: Path) -> None:
    before = json.loads(old.read_text(encoding="utf-8"))
    after = json.loads(new.read_text(encoding="utf-8"))
    changed = 0
    for path, pronouns in before.items():
        for start, (person, _) in pronouns.items():
            now, context = after[path].get(start, [None, ""])
            if person != now:
                changed += 1
                print(
                    f"{changed}. {Path(path).parent.name}/{Path(path).name} [{start}] old={person} new={now}"
                )
                print(f"     {context}")
    print(f"changed {changed} of {sum(len(p) for p in before.values())} pronouns")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("data", type=Path)
    d.add_argument("--n", type=int, default=150)
    d.add_argument("--seed", type=int, default=71)
    d.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.data, args.n, args.seed, args.out)
    else:
        compare(args.old, args.new)


if __name__ == "__main__":
    main()
