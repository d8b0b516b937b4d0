"""The judge on the hand-written pairs of tests/data/judge_pairs.jsonl (issue 15): a paraphrase, with or
without a negation, is never judged Inconsistent, and at least 3 in 4 clear reversals are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.contradictions import judge

PAIRS = Path(__file__).parent / "data" / "judge_pairs.jsonl"


@pytest.fixture(scope="module")
def verdicts() -> list[tuple[dict[str, str], judge.Judgement]]:
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(zip(rows, judge.judge_many([(r["a"], r["b"]) for r in rows]), strict=True))


def test_the_set_is_as_described(verdicts: list[tuple[dict[str, str], judge.Judgement]]) -> None:
    labels = [row["label"] for row, _ in verdicts]
    assert len(labels) >= 40
    assert labels.count("consistent") >= 15 and labels.count("reversal") >= 15
    assert labels.count("unrelated") >= 10


def test_no_paraphrase_is_judged_inconsistent(verdicts: list[tuple[dict[str, str], judge.Judgement]]) -> None:
    wrong = [
        (r["a"], r["b"], v.explanation)
        for r, v in verdicts
        if r["label"] == "consistent" and v.label_3 == "Inconsistent"
    ]
    assert wrong == []


def test_three_in_four_reversals_are_judged_inconsistent(
    verdicts: list[tuple[dict[str, str], judge.Judgement]],
) -> None:
    reversals = [v for r, v in verdicts if r["label"] == "reversal"]
    found = sum(v.label_3 == "Inconsistent" for v in reversals)
    assert found >= 0.75 * len(reversals)
    # And they are found as a proposition held both ways, not from a shared word alone.
    named = [v for v in reversals if v.label_3 == "Inconsistent" and v.label_5 == "Surface contradiction"]
    assert len(named) >= 0.75 * len(reversals)
