"""The learned attribution rule: a model file, the rule it adds, and training on PolNeAR train.

The rule's behaviour is tested with tiny models written here by hand; training and the dev figures
need ../shared (skipped without it, failing under CI=true) and scikit-learn (the ``learn`` extra).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_path
from onrecord import ALL_CUE_CLASSES, read
from onrecord.attribution.rules.learned import FORMAT, ClauseModel, candidates
from onrecord.evaluation.polnear import evaluate

PUB = "2024-03-14"
TEXT = "Councilwoman Ana Ruiz reserved her sharpest words for the toll plan on Tuesday."

#: PolNeAR dev with a model trained on PolNeAR train by the code as committed (docs/BENCHMARKS.md,
#: "Attribution on PolNeAR dev"); the suite keeps each figure within 0.02.
RECORDED_WITH_MODEL = {
    "all_f1_03": 0.754,
    "speech_writing_f1_03": 0.873,
    "speaker_accuracy": 0.922,
    "char_f1": 0.824,
}


def tiny(tmp_path: Path, threshold: float = 0.5) -> Path:
    """A model that trusts one word with a direct object, and nothing else."""
    path = tmp_path / "tiny.json"
    ClauseModel(weights={"lemma_dep=reserve_dobj": 6.0}, bias=-3.0, threshold=threshold).save(path)
    return path


def test_a_model_adds_the_learned_rule_and_only_with_every_cue_class(tmp_path: Path) -> None:
    assert read(TEXT, published=PUB, cue_classes=ALL_CUE_CLASSES).statements == []
    found = read(TEXT, published=PUB, cue_classes=ALL_CUE_CLASSES, model=tiny(tmp_path)).statements
    assert [(s.rule, s.cue_class, s.cue.text, s.content_text, s.speaker.text) for s in found] == [
        ("learned", "other", "reserved", "her sharpest words for the toll plan", "Ana Ruiz")
    ]
    assert (
        read(TEXT, published=PUB, model=tiny(tmp_path)).statements == []
    )  # "other" is not in the default view


def test_the_threshold_decides(tmp_path: Path) -> None:
    assert read(TEXT, published=PUB, cue_classes=ALL_CUE_CLASSES, model=tiny(tmp_path, 0.99)).statements == []


def test_the_learned_rule_never_takes_what_a_hand_rule_took(tmp_path: Path) -> None:
    text = "Mayor Lena Ortiz said that the council reserved its budget for the bridge."
    found = read(text, published=PUB, cue_classes=ALL_CUE_CLASSES, model=tiny(tmp_path)).statements
    assert [s.rule for s in found] == ["reported"]


def test_candidates_skip_subjects_that_cannot_speak_and_quotes() -> None:
    from onrecord import nlp

    pipeline = nlp.load(ALL_CUE_CLASSES)
    doc = pipeline(
        nlp.make_doc(
            pipeline, 'The bill reserved funds for roads. "We reserved rooms for you," she said.', None, None
        )
    )
    assert [doc[c.cue].text for c in candidates(doc)] == []


def test_a_model_file_round_trips_and_a_foreign_file_is_refused(tmp_path: Path) -> None:
    path = tiny(tmp_path)
    assert json.loads(path.read_text())["format"] == FORMAT
    assert ClauseModel.load(path).weights == {"lemma_dep=reserve_dobj": 6.0}
    other = tmp_path / "other.json"
    other.write_text('{"weights": {}}')
    with pytest.raises(ValueError, match="not an onrecord attribution model"):
        ClauseModel.load(other)
    with pytest.raises(ValueError, match="onrecord train attribution"):
        read(TEXT, published=PUB, model=tmp_path / "missing.json")


def test_nlp_and_settings_together_are_refused(tmp_path: Path) -> None:
    from onrecord import nlp

    with pytest.raises(ValueError, match="either nlp or"):
        read(TEXT, published=PUB, nlp=nlp.load(), model=tiny(tmp_path))


@pytest.mark.shared
def test_training_on_a_few_train_articles_writes_a_usable_model(tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason='training needs the learn extra: pip install -e ".[learn]"')
    from onrecord.evaluation.training import THRESHOLDS, train_attribution

    model, report = train_attribution(shared_path("data", "polnear", "train"), limit=10)
    assert report.articles == 10 and 0 < report.positives < report.candidates
    assert report.threshold in THRESHOLDS and set(report.holdout) == set(THRESHOLDS)
    assert model.weights and all(isinstance(w, float) for w in model.weights.values())
    path = tmp_path / "m.json"
    model.save(path)
    assert ClauseModel.load(path).threshold == model.threshold


@pytest.mark.shared
def test_dev_figures_with_a_model_trained_on_train_hold(tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason='training needs the learn extra: pip install -e ".[learn]"')
    from onrecord.evaluation.training import train_attribution

    model, _ = train_attribution(shared_path("data", "polnear", "train"))
    path = tmp_path / "polnear-train.json"
    model.save(path)
    score = evaluate(shared_path("data", "polnear", "dev"), model=str(path)).to_dict()
    measured = {
        "all_f1_03": score["overall"]["0.3"]["f1"],
        "speech_writing_f1_03": score["speech+writing"]["0.3"]["f1"],
        "speaker_accuracy": score["overall"]["0.3"]["speaker_accuracy_span"],
        "char_f1": score["overall"]["chars"]["f1"],
    }
    fallen = {k: (measured[k], v) for k, v in RECORDED_WITH_MODEL.items() if measured[k] < v - 0.02}
    assert not fallen, f"fell more than 0.02 below the record (measured, recorded): {fallen}"
