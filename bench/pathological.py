"""Inputs that once cost quadratic time, read at two sizes: the ratio of times says linear (about 4 for
4 times the text) or not (16). Issue 14, item 5.

    .venv/bin/python bench/pathological.py            # sizes 2,000 and 8,000 repetitions
"""

from __future__ import annotations

import argparse
import contextlib
import time

from onrecord import read
from onrecord.errors import InputError

SHAPES = {
    "quotation marks": '"',
    "curly open marks": "“",
    "commas": ",",
    "quote per line": '"\n',
    "nested reports": 'He said "x ',
    "reported chain": "Smith said that Jones said that ",
    "speaker labels": 'Ann: "',
    "one word": "a",
}


def seconds(text: str) -> float:
    started = time.perf_counter()
    with contextlib.suppress(InputError):  # a refusal is an answer too, and is timed
        read(text)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--factor", type=int, default=4)
    args = parser.parse_args()
    read("Warm up: Ana Ruiz said the plan works.")
    header = f"{'shape':<18} {'small s':>8} {'large s':>8} {'ratio':>6}"
    print(f"{header}  (text x{args.factor}: linear is about {args.factor})")
    for name, unit in SHAPES.items():
        small = seconds(unit * args.small)
        large = seconds(unit * args.small * args.factor)
        print(f"{name:<18} {small:8.2f} {large:8.2f} {large / small:6.1f}", flush=True)


if __name__ == "__main__":
    main()
