"""The learned attribution rule: a model file, the rule it adds, the model shipped with onrecord, and
training on PolNeAR train.

The rule's behaviour is tested with tiny models written here by hand; the shipped model is checked for
what it holds and that reading needs nothing outside the package; rebuilding it and the dev figures
need ../shared (skipped without it, failing under CI=true) and scikit-learn (the ``learn`` extra).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import onrecord
from conftest import shared_path
from onrecord import ALL_CUE_CLASSES, read
from onrecord.attribution.rules.learned import FORMAT, ClauseModel, candidates
from onrecord.evaluation.polnear import evaluate
from onrecord.nlp import DEFAULT_MODEL

PUB = "2024-03-14"
TEXT = "Councilwoman Ana Ruiz reserved her sharpest words for the toll plan on Tuesday."

#: PolNeAR dev with the shipped model, trained on PolNeAR train by the code as committed
#: (docs/BENCHMARKS.md, "Thirty-second session: parties, police forces and offices named before their
#: holders", its retrain); the suite keeps each figure within 0.02.
RECORDED_WITH_MODEL = {
    "all_f1_03": 0.7946,
    "speech_writing_f1_03": 0.8896,
    "speaker_accuracy": 0.9317,
    "char_f1": 0.8505,
}


def tiny(tmp_path: Path, threshold: float = 0.5) -> Path:
    """A model that trusts one word with a direct object, and nothing else."""
    path = tmp_path / "tiny.json"
    ClauseModel(weights={"lemma_dep=reserve_dobj": 6.0}, bias=-3.0, threshold=threshold).save(path)
    return path


def test_a_model_adds_the_learned_rule_and_only_with_every_cue_class(tmp_path: Path) -> None:
    assert read(TEXT, published=PUB, cue_classes=ALL_CUE_CLASSES, model=None).statements == []
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


def test_candidates_mark_subjects_the_lists_do_not_know_and_skip_quotes() -> None:
    from onrecord import nlp

    pipeline = nlp.load(ALL_CUE_CLASSES, None)
    doc = pipeline(
        nlp.make_doc(
            pipeline, 'The bill reserved funds for roads. "We reserved rooms for you," she said.', None, None
        )
    )
    # "the bill" is offered to the model, marked unknown; nothing inside the quotation is
    found = [(doc[c.cue].text, c.features["subj_unknown"]) for c in candidates(doc)]
    assert found and {cue for cue, _ in found} == {"reserved"} and all(u == 1.0 for _, u in found)
    assert all(c.cue < 6 for c in candidates(doc))


def _candidates(text: str) -> list[tuple[str, str, str | None]]:
    from onrecord import nlp

    pipeline = nlp.load(ALL_CUE_CLASSES, None)
    doc = pipeline(nlp.make_doc(pipeline, text, None, None))
    return [
        (
            doc[c.cue].text,
            doc[c.content[0] : c.content[1]].text,
            None if c.speaker is None else doc[c.speaker[0] : c.speaker[1]].text,
        )
        for c in candidates(doc)
    ]


def test_a_passive_offers_its_subject_as_content_and_its_agent_as_source() -> None:
    found = _candidates("The toll plan was criticized by Councilwoman Ana Ruiz on Tuesday.")
    assert ("criticized", "The toll plan", "Councilwoman Ana Ruiz") in found
    found = _candidates("The toll plan was criticized on Tuesday.")
    assert ("criticized", "The toll plan", None) in found


def test_a_participle_speaks_for_the_noun_it_hangs_on() -> None:
    found = _candidates("Ana Sol cited a statement saying that the bridge will open in May.")
    assert ("saying", "that the bridge will open in May", "a statement") in found
    # a document its source puts out speaks for that source, as PolNeAR marks it
    found = _candidates("The council released a statement saying that the bridge will open in May.")
    assert ("saying", "that the bridge will open in May", "The council") in found


def test_the_statement_view_is_stricter_than_every_cue_class(tmp_path: Path) -> None:
    from onrecord.attribution.rules.learned import STRICT_THRESHOLD, LearnedRule

    path = tmp_path / "passive.json"
    ClauseModel(weights={"p_lemma=announce": 2.0}, bias=-1.0, threshold=0.3).save(path)
    text = "Job cuts were announced on Tuesday. The cuts were announced by Mayor Lena Ortiz."
    every = read(text, published=PUB, cue_classes=ALL_CUE_CLASSES, model=path).statements
    assert [(s.content_text, s.speaker and s.speaker.text) for s in every] == [
        ("Job cuts", None),
        ("The cuts", "Lena Ortiz"),
    ]
    # speech and writing only: a passive needs its agent, and the threshold is at least STRICT_THRESHOLD
    ledger = read(text, published=PUB, model=path).statements
    assert [(s.content_text, s.speaker and s.speaker.text) for s in ledger] == [("The cuts", "Lena Ortiz")]
    model = ClauseModel.load(path)
    assert (
        LearnedRule(model, strict=True).threshold == STRICT_THRESHOLD and LearnedRule(model).threshold == 0.3
    )


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
    with pytest.raises(ValueError, match="either nlp or"):
        read(TEXT, published=PUB, nlp=nlp.load(), model=None)


# ------------------------------------------------------------------------------- the shipped model

#: A feature name: a template name, "=", and one value without spaces (a lemma, a tag, a label).
_FEATURE = re.compile(r"^[a-z_]+(=[^\s]{0,60})?$")


def test_the_shipped_model_is_package_data_with_its_provenance_and_no_article_text() -> None:
    package = Path(onrecord.__file__).resolve().parent
    assert DEFAULT_MODEL.is_relative_to(package / "data")  # pyproject ships data/* with the package
    payload = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))
    assert payload["format"] == FORMAT and payload["trained_on"] == "polnear/train"
    provenance = payload["provenance"]
    assert "Newell, Margolin and Ruths" in provenance["data"] and "LREC 2018" in provenance["data"]
    assert provenance["command"].startswith("onrecord train attribution")
    assert provenance["code"] == f"onrecord {onrecord.__version__}"
    # weights over single-word feature values only: nothing an article's sentence could hide in
    assert payload["weights"] and all(_FEATURE.match(name) for name in payload["weights"])
    # the boundary model ("boundaries" rule) likewise: weights over tags, labels and function words
    assert payload["boundary"]["weights"] and all(
        _FEATURE.match(name) for name in payload["boundary"]["weights"]
    )
    assert set(payload) == {"format", "trained_on", "provenance", "threshold", "bias", "weights", "boundary"}


def test_read_uses_the_shipped_model_by_default_and_none_turns_it_off() -> None:
    from onrecord import nlp

    def learned(pipeline: object) -> bool:
        component = pipeline.get_pipe("onrecord_attribution")  # type: ignore[attr-defined]
        return any(rule.name == "learned" for rule in component.rules)

    assert learned(nlp.load()) and learned(nlp.load(ALL_CUE_CLASSES))
    assert not learned(nlp.load(None, None))
    assert nlp.load() is nlp.load(None, str(DEFAULT_MODEL))  # one pipeline however the file is named


def test_the_read_command_uses_the_shipped_model_unless_no_model(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from onrecord.cli import app

    text = "Councilwoman Ana Ruiz hinted that the toll will rise."  # "hinted" is in no word list
    runner = CliRunner()

    def rules(*options: str) -> list[str]:
        result = runner.invoke(app, ["read", "-", "--cues", "all", "-f", "json", *options], input=text)
        assert result.exit_code == 0, result.stderr
        return [s["rule"] for s in json.loads(result.stdout)["statements"]]

    assert rules() == ["learned"]
    assert rules("--no-model") == []
    assert rules("--model", str(tiny(tmp_path))) == []  # another model, which knows only "reserve"
    both = runner.invoke(app, ["read", "-", "--no-model", "--model", str(tiny(tmp_path))], input=text)
    assert both.exit_code == 2 and "not both" in both.stderr


def test_read_loads_the_shipped_model_with_no_shared_folder_in_reach(tmp_path: Path) -> None:
    """A fresh interpreter in an empty folder, with only the package importable: the default model
    resolves inside the package, so a reader without ../shared gets it."""
    script = (
        "import onrecord, onrecord.nlp as n; from onrecord import read\n"
        "r = read('Mayor Ana Ruiz said on Monday that the bridge will reopen.', published='2024-03-14')\n"
        "comp = n.load().get_pipe('onrecord_attribution')\n"
        "print(sum(x.name == 'learned' for x in comp.rules), r.statements[0].speaker.text)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(onrecord.__file__).resolve().parents[1])}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["1", "Ana", "Ruiz"]


@pytest.mark.shared
def test_training_reads_the_features_the_rule_sees_at_reading_time() -> None:
    # speaker resolution, after the attribution step, makes "the announcer" Rosa Tamm; the learned
    # rule runs before it and sees no person there, so training must not either
    from onrecord.evaluation import training
    from onrecord.evaluation.polnear import PolnearArticle

    text = "Rosa Tamm reads the evening news. As a phone rang, the announcer said the harbour would close."
    article = PolnearArticle(name="t", path=Path("t.txt"), text=text, annotator="a", attributions=[])
    (r,) = training._read([article], None)
    announcer = next(t for t in r.doc if t.text == "announcer")
    said = next(t for t in r.doc if t.text == "said")
    assert announcer._.person is not None  # the finished Doc
    assert [c.features["subj_person"] for c in r.cands if c.cue == said.i] == [0.0]
    with training._as_the_rule_reads(r) as doc:
        assert doc[announcer.i]._.person is None
    assert announcer._.person is not None  # and back


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


@pytest.fixture(scope="module")
def trained_on_train() -> ClauseModel:
    """One full training run on PolNeAR train (minutes), shared by the tests that need it."""
    pytest.importorskip("sklearn", reason='training needs the learn extra: pip install -e ".[learn]"')
    from onrecord.evaluation.training import train_attribution

    model, _ = train_attribution(shared_path("data", "polnear", "train"))
    return model


@pytest.mark.shared
def test_the_shipped_model_is_what_training_on_train_writes(trained_on_train: ClauseModel) -> None:
    """Bit for bit: `onrecord train attribution ../shared/data/polnear --out X.json` gives the shipped
    file. When the features, the rules or the parser change, retrain and commit the new file."""
    assert trained_on_train.dumps() == DEFAULT_MODEL.read_text(encoding="utf-8"), (
        "the shipped model is stale: run `onrecord train attribution ../shared/data/polnear "
        f"--out {DEFAULT_MODEL}` and commit it with the new dev figures"
    )


@pytest.mark.shared
def test_dev_figures_with_the_shipped_model_hold() -> None:
    score = evaluate(shared_path("data", "polnear", "dev")).to_dict()
    measured = {
        "all_f1_03": score["overall"]["0.3"]["f1"],
        "speech_writing_f1_03": score["speech+writing"]["0.3"]["f1"],
        "speaker_accuracy": score["overall"]["0.3"]["speaker_accuracy_span"],
        "char_f1": score["overall"]["chars"]["f1"],
    }
    fallen = {k: (measured[k], v) for k, v in RECORDED_WITH_MODEL.items() if measured[k] < v - 0.02}
    assert not fallen, f"fell more than 0.02 below the record (measured, recorded): {fallen}"


def test_training_picks_the_threshold_with_the_most_right_speakers() -> None:
    from onrecord.evaluation.training import choose_threshold

    def fig(f1: float, speaker: float) -> dict[str, float]:
        return {"f1": f1, "speaker_accuracy": speaker, "strict_f1": f1 * speaker}

    # 0.15 finds the most, but one match in eight has the wrong speaker; 0.30 finds fewer, nearly all
    # with the right one; 0.45 finds too few
    figures = {0.15: fig(0.78, 0.88), 0.30: fig(0.77, 0.92), 0.45: fig(0.70, 0.95)}
    assert choose_threshold(figures) == 0.30
    # equal figures: the lower threshold, which the grid lists first
    assert choose_threshold({0.2: fig(0.7, 0.9), 0.25: fig(0.7, 0.9)}) == 0.2
