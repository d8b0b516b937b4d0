"""Benchmark the date normalizer against dateparser alone on TempEval-3 platinum DATE expressions.

Every TIMEX3 of type DATE (other than the document creation time) is normalized from its gold text with the
document's creation time (DCT) as anchor, and the resulting value is compared with the gold TIMEX3 value by
exact string match. Both systems run on the same spans in the same process, so the ratio between them is
measured, not quoted. Gold values that neither system can produce (durations mislabelled as DATE, "XXXX"
underspecified values) stay in the total: the figure is accuracy over all gold DATE expressions.

dateparser alone is ``DateDataParser(languages=["en"], settings={"RELATIVE_BASE": DCT,
"PREFER_DATES_FROM": "past"})`` (the machinery behind ``dateparser.parse``, which also reports the
granularity it understood), its date written at that granularity: "2013", "2013-03", "2013-W12" or
"2013-03-22".

Usage: .venv/bin/python bench/dates.py [--data DIR] [--verbose] [--json PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from onrecord.timing.normalize import normalize  # noqa: E402

DEFAULT_DATA = Path(os.environ.get("ONRECORD_SHARED", REPO.parent / "shared")) / "data" / "tempeval3-platinum"


@dataclass(frozen=True)
class Example:
    """One gold DATE expression: its text, gold value and the anchor (the document's DCT)."""

    doc: str
    tid: str
    text: str
    gold: str
    anchor: dt.date


def load_examples(data_dir: Path) -> list[Example]:
    """Every non-DCT TIMEX3 of type DATE in the ``*.tml`` files of ``data_dir``, in document order."""
    examples: list[Example] = []
    files = sorted(data_dir.glob("*.tml"))
    if not files:
        raise FileNotFoundError(f"no .tml files in {data_dir}")
    for path in files:
        root = ET.parse(path).getroot()
        timexes = list(root.iter("TIMEX3"))
        dct = next(t for t in timexes if t.get("functionInDocument") == "CREATION_TIME")
        anchor = dt.date.fromisoformat((dct.get("value") or "")[:10])
        for timex in timexes:
            if timex is dct or timex.get("type") != "DATE":
                continue
            text = " ".join("".join(timex.itertext()).split())
            examples.append(
                Example(path.stem, timex.get("tid") or "", text, timex.get("value") or "", anchor)
            )
    return examples


def onrecord_value(example: Example) -> str | None:
    result = normalize(example.text, example.anchor)
    return None if result is None else result.value


@lru_cache(maxsize=64)
def _dateparser_for(anchor: dt.date) -> Any:
    """One parser per anchor, as a caller would keep one per article (construction is not what we time)."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": dt.datetime.combine(anchor, dt.time()), "PREFER_DATES_FROM": "past"},
    )


def dateparser_value(example: Example) -> str | None:
    """dateparser alone: its date at the granularity it reports (time-of-day counts as a day)."""
    data = _dateparser_for(example.anchor).get_date_data(example.text)
    if data.date_obj is None:
        return None
    found = data.date_obj.date()
    if data.period == "year":
        return f"{found.year:04d}"
    if data.period == "month":
        return f"{found.year:04d}-{found.month:02d}"
    if data.period == "week":
        iso = found.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    return found.isoformat()


def run_system(
    examples: Sequence[Example], system: Callable[[Example], str | None]
) -> tuple[list[str | None], float]:
    """Values for every example, and the mean wall time per expression in microseconds."""
    started = time.perf_counter()
    values = [system(e) for e in examples]
    elapsed = time.perf_counter() - started
    return values, elapsed / max(len(examples), 1) * 1e6


def evaluate(data_dir: Path, *, with_dateparser: bool = True) -> dict[str, Any]:
    """Run both systems over the data set; returns totals, accuracies and per-example values."""
    examples = load_examples(data_dir)
    # Warm both up (dateparser's import and language data load once) so the timings are per expression.
    normalize("May 27, 2016", dt.date(2000, 1, 1))
    if with_dateparser:
        dateparser_value(Example("warm-up", "", "May 27, 2016", "", dt.date(2000, 1, 1)))
    ours, ours_us = run_system(examples, onrecord_value)
    theirs, theirs_us = (
        run_system(examples, dateparser_value) if with_dateparser else ([None] * len(examples), 0.0)
    )
    total = len(examples)
    ours_ok = sum(v == e.gold for v, e in zip(ours, examples, strict=True))
    theirs_ok = sum(v == e.gold for v, e in zip(theirs, examples, strict=True))
    return {
        "data": str(data_dir),
        "documents": len({e.doc for e in examples}),
        "total": total,
        "onrecord": {"exact": ours_ok, "accuracy": ours_ok / total, "mean_us": ours_us},
        "dateparser": {"exact": theirs_ok, "accuracy": theirs_ok / total, "mean_us": theirs_us},
        "ratio": (ours_ok / theirs_ok) if theirs_ok else None,
        "examples": [
            {**asdict(e), "anchor": e.anchor.isoformat(), "onrecord": o, "dateparser": d}
            for e, o, d in zip(examples, ours, theirs, strict=True)
        ],
    }


def report(results: dict[str, Any], *, verbose: bool) -> str:
    lines = [
        f"Date normalization, TempEval-3 platinum: {results['documents']} documents, "
        f"{results['total']} DATE TIMEX3 (anchor = DCT, exact value match)",
        "",
        f"{'system':<18}{'exact':>7}{'total':>7}{'accuracy':>10}{'us/expr':>10}",
    ]
    for name, key in (("onrecord", "onrecord"), ("dateparser alone", "dateparser")):
        row = results[key]
        lines.append(
            f"{name:<18}{row['exact']:>7}{results['total']:>7}{row['accuracy']:>10.3f}{row['mean_us']:>10.0f}"
        )
    ratio = results["ratio"]
    lines.append("")
    lines.append(f"ratio onrecord / dateparser (exact matches): {ratio:.2f}" if ratio else "ratio: n/a")
    if verbose:
        lines += [
            "",
            "misses (onrecord):",
            f"  {'document':<34}{'text':<22}{'gold':<13}{'onrecord':<13}dateparser",
        ]
        for ex in results["examples"]:
            if ex["onrecord"] != ex["gold"]:
                doc, text, gold, ours = ex["doc"], ex["text"], ex["gold"], str(ex["onrecord"])
                lines.append(f"  {doc:<34}{text:<22}{gold:<13}{ours:<13}{ex['dateparser']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of TempEval-3 .tml files")
    parser.add_argument("--verbose", action="store_true", help="list every expression onrecord gets wrong")
    parser.add_argument("--json", type=Path, help="also write the results (with per-example values) here")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"data folder not found: {args.data}", file=sys.stderr)
        return 2
    results = evaluate(args.data)
    print(report(results, verbose=args.verbose))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
