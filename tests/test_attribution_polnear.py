"""PolNeAR dev figures may not fall more than 0.02 below what docs/BENCHMARKS.md records."""

from __future__ import annotations

from conftest import shared_path
from onrecord.evaluation.polnear import evaluate

# Recorded in docs/BENCHMARKS.md ("Attribution on PolNeAR dev").
RECORDED = {
    "all_f1_03": 0.712,
    "speech_writing_f1_03": 0.861,
    "speaker_accuracy": 0.932,
    "char_f1": 0.802,
}
SLACK = 0.02


def test_dev_figures_hold() -> None:
    split = shared_path("data", "polnear", "dev")
    score = evaluate(split).to_dict()
    measured = {
        "all_f1_03": score["overall"]["0.3"]["f1"],
        "speech_writing_f1_03": score["speech+writing"]["0.3"]["f1"],
        "speaker_accuracy": score["overall"]["0.3"]["speaker_accuracy_span"],
        "char_f1": score["overall"]["chars"]["f1"],
    }
    fallen = {k: (measured[k], v) for k, v in RECORDED.items() if measured[k] < v - SLACK}
    assert not fallen, f"fell more than {SLACK} below the record (measured, recorded): {fallen}"
